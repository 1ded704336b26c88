/*
 * organisations.c — the directory of local support (sociale kaart,
 * mantelzorgwijzer, respijtzorgwijzer): GET /organisations and
 * GET /organisations/{id} for anyone; POST, PATCH and DELETE for admins;
 * PATCH by a coordinator of the organisation proposes a pending change
 * (coordinators.c).
 *
 * The list is keyset-paged: by name, or nearest first when `near` names a
 * postcode. Its cursor carries a letter naming the order ("n" or "d"), the
 * sort key of the last item (the name, or the distance in whole metres) and
 * its id, so a cursor of one order given to the other is a 400. Radius
 * search is a box on the indexed lat/lon columns filtered on the exact
 * distance, as everywhere else (lib/geo.c).
 *
 * Contact details of an organisation are public by nature and stored as
 * they are; nothing personal belongs in this table.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "arena.h"
#include "auth.h"
#include "crypto.h"
#include "cursor.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "problem.h"
#include "valid.h"

#define RADIUS_DEFAULT_KM	25.0
#define RADIUS_MIN_KM		1.0
#define RADIUS_MAX_KM		100.0
#define RADIUS_MAX_CHARS	12
#define Q_MAX_CHARS		200

/* Columns of STMT_ORG_GET (and the first ones of the lists). */
enum org_col {
	OC_ID, OC_NAME, OC_DESCRIPTION, OC_PC4, OC_PLACE, OC_MUNICIPALITY,
	OC_WEBSITE, OC_PHONE, OC_EMAIL, OC_CREATED, OC_UPDATED, OC_CATEGORIES,
	OC_SORT_KEY,	/* lists only: the name, or the distance in metres */
};

static json_object *
org_json(const struct db_rows *rows, size_t i, bool with_distance)
{
	json_object *o = json_object_new_object();
	struct area area;

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, i, OC_PC4));
	area.place = db_str(rows, i, OC_PLACE);
	area.municipality = db_str(rows, i, OC_MUNICIPALITY);
	json_put_str(o, "id", db_str(rows, i, OC_ID));
	json_put_str(o, "name", db_str(rows, i, OC_NAME));
	json_put_str(o, "description", db_str(rows, i, OC_DESCRIPTION));
	json_put(o, "categories", admin_csv_array(db_str(rows, i, OC_CATEGORIES)));
	json_put(o, "area", postcode_area_json(&area));
	if (with_distance)
		json_put(o, "distance_km",
		    admin_number(db_double(rows, i, OC_SORT_KEY) / 1000.0, 1));
	json_put_str(o, "website", db_str(rows, i, OC_WEBSITE));
	json_put_str(o, "phone", db_str(rows, i, OC_PHONE));
	json_put_str(o, "email", db_str(rows, i, OC_EMAIL));
	json_put_str(o, "created_at", db_str(rows, i, OC_CREATED));
	json_put_str(o, "updated_at", db_str(rows, i, OC_UPDATED));
	return o;
}

/* Decodes the cursor of order kind ("n" or "d") into key and id; false when
 * it is not one of ours (the caller answers 400). */
static bool
read_cursor(struct req *r, const char *s, const char *kind, char **key, char **id)
{
	char *parts[3];
	long metres;

	if (cursor_decode(r->arena, s, parts, 3) != 0 || strcmp(parts[0], kind) != 0 ||
	    valid_id(parts[2]) != NULL)
		return false;
	if (strcmp(kind, "d") == 0 &&
	    valid_long(parts[1], 0, 100000000L, &metres) != NULL)
		return false;
	if (strcmp(kind, "n") == 0 &&
	    valid_text(parts[1], strlen(parts[1]), 1, 160, false) != NULL)
		return false;
	*key = parts[1];
	*id = parts[2];
	return true;
}

