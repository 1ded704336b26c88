/*
 * vacancies.c — POST /vacancies, GET/PATCH /vacancies/{id}, closing and
 * moderating a vacancy, and GET /organisations/{id}/vacancies (the
 * coordinators' list). The public search is vacancies_list.c.
 *
 * Who may: lib/auth.c (ACT_VACANCY_*). A coordinator of the organisation
 * posts and edits; on a vacancy the rule sees owner_id = the caller when
 * they coordinate its organisation.
 *
 * Status rules (migration 102):
 *   new vacancy   pending (pre-moderation, the default) or open (config
 *                 `moderation = post`)
 *   PATCH         a new title or description goes back to moderation: an
 *                 open vacancy becomes pending under pre-moderation; a
 *                 rejected or hidden one pending in either mode; a closed
 *                 vacancy takes no edit (409)
 *   close         pending or open → closed; closing a closed one changes
 *                 nothing (200); rejected or hidden → 409
 *   review        approve: pending, rejected, hidden → open;
 *                 reject / hide: pending, open, closed → rejected / hidden
 *                 (reason required)
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "crypto.h"
#include "cursor.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "postcode.h"
#include "problem.h"
#include "valid.h"
#include "vacancy.h"

static bool
is(const char *status, const char *want)
{
	return status != NULL && strcmp(status, want) == 0;
}

static bool
post_moderation(const struct req *r)
{
	return strcmp(config_str(r->cfg, "moderation", "pre"), "post") == 0;
}

/* "a,b" → ["a", "b"] */
static json_object *
list_json(const char *text)
{
	json_object *arr = json_object_new_array();
	const char *p = text, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ',');
		json_object_array_add(arr, json_object_new_string_len(p,
		    end != NULL ? (int)(end - p) : (int)strlen(p)));
		p = end != NULL ? end + 1 : NULL;
	}
	return arr;
}

/* The status the rules see: an open vacancy of an organisation that left
 * the directory is no longer open. */
static const char *
visible_status(const struct db_rows *rows, size_t row)
{
	const char *s = db_str(rows, row, VC_STATUS);

	return is(s, "open") && db_int(rows, row, VC_ORG_ACTIVE) == 0 ? "withdrawn" : s;
}

json_object *
vacancy_json(struct req *r, const struct db_rows *rows, size_t row,
    bool with_distance, double lat, double lon, bool coordinator)
{
	const char *status = db_str(rows, row, VC_STATUS);
	json_object *o = json_object_new_object(), *g, *m;
	struct area area;
	char km[32];
	double d;

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, row, VC_PC4));
	area.place = db_str(rows, row, VC_PLACE);
	area.municipality = db_str(rows, row, VC_MUNICIPALITY);

	json_put_str(o, "id", db_str(rows, row, VC_ID));
	g = json_object_new_object();
	json_put_str(g, "id", db_str(rows, row, VC_ORG_ID));
	json_put_str(g, "name", db_str(rows, row, VC_ORG_NAME));
	json_put(o, "organisation", g);
	json_put_str(o, "title", db_str(rows, row, VC_TITLE));
	json_put_str(o, "description", db_str(rows, row, VC_DESCRIPTION));
	json_put_str(o, "lang", db_str(rows, row, VC_LANG));
	json_put(o, "talents", list_json(db_str(rows, row, VC_TALENTS)));
	json_put(o, "categories", list_json(db_str(rows, row, VC_CATEGORIES)));
	json_put(o, "area", postcode_area_json(&area));
	if (with_distance) {
		d = geo_distance_km(lat, lon, db_double(rows, row, VC_LAT),
		    db_double(rows, row, VC_LON));
		snprintf(km, sizeof(km), "%.1f", round(d * 10.0) / 10.0);
		json_put(o, "distance_km", json_object_new_double_s(strtod(km, NULL), km));
	}
	if (db_is_null(rows, row, VC_HOURS))
		json_put(o, "hours_per_month", NULL);
	else
		json_put_int(o, "hours_per_month", db_int(rows, row, VC_HOURS));
	json_put_bool(o, "needs_vog", db_int(rows, row, VC_NEEDS_VOG) != 0);
	json_put_str(o, "status", visible_status(rows, row));
	json_put_str(o, "created_at", db_str(rows, row, VC_CREATED));
	if ((is(status, "rejected") || is(status, "hidden")) &&
	    (coordinator || auth_decide(&r->who, ACT_MODERATE, NULL) == AUTH_ALLOW)) {
		m = json_object_new_object();
		json_put_str(m, "decision", is(status, "rejected") ? "reject" : "hide");
		json_put_str(m, "reason", db_str(rows, row, VC_MODERATION_REASON));
		json_put(o, "moderation", m);
	}
	return o;
}

