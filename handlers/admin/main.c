/*
 * main.c — the admin handler: health, categories, the directory of
 * organisations, reports, the moderation queue, the audit log and the
 * figures.
 *
 * Read the route table as the table of contents; each action lives in the
 * file named after its group (categories.c, organisations.c, reports.c,
 * resolve.c, queue.c, audit.c, stats.c, checkins.c, vog.c, coordinators.c, hsds.c). Everything before the action
 * (method, content type, session, CSRF, role, field validation) is done by
 * lib/server.c: every /admin route is closed to anonymous callers (401) and
 * to anyone without the role (403) before its code runs.
 */
#include "admin.h"
#include "auth.h"
#include "server.h"
#include "words.h"

static const char *const report_types[] = { "request", "offer", "message", "user", NULL };
static const char *const resolutions[] = { "dismiss", "hide_target", "block_user", NULL };

static const struct field category_fields[] = {
	{ "id",			F_STRING,	FIELD_REQUIRED, 1, 32, NULL, NULL },
	{ "name_nl",		F_STRING,	FIELD_REQUIRED, 1, 80, NULL, NULL },
	{ "name_en",		F_STRING,	FIELD_REQUIRED, 1, 80, NULL, NULL },
	{ "sort_order",		F_INT,		0, -1000000, 1000000, NULL, NULL },
	{ "active",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ "needs_vog",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field category_patch_fields[] = {
	{ "name_nl",		F_STRING,	0, 1, 80, NULL, NULL },
	{ "name_en",		F_STRING,	0, 1, 80, NULL, NULL },
	{ "sort_order",		F_INT,		0, -1000000, 1000000, NULL, NULL },
	{ "active",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ "needs_vog",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field organisation_fields[] = {
	{ "name",		F_STRING,	FIELD_REQUIRED, 1, 160, NULL, NULL },
	{ "description",	F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ "categories",		F_STRING_ARRAY,	FIELD_REQUIRED, 1, 12, NULL, NULL },
	{ "postcode",		F_POSTCODE,	FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "website",		F_STRING,	FIELD_NULLABLE, 1, 300, NULL, NULL },
	{ "phone",		F_STRING,	FIELD_NULLABLE, 6, 40, NULL, NULL },
	{ "email",		F_EMAIL,	FIELD_NULLABLE, 3, 254, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field organisation_patch_fields[] = {
	{ "name",		F_STRING,	0, 1, 160, NULL, NULL },
	{ "description",	F_TEXT,		0, 1, 4000, NULL, NULL },
	{ "categories",		F_STRING_ARRAY,	0, 1, 12, NULL, NULL },
	{ "postcode",		F_POSTCODE,	0, 0, 0, NULL, NULL },
	{ "website",		F_STRING,	FIELD_NULLABLE, 1, 300, NULL, NULL },
	{ "phone",		F_STRING,	FIELD_NULLABLE, 6, 40, NULL, NULL },
	{ "email",		F_EMAIL,	FIELD_NULLABLE, 3, 254, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field coordinator_fields[] = {
	{ "user_id",		F_ID,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const char *const change_decisions[] = { "approve", "reject", NULL };

static const struct field change_review_fields[] = {
	{ "decision",		F_ENUM,		FIELD_REQUIRED, 0, 0, change_decisions, NULL },
	{ "note",		F_TEXT,		FIELD_NULLABLE, 0, 1000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field report_target_fields[] = {
	{ "type",		F_ENUM,		FIELD_REQUIRED, 0, 0, report_types, NULL },
	{ "id",			F_ID,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field report_fields[] = {
	{ "target",		F_OBJECT,	FIELD_REQUIRED, 0, 0, NULL, report_target_fields },
	{ "reason",		F_TEXT,		FIELD_REQUIRED, 1, 1000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field resolve_fields[] = {
	{ "action",		F_ENUM,		FIELD_REQUIRED, 0, 0, resolutions, NULL },
	{ "note",		F_TEXT,		FIELD_NULLABLE, 0, 1000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field checkin_note_fields[] = {
	{ "note",		F_TEXT,		FIELD_REQUIRED | FIELD_NULLABLE, 0, 2000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

#define MOD	ROLE__MODERATION
#define ADMIN	ROLE_ADMIN

static const struct route routes[] = {
	/* method   path                                  action                access          roles  body fields                 flags */
	{ "GET",    "/api/v1/health",                     health_get,           ACCESS_ANYONE,  0,     NULL,                       0 },
	/* localhost or an admin session (metrics.c); outside /api/v1 */
	{ "GET",    "/metrics",                           metrics_get,          ACCESS_ANYONE,  0,     NULL,                       0 },
	{ "GET",    "/api/v1/categories",                 categories_list,      ACCESS_ANYONE,  0,     NULL,                       0 },
	{ "POST",   "/api/v1/categories",                 categories_create,    ACCESS_SESSION, ADMIN, category_fields,            0 },
	{ "PATCH",  "/api/v1/categories/{id}",            categories_patch,     ACCESS_SESSION, ADMIN, category_patch_fields,      0 },
	{ "DELETE", "/api/v1/categories/{id}",            categories_delete,    ACCESS_SESSION, ADMIN, NULL,                       0 },
	{ "GET",    "/api/v1/organisations",              organisations_list,   ACCESS_ANYONE,  0,     NULL,                       0 },
	{ "POST",   "/api/v1/organisations",              organisations_create, ACCESS_SESSION, ADMIN, organisation_fields,        0 },
	/* before {id}: the caller's own organisations (coordinators.c) */
	{ "GET",    "/api/v1/organisations/mine",         coordinators_mine,    ACCESS_SESSION, 0,     NULL,                       0 },
	{ "GET",    "/api/v1/organisations/{id}",         organisations_get,    ACCESS_ANYONE,  0,     NULL,                       0 },
	/* an admin (at once) or a coordinator of it (a pending change): organisations.c */
	{ "PATCH",  "/api/v1/organisations/{id}",         organisations_patch,  ACCESS_SESSION, 0,     organisation_patch_fields,  0 },
	{ "DELETE", "/api/v1/organisations/{id}",         organisations_delete, ACCESS_SESSION, ADMIN, NULL,                       0 },
	/* an admin, or a coordinator of it (coordinators.c) */
	{ "GET",    "/api/v1/organisations/{id}/coordinators", coordinators_list, ACCESS_SESSION, 0,   NULL,                       0 },
	{ "POST",   "/api/v1/organisations/{id}/coordinators", coordinators_add, ACCESS_SESSION, ADMIN, coordinator_fields,        0 },
	{ "DELETE", "/api/v1/organisations/{id}/coordinators/{user_id}", coordinators_remove, ACCESS_SESSION, ADMIN, NULL,        0 },
	{ "GET",    "/api/v1/admin/organisation-changes", changes_list,         ACCESS_SESSION, MOD,   NULL,                       0 },
	{ "POST",   "/api/v1/admin/organisation-changes/{id}/review", changes_review, ACCESS_SESSION, MOD, change_review_fields,   0 },
	{ "POST",   "/api/v1/reports",                    reports_create,       ACCESS_SESSION, 0,     report_fields,              0 },
	{ "GET",    "/api/v1/admin/queue",                queue_list,           ACCESS_SESSION, MOD,   NULL,                       0 },
	{ "GET",    "/api/v1/admin/reports",              reports_list,         ACCESS_SESSION, MOD,   NULL,                       0 },
	{ "POST",   "/api/v1/admin/reports/{id}/resolve", reports_resolve,      ACCESS_SESSION, MOD,   resolve_fields,             0 },
	{ "GET",    "/api/v1/admin/checkins",             checkins_list,        ACCESS_SESSION, MOD,   NULL,                       0 },
	{ "PUT",    "/api/v1/admin/checkins/{match_id}/note", checkins_note_put, ACCESS_SESSION, MOD, checkin_note_fields,     0 },
	{ "GET",    "/api/v1/admin/vog",                  vog_list,             ACCESS_SESSION, MOD,   NULL,                       0 },
	{ "GET",    "/api/v1/admin/audit",                audit_list,           ACCESS_SESSION, ADMIN, NULL,                       0 },
	{ "GET",    "/api/v1/admin/stats",                stats_get,            ACCESS_SESSION, MOD,   NULL,                       0 },
	/* the directory in Open Referral HSDS 3.0, outside /api/v1 (hsds.c) */
	{ "GET",    "/api/hsds/",                         hsds_meta,            ACCESS_ANYONE,  0,     NULL,                       0 },
	{ "GET",    "/api/hsds/organizations",            hsds_organizations_list, ACCESS_ANYONE, 0,   NULL,                       0 },
	{ "GET",    "/api/hsds/organizations/{id}",       hsds_organization_get, ACCESS_ANYONE, 0,     NULL,                       0 },
	{ "GET",    "/api/hsds/services",                 hsds_services_list,   ACCESS_ANYONE,  0,     NULL,                       0 },
	{ "GET",    "/api/hsds/services/{id}",            hsds_service_get,     ACCESS_ANYONE,  0,     NULL,                       0 },
};

static const struct handler admin = {
	.name = "admin",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.stmts = admin_stmts,
	.nstmts = STMT__MAX,
	/* Only to read the body of a reported message (audited). */
	.needs_master_key = 1,
	.init = words_init,	/* the queue's flags */
};

int
main(int argc, char **argv)
{
	return server_main(argc, argv, &admin);
}
