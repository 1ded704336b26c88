/*
 * gdpr_organisations.c — the organisation accounts' part of GET /me/export
 * and DELETE /me (issue 18 part 1).
 *
 * Export: the organisations the user coordinates ("organisations": id,
 * name, since when) and the changes they proposed to an entry
 * ("organisation_changes": what they asked for, its status, when) — not
 * the moderator's note or who decided, which are the moderators' record.
 *
 * Erasure (inside the erasure transaction): the user coordinates nothing
 * any more; the changes they proposed stay with the organisation's history
 * (their content is the organisation's public entry), proposed by nobody;
 * the coordinator grants they made as an admin stay, granted by nobody.
 */
#include <string.h>

#include "accounts.h"
#include "db.h"
#include "http.h"
#include "json.h"

/* Columns of STMT_GDPR_ORG_CHANGES_EXPORT. */
enum {
	GC_ID, GC_ORG, GC_ORG_NAME, GC_STATUS, GC_CREATED, GC_REVIEWED,
	GC_NAME, GC_DESCRIPTION, GC_CATEGORIES, GC_PC4,
	GC_SET_WEBSITE, GC_WEBSITE, GC_SET_PHONE, GC_PHONE, GC_SET_EMAIL, GC_EMAIL,
};

/* "a,b" as ["a", "b"]. */
static json_object *
csv_array(struct req *r, const char *csv)
{
	json_object *a = json_object_new_array();
	char *copy = arena_strdup(r->arena, csv), *save = NULL, *t;

	for (t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
		json_object_array_add(a, json_object_new_string(t));
	return a;
}

static json_object *
change_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *o = json_object_new_object(), *org = json_object_new_object();
	json_object *ch = json_object_new_object();

	json_put_str(o, "id", db_str(rows, i, GC_ID));
	json_put_str(org, "id", db_str(rows, i, GC_ORG));
	json_put_str(org, "name", db_str(rows, i, GC_ORG_NAME));
	json_put(o, "organisation", org);
	if (!db_is_null(rows, i, GC_NAME))
		json_put_str(ch, "name", db_str(rows, i, GC_NAME));
	if (!db_is_null(rows, i, GC_DESCRIPTION))
		json_put_str(ch, "description", db_str(rows, i, GC_DESCRIPTION));
	if (!db_is_null(rows, i, GC_CATEGORIES))
		json_put(ch, "categories", csv_array(r, db_str(rows, i, GC_CATEGORIES)));
	if (!db_is_null(rows, i, GC_PC4))
		json_put_str(ch, "pc4", db_str(rows, i, GC_PC4));
	if (db_int(rows, i, GC_SET_WEBSITE))
		json_put_str(ch, "website", db_str(rows, i, GC_WEBSITE));
	if (db_int(rows, i, GC_SET_PHONE))
		json_put_str(ch, "phone", db_str(rows, i, GC_PHONE));
	if (db_int(rows, i, GC_SET_EMAIL))
		json_put_str(ch, "email", db_str(rows, i, GC_EMAIL));
	json_put(o, "changes", ch);
	json_put_str(o, "status", db_str(rows, i, GC_STATUS));
	json_put_str(o, "created_at", db_str(rows, i, GC_CREATED));
	json_put_str(o, "reviewed_at", db_str(rows, i, GC_REVIEWED));
	return o;
}

int
gdpr_organisations_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *arr, *o;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_GDPR_ORGS_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		o = json_object_new_object();
		json_put_str(o, "id", db_str(&rows, i, 0));
		json_put_str(o, "name", db_str(&rows, i, 1));
		json_put_str(o, "since", db_str(&rows, i, 2));
		json_object_array_add(arr, o);
	}
	json_put(doc, "organisations", arr);

	if (db_exec(r->db, r->arena, STMT_GDPR_ORG_CHANGES_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(arr, change_json(r, &rows, i));
	json_put(doc, "organisation_changes", arr);
	return 0;
}

int
gdpr_organisations_erase(struct req *r, const char *user_id)
{
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_GDPR_COORDINATORS_DELETE,
	    DB_PARAMS(DB_STR(user_id)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_GDPR_COORDINATORS_UNGRANT,
	    DB_PARAMS(DB_STR(user_id)), NULL)) != DB_OK)
		return rc;
	return db_exec(r->db, r->arena, STMT_GDPR_ORG_CHANGES_UNLINK,
	    DB_PARAMS(DB_STR(user_id)), NULL);
}