/* Whether the caller coordinates organisation org_id: 1 yes, 0 no, -1
 * failure. */
static int
coordinates(struct req *r, const char *org_id)
{
	struct db_rows rows;

	if (!r->who.logged_in)
		return 0;
	if (db_exec(r->db, r->arena, STMT_COORDINATOR_IS, DB_PARAMS(DB_STR(org_id),
	    DB_STR(r->who.user_id)), &rows) != DB_OK)
		return -1;
	return rows.nrows > 0 ? 1 : 0;
}

/* Loads vacancy id: 0 found, 1 none, -1 failure. */
static int
vacancy_load(struct req *r, const char *id, struct db_rows *rows)
{
	if (valid_id(id) != NULL)
		return 1;
	if (db_exec(r->db, r->arena, STMT_VACANCY_GET, DB_PARAMS(DB_STR(id)), rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

/* Path id → loaded vacancy, authorised for act; *coordinator says whether
 * the caller coordinates it. On refusal or absence the answer is sent and
 * false returned. */
static bool
vacancy_fetch(struct req *r, enum action act, struct db_rows *rows, bool *coordinator)
{
	struct auth_object obj = { 0 };
	int rc = vacancy_load(r, http_param(r, "id"), rows);

	if (rc == 0 && (rc = coordinates(r, db_str(rows, 0, VC_ORG_ID))) >= 0) {
		*coordinator = rc == 1;
		rc = 0;
	}
	if (rc < 0) {
		problem_internal(r, "vacancy load");
		return false;
	}
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such vacancy.");
		return false;
	}
	obj.owner_id = *coordinator ? r->who.user_id : NULL;
	obj.status = visible_status(rows, 0);
	return auth_require(r, act, &obj);
}

static void
vacancy_send(struct req *r, const char *id, int status, bool coordinator)
{
	struct db_rows rows;
	json_object *body;

	if (vacancy_load(r, id, &rows) != 0) {
		problem_internal(r, "vacancy reload");
		return;
	}
	body = json_object_new_object();
	json_put(body, "vacancy", vacancy_json(r, &rows, 0, false, 0, 0, coordinator));
	http_send_json(r, status, body);
}

/* ---- Reading a body ------------------------------------------------- */

struct vacancy_input {
	const char	*title, *description, *lang;
	bool		 has_pc4;
	char		 pc4[5];
	double		 lat, lon;
	bool		 has_hours;
	long long	 hours;		/* -1: NULL */
	int		 needs_vog;	/* -1: absent */
	bool		 has_talents, has_categories;
	const char	*talents[VACANCY_LINKS_MAX], *categories[VACANCY_LINKS_MAX];
	size_t		 ntalents, ncategories;
};

/* field: an array of distinct strings (field table), each a known, active
 * row of the list STMT_*_KNOWN reads. 0, or -1 on failure. */
static int
read_known(struct req *r, const char *field, enum stmt known, const char *what,
    json_object *arr, const char **out, size_t *nout)
{
	struct db_param p[VACANCY_LINKS_MAX];
	struct db_rows rows;
	size_t n = json_object_array_length(arr), i, j;
	bool found;

	*nout = 0;
	if (n > VACANCY_LINKS_MAX)
		return 0;	/* reported by the field table */
	for (i = 0; i < VACANCY_LINKS_MAX; i++) {
		out[i] = i < n ? json_object_get_string(json_object_array_get_idx(arr, i)) : NULL;
		p[i] = DB_STR(out[i]);
	}
	*nout = n;
	for (i = 0; i < n; i++)
		if (known == STMT_TALENTS_KNOWN ? !valid_talent_id(out[i]) : !valid_slug(out[i])) {
			problem_field(r, field, "unknown", arena_printf(r->arena,
			    "%s[%zu] is not a known %s.", field, i, what));
			return 0;
		}
	if (n == 0)
		return 0;
	if (db_exec(r->db, r->arena, known, p, VACANCY_LINKS_MAX, &rows) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		found = false;
		for (j = 0; j < rows.nrows; j++)
			if (strcmp(db_str(&rows, j, 0), out[i]) == 0)
				found = true;
		if (!found) {
			problem_field(r, field, "unknown", arena_printf(r->arena,
			    "%s[%zu] is not a known %s.", field, i, what));
			break;
		}
	}
	return 0;
}

/* r->json (checked by the field table) → in; 0 good, 1 problems added, -1
 * failure. */
static int
vacancy_input_read(struct req *r, struct vacancy_input *in)
{
	const char *raw_pc = json_get_str(r->json, "postcode");
	json_object *arr, *v;
	struct area area;
	bool b;
	int rc;

	memset(in, 0, sizeof(*in));
	in->title = json_get_str(r->json, "title");
	in->description = json_get_str(r->json, "description");
	in->lang = json_get_str(r->json, "lang");
	in->needs_vog = json_get_bool(r->json, "needs_vog", &b) ? (b ? 1 : 0) : -1;
	if (json_object_object_get_ex(r->json, "hours_per_month", &v)) {
		in->has_hours = true;
		in->hours = v == NULL ? -1 : json_object_get_int64(v);
	}
	if ((arr = json_get_arr(r->json, "talents")) != NULL) {
		in->has_talents = true;
		if (read_known(r, "talents", STMT_TALENTS_KNOWN, "talent", arr,
		    in->talents, &in->ntalents) != 0)
			return -1;
	}
	if ((arr = json_get_arr(r->json, "categories")) != NULL) {
		in->has_categories = true;
		if (read_known(r, "categories", STMT_CATEGORIES_KNOWN, "category", arr,
		    in->categories, &in->ncategories) != 0)
			return -1;
	}
	if (raw_pc != NULL) {
		/* In the service area, as a request's (postcode_resolve_served). */
		if ((rc = postcode_resolve_served(r, "postcode", raw_pc, &area)) < 0)
			return -1;
		if (rc == 0) {
			in->has_pc4 = true;
			memcpy(in->pc4, area.pc4, sizeof(in->pc4));
			in->lat = area.lat;
			in->lon = area.lon;
		}
	}
	return problem_count(r) > 0 ? 1 : 0;
}

static int
links_insert(struct req *r, const char *id, const struct vacancy_input *in)
{
	size_t i;
	int rc;

	if (in->has_talents && (rc = db_exec(r->db, r->arena, STMT_VACANCY_TALENTS_DELETE,
	    DB_PARAMS(DB_STR(id)), NULL)) != DB_OK)
		return rc;
	if (in->has_categories && (rc = db_exec(r->db, r->arena,
	    STMT_VACANCY_CATEGORIES_DELETE, DB_PARAMS(DB_STR(id)), NULL)) != DB_OK)
		return rc;
	for (i = 0; in->has_talents && i < in->ntalents; i++)
		if ((rc = db_exec(r->db, r->arena, STMT_VACANCY_TALENT_INSERT,
		    DB_PARAMS(DB_STR(id), DB_STR(in->talents[i])), NULL)) != DB_OK)
			return rc;
	for (i = 0; in->has_categories && i < in->ncategories; i++)
		if ((rc = db_exec(r->db, r->arena, STMT_VACANCY_CATEGORY_INSERT,
		    DB_PARAMS(DB_STR(id), DB_STR(in->categories[i])), NULL)) != DB_OK)
			return rc;
	return DB_OK;
}

/* ---- POST /vacancies ---------------------------------------------------- */

struct create {
	struct req			*r;
	const char			*id, *org_id, *status;
	const struct vacancy_input	*in;
};

static int
create_txn(void *ctx)
{
	struct create *c = ctx;
	struct req *r = c->r;
	const struct vacancy_input *in = c->in;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_VACANCY_INSERT, DB_PARAMS(
	    DB_STR(c->id), DB_STR(c->org_id), DB_STR(in->title),
	    DB_STR(in->description), DB_STR(in->pc4), DB_DOUBLE(in->lat),
	    DB_DOUBLE(in->lon), in->has_hours && in->hours >= 0 ? DB_INT(in->hours) : DB_NULL,
	    DB_INT(in->needs_vog == 1), DB_STR(c->status), DB_STR(in->lang),
	    DB_STR(r->who.user_id)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) != 1)
		return DB_ERROR;
	return links_insert(r, c->id, in);
}

void
vacancy_create(struct req *r)
{
	const char *org_id = json_get_str(r->json, "organisation_id");
	struct auth_object obj = { 0 };
	struct vacancy_input in;
	struct db_rows rows;
	char id[CRYPTO_ID_LEN + 1];
	struct create c = { r, id, org_id, NULL, &in };
	int rc;

	if (db_exec(r->db, r->arena, STMT_ORGANISATION_ACTIVE, DB_PARAMS(DB_STR(org_id)),
	    &rows) != DB_OK)
		goto internal;
	if (rows.nrows != 1 || db_int(&rows, 0, 0) == 0) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return;
	}
	if ((rc = coordinates(r, org_id)) < 0)
		goto internal;
	obj.status = rc == 1 ? "coordinator" : NULL;
	if (!auth_require(r, ACT_VACANCY_CREATE, &obj))
		return;
	if ((rc = vacancy_input_read(r, &in)) < 0)
		goto internal;
	if (rc > 0) {
		problem_invalid(r);
		return;
	}
	crypto_id_new(id);
	c.status = post_moderation(r) ? "open" : "pending";
	if (db_txn(r->db, create_txn, &c) != DB_OK)
		goto internal;
	vacancy_send(r, id, 201, true);
	return;
internal:
	problem_internal(r, "vacancy create");
}

