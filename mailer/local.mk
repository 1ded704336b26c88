# mailer/: burenhulp-mailer, the program that sends the outbox over SMTP
# (libcurl) and runs the digest and follow-ups. Not a FastCGI handler: it
# links lib/ like one, plus libcurl. Included by Makefile.am.
# Installed in libexec/burenhulp, started by burenhulp-mailer.service.
pkglibexec_PROGRAMS += mailer/burenhulp-mailer
mailer_burenhulp_mailer_SOURCES = \
	mailer/main.c mailer/mailer.h mailer/stmts.c \
	mailer/send.c mailer/digest.c mailer/followups.c mailer/checkins.c \
	mailer/smtp.c mailer/smtp.h mailer/mime.c mailer/mime.h \
	mailer/render.c mailer/render.h mailer/vog.c \
	mailer/caregiver_check.c mailer/vacancy_alerts.c mailer/circles.c
mailer_burenhulp_mailer_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
mailer_burenhulp_mailer_LDADD = $(BH_LIBS) $(CURL_LIBS)
