# handlers/accounts: registration, sessions, profile, reset, GDPR, users.
pkglibexec_PROGRAMS += handlers/accounts/burenhulp-accounts
handlers_accounts_burenhulp_accounts_SOURCES = \
	handlers/accounts/main.c handlers/accounts/accounts.h \
	handlers/accounts/stmts.c handlers/accounts/user.c \
	handlers/accounts/register.c handlers/accounts/session.c \
	handlers/accounts/me.c handlers/accounts/gdpr.c \
	handlers/accounts/reset.c handlers/accounts/users.c \
	handlers/accounts/gdpr_requests.c \
	handlers/accounts/gdpr_matches.c \
	handlers/accounts/gdpr_offers.c \
	handlers/accounts/gdpr_reports.c handlers/accounts/gdpr_circles.c \
	handlers/accounts/gdpr_organisations.c \
	handlers/accounts/notifications.c handlers/accounts/alerts.c \
	handlers/accounts/verify.c handlers/accounts/gdpr_notifications.c \
	handlers/accounts/mfa.c handlers/accounts/mfa.h \
	handlers/accounts/totp.c handlers/accounts/totp.h \
	handlers/accounts/qr.c handlers/accounts/qr.h \
	handlers/accounts/sessions_list.c \
	handlers/accounts/caregiver_check.c handlers/accounts/gdpr_checkins.c \
	handlers/accounts/talents.c \
	handlers/accounts/vog.c \
	handlers/offers/render.c handlers/offers/render.h \
	handlers/requests/render.c handlers/requests/render.h
handlers_accounts_burenhulp_accounts_CFLAGS = $(AM_CFLAGS) $(OATH_CFLAGS) $(QRENCODE_CFLAGS)
handlers_accounts_burenhulp_accounts_LDADD = $(BH_LIBS) $(OATH_LIBS) $(QRENCODE_LIBS)