/* ---- GET /vacancies/{id} ------------------------------------------------ */

void
vacancy_get(struct req *r)
{
	struct db_rows rows;
	json_object *body;
	bool coordinator = false;

	if (!vacancy_fetch(r, ACT_VACANCY_VIEW, &rows, &coordinator))
		return;
	body = json_object_new_object();
	json_put(body, "vacancy", vacancy_json(r, &rows, 0, false, 0, 0, coordinator));
	/* What the page offers the caller: edit or respond. */
	json_put_bool(body, "coordinator", coordinator);
	http_send_json(r, 200, body);
}

/* ---- PATCH /vacancies/{id} ---------------------------------------------- */

struct patch {
	struct req			*r;
	const char			*id, *old_status, *new_status;
	const struct vacancy_input	*in;
};

static int
patch_txn(void *ctx)
{
	struct patch *p = ctx;
	struct req *r = p->r;
	const struct vacancy_input *in = p->in;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_VACANCY_UPDATE, DB_PARAMS(
	    DB_STR(in->title), DB_STR(in->description),
	    DB_STR(in->has_pc4 ? in->pc4 : NULL),
	    in->has_pc4 ? DB_DOUBLE(in->lat) : DB_NULL,
	    in->has_pc4 ? DB_DOUBLE(in->lon) : DB_NULL,
	    DB_INT(in->has_hours), in->has_hours && in->hours >= 0 ? DB_INT(in->hours) : DB_NULL,
	    in->needs_vog >= 0 ? DB_INT(in->needs_vog) : DB_NULL, DB_STR(in->lang),
	    DB_STR(p->new_status), DB_INT(is(p->new_status, "pending")),
	    DB_STR(p->id), DB_STR(p->old_status)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) == 0)
		return 1;
	return links_insert(r, p->id, in);
}

