/*
 * main.c — the requests handler: help requests, posted by residents,
 * caregivers and professionals, found by anyone near a postcode, moderated
 * before (or after) they go public, with a private part that is sealed at
 * rest and shown only to whom lib/auth.c allows.
 *
 * Read the route table as the table of contents; each action lives in the
 * file named after its group (list.c, view.c, write.c, review.c). Everything
 * before the action (method, content type, session, CSRF, role, field
 * validation) is done by lib/server.c.
 */
#include <string.h>

#include "auth.h"
#include "config.h"
#include "log.h"
#include "requests.h"
#include "server.h"
#include "words.h"

struct requests_settings requests_settings = { false, 30, 7 };

static const char *const decisions[] = { "approve", "reject", "hide", NULL };

static const struct field when_fields[] = {
	{ "start",		F_TIME,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "end",		F_TIME,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const char *const audiences[] = { "public", "circle", NULL };

/* telephone: taken by the desk on the phone (issue 18 part 4). */
static const char *const consent_hows[] = { "verbal", "written", "self_present", "telephone", NULL };

/* How the person cared for agreed (issue 17): required with on_behalf_of. */
static const struct field consent_fields[] = {
	{ "how",		F_ENUM,		FIELD_REQUIRED, 0, 0, consent_hows, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field behalf_fields[] = {
	{ "first_name",		F_STRING,	FIELD_REQUIRED, 1, 60, NULL, NULL },
	{ "consent",		F_OBJECT,	FIELD_REQUIRED, 0, 0, NULL, consent_fields },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* Each may be null: none (POST) or clear it (PATCH). */
static const struct field private_fields[] = {
	{ "care_situation",	F_TEXT,		FIELD_NULLABLE, 1, 2000, NULL, NULL },
	{ "address",		F_TEXT,		FIELD_NULLABLE, 1, 300, NULL, NULL },
	{ "phone",		F_STRING,	FIELD_NULLABLE, 1, 40, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field create_fields[] = {
	{ "title",		F_STRING,	FIELD_REQUIRED, 1, 120, NULL, NULL },
	{ "description",	F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ "category",		F_STRING,	FIELD_REQUIRED, 1, 32, NULL, NULL },
	{ "postcode",		F_POSTCODE,	FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "when",		F_OBJECT,	0, 0, 0, NULL, when_fields },
	{ "on_behalf_of",	F_OBJECT,	0, 0, 0, NULL, behalf_fields },
	{ "private",		F_OBJECT,	0, 0, 0, NULL, private_fields },
	{ "recurrence",		F_ENUM,		FIELD_NULLABLE, 0, 0, requests_recurrences, NULL },
	{ "needs_vog",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ "lang",		F_ENUM,		0, 0, 0, requests_langs, NULL },
	/* The circle first (issue 18 part 3): who sees it, and until when
	 * only the circle (a time, or hours from now; default 48 hours). */
	{ "audience",		F_ENUM,		0, 0, 0, audiences, NULL },
	{ "circle_id",		F_ID,		0, 0, 0, NULL, NULL },
	{ "circle_until",	F_TIME,		0, 0, 0, NULL, NULL },
	{ "circle_hours",	F_INT,		0, 1, 720, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* The same fields, all optional; null clears when, on_behalf_of, private. */
static const struct field patch_fields[] = {
	{ "title",		F_STRING,	0, 1, 120, NULL, NULL },
	{ "description",	F_TEXT,		0, 1, 4000, NULL, NULL },
	{ "category",		F_STRING,	0, 1, 32, NULL, NULL },
	{ "postcode",		F_POSTCODE,	0, 0, 0, NULL, NULL },
	{ "when",		F_OBJECT,	FIELD_NULLABLE, 0, 0, NULL, when_fields },
	{ "on_behalf_of",	F_OBJECT,	FIELD_NULLABLE, 0, 0, NULL, behalf_fields },
	{ "private",		F_OBJECT,	FIELD_NULLABLE, 0, 0, NULL, private_fields },
	{ "recurrence",		F_ENUM,		FIELD_NULLABLE, 0, 0, requests_recurrences, NULL },
	{ "needs_vog",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ "lang",		F_ENUM,		0, 0, 0, requests_langs, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field revoke_fields[] = {
	{ "reason",		F_TEXT,		FIELD_NULLABLE, 1, 500, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* POST /requests/check: the public text of a request about to be posted
 * (or of an offer: its form asks too), checked for words (check.c). */
static const struct field check_fields[] = {
	{ "title",		F_STRING,	FIELD_REQUIRED, 1, 120, NULL, NULL },
	{ "description",	F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ "category",		F_STRING,	FIELD_NULLABLE, 1, 32, NULL, NULL },
	{ "postcode",		F_POSTCODE,	FIELD_NULLABLE, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* POST /circles (issue 18 part 3): the first name of the person cared for. */
static const struct field circle_fields[] = {
	{ "first_name",		F_STRING,	FIELD_REQUIRED, 1, 60, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field invitation_fields[] = {
	{ "email",		F_EMAIL,	FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field accept_fields[] = {
	{ "token",		F_STRING,	FIELD_REQUIRED, 1, 100, NULL, NULL },
	{ "circle_id",		F_ID,		0, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field review_fields[] = {
	{ "decision",		F_ENUM,		FIELD_REQUIRED, 0, 0, decisions, NULL },
	{ "reason",		F_TEXT,		FIELD_NULLABLE, 1, 500, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

#define POSTERS		(ROLE_RESIDENT | ROLE_CAREGIVER | ROLE_PROFESSIONAL)

static const struct route routes[] = {
	/* method  path                               action           access          roles             body fields     flags */
	{ "GET",   "/api/v1/requests",                requests_list,   ACCESS_ANYONE,  0,                NULL,           0 },
	{ "POST",  "/api/v1/requests",                requests_create, ACCESS_SESSION, POSTERS,          create_fields,  0 },
	{ "POST",  "/api/v1/requests/check",          requests_check,  ACCESS_SESSION, 0,                check_fields,   0 },
	{ "GET",   "/api/v1/requests/{id}",           requests_get,    ACCESS_ANYONE,  0,                NULL,           0 },
	{ "PATCH", "/api/v1/requests/{id}",           requests_patch,  ACCESS_SESSION, 0,                patch_fields,   0 },
	{ "POST",  "/api/v1/requests/{id}/cancel",    requests_cancel, ACCESS_SESSION, 0,                NULL,           0 },
	{ "POST",  "/api/v1/requests/{id}/review",    requests_review, ACCESS_SESSION, ROLE__MODERATION, review_fields,  0 },
	{ "GET",   "/api/v1/me/requests",             requests_own,    ACCESS_SESSION, 0,                NULL,           0 },
	{ "POST",  "/api/v1/requests/{id}/consent/revoke", requests_consent_revoke, ACCESS_SESSION, 0,    revoke_fields,  0 },
	/* the desk (caseload.c, issue 18 part 4) */
	{ "GET",   "/api/v1/me/caseload",             requests_caseload, ACCESS_SESSION, 0,              NULL,           0 },
	{ "GET",   "/api/v1/requests/{id}/letter",    requests_letter, ACCESS_SESSION, 0,                NULL,           0 },
	{ "POST",  "/api/v1/requests/{id}/publish",   requests_publish, ACCESS_SESSION, 0,               NULL,           0 },
	/* the circle around a person (circles.c) */
	{ "GET",   "/api/v1/circles",                 circles_mine,    ACCESS_SESSION, 0,                NULL,           0 },
	{ "POST",  "/api/v1/circles",                 circles_create,  ACCESS_SESSION, 0,                circle_fields,  0 },
	{ "POST",  "/api/v1/circles/invitations/accept", circles_accept, ACCESS_SESSION, 0,              accept_fields,  0 },
	{ "GET",   "/api/v1/circles/{id}",            circles_get,     ACCESS_SESSION, 0,                NULL,           0 },
	{ "POST",  "/api/v1/circles/{id}/invitations", circles_invite, ACCESS_SESSION, 0,                invitation_fields, 0 },
	{ "DELETE", "/api/v1/circles/{id}/invitations/{invitation_id}", circles_invitation_revoke, ACCESS_SESSION, 0, NULL, 0 },
	{ "DELETE", "/api/v1/circles/{id}/members/{user_id}", circles_member_remove, ACCESS_SESSION, 0,  NULL,           0 },
};

static int
requests_init(const struct config *cfg)
{
	const char *mode = config_str(cfg, "moderation", "pre");

	if (strcmp(mode, "pre") != 0 && strcmp(mode, "post") != 0) {
		log_error("config: moderation is pre or post");
		return -1;
	}
	requests_settings.post_moderation = strcmp(mode, "post") == 0;
	requests_settings.expiry_days = config_long(cfg, "request_expiry_days", 30);
	if (requests_settings.expiry_days < 1 || requests_settings.expiry_days > 3650) {
		log_error("config: request_expiry_days is 1 to 3650");
		return -1;
	}
	requests_settings.caseload_quiet_days = config_long(cfg, "caseload_quiet_days", 7);
	if (requests_settings.caseload_quiet_days < 0 || requests_settings.caseload_quiet_days > 365) {
		log_error("config: caseload_quiet_days is 0 to 365");
		return -1;
	}
	config_desk(&requests_desk, cfg);
	log_info("moderation %s, requests expire after %ld days", mode,
	    requests_settings.expiry_days);
	return words_init(cfg);
}

static const struct handler requests = {
	.name = "requests",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.stmts = requests_stmts,
	.nstmts = STMT__MAX,
	.needs_master_key = 1,
	.init = requests_init,
};

int
main(int argc, char **argv)
{
	return server_main(argc, argv, &requests);
}
