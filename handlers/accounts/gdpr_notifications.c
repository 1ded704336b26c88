/*
 * gdpr_notifications.c — the notifications' part of GET /me/export and
 * DELETE /me (issue 13).
 *
 * Export: what the user was told (kind, link, when, read), their mail
 * settings and their alerts.
 *
 * Erasure (inside the erasure transaction): all of it goes, with every
 * unsent mail to them and the tokens of mails already sent, so that
 * nothing is mailed to an erased account; sent mail rows stay only as
 * "sent" (their address is sealed and the account's key row is gone).
 */
#include "accounts.h"
#include "db.h"
#include "http.h"
#include "json.h"

int
gdpr_notifications_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *part, *arr, *o, *email;
	size_t i;

	part = json_object_new_object();
	json_put(doc, "notifications", part);
	if (db_exec(r->db, r->arena, STMT_GDPR_NOTIFS_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	json_put(part, "items", arr);
	/* id, kind, link, created, read */
	for (i = 0; i < rows.nrows; i++) {
		o = json_object_new_object();
		json_put_str(o, "id", db_str(&rows, i, 0));
		json_put_str(o, "kind", db_str(&rows, i, 1));
		json_put_str(o, "link", db_str(&rows, i, 2));
		json_put_str(o, "created_at", db_str(&rows, i, 3));
		json_put_str(o, "read_at", db_str(&rows, i, 4));
		json_object_array_add(arr, o);
	}
	if (db_exec(r->db, r->arena, STMT_SETTINGS_GET,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	email = json_object_new_object();
	json_put(part, "settings", email);
	for (i = 0; i < rows.nrows; i++)
		json_put_str(email, db_str(&rows, i, 0), db_str(&rows, i, 1));
	if (db_exec(r->db, r->arena, STMT_GDPR_ALERTS_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	json_put(part, "alerts", arr);
	/* id, pc4, radius, frequency, created, kind, talents */
	for (i = 0; i < rows.nrows; i++) {
		o = json_object_new_object();
		json_put_str(o, "id", db_str(&rows, i, 0));
		json_put_str(o, "pc4", db_str(&rows, i, 1));
		json_put_int(o, "radius_km", db_int(&rows, i, 2));
		json_put_str(o, "frequency", db_str(&rows, i, 3));
		json_put_str(o, "created_at", db_str(&rows, i, 4));
		json_put_str(o, "kind", db_str(&rows, i, 5));
		json_put_str(o, "talents", db_str(&rows, i, 6));
		json_object_array_add(arr, o);
	}
	return 0;
}

int
gdpr_notifications_erase(struct req *r, const char *user_id)
{
	static const int stmts[] = {
		STMT_GDPR_OUTBOX_DROP, STMT_GDPR_NOTIFS_DELETE,
		STMT_GDPR_SETTINGS_DELETE, STMT_GDPR_ALERTS_DELETE,
		STMT_GDPR_UNSUB_DELETE, STMT_GDPR_VERIFY_DELETE,
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
		if ((rc = db_exec(r->db, r->arena, stmts[i],
		    DB_PARAMS(DB_STR(user_id)), NULL)) != DB_OK)
			return rc;
	return DB_OK;
}