static bool
changed(const char *new_value, const char *old_value)
{
	return new_value != NULL && strcmp(new_value, old_value) != 0;
}

void
vacancy_patch(struct req *r)
{
	struct vacancy_input in;
	struct db_rows rows;
	struct patch p = { r, NULL, NULL, NULL, &in };
	bool coordinator = false, text;
	const char *s;
	int rc;

	if (!vacancy_fetch(r, ACT_VACANCY_EDIT, &rows, &coordinator))
		return;
	if ((rc = vacancy_input_read(r, &in)) < 0)
		goto internal;
	if (rc > 0) {
		problem_invalid(r);
		return;
	}
	p.id = db_str(&rows, 0, VC_ID);
	p.old_status = s = db_str(&rows, 0, VC_STATUS);
	if (is(s, "closed")) {
		problem_send(r, 409, "invalid_transition", "A closed vacancy takes no edits.");
		return;
	}
	text = changed(in.title, db_str(&rows, 0, VC_TITLE)) ||
	    changed(in.description, db_str(&rows, 0, VC_DESCRIPTION));
	if (text && (is(s, "rejected") || is(s, "hidden") ||
	    (!post_moderation(r) && is(s, "open"))))
		p.new_status = "pending";
	if ((rc = db_txn(r->db, patch_txn, &p)) < 0)
		goto internal;
	if (rc > 0) {
		problem_send(r, 409, "conflict", "The vacancy changed meanwhile; load it again.");
		return;
	}
	vacancy_send(r, p.id, 200, true);
	return;
internal:
	problem_internal(r, "vacancy patch");
}

/* ---- POST /vacancies/{id}/close ------------------------------------------ */

