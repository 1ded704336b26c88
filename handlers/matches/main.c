/*
 * main.c — the matches handler: responses and invitations, the life cycle
 * of a match, the messages between its two parties, and suggestions of who
 * (or what) fits.
 *
 * Read the route table as the table of contents; each action lives in the
 * file named after its group (create.c, transition.c, match.c, messages.c,
 * suggest.c with rank.c). Everything before the action (method, content
 * type, session, CSRF, role, field validation) is done by lib/server.c; the
 * actions ask lib/auth.c about the object at hand.
 */
#include <stdlib.h>

#include "auth.h"
#include "matches.h"
#include "server.h"

static const struct field create_fields[] = {
	{ "request_id",		F_ID,		FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "volunteer_id",	F_ID,		0, 0, 0, NULL, NULL },
	{ "message",		F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field complete_fields[] = {
	/* > 0 is checked by the action (the table's range is inclusive). */
	{ "hours",		F_NUMBER,	FIELD_REQUIRED, 0, 24 * 14, NULL, NULL },
	{ "thanks",		F_TEXT,		FIELD_NULLABLE, 0, 1000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field cancel_fields[] = {
	{ "reason",		F_TEXT,		FIELD_REQUIRED, 1, 500, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct field message_fields[] = {
	{ "body",		F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const char *const checkin_answers[] = { "good", "could_be_better", "stop", NULL };

static const struct field checkin_fields[] = {
	{ "answer",		F_ENUM,		FIELD_REQUIRED, 0, 0, checkin_answers, NULL },
	{ "note",		F_TEXT,		FIELD_NULLABLE, 0, 2000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

/* POST /vacancies/{id}/responses (issue 18 part 2). */
static const struct field vacancy_response_fields[] = {
	{ "message",		F_TEXT,		FIELD_REQUIRED, 1, 4000, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

static const struct route routes[] = {
	/* method  path                                 action                   access          roles body fields      flags */
	{ "POST",  "/api/v1/matches",                   matches_create,          ACCESS_SESSION, 0,    create_fields,   0 },
	{ "GET",   "/api/v1/matches",                   matches_list,            ACCESS_SESSION, 0,    NULL,            0 },
	{ "GET",   "/api/v1/matches/{id}",              matches_get,             ACCESS_SESSION, 0,    NULL,            0 },
	{ "POST",  "/api/v1/matches/{id}/accept",       matches_accept,          ACCESS_SESSION, 0,    NULL,            0 },
	{ "POST",  "/api/v1/matches/{id}/decline",      matches_decline,         ACCESS_SESSION, 0,    NULL,            0 },
	{ "POST",  "/api/v1/matches/{id}/complete",     matches_complete,        ACCESS_SESSION, 0,    complete_fields, 0 },
	{ "POST",  "/api/v1/matches/{id}/cancel",       matches_cancel,          ACCESS_SESSION, 0,    cancel_fields,   0 },
	{ "POST",  "/api/v1/matches/{id}/hours",        matches_hours,           ACCESS_SESSION, 0,    complete_fields, 0 },
	{ "POST",  "/api/v1/matches/{id}/checkin",      matches_checkin,         ACCESS_SESSION, 0,    checkin_fields,  0 },
	{ "GET",   "/api/v1/matches/{id}/messages",     messages_list,           ACCESS_SESSION, 0,    NULL,            0 },
	{ "POST",  "/api/v1/matches/{id}/messages",     messages_create,         ACCESS_SESSION, 0,    message_fields,  0 },
	{ "GET",   "/api/v1/requests/{id}/suggestions", suggestions_for_request, ACCESS_SESSION, 0,    NULL,            0 },
	{ "GET",   "/api/v1/me/suggestions",            suggestions_for_me,      ACCESS_SESSION, 0,    NULL,            0 },
	{ "GET",   "/api/v1/me/vacancy-suggestions",    vacancy_suggestions,     ACCESS_SESSION, 0,    NULL,            0 },
	/* responses to vacancies and their conversation (issue 18 part 2) */
	{ "POST",  "/api/v1/vacancies/{id}/responses",  vacancy_responses_create, ACCESS_SESSION, 0,   vacancy_response_fields, 0 },
	{ "GET",   "/api/v1/vacancies/{id}/responses",  vacancy_responses_list,  ACCESS_SESSION, 0,    NULL,            0 },
	{ "GET",   "/api/v1/vacancy-responses/{id}",    vacancy_response_get,    ACCESS_SESSION, 0,    NULL,            0 },
	{ "GET",   "/api/v1/vacancy-responses/{id}/messages", vacancy_messages_list, ACCESS_SESSION, 0, NULL,           0 },
	{ "POST",  "/api/v1/vacancy-responses/{id}/messages", vacancy_messages_create, ACCESS_SESSION, 0, message_fields, 0 },
	{ "GET",   "/api/v1/me/vacancy-responses",      vacancy_responses_mine,  ACCESS_SESSION, 0,    NULL,            0 },
};

static const struct handler matches = {
	.name = "matches",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
	.stmts = matches_stmts,
	.nstmts = STMT__MAX,
	.needs_master_key = 1,	/* message bodies */
	.init = NULL,
};

int
main(int argc, char **argv)
{
	return server_main(argc, argv, &matches);
}
