/*
 * main.c — the offers handler: what volunteers offer (talents, categories,
 * weekly availability, how far they travel), browsing offers near a
 * postcode, pausing, editing, deleting, and moderation of offers; and the
 * vacancies of organisations and the list of talents (issue 18 part 2,
 * vacancy.h), public posts moderated and searched the same way.
 *
 * Read the route table as the table of contents; each action lives in the
 * file named after its group (write.c, list.c, review.c; offer.c holds what
 * they share). Everything before the action (method, content type,
 * session, CSRF, role, field validation) is done by lib/server.c. This
 * program gets no master key: nothing of an offer or a vacancy is private
 * (the responses to vacancies, which are, live in the matches handler).
 */
#include <stdlib.h>

#include "auth.h"
#include "offers.h"
#include "server.h"
#include "vacancy.h"
#include "words.h"

static const char *const decisions[] = { "approve", "reject", "hide", NULL };

/* One weekly slot; end after start and overlaps are checked in offer.c. */
static const struct field slot_fields[] = {
	{ "day",		F_ENUM,		FIELD_REQUIRED, 0, 0, offer_days, NULL },
	{ "from",		F_HHMM,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "to",			F_HHMM,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* POST /offers. Known categories and postcodes are checked in offer.c. */
static const struct field offer_fields[] = {
	{ "title",		F_STRING,	FIELD_REQUIRED, 1, 120, NULL, NULL },
	{ "description",	F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ "categories",		F_STRING_ARRAY,	FIELD_REQUIRED, 1, OFFER_CATEGORIES_MAX, NULL, NULL },
	{ "postcode",		F_POSTCODE,	FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "radius_km",		F_INT,		FIELD_REQUIRED, 1, OFFER_RADIUS_MAX_KM, NULL, NULL },
	{ "availability",	F_ARRAY,	FIELD_REQUIRED, 0, OFFER_SLOTS_MAX, NULL, slot_fields },
	{ "lang",		F_ENUM,		0, 0, 0, offer_langs, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* PATCH /offers/{id}: the same, each optional; categories and availability
 * replace the whole set. */
static const struct field offer_patch_fields[] = {
	{ "title",		F_STRING,	0, 1, 120, NULL, NULL },
	{ "description",	F_TEXT,		0, 1, 4000, NULL, NULL },
	{ "categories",		F_STRING_ARRAY,	0, 1, OFFER_CATEGORIES_MAX, NULL, NULL },
	{ "postcode",		F_POSTCODE,	0, 0, 0, NULL, NULL },
	{ "radius_km",		F_INT,		0, 1, OFFER_RADIUS_MAX_KM, NULL, NULL },
	{ "availability",	F_ARRAY,	0, 0, OFFER_SLOTS_MAX, NULL, slot_fields },
	{ "lang",		F_ENUM,		0, 0, 0, offer_langs, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* POST /offers/{id}/review; the reason is required to reject or hide. */
static const struct field review_fields[] = {
	{ "decision",		F_ENUM,		FIELD_REQUIRED, 0, 0, decisions, NULL },
	{ "reason",		F_TEXT,		0, 1, 500, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* POST /vacancies (issue 18 part 2). Known talents, categories and a
 * postcode in the service area are checked in vacancies.c. */
static const struct field vacancy_fields[] = {
	{ "organisation_id",	F_ID,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "title",		F_STRING,	FIELD_REQUIRED, 1, 120, NULL, NULL },
	{ "description",	F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ "talents",		F_STRING_ARRAY,	FIELD_REQUIRED, 0, VACANCY_LINKS_MAX, NULL, NULL },
	{ "categories",		F_STRING_ARRAY,	FIELD_REQUIRED, 0, VACANCY_LINKS_MAX, NULL, NULL },
	{ "postcode",		F_POSTCODE,	FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "hours_per_month",	F_INT,		FIELD_NULLABLE, 1, 744, NULL, NULL },
	{ "needs_vog",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ "lang",		F_ENUM,		0, 0, 0, offer_langs, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* PATCH /vacancies/{id}: each optional; talents and categories replace
 * the whole set. */
static const struct field vacancy_patch_fields[] = {
	{ "title",		F_STRING,	0, 1, 120, NULL, NULL },
	{ "description",	F_TEXT,		0, 1, 4000, NULL, NULL },
	{ "talents",		F_STRING_ARRAY,	0, 0, VACANCY_LINKS_MAX, NULL, NULL },
	{ "categories",		F_STRING_ARRAY,	0, 0, VACANCY_LINKS_MAX, NULL, NULL },
	{ "postcode",		F_POSTCODE,	0, 0, 0, NULL, NULL },
	{ "hours_per_month",	F_INT,		FIELD_NULLABLE, 1, 744, NULL, NULL },
	{ "needs_vog",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ "lang",		F_ENUM,		0, 0, 0, offer_langs, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* POST /talents, PATCH /talents/{id} (an admin keeps the list). */
static const struct field talent_fields[] = {
	{ "id",			F_STRING,	FIELD_REQUIRED, 1, 32, NULL, NULL },
	{ "name_nl",		F_STRING,	FIELD_REQUIRED, 1, 80, NULL, NULL },
	{ "name_en",		F_STRING,	FIELD_REQUIRED, 1, 80, NULL, NULL },
	{ "sort_order",		F_INT,		0, -1000000, 1000000, NULL, NULL },
	{ "active",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field talent_patch_fields[] = {
	{ "name_nl",		F_STRING,	0, 1, 80, NULL, NULL },
	{ "name_en",		F_STRING,	0, 1, 80, NULL, NULL },
	{ "sort_order",		F_INT,		0, -1000000, 1000000, NULL, NULL },
	{ "active",		F_BOOL,		0, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct route routes[] = {
	/* method   path                           action         access          roles              body fields         flags */
	{ "GET",    "/api/v1/offers",              offers_list,   ACCESS_SESSION, 0,                 NULL,               0 },
	{ "POST",   "/api/v1/offers",              offer_create,  ACCESS_SESSION, ROLE_VOLUNTEER,    offer_fields,       0 },
	{ "GET",    "/api/v1/offers/{id}",         offer_get,     ACCESS_SESSION, 0,                 NULL,               0 },
	{ "PATCH",  "/api/v1/offers/{id}",         offer_patch,   ACCESS_SESSION, 0,                 offer_patch_fields, 0 },
	{ "DELETE", "/api/v1/offers/{id}",         offer_delete,  ACCESS_SESSION, 0,                 NULL,               0 },
	{ "POST",   "/api/v1/offers/{id}/pause",   offer_pause,   ACCESS_SESSION, 0,                 NULL,               0 },
	{ "POST",   "/api/v1/offers/{id}/resume",  offer_resume,  ACCESS_SESSION, 0,                 NULL,               0 },
	{ "POST",   "/api/v1/offers/{id}/review",  offer_review,  ACCESS_SESSION, ROLE__MODERATION,  review_fields,      0 },
	{ "GET",    "/api/v1/me/offers",           offers_mine,   ACCESS_SESSION, 0,                 NULL,               0 },
	/* vacancies and talents (issue 18 part 2): vacancy.h */
	{ "GET",    "/api/v1/vacancies",           vacancies_list, ACCESS_ANYONE, 0,                 NULL,               0 },
	{ "POST",   "/api/v1/vacancies",           vacancy_create, ACCESS_SESSION, 0,                vacancy_fields,     0 },
	{ "GET",    "/api/v1/vacancies/{id}",      vacancy_get,   ACCESS_ANYONE,  0,                 NULL,               0 },
	{ "PATCH",  "/api/v1/vacancies/{id}",      vacancy_patch, ACCESS_SESSION, 0,                 vacancy_patch_fields, 0 },
	{ "POST",   "/api/v1/vacancies/{id}/close", vacancy_close, ACCESS_SESSION, 0,                NULL,               0 },
	{ "POST",   "/api/v1/vacancies/{id}/review", vacancy_review, ACCESS_SESSION, ROLE__MODERATION, review_fields,   0 },
	{ "GET",    "/api/v1/organisations/{id}/vacancies", vacancies_of_organisation, ACCESS_SESSION, 0, NULL,          0 },
	{ "GET",    "/api/v1/talents",             talents_list,  ACCESS_ANYONE,  0,                 NULL,               0 },
	{ "POST",   "/api/v1/talents",             talent_create, ACCESS_SESSION, ROLE_ADMIN,        talent_fields,      0 },
	{ "PATCH",  "/api/v1/talents/{id}",        talent_patch,  ACCESS_SESSION, ROLE_ADMIN,        talent_patch_fields, 0 },
};

static const struct handler offers = {
	.name = "offers",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.stmts = offers_stmts,
	.nstmts = STMT__MAX,
	.needs_master_key = 0,
	.init = words_init,	/* the word lists of the answers' warnings */
};

int
main(int argc, char **argv)
{
	return server_main(argc, argv, &offers);
}