void
vacancy_close(struct req *r)
{
	struct db_rows rows;
	bool coordinator = false;
	const char *s;

	if (!vacancy_fetch(r, ACT_VACANCY_EDIT, &rows, &coordinator))
		return;
	s = db_str(&rows, 0, VC_STATUS);
	if (is(s, "closed")) {
		vacancy_send(r, db_str(&rows, 0, VC_ID), 200, true);
		return;
	}
	if (!is(s, "open") && !is(s, "pending")) {
		problem_send(r, 409, "invalid_transition",
		    "Only an open or pending vacancy can be closed.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_VACANCY_REVIEW, DB_PARAMS(DB_STR("closed"),
	    DB_STR(db_str(&rows, 0, VC_MODERATION_REASON)), DB_STR(db_str(&rows, 0, VC_ID)),
	    DB_STR(s)), NULL) != DB_OK) {
		problem_internal(r, "vacancy close");
		return;
	}
	if (db_affected(r->db) == 0) {
		problem_send(r, 409, "conflict", "The vacancy changed meanwhile; load it again.");
		return;
	}
	vacancy_send(r, db_str(&rows, 0, VC_ID), 200, true);
}

/* ---- POST /vacancies/{id}/review ------------------------------------------ */

static const struct review_decision vacancy_decisions[] = {
	{ "approve",	"open",		{ "pending", "rejected", "hidden", NULL }, false },
	{ "reject",	"rejected",	{ "pending", "open", "closed", NULL }, true },
	{ "hide",	"hidden",	{ "pending", "open", "closed", NULL }, true },
	{ NULL,		NULL,		{ NULL }, false }
};

static const struct review_kind vacancy_kind = {
	vacancy_decisions, STMT_VACANCY_REVIEW, STMT_VACANCY_MODERATION_INSERT,
	"vacancy.review", "vacancy", "a vacancy", "A vacancy", "The vacancy"
};

void
vacancy_review(struct req *r)
{
	struct db_rows rows;
	bool coordinator = false;

	if (!vacancy_fetch(r, ACT_MODERATE, &rows, &coordinator))
		return;
	if (review_apply(r, &vacancy_kind, db_str(&rows, 0, VC_ID), db_str(&rows, 0, VC_STATUS)))
		vacancy_send(r, db_str(&rows, 0, VC_ID), 200, coordinator);
}

/* ---- GET /organisations/{id}/vacancies ------------------------------------ */

/* "2026-01-31 12:34:56.123456" */
static bool
created_key_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd.dddddd";
	size_t i;

	if (s == NULL || strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	return true;
}

void
vacancies_of_organisation(struct req *r)
{
	const char *org_id = http_param(r, "id"), *cur = http_query(r, "cursor");
	const char *lim = http_query(r, "limit");
	char *after[2] = { NULL, NULL };
	struct auth_object obj = { 0 };
	struct db_rows rows;
	json_object *body, *items;
	long limit = 20;
	size_t i, n;
	int rc;

	if (valid_id(org_id) != NULL) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_ORGANISATION_ACTIVE, DB_PARAMS(DB_STR(org_id)),
	    &rows) != DB_OK)
		goto internal;
	if (rows.nrows != 1) {
		problem_send(r, 404, "not_found", "No such organisation.");
		return;
	}
	if ((rc = coordinates(r, org_id)) < 0)
		goto internal;
	/* The whole list, every status: the organisation's coordinators. */
	obj.owner_id = rc == 1 ? r->who.user_id : NULL;
	obj.status = "open";
	if (!auth_require(r, ACT_VACANCY_EDIT, &obj))
		return;
	if (lim != NULL && valid_long(lim, 1, 100, &limit) != NULL) {
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
		problem_invalid(r);
		return;
	}
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !created_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_VACANCIES_OF_ORG, DB_PARAMS(DB_STR(org_id),
	    DB_STR(after[0] != NULL ? after[0] : "9999-12-31 23:59:59.999999"),
	    DB_STR(after[0] != NULL ? after[0] : "9999-12-31 23:59:59.999999"),
	    DB_STR(after[1] != NULL ? after[1] : ""), DB_INT(limit + 1)), &rows) != DB_OK)
		goto internal;
	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++)
		json_object_array_add(items, vacancy_json(r, &rows, i, false, 0, 0, true));
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, n - 1, VC_SORT_KEY),
		    db_str(&rows, n - 1, VC_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "organisation vacancies");
}
