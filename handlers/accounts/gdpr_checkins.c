/*
 * gdpr_checkins.c — the check-ins' part of GET /me/export and DELETE /me
 * (issue 17, part 5): the answers the user gave on recurring help, with
 * their own notes opened for them; on erasure the notes are destroyed (the
 * answer itself stays with the match's history, without words of theirs).
 */
#include "accounts.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"

int
gdpr_checkins_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *arr, *o;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_GDPR_CHECKINS_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	/* id, match, answer, sealed note, created */
	for (i = 0; i < rows.nrows; i++) {
		char *pt = NULL;
		size_t len = 0;

		o = json_object_new_object();
		json_put_str(o, "id", db_str(&rows, i, 0));
		json_put_str(o, "match_id", db_str(&rows, i, 1));
		json_put_str(o, "answer", db_str(&rows, i, 2));
		if (db_is_null(&rows, i, 3))
			json_put(o, "note", NULL);
		else if (crypto_field_open(r->arena, &pt, &len, "checkins", "note",
		    db_str(&rows, i, 0), (const unsigned char *)db_str(&rows, i, 3),
		    db_len(&rows, i, 3)) != 0) {
			log_error("export: cannot open checkins.note");
			json_object_put(o);
			json_object_put(arr);
			return -1;
		} else
			json_put_strn(o, "note", pt, len);
		json_put_str(o, "created_at", db_str(&rows, i, 4));
		json_object_array_add(arr, o);
	}
	json_put(doc, "checkins", arr);
	return 0;
}

int
gdpr_checkins_erase(struct req *r, const char *user_id)
{
	return db_exec(r->db, r->arena, STMT_GDPR_CHECKINS_FORGET,
	    DB_PARAMS(DB_STR(user_id)), NULL);
}
