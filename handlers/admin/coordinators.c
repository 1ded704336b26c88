/*
 * coordinators.c — organisation accounts (issue 18 part 1; API.md
 * "Organisations, vacancies and the circle around a person").
 *
 * An admin makes a user coordinator of one organisation
 * (POST /organisations/{id}/coordinators), removes them (DELETE
 * .../coordinators/{user_id}); the admin and that organisation's
 * coordinators list them (GET). Coordinatorship is a row of
 * organisation_coordinators, not a role: it reaches only that organisation.
 *
 * A coordinator's PATCH /organisations/{id} (organisations.c) stores a
 * pending change in organisation_changes; the public entry is unchanged
 * until a moderator approves it here (POST /admin/organisation-changes/{id}/review),
 * which applies it in the same transaction. The admin's own PATCH stays
 * immediate. Who may do what is decided in lib/auth.c (ACT_ORG_*).
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "page.h"
#include "postcode.h"
#include "problem.h"
#include "server.h"
#include "valid.h"

/* Columns of CHANGE_COLUMNS (stmts.c). */
enum {
	CC_ID, CC_ORG, CC_ORG_NAME, CC_BY, CC_BY_NAME, CC_NAME, CC_DESCRIPTION,
	CC_CATEGORIES, CC_PC4, CC_PLACE, CC_MUNICIPALITY, CC_LAT, CC_LON,
	CC_SET_WEBSITE, CC_WEBSITE, CC_SET_PHONE, CC_PHONE, CC_SET_EMAIL, CC_EMAIL,
	CC_STATUS, CC_REVIEWED_BY, CC_REVIEWED_AT, CC_NOTE, CC_CREATED, CC_SORT,
};

int
admin_org_coordinator(struct req *r, const char *org_id)
{
	struct db_rows rows;

	if (!r->who.logged_in)
		return 0;
	if (db_exec(r->db, r->arena, STMT_COORD_IS, DB_PARAMS(DB_STR(org_id),
	    DB_STR(r->who.user_id)), &rows) != DB_OK)
		return -1;
	return rows.nrows > 0 ? 1 : 0;
}

json_object *
admin_change_json(const struct db_rows *rows, size_t i)
{
	json_object *o = json_object_new_object(), *org = json_object_new_object();
	json_object *ch = json_object_new_object();

	json_put_str(o, "id", db_str(rows, i, CC_ID));
	json_put_str(org, "id", db_str(rows, i, CC_ORG));
	json_put_str(org, "name", db_str(rows, i, CC_ORG_NAME));
	json_put(o, "organisation", org);
	json_put(o, "proposed_by", admin_user_json(db_str(rows, i, CC_BY),
	    db_str(rows, i, CC_BY_NAME)));
	if (!db_is_null(rows, i, CC_NAME))
		json_put_str(ch, "name", db_str(rows, i, CC_NAME));
	if (!db_is_null(rows, i, CC_DESCRIPTION))
		json_put_str(ch, "description", db_str(rows, i, CC_DESCRIPTION));
	if (!db_is_null(rows, i, CC_CATEGORIES))
		json_put(ch, "categories", admin_csv_array(db_str(rows, i, CC_CATEGORIES)));
	if (!db_is_null(rows, i, CC_PC4)) {
		struct area area;

		memset(&area, 0, sizeof(area));
		snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, i, CC_PC4));
		area.place = db_str(rows, i, CC_PLACE);
		area.municipality = db_str(rows, i, CC_MUNICIPALITY);
		json_put(ch, "area", postcode_area_json(&area));
	}
	if (db_int(rows, i, CC_SET_WEBSITE))
		json_put_str(ch, "website", db_str(rows, i, CC_WEBSITE));
	if (db_int(rows, i, CC_SET_PHONE))
		json_put_str(ch, "phone", db_str(rows, i, CC_PHONE));
	if (db_int(rows, i, CC_SET_EMAIL))
		json_put_str(ch, "email", db_str(rows, i, CC_EMAIL));
	json_put(o, "changes", ch);
	json_put_str(o, "status", db_str(rows, i, CC_STATUS));
	json_put_str(o, "note", db_str(rows, i, CC_NOTE));
	json_put_str(o, "created_at", db_str(rows, i, CC_CREATED));
	json_put_str(o, "reviewed_at", db_str(rows, i, CC_REVIEWED_AT));
	return o;
}

/* ---- coordinators ---------------------------------------------------- */

/* 0: the organisation exists; 1: it does not (404 sent); -1: failure. */
static int
org_exists(struct req *r, const char *id)
{
	struct db_rows rows;

	if (valid_id(id) != NULL) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return 1;
	}
	if (db_exec(r->db, r->arena, STMT_ORG_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return 1;
	}
	return 0;
}