void
organisations_list(struct req *r)
{
	const char *near = http_query(r, "near"), *radius = http_query(r, "radius_km");
	const char *category = http_query(r, "category"), *q = http_query(r, "q");
	const char *cur = http_query(r, "cursor"), *code, *pattern = NULL;
	const char *kind = near != NULL ? "d" : "n";
	struct db_rows rows;
	struct geo_box box;
	struct area area;
	struct db_param p[20];
	char *key = NULL, *after_id = NULL;
	double radius_km = RADIUS_DEFAULT_KM;
	json_object *body, *items;
	long limit;
	size_t n = 0, i, shown;
	long long total;
	int rc;

	admin_limit(r, &limit);
	if (radius != NULL) {
		code = strlen(radius) > RADIUS_MAX_CHARS ? "invalid" :
		    valid_decimal(radius, RADIUS_MIN_KM, RADIUS_MAX_KM, &radius_km);
		if (code != NULL)
			problem_field(r, "radius_km", code, "radius_km is 1 to 100.");
		else if (near == NULL)
			problem_field(r, "radius_km", "invalid",
			    "radius_km needs near (a postcode).");
	}
	if (category != NULL) {
		if (!admin_slug_ok(category))
			problem_field(r, "category", "unknown", "No such category.");
		else {
			if (db_exec(r->db, r->arena, STMT_CATEGORY_GET,
			    DB_PARAMS(DB_STR(category)), &rows) != DB_OK)
				goto internal;
			if (rows.nrows != 1)
				problem_field(r, "category", "unknown", "No such category.");
		}
	}
	if (q != NULL) {
		if ((code = valid_text(q, strlen(q), 1, Q_MAX_CHARS, false)) != NULL)
			problem_field(r, "q", code, "q is 1 to 200 characters of text.");
		else
			pattern = admin_like_pattern(r, q);
	}
	if (near != NULL && postcode_resolve(r, "near", near, &area) < 0)
		goto internal;
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (cur != NULL && !read_cursor(r, cur, kind, &key, &after_id)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}

	if (near != NULL) {
		box = geo_box_around(area.lat, area.lon, radius_km);
		p[n++] = DB_DOUBLE(area.lat);
		p[n++] = DB_DOUBLE(area.lat);
		p[n++] = DB_DOUBLE(area.lon);
		p[n++] = DB_DOUBLE(box.lat_min);
		p[n++] = DB_DOUBLE(box.lat_max);
		p[n++] = DB_DOUBLE(box.lon_min);
		p[n++] = DB_DOUBLE(box.lon_max);
		p[n++] = DB_INT((long long)(radius_km * 1000.0 + 0.5));
	}
	p[n++] = DB_STR(category);
	p[n++] = DB_STR(category);
	p[n++] = DB_STR(pattern);
	p[n++] = DB_STR(pattern);
	p[n++] = DB_STR(pattern);
	/* The total of the result: the same parameters, up to the filters. */
	rc = db_exec(r->db, r->arena, near != NULL ? STMT_ORG_NEAR_COUNT : STMT_ORG_COUNT,
	    p, n, &rows);
	if (rc != DB_OK || rows.nrows != 1)
		goto internal;
	total = db_int(&rows, 0, 0);
	if (near != NULL) {
		long long metres = key != NULL ? strtoll(key, NULL, 10) : 0;

		p[n++] = key != NULL ? DB_INT(metres) : DB_NULL;
		p[n++] = DB_INT(metres);
		p[n++] = DB_INT(metres);
	} else {
		p[n++] = DB_STR(key);
		p[n++] = DB_STR(key);
		p[n++] = DB_STR(key);
	}
	p[n++] = DB_STR(after_id);
	p[n++] = DB_INT(limit + 1);
	rc = db_exec(r->db, r->arena, near != NULL ? STMT_ORG_NEAR : STMT_ORG_LIST,
	    p, n, &rows);
	if (rc != DB_OK)
		goto internal;

	shown = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	json_put(body, "total", json_object_new_int64(total));
	for (i = 0; i < shown; i++)
		json_object_array_add(items, org_json(&rows, i, near != NULL));
	if (rows.nrows > (size_t)limit) {
		const char *parts[3] = { kind, db_str(&rows, shown - 1, OC_SORT_KEY),
		    db_str(&rows, shown - 1, OC_ID) };
		char metres[32];

		if (near != NULL) {
			/* ROUND() hands back a DOUBLE: "1234" or "1234.0". */
			snprintf(metres, sizeof(metres), "%lld",
			    (long long)db_double(&rows, shown - 1, OC_SORT_KEY));
			parts[1] = metres;
		}
		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 3));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "organisations list");
}

