/*
 * talents.c — GET /talents: the active talents of the Talentenbank
 * (migration 101), for everyone: [{id, name_nl, name_en}] in the admin's
 * order. The names in the other languages are in web/i18n
 * (talent_names.<id>). The admin keeps the list in handlers/admin/talents.c.
 */
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "problem.h"
#include "vacancy.h"
#include "valid.h"

void
talents_list(struct req *r)
{
	const char *all = http_query(r, "all");
	struct db_rows rows;
	json_object *arr, *t;
	size_t i;

	/* Inactive talents are the admins' business; anyone else asking for
	 * them gets the public list. */
	if (all != NULL && (strcmp(all, "1") == 0 || strcmp(all, "true") == 0) &&
	    auth_decide(&r->who, ACT_TALENT_ADMIN, NULL) == AUTH_ALLOW) {
		talents_all(r);
		return;
	}
	if (db_exec(r->db, r->arena, STMT_TALENTS_LIST, NULL, 0, &rows) != DB_OK) {
		problem_internal(r, "talents");
		return;
	}
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		t = json_object_new_object();
		json_put_str(t, "id", db_str(&rows, i, 0));
		json_put_str(t, "name_nl", db_str(&rows, i, 1));
		json_put_str(t, "name_en", db_str(&rows, i, 2));
		json_object_array_add(arr, t);
	}
	http_send_json(r, 200, arr);
}

/* ---- The admin keeps the list: POST /talents, PATCH /talents/{id} ---- */

static json_object *
talent_admin_json(const struct db_rows *rows, size_t i)
{
	json_object *t = json_object_new_object();

	json_put_str(t, "id", db_str(rows, i, 0));
	json_put_str(t, "name_nl", db_str(rows, i, 1));
	json_put_str(t, "name_en", db_str(rows, i, 2));
	json_put_int(t, "sort_order", db_int(rows, i, 3));
	json_put_bool(t, "active", db_int(rows, i, 4) != 0);
	return t;
}

/* GET /talents?all=1 for an admin: every talent, inactive ones too. */
void
talents_all(struct req *r)
{
	struct db_rows rows;
	json_object *arr;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_TALENTS_ALL, NULL, 0, &rows) != DB_OK) {
		problem_internal(r, "talents");
		return;
	}
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(arr, talent_admin_json(&rows, i));
	http_send_json(r, 200, arr);
}

static void
send_talent(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body;

	if (db_exec(r->db, r->arena, STMT_TALENT_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK) {
		problem_internal(r, "talent");
		return;
	}
	if (rows.nrows == 0) {
		problem_send(r, 404, "not_found", "No such talent.");
		return;
	}
	body = json_object_new_object();
	json_put(body, "talent", talent_admin_json(&rows, 0));
	http_send_json(r, status, body);
}

static struct db_param
int_param(json_object *o, const char *key)
{
	long long v;

	return json_get_int(o, key, &v) ? DB_INT(v) : DB_NULL;
}

void
talent_create(struct req *r)
{
	const char *id = json_get_str(r->json, "id");
	bool active = true;
	int rc;

	if (!auth_require(r, ACT_TALENT_ADMIN, NULL))
		return;
	if (!valid_talent_id(id)) {
		problem_field(r, "id", "invalid",
		    "Lower-case letters, digits, '-' and '_', at most 32.");
		problem_invalid(r);
		return;
	}
	(void)json_get_bool(r->json, "active", &active);
	rc = db_exec(r->db, r->arena, STMT_TALENT_INSERT, DB_PARAMS(DB_STR(id),
	    DB_STR(json_get_str(r->json, "name_nl")),
	    DB_STR(json_get_str(r->json, "name_en")),
	    int_param(r->json, "sort_order"), DB_INT(active ? 1 : 0)), NULL);
	if (rc == DB_DUPLICATE) {
		problem_send(r, 409, "conflict", "A talent with this id exists.");
		return;
	}
	if (rc != DB_OK) {
		problem_internal(r, "talent create");
		return;
	}
	(void)audit_write(r, "talent.create", "talent", id, NULL);
	send_talent(r, id, 201);
}

/* Renames, reorders, deactivates (active false: offered no more, but kept
 * on the volunteers and vacancies that name it) or reactivates. */
void
talent_patch(struct req *r)
{
	const char *id = http_param(r, "id");
	struct db_rows rows;
	bool active;

	if (!auth_require(r, ACT_TALENT_ADMIN, NULL))
		return;
	if (!valid_talent_id(id)) {
		problem_send(r, 404, "not_found", "No such talent.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_TALENT_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK)
		goto internal;
	if (rows.nrows == 0) {
		problem_send(r, 404, "not_found", "No such talent.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_TALENT_UPDATE, DB_PARAMS(
	    DB_STR(json_get_str(r->json, "name_nl")),
	    DB_STR(json_get_str(r->json, "name_en")),
	    int_param(r->json, "sort_order"),
	    json_get_bool(r->json, "active", &active) ? DB_INT(active ? 1 : 0) : DB_NULL,
	    DB_STR(id)), NULL) != DB_OK)
		goto internal;
	(void)audit_write(r, "talent.update", "talent", id, NULL);
	send_talent(r, id, 200);
	return;
internal:
	problem_internal(r, "talent patch");
}
