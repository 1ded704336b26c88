/*
 * gdpr_requests.c — the help requests' part of GET /me/export and DELETE /me
 * (issue 3).
 *
 * Export: every request the user posted, in every status, as the request
 * object of API.md with its private part decrypted (the user's own) and the
 * moderation decision. Drawn by handlers/requests/render.c, so it looks
 * exactly like GET /me/requests.
 *
 * Erasure (inside the erasure transaction): pending, open and matched
 * requests are withdrawn (cancelled), and on every request of the user the
 * sealed private fields and the first name posted for are destroyed. Title
 * and description stay on closed requests, under the erased name
 * "Verwijderd".
 */
#include "accounts.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "../requests/render.h"

int
gdpr_requests_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *list, *item;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_GDPR_REQUESTS_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	list = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		if ((item = request_json(r, &rows, i, RENDER_PRIVATE | RENDER_OWNER)) == NULL) {
			json_object_put(list);
			return -1;
		}
		json_object_array_add(list, item);
	}
	json_put(doc, "requests", list);
	return 0;
}

int
gdpr_requests_erase(struct req *r, const char *user_id)
{
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_GDPR_REQUESTS_WITHDRAW,
	    DB_PARAMS(DB_STR(user_id)), NULL)) != DB_OK)
		return rc;
	return db_exec(r->db, r->arena, STMT_GDPR_REQUESTS_DESTROY,
	    DB_PARAMS(DB_STR(user_id)), NULL);
}