/* Loads organisation id into rows: 0 found, 1 none (or not an id), -1
 * failure. */
static int
org_load(struct req *r, const char *id, struct db_rows *rows)
{
	if (valid_id(id) != NULL)
		return 1;
	if (db_exec(r->db, r->arena, STMT_ORG_GET, DB_PARAMS(DB_STR(id)), rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

static void
send_org(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body;
	int rc = org_load(r, id, &rows);

	if (rc < 0) {
		problem_internal(r, "organisation");
		return;
	}
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return;
	}
	body = json_object_new_object();
	json_put(body, "organisation", org_json(&rows, 0, false));
	http_send_json(r, status, body);
}

void
organisations_get(struct req *r)
{
	send_org(r, http_param(r, "id"), 200);
}

/* ---- writing ------------------------------------------------------------ */

static bool
phone_ok(const char *s)
{
	size_t digits = 0;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!(*p == ' ' || *p == '-' || *p == '(' || *p == ')' ||
		    (*p == '+' && p == s)))
			return false;
	}
	return digits >= 6 && digits <= 15;
}

/* An absolute http(s) URL without blanks or control characters. */
static bool
website_ok(const char *s)
{
	const char *host;
	size_t i;

	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	if (*host == '\0' || *host == '/' || *host == '.')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f || s[i] == '"' ||
		    s[i] == '<' || s[i] == '>' || s[i] == '\\')
			return false;
	return true;
}

/* Checks what the field table cannot: known categories, a known postcode,
 * the shape of website and phone. Adds field problems; -1 on a database
 * failure, else 0. */
static int
check_org_body(struct req *r, struct area *area, bool *has_area)
{
	json_object *cats = json_get_arr(r->json, "categories");
	const char *pc = json_get_str(r->json, "postcode");
	const char *website = json_get_str(r->json, "website");
	const char *phone = json_get_str(r->json, "phone");
	struct db_rows rows;
	const char *c;
	char field[48];
	size_t i;
	int rc;

	for (i = 0; cats != NULL && i < json_object_array_length(cats); i++) {
		c = json_object_get_string(json_object_array_get_idx(cats, i));
		snprintf(field, sizeof(field), "categories[%zu]", i);
		if (!admin_slug_ok(c)) {
			problem_field(r, field, "unknown", "No such category.");
			continue;
		}
		if (db_exec(r->db, r->arena, STMT_CATEGORY_GET, DB_PARAMS(DB_STR(c)),
		    &rows) != DB_OK)
			return -1;
		if (rows.nrows != 1)
			problem_field(r, field, "unknown", "No such category.");
	}
	*has_area = false;
	if (pc != NULL) {
		if ((rc = postcode_resolve_served(r, "postcode", pc, area)) < 0)
			return -1;
		*has_area = rc == 0;
	}
	if (website != NULL && !website_ok(website))
		problem_field(r, "website", "invalid", "An http:// or https:// address.");
	if (phone != NULL && !phone_ok(phone))
		problem_field(r, "phone", "invalid", "Not a phone number.");
	return 0;
}

/* Replaces the organisation's categories by those of the body, if given. */
static int
set_categories(struct req *r, const char *id)
{
	json_object *cats = json_get_arr(r->json, "categories");
	size_t i;

	if (cats == NULL)
		return DB_OK;
	if (db_exec(r->db, r->arena, STMT_ORG_CATS_CLEAR, DB_PARAMS(DB_STR(id)), NULL) != DB_OK)
		return DB_ERROR;
	for (i = 0; i < json_object_array_length(cats); i++)
		if (db_exec(r->db, r->arena, STMT_ORG_CAT_ADD, DB_PARAMS(DB_STR(id),
		    DB_STR(json_object_get_string(json_object_array_get_idx(cats, i)))),
		    NULL) != DB_OK)
			return DB_ERROR;
	return DB_OK;
}