static void
send_coordinators(struct req *r, const char *org_id, int status)
{
	struct db_rows rows;
	json_object *body, *items, *o;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_COORD_LIST, DB_PARAMS(DB_STR(org_id)),
	    &rows) != DB_OK) {
		problem_internal(r, "coordinators");
		return;
	}
	body = json_object_new_object();
	items = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		o = json_object_new_object();
		json_put(o, "user", admin_user_json(db_str(&rows, i, 0), db_str(&rows, i, 1)));
		json_put_str(o, "since", db_str(&rows, i, 2));
		json_object_array_add(items, o);
	}
	json_put(body, "items", items);
	http_send_json(r, status, body);
}

void
coordinators_list(struct req *r)
{
	const char *id = http_param(r, "id");
	struct auth_object obj = { 0 };
	int rc;

	if (valid_id(id) == NULL && (rc = admin_org_coordinator(r, id)) != 0) {
		if (rc < 0)
			goto internal;
		obj.status = "coordinator";
	}
	if (!auth_require(r, ACT_ORG_COORDINATORS_VIEW, &obj))
		return;
	if ((rc = org_exists(r, id)) != 0) {
		if (rc < 0)
			goto internal;
		return;
	}
	send_coordinators(r, id, 200);
	return;
internal:
	problem_internal(r, "coordinators");
}

void
coordinators_add(struct req *r)
{
	const char *id = http_param(r, "id");
	const char *user = json_get_str(r->json, "user_id");
	struct db_rows rows;
	int rc;

	if (!auth_require(r, ACT_ORG_COORDINATOR_GRANT, NULL))
		return;
	if ((rc = org_exists(r, id)) != 0) {
		if (rc < 0)
			goto internal;
		return;
	}
	if (db_exec(r->db, r->arena, STMT_TARGET_USER, DB_PARAMS(DB_STR(user)),
	    &rows) != DB_OK)
		goto internal;
	if (rows.nrows != 1) {
		problem_send(r, 404, "not_found", "No such user.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_COORD_INSERT, DB_PARAMS(DB_STR(id),
	    DB_STR(user), DB_STR(r->who.user_id)), NULL) != DB_OK)
		goto internal;
	/* A second click changes nothing: 200, and no second audit row. */
	if (db_affected(r->db) == 0) {
		send_coordinators(r, id, 200);
		return;
	}
	(void)audit_write(r, "organisation.coordinator.grant", "organisation", id, user);
	send_coordinators(r, id, 201);
	return;
internal:
	problem_internal(r, "coordinator grant");
}

void
coordinators_remove(struct req *r)
{
	const char *id = http_param(r, "id"), *user = http_param(r, "user_id");
	int rc;

	if (!auth_require(r, ACT_ORG_COORDINATOR_GRANT, NULL))
		return;
	if ((rc = org_exists(r, id)) != 0) {
		if (rc < 0)
			goto internal;
		return;
	}
	if (valid_id(user) != NULL) {
		problem_send(r, 404, "not_found", "No such coordinator.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_COORD_DELETE, DB_PARAMS(DB_STR(id),
	    DB_STR(user)), NULL) != DB_OK)
		goto internal;
	if (db_affected(r->db) == 0) {
		problem_send(r, 404, "not_found", "No such coordinator.");
		return;
	}
	(void)audit_write(r, "organisation.coordinator.remove", "organisation", id, user);
	http_send_empty(r, 204);
	return;
internal:
	problem_internal(r, "coordinator remove");
}

/* ---- pending changes ------------------------------------------------- */

static const struct {
	const char	*query;
} change_statuses[] = { { "pending" }, { "approved" }, { "rejected" } };

static json_object *
render_change(struct req *r, const struct db_rows *rows, size_t i, const void *ctx)
{
	(void)r;
	(void)ctx;
	return admin_change_json(rows, i);
}

