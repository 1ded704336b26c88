/*
 * lang.c — the language a request is written in (issue 19, part 3), so
 * that its title and description are shown with lang="…" (a screen reader
 * then reads a Turkish request in Turkish on a Dutch page). One of the
 * site's languages (the route tables check it: anything else is 422 on
 * lang); stored by its own statement after the insert or update, as
 * recurrence.c does, so the request's own statements stay as they are.
 */
#include <stdbool.h>

#include "db.h"
#include "http.h"
#include "json.h"
#include "requests.h"

/* The languages of the site (migrations 098, 099; web/js/i18n.js). */
const char *const requests_langs[] = { "nl", "en", "tr", "ar", "pl", "uk", NULL };

int
requests_lang_store(struct req *r, const char *id, bool creating)
{
	const char *lang = NULL;

	if (r->json != NULL && json_object_object_get_ex(r->json, "lang", NULL))
		lang = json_get_str(r->json, "lang");
	if (lang == NULL && !creating)
		return DB_OK;
	/* NULL on a new request: the poster's locale */
	return db_exec(r->db, r->arena, STMT_REQUEST_SET_LANG, DB_PARAMS(
	    DB_STR(lang), DB_STR(id)), NULL);
}
