# handlers/requests: help requests (post, find near a postcode, moderate,
# the sealed private part). render.c is also linked into the accounts
# handler for the GDPR export.
pkglibexec_PROGRAMS += handlers/requests/burenhulp-requests
handlers_requests_burenhulp_requests_SOURCES = \
	handlers/requests/main.c handlers/requests/requests.h \
	handlers/requests/stmts.c handlers/requests/render.c \
	handlers/requests/render.h handlers/requests/view.c \
	handlers/requests/list.c handlers/requests/write.c \
	handlers/requests/review.c handlers/requests/public.c \
	handlers/requests/check.c \
	handlers/requests/recurrence.c handlers/requests/lang.c \
	handlers/requests/consent.c handlers/requests/caseload.c handlers/requests/circles.c
handlers_requests_burenhulp_requests_LDADD = $(BH_LIBS)
