/*
 * gdpr_circles.c — the circles' part of GET /me/export and DELETE /me
 * (issue 18 part 3).
 *
 * Export: under "circles", the circles the user owns (the first name of the
 * person cared for, the members' display names, the pending invitations
 * with the addresses the user gave) and those they are a member of.
 *
 * Erasure (inside the erasure transaction): the circles the user owns end
 * (their members and invitations go with them, ON DELETE CASCADE); the
 * user's memberships are deleted. Their circle requests are withdrawn with
 * their other posts (gdpr_requests.c).
 */
#include <string.h>

#include "accounts.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"

int
gdpr_circles_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows circles, members, inv;
	json_object *arr, *o, *list, *m;
	size_t i, j;

	if (db_exec(r->db, r->arena, STMT_GDPR_CIRCLES_EXPORT,
	    DB_PARAMS(DB_STR(user_id), DB_STR(user_id), DB_STR(user_id)), &circles) != DB_OK)
		return -1;
	arr = json_object_new_array();
	/* id, first name, role, created */
	for (i = 0; i < circles.nrows; i++) {
		const char *id = db_str(&circles, i, 0);
		bool owner = strcmp(db_str(&circles, i, 2), "owner") == 0;

		o = json_object_new_object();
		json_put_str(o, "id", id);
		json_put_str(o, "first_name", db_str(&circles, i, 1));
		json_put_str(o, "role", db_str(&circles, i, 2));
		json_put_str(o, "created_at", db_str(&circles, i, 3));
		if (owner) {
			if (db_exec(r->db, r->arena, STMT_GDPR_CIRCLE_MEMBERS,
			    DB_PARAMS(DB_STR(id)), &members) != DB_OK ||
			    db_exec(r->db, r->arena, STMT_GDPR_CIRCLE_INVITATIONS,
			    DB_PARAMS(DB_STR(id)), &inv) != DB_OK) {
				json_object_put(o);
				json_object_put(arr);
				return -1;
			}
			list = json_object_new_array();
			for (j = 0; j < members.nrows; j++) {
				m = json_object_new_object();
				json_put_str(m, "display_name", db_str(&members, j, 0));
				json_put_str(m, "joined_at", db_str(&members, j, 1));
				json_object_array_add(list, m);
			}
			json_put(o, "members", list);
			list = json_object_new_array();
			for (j = 0; j < inv.nrows; j++) {
				char *email = NULL;
				size_t len = 0;

				if (!db_is_null(&inv, j, 1) && crypto_field_open(r->arena, &email, &len,
				    "circle_invitations", "email", db_str(&inv, j, 0),
				    (const unsigned char *)db_str(&inv, j, 1), db_len(&inv, j, 1)) != 0)
					email = NULL;
				m = json_object_new_object();
				json_put_str(m, "email", email);
				json_put_str(m, "created_at", db_str(&inv, j, 2));
				json_object_array_add(list, m);
			}
			json_put(o, "invitations", list);
		}
		json_object_array_add(arr, o);
	}
	json_put(doc, "circles", arr);
	return 0;
}

int
gdpr_circles_erase(struct req *r, const char *user_id)
{
	if (db_exec(r->db, r->arena, STMT_GDPR_CIRCLES_LEAVE,
	    DB_PARAMS(DB_STR(user_id)), NULL) != DB_OK)
		return -1;
	return db_exec(r->db, r->arena, STMT_GDPR_CIRCLES_DELETE,
	    DB_PARAMS(DB_STR(user_id)), NULL) == DB_OK ? 0 : -1;
}
