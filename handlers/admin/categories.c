/*
 * categories.c — GET /categories (the active ones in their order; admins may
 * ask ?all=1 for the inactive ones too), and their management by admins:
 * POST /categories, PATCH and DELETE /categories/{id}. A category in use by
 * a request, an offer or an organisation is never deleted, only
 * deactivated: it stays readable on what uses it but is offered no more.
 */
#include <stdbool.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"

static json_object *
category_json(const struct db_rows *rows, size_t i)
{
	json_object *c = json_object_new_object();

	json_put_str(c, "id", db_str(rows, i, 0));
	json_put_str(c, "name_nl", db_str(rows, i, 1));
	json_put_str(c, "name_en", db_str(rows, i, 2));
	json_put_int(c, "sort_order", db_int(rows, i, 3));
	json_put_bool(c, "active", db_int(rows, i, 4) != 0);
	json_put_bool(c, "needs_vog", db_int(rows, i, 5) != 0);
	return c;
}

void
categories_list(struct req *r)
{
	const char *all = http_query(r, "all");
	struct db_rows rows;
	json_object *arr;
	size_t i;
	int idx = STMT_CATEGORIES_ACTIVE;

	/* Inactive categories are the admins' business only; anyone else
	 * asking for them simply gets the public list. */
	if (all != NULL && (strcmp(all, "1") == 0 || strcmp(all, "true") == 0) &&
	    auth_decide(&r->who, ACT_CATEGORY_ADMIN, NULL) == AUTH_ALLOW)
		idx = STMT_CATEGORIES_ALL;
	if (db_exec(r->db, r->arena, idx, NULL, 0, &rows) != DB_OK) {
		problem_internal(r, "categories");
		return;
	}
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(arr, category_json(&rows, i));
	http_send_json(r, 200, arr);
}

/* Sends {category} of id with status; 404 when there is none. */
static void
send_category(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body;

	if (db_exec(r->db, r->arena, STMT_CATEGORY_GET, DB_PARAMS(DB_STR(id)),
	    &rows) != DB_OK) {
		problem_internal(r, "category");
		return;
	}
	if (rows.nrows == 0) {
		problem_send(r, 404, "not_found", "No such category.");
		return;
	}
	body = json_object_new_object();
	json_put(body, "category", category_json(&rows, 0));
	http_send_json(r, status, body);
}

/* Optional integer and boolean fields as statement parameters (NULL when
 * absent or null). */
static struct db_param
int_param(json_object *o, const char *key)
{
	long long v;

	return json_get_int(o, key, &v) ? DB_INT(v) : DB_NULL;
}

static struct db_param
bool_param(json_object *o, const char *key)
{
	bool v;

	return json_get_bool(o, key, &v) ? DB_INT(v ? 1 : 0) : DB_NULL;
}

/* needs_vog of the body, when given (issue 17): a request in the category
 * takes only volunteers with a verified VOG. Returns a db_status. */
static int
set_needs_vog(struct req *r, const char *id)
{
	bool v;

	if (!json_get_bool(r->json, "needs_vog", &v))
		return DB_OK;
	return db_exec(r->db, r->arena, STMT_CATEGORY_VOG_SET,
	    DB_PARAMS(DB_INT(v ? 1 : 0), DB_STR(id)), NULL);
}

void
categories_create(struct req *r)
{
	const char *id = json_get_str(r->json, "id");
	bool active = true;
	int rc;

	if (!auth_require(r, ACT_CATEGORY_ADMIN, NULL))
		return;
	if (!admin_slug_ok(id)) {
		problem_field(r, "id", "invalid",
		    "Lower-case letters, digits and '-', at most 32, not starting with '-'.");
		problem_invalid(r);
		return;
	}
	(void)json_get_bool(r->json, "active", &active);
	rc = db_exec(r->db, r->arena, STMT_CATEGORY_INSERT, DB_PARAMS(DB_STR(id),
	    DB_STR(json_get_str(r->json, "name_nl")),
	    DB_STR(json_get_str(r->json, "name_en")),
	    int_param(r->json, "sort_order"), DB_INT(active ? 1 : 0)), NULL);
	if (rc == DB_DUPLICATE) {
		problem_send(r, 409, "conflict", "A category with this id exists.");
		return;
	}
	if (rc == DB_OK)
		rc = set_needs_vog(r, id);
	if (rc != DB_OK) {
		problem_internal(r, "category create");
		return;
	}
	(void)audit_write(r, "category.create", "category", id, NULL);
	send_category(r, id, 201);
}

void
categories_patch(struct req *r)
{
	const char *id = http_param(r, "id");
	struct db_rows rows;

	if (!auth_require(r, ACT_CATEGORY_ADMIN, NULL))
		return;
	if (!admin_slug_ok(id)) {
		problem_send(r, 404, "not_found", "No such category.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_CATEGORY_GET, DB_PARAMS(DB_STR(id)),
	    &rows) != DB_OK)
		goto internal;
	if (rows.nrows == 0) {
		problem_send(r, 404, "not_found", "No such category.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_CATEGORY_UPDATE, DB_PARAMS(
	    DB_STR(json_get_str(r->json, "name_nl")),
	    DB_STR(json_get_str(r->json, "name_en")),
	    int_param(r->json, "sort_order"), bool_param(r->json, "active"),
	    DB_STR(id)), NULL) != DB_OK || set_needs_vog(r, id) != DB_OK)
		goto internal;
	(void)audit_write(r, "category.update", "category", id, NULL);
	send_category(r, id, 200);
	return;
internal:
	problem_internal(r, "category patch");
}

void
categories_delete(struct req *r)
{
	const char *id = http_param(r, "id");
	struct db_rows rows;
	int rc;

	if (!auth_require(r, ACT_CATEGORY_ADMIN, NULL))
		return;
	if (!admin_slug_ok(id)) {
		problem_send(r, 404, "not_found", "No such category.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_CATEGORY_USES,
	    DB_PARAMS(DB_STR(id), DB_STR(id), DB_STR(id)), &rows) != DB_OK)
		goto internal;
	if (db_int(&rows, 0, 0) + db_int(&rows, 0, 1) + db_int(&rows, 0, 2) > 0)
		goto in_use;
	/* The foreign keys hold the line should a post take the category
	 * between the count and the delete. */
	rc = db_exec(r->db, r->arena, STMT_CATEGORY_DELETE, DB_PARAMS(DB_STR(id)), NULL);
	if (rc == DB_CONSTRAINT)
		goto in_use;
	if (rc != DB_OK)
		goto internal;
	if (db_affected(r->db) == 0) {
		problem_send(r, 404, "not_found", "No such category.");
		return;
	}
	(void)audit_write(r, "category.delete", "category", id, NULL);
	http_send_empty(r, 204);
	return;
in_use:
	problem_send(r, 409, "conflict",
	    "The category is in use by requests, offers or organisations; "
	    "deactivate it instead (PATCH with active: false).");
	return;
internal:
	problem_internal(r, "category delete");
}
