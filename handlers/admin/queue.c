/*
 * queue.c — GET /admin/queue: the pending requests and offers of active
 * users, and the pending vacancies of organisations (issue 18 part 2), in
 * one list, oldest first, for moderators to decide on (the
 * decisions are POST /requests/{id}/review and /offers/{id}/review, in the
 * requests and offers handlers).
 *
 * Only the public part of each post is shown — what the public would see
 * once it is approved — never the private part of a request; a moderator
 * who needs that opens the request itself, which is audited there. A
 * request posted for someone shows that person's first name and how their
 * consent was recorded (issue 17), which a moderator may revoke
 * (POST /requests/{id}/consent/revoke, in the requests handler).
 *
 * Keyset-paged on (created_at, id) across both tables: each branch of the
 * UNION reads at most limit + 1 rows from its own (status, created_at, id)
 * index, and the merge keeps the first limit + 1.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "problem.h"
#include "warnings.h"

enum queue_col {
	QC_TYPE, QC_ID, QC_TITLE, QC_DESCRIPTION, QC_CATEGORIES, QC_PC4,
	QC_PLACE, QC_MUNICIPALITY, QC_USER_ID, QC_USER_NAME, QC_CREATED,
	QC_SORT_KEY, QC_RADIUS_KM, QC_BEHALF, QC_CONSENT_HOW, QC_CONSENT_AT,
	QC_CONSENT_BY, QC_CONSENT_BY_NAME, QC_ORG_ID, QC_ORG_NAME,
};

static json_object *
item_json(const struct db_rows *rows, size_t i)
{
	const char *type = db_str(rows, i, QC_TYPE);
	bool request = strcmp(type, "request") == 0;
	bool vacancy = strcmp(type, "vacancy") == 0;
	json_object *o = json_object_new_object();
	struct area area;

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, i, QC_PC4));
	area.place = db_str(rows, i, QC_PLACE);
	area.municipality = db_str(rows, i, QC_MUNICIPALITY);
	json_put_str(o, "type", request ? "request" : vacancy ? "vacancy" : "offer");
	json_put_str(o, "id", db_str(rows, i, QC_ID));
	json_put_str(o, "title", db_str(rows, i, QC_TITLE));
	json_put_str(o, "description", db_str(rows, i, QC_DESCRIPTION));
	if (request) {
		json_put_str(o, "category", db_str(rows, i, QC_CATEGORIES));
		json_put(o, "on_behalf_of", admin_behalf_json(rows, i, QC_BEHALF));
	} else if (vacancy) {
		/* A vacancy (issue 18 part 2): its organisation, not a person. */
		json_object *g = json_object_new_object();

		json_put(o, "categories", admin_csv_array(db_str(rows, i, QC_CATEGORIES)));
		json_put_str(g, "id", db_str(rows, i, QC_ORG_ID));
		json_put_str(g, "name", db_str(rows, i, QC_ORG_NAME));
		json_put(o, "organisation", g);
	} else {
		json_put(o, "categories", admin_csv_array(db_str(rows, i, QC_CATEGORIES)));
		json_put_int(o, "radius_km", db_int(rows, i, QC_RADIUS_KM));
	}
	json_put(o, "area", postcode_area_json(&area));
	if (!vacancy)
		json_put(o, request ? "owner" : "volunteer", admin_user_json(
		    db_str(rows, i, QC_USER_ID), db_str(rows, i, QC_USER_NAME)));
	json_put_str(o, "created_at", db_str(rows, i, QC_CREATED));
	json_put(o, "flags", warnings_flags(db_str(rows, i, QC_TITLE),
	    db_str(rows, i, QC_DESCRIPTION), request ? db_str(rows, i, QC_CATEGORIES) : NULL));
	return o;
}

void
queue_list(struct req *r)
{
	char *after[2];
	struct db_rows rows;
	json_object *body, *items;
	long limit;
	size_t i, shown;

	if (!auth_require(r, ACT_MODERATE, NULL))
		return;
	admin_limit(r, &limit);
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (admin_cursor(r, after, 2, admin_sortkey_ok) != 0)
		return;
	if (db_exec(r->db, r->arena, STMT_QUEUE, DB_PARAMS(
	    DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[1]),
	    DB_INT(limit + 1),
	    DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[1]),
	    DB_INT(limit + 1),
	    DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[1]),
	    DB_INT(limit + 1),
	    DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "queue");
		return;
	}
	shown = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < shown; i++)
		json_object_array_add(items, item_json(&rows, i));
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, shown - 1, QC_SORT_KEY),
		    db_str(&rows, shown - 1, QC_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}
