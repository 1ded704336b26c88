/*
 * gdpr_reports.c — the reports' part of GET /me/export and DELETE /me
 * (issue 6).
 *
 * Export: every report the user made, under "reports", as its maker sees it
 * (target, reason, status, when) — not the moderator's note or who
 * resolved it, which are the moderators' record.
 *
 * Erasure (inside the erasure transaction): the resolved reports the user
 * made are deleted with their reasons; open ones stay until a moderator has
 * dealt with them (the complaint may still matter to someone else), shown
 * from then on under the erased account's anonymous name. Reports about
 * the user stay with the moderation history (moderation_actions), which
 * holds no text of theirs.
 */
#include "accounts.h"
#include "db.h"
#include "http.h"
#include "json.h"

int
gdpr_reports_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *arr, *o, *t;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_GDPR_REPORTS_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	/* id, target type, target id, reason, status, created, resolved */
	for (i = 0; i < rows.nrows; i++) {
		o = json_object_new_object();
		t = json_object_new_object();
		json_put_str(o, "id", db_str(&rows, i, 0));
		json_put_str(t, "type", db_str(&rows, i, 1));
		json_put_str(t, "id", db_str(&rows, i, 2));
		json_put(o, "target", t);
		json_put_str(o, "reason", db_str(&rows, i, 3));
		json_put_str(o, "status", db_str(&rows, i, 4));
		json_put_str(o, "created_at", db_str(&rows, i, 5));
		json_put_str(o, "resolved_at", db_str(&rows, i, 6));
		json_object_array_add(arr, o);
	}
	json_put(doc, "reports", arr);
	return 0;
}

int
gdpr_reports_erase(struct req *r, const char *user_id)
{
	return db_exec(r->db, r->arena, STMT_GDPR_REPORTS_DELETE_RESOLVED,
	    DB_PARAMS(DB_STR(user_id)), NULL);
}
