/*
 * vog.c — GET /admin/vog: the VOGs (Verklaring Omtrent het Gedrag) that
 * volunteers recorded, for moderators to decide on (issue 17, part 4;
 * API.md "Care"). The decision itself is POST /users/{id}/vog in the
 * accounts handler; this list is what lets a moderator, who has no access
 * to the admin's user pages, find the VOGs that wait.
 *
 * ?status=pending (the default) lists those waiting for a decision,
 * verified and rejected the decided ones; oldest recorded first, keyset-
 * paged on (submitted_at, user_id) by the users_vog_pending index
 * (migration 095). Only active users. Each item is the volunteer's id and
 * display name and the VOG's status and dates: never the moderator's
 * sealed note (bh_admin is not granted that column), nothing else of the
 * person.
 */
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "page.h"
#include "problem.h"

/* Columns of STMT_VOG_LIST. */
enum { VL_USER, VL_NAME, VL_STATUS, VL_ISSUED, VL_EXPIRES, VL_SUBMITTED, VL_SORT };

/* ?status= → the users_vog status it lists. */
static const struct {
	const char	*query, *stored;
} statuses[] = {
	{ "pending",	"submitted" },
	{ "verified",	"verified" },
	{ "rejected",	"rejected" },
};

static json_object *
render_vog(struct req *r, const struct db_rows *rows, size_t i, const void *ctx)
{
	json_object *o = json_object_new_object(), *v = json_object_new_object();

	(void)r;
	(void)ctx;
	json_put(o, "user", admin_user_json(db_str(rows, i, VL_USER),
	    db_str(rows, i, VL_NAME)));
	json_put_str(v, "status", db_str(rows, i, VL_STATUS));
	json_put_str(v, "issued_on", db_str(rows, i, VL_ISSUED));
	json_put_str(v, "expires_on", db_str(rows, i, VL_EXPIRES));
	json_put_str(v, "submitted_at", db_str(rows, i, VL_SUBMITTED));
	json_put(o, "vog", v);
	return o;
}

void
vog_list(struct req *r)
{
	static const int cols[2] = { VL_SORT, VL_USER };
	const char *status = http_query(r, "status"), *stored = NULL;
	char *after[2];
	struct db_rows rows;
	struct page pg;
	long limit;
	size_t i;

	if (!auth_require(r, ACT_VOG_REVIEW, NULL))
		return;
	admin_limit(r, &limit);
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(status != NULL ? status : "pending", statuses[i].query) == 0)
			stored = statuses[i].stored;
	if (stored == NULL)
		problem_field(r, "status", "not_allowed",
		    "status is pending, verified or rejected.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (admin_cursor(r, after, 2, admin_sortkey_ok) != 0)
		return;
	if (db_exec(r->db, r->arena, STMT_VOG_LIST, DB_PARAMS(DB_STR(stored),
	    DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[1]),
	    DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "vog list");
		return;
	}
	page_init(&pg, limit, render_vog, NULL);
	if (page_add(r, &pg, &rows) != 0) {
		page_drop(&pg);
		problem_internal(r, "vog list");
		return;
	}
	page_send(r, &pg, NULL, cols, 2);
}
