/*
 * main.c — the accounts handler: registration, sessions, the own profile,
 * password reset, export and erasure, and user management by admins.
 *
 * Read the route table as the table of contents; each action lives in the
 * file named after its group. Everything before the action (method, content
 * type, session, CSRF, role, field validation) is done by lib/server.c.
 */
#include <stdlib.h>
#include <unistd.h>

#include "accounts.h"
#include "auth.h"
#include "config.h"
#include "mfa.h"
#include "passwords.h"
#include "server.h"

static const char *const self_roles[] = { "resident", "caregiver", "volunteer", NULL };
static const char *const all_roles[] = {
	"resident", "caregiver", "volunteer", "professional", "moderator", "admin", NULL
};
/* The languages of the site (web/js/i18n.js LANGUAGES; migration 098). */
static const char *const locales[] = { "nl", "en", "tr", "ar", "pl", "uk", NULL };
static const char *const statuses[] = { "active", "blocked", NULL };

static const struct field register_fields[] = {
	{ "email",		F_EMAIL,	FIELD_REQUIRED, 3, 254, NULL, NULL },
	{ "password",		F_PASSWORD,	FIELD_REQUIRED, 10, 1024, NULL, NULL },
	{ "display_name",	F_STRING,	FIELD_REQUIRED, 1, 80, NULL, NULL },
	{ "postcode",		F_POSTCODE,	FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "roles",		F_STRING_ARRAY,	FIELD_REQUIRED, 1, 3, self_roles, NULL },
	{ "locale",		F_ENUM,		0, 0, 0, locales, NULL },
	{ "accept_terms",	F_BOOL,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field login_fields[] = {
	{ "email",		F_STRING,	FIELD_REQUIRED, 1, 254, NULL, NULL },
	{ "password",		F_STRING,	FIELD_REQUIRED, 1, 1024, NULL, NULL },
	/* A TOTP code or a recovery code (mfa.c); asked for only with MFA on. */
	{ "code",		F_STRING,	0, 1, 32, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field me_fields[] = {
	{ "display_name",	F_STRING,	0, 1, 80, NULL, NULL },
	{ "postcode",		F_POSTCODE,	0, 0, 0, NULL, NULL },
	{ "locale",		F_ENUM,		0, 0, 0, locales, NULL },
	{ "phone",		F_STRING,	FIELD_NULLABLE, 6, 40, NULL, NULL },
	/* The roles one chooses oneself (API 1.1): a resident becomes a
	 * volunteer. Granted roles stay as the admin set them. */
	{ "roles",		F_STRING_ARRAY,	0, 1, 3, self_roles, NULL },
	/* A volunteer's talents (issue 18 part 2): the whole set. */
	{ "talents",		F_STRING_ARRAY,	0, 0, ME_TALENTS_MAX, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field password_fields[] = {
	{ "current_password",	F_STRING,	FIELD_REQUIRED, 1, 1024, NULL, NULL },
	{ "new_password",	F_PASSWORD,	FIELD_REQUIRED, 10, 1024, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field delete_fields[] = {
	{ "password",		F_STRING,	FIELD_REQUIRED, 1, 1024, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field reset_fields[] = {
	{ "email",		F_EMAIL,	FIELD_REQUIRED, 3, 254, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field reset_confirm_fields[] = {
	{ "token",		F_STRING,	FIELD_REQUIRED, 1, 100, NULL, NULL },
	{ "password",		F_PASSWORD,	FIELD_REQUIRED, 10, 1024, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field user_admin_fields[] = {
	{ "status",		F_ENUM,		0, 0, 0, statuses, NULL },
	{ "roles",		F_STRING_ARRAY,	0, 0, 6, all_roles, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const char *const alert_frequencies[] = { "instant", "daily", NULL };
static const char *const alert_kinds[] = { "requests", "vacancies", NULL };

static const struct field read_fields[] = {
	{ "ids",		F_STRING_ARRAY,	0, 1, 100, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* Each kind and frequency is checked by the action, which names the kind
 * in the error ("email.match.accepted"). */
static const struct field settings_fields[] = {
	{ "email",		F_OBJECT,	FIELD_REQUIRED, 0, 0, NULL, (const struct field[]){ { NULL, 0, 0, 0, 0, NULL, NULL } } },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field alert_fields[] = {
	{ "postcode",		F_POSTCODE,	FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "radius_km",		F_INT,		FIELD_REQUIRED, 1, 50, NULL, NULL },
	{ "categories",		F_STRING_ARRAY,	0, 0, 20, NULL, NULL },
	{ "frequency",		F_ENUM,		FIELD_REQUIRED, 0, 0, alert_frequencies, NULL },
	{ "offer_id",		F_ID,		FIELD_NULLABLE, 0, 0, NULL, NULL },
	{ "kind",		F_ENUM,		0, 0, 0, alert_kinds, NULL },
	{ "talents",		F_STRING_ARRAY,	0, 0, 20, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field verify_fields[] = {
	{ "token",		F_STRING,	FIELD_REQUIRED, 1, 100, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* MFA (mfa.c): the confirming code is the app's six digits; removal takes
 * the password and a TOTP or recovery code. */
/* Enrolment asks for the password again (ASVS V6.5). */
static const struct field mfa_enrol_fields[] = {
	{ "password",		F_STRING,	FIELD_REQUIRED, 1, 1024, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field mfa_confirm_fields[] = {
	{ "code",		F_STRING,	FIELD_REQUIRED, 6, 6, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field mfa_delete_fields[] = {
	{ "password",		F_STRING,	FIELD_REQUIRED, 1, 1024, NULL, NULL },
	{ "code",		F_STRING,	FIELD_REQUIRED, 1, 32, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* The VOG (vog.c, issue 17). */
static const char *const vog_decisions[] = { "verify", "reject", NULL };
static const struct field vog_fields[] = {
	{ "issued_on",		F_STRING,	FIELD_REQUIRED, 10, 10, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};
static const struct field vog_decide_fields[] = {
	{ "decision",		F_ENUM,		FIELD_REQUIRED, 0, 0, vog_decisions, NULL },
	{ "note",		F_TEXT,		FIELD_NULLABLE, 1, 500, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field users_search_fields[] = {
	{ "q",			F_STRING,	0, 0, 100, NULL, NULL },
	{ "role",		F_STRING,	0, 1, 32, NULL, NULL },
	{ "status",		F_STRING,	0, 1, 32, NULL, NULL },
	{ "limit",		F_INT,		0, 1, 100, NULL, NULL },
	{ "cursor",		F_STRING,	0, 1, 200, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field caregiver_reminder_fields[] = {
	{ "monthly",		F_BOOL,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* The answers (13 booleans) are checked by caregiver_check.c. */
static const struct field caregiver_check_fields[] = {
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct route routes[] = {
	/* method   path                                  action             access          roles       body fields            flags */
	{ "POST",   "/api/v1/accounts",                   accounts_register, ACCESS_ANYONE,  0,          register_fields,       ROUTE_NO_CSRF | ROUTE_ALL_PROBLEMS },
	{ "POST",   "/api/v1/session",                    session_login,     ACCESS_ANYONE,  0,          login_fields,          ROUTE_NO_CSRF },
	{ "GET",    "/api/v1/session",                    session_get,       ACCESS_SESSION, 0,          NULL,                  0 },
	{ "DELETE", "/api/v1/session",                    session_logout,    ACCESS_SESSION, 0,          NULL,                  0 },
	{ "GET",    "/api/v1/me",                         me_get,            ACCESS_SESSION, 0,          NULL,                  0 },
	{ "PATCH",  "/api/v1/me",                         me_patch,          ACCESS_SESSION, 0,          me_fields,             0 },
	{ "DELETE", "/api/v1/me",                         me_delete,         ACCESS_SESSION, 0,          delete_fields,         0 },
	{ "POST",   "/api/v1/me/password",                me_password,       ACCESS_SESSION, 0,          password_fields,       0 },
	{ "GET",    "/api/v1/me/export",                  me_export,         ACCESS_SESSION, 0,          NULL,                  0 },
	{ "POST",   "/api/v1/password-reset",             reset_request,     ACCESS_ANYONE,  0,          reset_fields,          ROUTE_NO_CSRF },
	{ "POST",   "/api/v1/password-reset/confirm",     reset_confirm,     ACCESS_ANYONE,  0,          reset_confirm_fields,  ROUTE_NO_CSRF },
	{ "POST",   "/api/v1/accounts/verify",            verify_confirm,    ACCESS_ANYONE,  0,          verify_fields,         ROUTE_NO_CSRF },
	{ "POST",   "/api/v1/me/verify-email",            verify_resend,     ACCESS_SESSION, 0,          NULL,                  0 },
	{ "GET",    "/api/v1/me/notifications",           notifications_list, ACCESS_SESSION, 0,        NULL,                  0 },
	{ "POST",   "/api/v1/me/notifications/read",      notifications_read, ACCESS_SESSION, 0,        read_fields,           0 },
	{ "GET",    "/api/v1/me/notification-settings",   settings_get,      ACCESS_SESSION, 0,          NULL,                  0 },
	{ "PUT",    "/api/v1/me/notification-settings",   settings_put,      ACCESS_SESSION, 0,          settings_fields,       0 },
	{ "GET",    "/api/v1/me/alerts",                  alerts_list,       ACCESS_SESSION, 0,          NULL,                  0 },
	{ "POST",   "/api/v1/me/alerts",                  alerts_create,     ACCESS_SESSION, ROLE_VOLUNTEER, alert_fields,      0 },
	{ "DELETE", "/api/v1/me/alerts/{id}",             alerts_delete,     ACCESS_SESSION, 0,          NULL,                  0 },
	/* Body read by the action: JSON from the page, or the form of a mail
	 * program's one-click POST (RFC 8058). The token is the authority. */
	{ "POST",   "/api/v1/unsubscribe",                unsubscribe,       ACCESS_ANYONE,  0,          NULL,                  ROUTE_NO_CSRF },
	/* MFA and the session overview (mfa.c, sessions_list.c; API.md 1.1) */
	{ "POST",   "/api/v1/me/mfa/totp",                mfa_totp_enrol,    ACCESS_SESSION, 0,          mfa_enrol_fields,      0 },
	{ "POST",   "/api/v1/me/mfa/totp/confirm",        mfa_totp_confirm,  ACCESS_SESSION, 0,          mfa_confirm_fields,    0 },
	{ "DELETE", "/api/v1/me/mfa/totp",                mfa_totp_delete,   ACCESS_SESSION, 0,          mfa_delete_fields,     0 },
	{ "GET",    "/api/v1/me/sessions",                sessions_list,     ACCESS_SESSION, 0,          NULL,                  0 },
	{ "DELETE", "/api/v1/me/sessions/{id}",           sessions_delete,   ACCESS_SESSION, 0,          NULL,                  0 },
	/* the caregiver's own check (caregiver_check.c; API.md "Care") */
	{ "POST",   "/api/v1/me/caregiver-check",         caregiver_check_create, ACCESS_SESSION, ROLE_CAREGIVER, caregiver_check_fields, 0 },
	{ "GET",    "/api/v1/me/caregiver-check",         caregiver_check_list, ACCESS_SESSION, 0,        NULL,                  0 },
	{ "GET",    "/api/v1/me/caregiver-check/reminder", caregiver_reminder_get, ACCESS_SESSION, 0,     NULL,                  0 },
	{ "PUT",    "/api/v1/me/caregiver-check/reminder", caregiver_reminder_put, ACCESS_SESSION, ROLE_CAREGIVER, caregiver_reminder_fields, 0 },
	{ "POST",   "/api/v1/users/search",               users_search,      ACCESS_SESSION, ROLE_ADMIN, users_search_fields,   0 },
	{ "GET",    "/api/v1/users",                      users_list,        ACCESS_SESSION, ROLE_ADMIN, NULL,                  0 },
	{ "GET",    "/api/v1/users/{id}",                 users_get,         ACCESS_SESSION, ROLE_ADMIN, NULL,                  0 },
	{ "PATCH",  "/api/v1/users/{id}",                 users_patch,       ACCESS_SESSION, ROLE_ADMIN, user_admin_fields,     0 },
	{ "DELETE", "/api/v1/users/{id}/sessions",        users_sessions_delete, ACCESS_SESSION, ROLE_ADMIN, NULL,              0 },
	/* An admin removes a user's two-step login (lost phone; mfa.c). */
	{ "DELETE", "/api/v1/users/{id}/mfa",             mfa_admin_reset,   ACCESS_SESSION, ROLE_ADMIN, NULL,                  0 },
	{ "PUT",    "/api/v1/me/vog",                     vog_submit,        ACCESS_SESSION, 0,          vog_fields,            0 },
	{ "POST",   "/api/v1/users/{id}/vog",             vog_decide,        ACCESS_SESSION, 0,          vog_decide_fields,     0 },
};

/*
 * How many Argon2id hashes run at once (pwhash_concurrency): by default one
 * core fewer than the machine has, at least one. Each takes a core and 64
 * MiB for a tenth of a second; on two cores, two at a time left browsing
 * nothing during a flood of logins (its p99 1.1-1.5x its quiet value over
 * runs, docs/performance.md), one at a time leaves it a core.
 */
static long
pwhash_default(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	return cores > 2 ? cores - 1 : 1;
}

static int
accounts_init(const struct config *cfg)
{
	pw_init(config_long(cfg, "pwhash_concurrency", pwhash_default()));
	/* Every new password is checked against common ones (valid.c's
	 * F_PASSWORD): without the list the handler does not start. */
	return passwords_init(cfg);
}

static const struct handler accounts = {
	.name = "accounts",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.stmts = accounts_stmts,
	.nstmts = STMT__MAX,
	.needs_master_key = 1,
	.init = accounts_init,
};

int
main(int argc, char **argv)
{
	return server_main(argc, argv, &accounts);
}