struct org_write {
	struct req	*r;
	const char	*id;
	const struct area *area;	/* NULL: keep */
	bool		 create;
};

/* Presence of an optional, nullable field: "set it" and its value. */
static struct db_param
given(json_object *o, const char *key)
{
	return DB_INT(json_has(o, key) ? 1 : 0);
}

static int
org_write_txn(void *arg)
{
	struct org_write *w = arg;
	struct req *r = w->r;
	json_object *b = r->json;
	const struct area *a = w->area;
	int rc;

	if (w->create)
		rc = db_exec(r->db, r->arena, STMT_ORG_INSERT, DB_PARAMS(DB_STR(w->id),
		    DB_STR(json_get_str(b, "name")), DB_STR(json_get_str(b, "description")),
		    DB_STR(a->pc4), DB_DOUBLE(a->lat), DB_DOUBLE(a->lon),
		    DB_STR(json_get_str(b, "website")), DB_STR(json_get_str(b, "phone")),
		    DB_STR(json_get_str(b, "email"))), NULL);
	else
		rc = db_exec(r->db, r->arena, STMT_ORG_UPDATE, DB_PARAMS(
		    DB_STR(json_get_str(b, "name")), DB_STR(json_get_str(b, "description")),
		    a != NULL ? DB_STR(a->pc4) : DB_NULL,
		    a != NULL ? DB_DOUBLE(a->lat) : DB_NULL,
		    a != NULL ? DB_DOUBLE(a->lon) : DB_NULL,
		    given(b, "website"), DB_STR(json_get_str(b, "website")),
		    given(b, "phone"), DB_STR(json_get_str(b, "phone")),
		    given(b, "email"), DB_STR(json_get_str(b, "email")),
		    DB_STR(w->id)), NULL);
	if (rc != DB_OK)
		return rc;
	return set_categories(r, w->id);
}

void
organisations_create(struct req *r)
{
	char id[CRYPTO_ID_LEN + 1];
	struct org_write w;
	struct area area;
	bool has_area;

	if (!auth_require(r, ACT_ORGANISATION_ADMIN, NULL))
		return;
	if (check_org_body(r, &area, &has_area) != 0)
		goto internal;
	if (problem_count(r) > 0 || !has_area) {
		problem_invalid(r);
		return;
	}
	crypto_id_new(id);
	w = (struct org_write){ .r = r, .id = id, .area = &area, .create = true };
	if (db_txn(r->db, org_write_txn, &w) != DB_OK)
		goto internal;
	(void)audit_write(r, "organisation.create", "organisation", id, NULL);
	send_org(r, id, 201);
	return;
internal:
	problem_internal(r, "organisation create");
}

/* The body's categories as "a,b" (arena-owned), NULL when not given. */
static const char *
categories_csv(struct req *r)
{
	json_object *cats = json_get_arr(r->json, "categories");
	size_t i, len = 0, n;
	char *out;

	if (cats == NULL)
		return NULL;
	n = json_object_array_length(cats);
	for (i = 0; i < n; i++)
		len += strlen(json_object_get_string(json_object_array_get_idx(cats, i))) + 1;
	out = arena_alloc(r->arena, len + 1);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, ",");
		strcat(out, json_object_get_string(json_object_array_get_idx(cats, i)));
	}
	return out;
}

/* A coordinator's edit: stored as a pending change beside the entry
 * (coordinators.c reviews it); 202 {change}. The same change sent again
 * while it waits is answered with the one already there (issue 18). */
