/*
 * recurrence.c — a request's recurrence (issue 17, part 5): help asked
 * weekly, fortnightly or monthly rather than once. The field is checked by
 * the route tables (F_ENUM: anything else is 422 on recurrence); stored by
 * its own statement after the insert or update of the request, so the
 * request's own statements stay as they are. An accepted match on such a
 * request is asked every few weeks how it goes (the mailer's checkin job,
 * POST /matches/{id}/checkin).
 */
#include "db.h"
#include "http.h"
#include "json.h"
#include "requests.h"

const char *const requests_recurrences[] = { "weekly", "fortnightly", "monthly", NULL };

int
requests_recurrence_store(struct req *r, const char *id)
{
	if (r->json == NULL || !json_object_object_get_ex(r->json, "recurrence", NULL))
		return DB_OK;
	/* null (PATCH): help asked once again */
	return db_exec(r->db, r->arena, STMT_REQUEST_SET_RECURRENCE, DB_PARAMS(
	    DB_STR(json_get_str(r->json, "recurrence")), DB_STR(id)), NULL);
}