void
changes_list(struct req *r)
{
	static const int cols[2] = { CC_SORT, CC_ID };
	const char *status = http_query(r, "status"), *want = NULL;
	char *after[2];
	struct db_rows rows;
	struct page pg;
	long limit;
	size_t i;

	if (!auth_require(r, ACT_ORG_CHANGE_REVIEW, NULL))
		return;
	admin_limit(r, &limit);
	for (i = 0; i < sizeof(change_statuses) / sizeof(change_statuses[0]); i++)
		if (strcmp(status != NULL ? status : "pending", change_statuses[i].query) == 0)
			want = change_statuses[i].query;
	if (want == NULL)
		problem_field(r, "status", "not_allowed",
		    "status is pending, approved or rejected.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (admin_cursor(r, after, 2, admin_sortkey_ok) != 0)
		return;
	if (db_exec(r->db, r->arena, STMT_CHANGES_LIST, DB_PARAMS(DB_STR(want),
	    DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[1]),
	    DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "organisation changes");
		return;
	}
	page_init(&pg, limit, render_change, NULL);
	if (page_add(r, &pg, &rows) != 0) {
		page_drop(&pg);
		problem_internal(r, "organisation changes");
		return;
	}
	page_send(r, &pg, NULL, cols, 2);
}

#define REVIEWED_ALREADY	1
#define CHANGE_GONE		2

struct review {
	struct req	*r;
	const char	*id;
	bool		 approve;
	const char	*note;
	const char	*org_id;	/* out */
};

/* Applies the change in rows (row 0) to its organisation. */
static int
apply_change(struct req *r, const struct db_rows *c)
{
	const char *org = db_str(c, 0, CC_ORG), *cats = db_str(c, 0, CC_CATEGORIES);
	bool area = !db_is_null(c, 0, CC_PC4);
	char *list, *save = NULL, *cat;
	int rc;

	rc = db_exec(r->db, r->arena, STMT_ORG_UPDATE, DB_PARAMS(
	    DB_STR(db_str(c, 0, CC_NAME)), DB_STR(db_str(c, 0, CC_DESCRIPTION)),
	    area ? DB_STR(db_str(c, 0, CC_PC4)) : DB_NULL,
	    area ? DB_DOUBLE(db_double(c, 0, CC_LAT)) : DB_NULL,
	    area ? DB_DOUBLE(db_double(c, 0, CC_LON)) : DB_NULL,
	    DB_INT(db_int(c, 0, CC_SET_WEBSITE)), DB_STR(db_str(c, 0, CC_WEBSITE)),
	    DB_INT(db_int(c, 0, CC_SET_PHONE)), DB_STR(db_str(c, 0, CC_PHONE)),
	    DB_INT(db_int(c, 0, CC_SET_EMAIL)), DB_STR(db_str(c, 0, CC_EMAIL)),
	    DB_STR(org)), NULL);
	if (rc != DB_OK || cats == NULL)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_ORG_CATS_CLEAR, DB_PARAMS(DB_STR(org)),
	    NULL)) != DB_OK)
		return rc;
	list = arena_strdup(r->arena, cats);
	for (cat = strtok_r(list, ",", &save); cat != NULL; cat = strtok_r(NULL, ",", &save))
		if ((rc = db_exec(r->db, r->arena, STMT_ORG_CAT_ADD, DB_PARAMS(DB_STR(org),
		    DB_STR(cat)), NULL)) != DB_OK)
			return rc;
	return DB_OK;
}

static int
review_txn(void *arg)
{
	struct review *v = arg;
	struct req *r = v->r;
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_CHANGE_LOCK, DB_PARAMS(DB_STR(v->id)),
	    &rows)) != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return CHANGE_GONE;
	if (strcmp(db_str(&rows, 0, CC_STATUS), "pending") != 0)
		return REVIEWED_ALREADY;
	v->org_id = arena_strdup(r->arena, db_str(&rows, 0, CC_ORG));
	if (v->approve && (rc = apply_change(r, &rows)) != DB_OK)
		return rc;
	return db_exec(r->db, r->arena, STMT_CHANGE_DECIDE, DB_PARAMS(
	    DB_STR(v->approve ? "approved" : "rejected"), DB_STR(r->who.user_id),
	    DB_STR(v->note), DB_STR(v->id)), NULL);
}

void
changes_review(struct req *r)
{
	struct review v = { .r = r, .id = http_param(r, "id") };
	const char *decision = json_get_str(r->json, "decision");
	struct db_rows rows;
	json_object *body;
	int rc;

	if (!auth_require(r, ACT_ORG_CHANGE_REVIEW, NULL))
		return;
	if (valid_id(v.id) != NULL)
		goto not_found;
	v.approve = strcmp(decision, "approve") == 0;
	v.note = json_get_str(r->json, "note");
	rc = db_txn(r->db, review_txn, &v);
	if (rc == CHANGE_GONE)
		goto not_found;
	if (rc == REVIEWED_ALREADY) {
		problem_send(r, 409, "conflict", "This change has been reviewed already.");
		return;
	}
	if (rc != DB_OK)
		goto internal;
	(void)audit_write(r, v.approve ? "organisation.change.approve" :
	    "organisation.change.reject", "organisation", v.org_id, v.id);
	if (db_exec(r->db, r->arena, STMT_CHANGE_GET, DB_PARAMS(DB_STR(v.id)),
	    &rows) != DB_OK || rows.nrows != 1)
		goto internal;
	body = json_object_new_object();
	json_put(body, "change", admin_change_json(&rows, 0));
	http_send_json(r, 200, body);
	return;
not_found:
	problem_send(r, 404, "not_found", "No such change.");
	return;
internal:
	problem_internal(r, "organisation change review");
}