static void
propose_change(struct req *r, const char *org_id, const struct area *a)
{
	json_object *b = r->json, *body;
	char id[CRYPTO_ID_LEN + 1];
	struct db_rows rows;

	/* A repeated click: the same change, still pending, is answered again. */
	if (db_exec(r->db, r->arena, STMT_CHANGE_SAME_PENDING, DB_PARAMS(
	    DB_STR(org_id), DB_STR(r->who.user_id),
	    DB_STR(json_get_str(b, "name")), DB_STR(json_get_str(b, "description")),
	    DB_STR(categories_csv(r)),
	    a != NULL ? DB_STR(a->pc4) : DB_NULL,
	    given(b, "website"), DB_STR(json_get_str(b, "website")),
	    given(b, "phone"), DB_STR(json_get_str(b, "phone")),
	    given(b, "email"), DB_STR(json_get_str(b, "email"))), &rows) != DB_OK)
		goto internal;
	if (rows.nrows == 1)
		snprintf(id, sizeof(id), "%s", db_str(&rows, 0, 0));
	else {
		crypto_id_new(id);
		if (db_exec(r->db, r->arena, STMT_CHANGE_INSERT, DB_PARAMS(DB_STR(id),
		    DB_STR(org_id), DB_STR(r->who.user_id),
		    DB_STR(json_get_str(b, "name")), DB_STR(json_get_str(b, "description")),
		    DB_STR(categories_csv(r)),
		    a != NULL ? DB_STR(a->pc4) : DB_NULL,
		    a != NULL ? DB_DOUBLE(a->lat) : DB_NULL,
		    a != NULL ? DB_DOUBLE(a->lon) : DB_NULL,
		    given(b, "website"), DB_STR(json_get_str(b, "website")),
		    given(b, "phone"), DB_STR(json_get_str(b, "phone")),
		    given(b, "email"), DB_STR(json_get_str(b, "email"))), NULL) != DB_OK)
			goto internal;
		(void)audit_write(r, "organisation.change.propose", "organisation", org_id, id);
	}
	if (db_exec(r->db, r->arena, STMT_CHANGE_GET, DB_PARAMS(DB_STR(id)), &rows) != DB_OK ||
	    rows.nrows != 1)
		goto internal;
	body = json_object_new_object();
	json_put(body, "change", admin_change_json(&rows, 0));
	http_send_json(r, 202, body);
	return;
internal:
	problem_internal(r, "organisation change");
}

/* The fields a PATCH may name (main.c's organisation_patch_fields). */
static const char *const patch_keys[] = {
	"name", "description", "categories", "postcode", "website", "phone", "email", NULL
};

/* True when the body names at least one field of the entry. */
static bool
names_a_field(json_object *b)
{
	size_t i;

	for (i = 0; patch_keys[i] != NULL; i++)
		if (json_has(b, patch_keys[i]))
			return true;
	return false;
}

static int
by_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True when the body's categories, as a set, are the entry's ("a,b" in
 * category order, as ORG_COLUMNS gives them; NULL for none). */
