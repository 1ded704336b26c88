/*
 * audit.c — GET /admin/audit (admins): who did or read what, when; newest
 * first, filtered by actor (a user id) and target (the id of what was acted
 * on or read), keyset-paged on the log's own id. The actor and target
 * filters each run on their (column, id) index.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"

#define TARGET_MAX	64

/* Target ids are our ids, category slugs or report ids: printable ASCII. */
static bool
target_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > TARGET_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

void
audit_list(struct req *r)
{
	const char *actor = http_query(r, "actor"), *target = http_query(r, "target");
	char *after[1];
	struct db_param before;
	struct db_rows rows;
	json_object *body, *items, *e;
	long limit;
	size_t i, shown;

	if (!auth_require(r, ACT_AUDIT_READ, NULL))
		return;
	admin_limit(r, &limit);
	if (actor != NULL && valid_id(actor) != NULL)
		problem_field(r, "actor", "invalid", "actor is a user id.");
	if (target != NULL && !target_ok(target))
		problem_field(r, "target", "invalid", "target is an id of at most 64 characters.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (admin_cursor(r, after, 1, admin_digits_ok) != 0)
		return;
	before = after[0] != NULL ? DB_INT(strtoll(after[0], NULL, 10)) : DB_NULL;
	if (db_exec(r->db, r->arena, STMT_AUDIT_LIST, DB_PARAMS(
	    DB_STR(actor), DB_STR(actor), DB_STR(target), DB_STR(target),
	    before, before, DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "audit");
		return;
	}
	/* id, at, actor, actor's name, action, target type, target id, detail */
	shown = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < shown; i++) {
		e = json_object_new_object();
		json_put_str(e, "id", db_str(&rows, i, 0));
		json_put_str(e, "at", db_str(&rows, i, 1));
		json_put_str(e, "actor_id", db_str(&rows, i, 2));
		json_put(e, "actor", admin_user_json(db_str(&rows, i, 2), db_str(&rows, i, 3)));
		json_put_str(e, "action", db_str(&rows, i, 4));
		json_put_str(e, "target_type", db_str(&rows, i, 5));
		json_put_str(e, "target_id", db_str(&rows, i, 6));
		json_put_str(e, "detail", db_str(&rows, i, 7));
		json_object_array_add(items, e);
	}
	if (rows.nrows > (size_t)limit) {
		const char *parts[1] = { db_str(&rows, shown - 1, 0) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 1));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}