static bool
same_categories(struct req *r, json_object *cats, const char *current)
{
	size_t i, n = json_object_array_length(cats), len = 1, kept = 0;
	const char **v = arena_alloc(r->arena, (n + 1) * sizeof(*v));
	char *csv;

	for (i = 0; i < n; i++) {
		v[i] = json_object_get_string(json_object_array_get_idx(cats, i));
		len += strlen(v[i]) + 1;
	}
	qsort(v, n, sizeof(*v), by_strcmp);
	csv = arena_alloc(r->arena, len);
	csv[0] = '\0';
	for (i = 0; i < n; i++) {
		if (kept > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		if (kept++ > 0)
			strcat(csv, ",");
		strcat(csv, v[i]);
	}
	return current != NULL && strcmp(csv, current) == 0;
}

/* True when a nullable field of the body (given) says what the entry holds. */
static bool
same_nullable(json_object *b, const char *key, const char *current)
{
	const char *v = json_get_str(b, key);

	if (v == NULL || current == NULL)
		return v == NULL && current == NULL;
	return strcmp(v, current) == 0;
}

/* True when every field the body names already holds that value in the
 * entry (rows: STMT_ORG_GET): such a PATCH would change nothing. */
static bool
org_unchanged(struct req *r, const struct db_rows *rows, const struct area *a)
{
	json_object *b = r->json, *cats = json_get_arr(b, "categories");

	if (json_has(b, "name") && strcmp(json_get_str(b, "name"), db_str(rows, 0, OC_NAME)) != 0)
		return false;
	if (json_has(b, "description") &&
	    strcmp(json_get_str(b, "description"), db_str(rows, 0, OC_DESCRIPTION)) != 0)
		return false;
	if (a != NULL && strcmp(a->pc4, db_str(rows, 0, OC_PC4)) != 0)
		return false;
	if (cats != NULL && !same_categories(r, cats, db_str(rows, 0, OC_CATEGORIES)))
		return false;
	if (json_has(b, "website") && !same_nullable(b, "website", db_str(rows, 0, OC_WEBSITE)))
		return false;
	if (json_has(b, "phone") && !same_nullable(b, "phone", db_str(rows, 0, OC_PHONE)))
		return false;
	if (json_has(b, "email") && !same_nullable(b, "email", db_str(rows, 0, OC_EMAIL)))
		return false;
	return true;
}

/*
 * An admin's PATCH changes the entry at once. Anyone else may only
 * propose a change, and only as a coordinator of this organisation
 * (lib/auth.c ACT_ORG_CHANGE_PROPOSE); an admin without two-step login is
 * told so (mfa_required) rather than handled as a coordinator. A body that
 * names no field is a 422 (body: empty) for both; a coordinator's change
 * that the entry already holds is a 422 no_change — neither leaves a
 * pending change for the moderators (issue 18).
 */
void
organisations_patch(struct req *r)
{
	const char *id = http_param(r, "id");
	struct auth_object obj = { 0 };
	struct db_rows rows;
	struct org_write w;
	struct area area;
	enum auth_verdict admin;
	bool has_area;
	int rc;

	admin = auth_decide(&r->who, ACT_ORGANISATION_ADMIN, NULL);
	if (admin == AUTH_MFA_REQUIRED) {
		auth_refuse(r, admin, "action", "organisation_admin");
		return;
	}
	if (admin != AUTH_ALLOW) {
		if (valid_id(id) == NULL && (rc = admin_org_coordinator(r, id)) != 0) {
			if (rc < 0)
				goto internal;
			obj.status = "coordinator";
		}
		if (!auth_require(r, ACT_ORG_CHANGE_PROPOSE, &obj))
			return;
	}
	if ((rc = org_load(r, id, &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such organisation.");
		return;
	}
	if (!names_a_field(r->json)) {
		problem_field(r, "body", "empty", "Name at least one field to change.");
		problem_invalid(r);
		return;
	}
	if (check_org_body(r, &area, &has_area) != 0)
		goto internal;
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (admin != AUTH_ALLOW) {
		if (org_unchanged(r, &rows, has_area ? &area : NULL)) {
			problem_field(r, "body", "no_change",
			    "The entry already says this.");
			problem_send(r, 422, "no_change",
			    "The entry already says this; nothing to propose.");
			return;
		}
		propose_change(r, id, has_area ? &area : NULL);
		return;
	}
	w = (struct org_write){ .r = r, .id = id, .area = has_area ? &area : NULL };
	if (db_txn(r->db, org_write_txn, &w) != DB_OK)
		goto internal;
	(void)audit_write(r, "organisation.update", "organisation", id, NULL);
	send_org(r, id, 200);
	return;
internal:
	problem_internal(r, "organisation patch");
}

void
organisations_delete(struct req *r)
{
	const char *id = http_param(r, "id");

	if (!auth_require(r, ACT_ORGANISATION_ADMIN, NULL))
		return;
	if (valid_id(id) != NULL) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_ORG_DELETE, DB_PARAMS(DB_STR(id)), NULL) != DB_OK) {
		problem_internal(r, "organisation delete");
		return;
	}
	if (db_affected(r->db) == 0) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return;
	}
	(void)audit_write(r, "organisation.delete", "organisation", id, NULL);
	http_send_empty(r, 204);
}

/* GET /organisations/mine: the organisations the caller coordinates (issue
 * 18 part 1), so that a coordinator finds the entries they may edit; an
 * empty list for anyone else. */
void
coordinators_mine(struct req *r)
{
	struct db_rows rows;
	json_object *body, *items;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_COORD_MINE, DB_PARAMS(DB_STR(r->who.user_id)),
	    &rows) != DB_OK) {
		problem_internal(r, "my organisations");
		return;
	}
	body = json_object_new_object();
	items = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(items, org_json(&rows, i, false));
	json_put(body, "items", items);
	http_send_json(r, 200, body);
}
