/*
 * alerts.c — GET/POST /me/alerts, DELETE /me/alerts/{id}: a volunteer's
 * standing question "tell me about new requests within R km of here, in
 * these categories". The requests handler matches a request that goes
 * public against alert_targets (one row per category, '' for any), by an
 * index range on (category, lat, lon); see sql/migrations/060.
 *
 * kind "vacancies" (issue 18, migration 104) asks the same of vacancies,
 * optionally narrowed to talents: its rows go to vacancy_alert_targets and
 * alert_talents instead, which only the mailer's vacancy_alerts job reads
 * (mailer/vacancy_alerts.c), so neither kind can ever fire the other.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "arena.h"
#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "problem.h"
#include "valid.h"

#define ALERTS_MAX	20	/* per user */

/* Columns of STMT_ALERTS_LIST and STMT_ALERT_GET. */
enum { AL_ID, AL_PC4, AL_PLACE, AL_MUNICIPALITY, AL_RADIUS, AL_FREQ, AL_OFFER,
    AL_CREATED, AL_CATEGORIES, AL_SORT, AL_KIND, AL_TALENTS };

/* The words of a GROUP_CONCAT ('' alone: none) as a JSON array. */
static json_object *
words_json(const char *list)
{
	json_object *a = json_object_new_array();
	const char *p, *comma;

	for (p = list; p != NULL && *p != '\0'; p = comma != NULL ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if ((comma != NULL ? (size_t)(comma - p) : strlen(p)) > 0)
			json_object_array_add(a, json_object_new_string_len(p,
			    comma != NULL ? (int)(comma - p) : (int)strlen(p)));
	}
	return a;
}

static json_object *
alert_json(const struct db_rows *rows, size_t i)
{
	json_object *a = json_object_new_object(), *cats = json_object_new_array();
	struct area area;
	const char *list = db_str(rows, i, AL_CATEGORIES), *p, *comma;

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, i, AL_PC4));
	area.place = db_str(rows, i, AL_PLACE);
	area.municipality = db_str(rows, i, AL_MUNICIPALITY);
	/* GROUP_CONCAT of the targets; '' alone means "any category". */
	for (p = list; p != NULL && *p != '\0'; p = comma != NULL ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if ((comma != NULL ? (size_t)(comma - p) : strlen(p)) > 0)
			json_object_array_add(cats, json_object_new_string_len(p,
			    comma != NULL ? (int)(comma - p) : (int)strlen(p)));
	}
	json_put_str(a, "id", db_str(rows, i, AL_ID));
	json_put_str(a, "kind", db_str(rows, i, AL_KIND));
	json_put(a, "talents", words_json(db_str(rows, i, AL_TALENTS)));
	json_put(a, "area", postcode_area_json(&area));
	json_put_int(a, "radius_km", db_int(rows, i, AL_RADIUS));
	json_put(a, "categories", cats);
	json_put_str(a, "frequency", db_str(rows, i, AL_FREQ));
	json_put_str(a, "offer_id", db_str(rows, i, AL_OFFER));
	json_put_str(a, "created_at", db_str(rows, i, AL_CREATED));
	return a;
}

/* A talent id as 101 makes them: 1..32 of [a-z0-9_-]. */
static bool
talent_id_ok(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (i == 32 || strchr("abcdefghijklmnopqrstuvwxyz0123456789_-", s[i]) == NULL)
			return false;
	return true;
}

static bool
sort_key_ok(const char *s)
{
	size_t i, n = s != NULL ? strlen(s) : 0;

	if (n != 26)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && strchr("-: .", s[i]) == NULL)
			return false;
	return true;
}

void
alerts_list(struct req *r)
{
	const char *lim = http_query(r, "limit"), *cur = http_query(r, "cursor");
	char *after[2] = { NULL, NULL };
	struct db_rows rows;
	json_object *body, *items;
	long limit = 20;
	size_t i, n;

	if (lim != NULL && valid_long(lim, 1, 100, &limit) != NULL) {
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
		problem_invalid(r);
		return;
	}
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !sort_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_ALERTS_LIST, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(after[0]), DB_STR(after[0]),
	    DB_STR(after[1]), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "alerts list");
		return;
	}
	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++)
		json_object_array_add(items, alert_json(&rows, i));
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, n - 1, AL_SORT),
		    db_str(&rows, n - 1, AL_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}

struct new_alert {
	struct req	*r;
	char		 id[CRYPTO_ID_LEN + 1];
	struct area	 area;
	long long	 radius_km;
	const char	*frequency, *offer_id, *kind;
	json_object	*categories, *talents;
	bool		 too_many;
};

static int
create_txn(void *ctx)
{
	struct new_alert *n = ctx;
	struct req *r = n->r;
	struct db_rows rows;
	size_t i, ncat = n->categories != NULL ? json_object_array_length(n->categories) : 0;
	size_t ntal = n->talents != NULL ? json_object_array_length(n->talents) : 0;
	bool vacancies = strcmp(n->kind, "vacancies") == 0;
	int rc;

	n->too_many = false;
	if ((rc = db_exec(r->db, r->arena, STMT_ALERTS_COUNT,
	    DB_PARAMS(DB_STR(r->who.user_id)), &rows)) != DB_OK)
		return rc;
	if (db_int(&rows, 0, 0) >= ALERTS_MAX) {
		n->too_many = true;
		return 1;
	}
	if ((rc = db_exec(r->db, r->arena, STMT_ALERT_INSERT, DB_PARAMS(
	    DB_STR(n->id), DB_STR(r->who.user_id), DB_STR(n->kind), DB_STR(n->area.pc4),
	    DB_DOUBLE(n->area.lat), DB_DOUBLE(n->area.lon), DB_INT(n->radius_km),
	    DB_STR(n->frequency), DB_STR(n->offer_id)), NULL)) != DB_OK)
		return rc;
	for (i = 0; i < (ncat > 0 ? ncat : 1); i++) {
		const char *cat = ncat > 0 ? json_object_get_string(
		    json_object_array_get_idx(n->categories, i)) : "";

		rc = db_exec(r->db, r->arena, vacancies ? STMT_VALERT_TARGET_INSERT :
		    STMT_ALERT_TARGET_INSERT, DB_PARAMS(
		    DB_STR(n->id), DB_STR(cat), DB_STR(r->who.user_id),
		    DB_DOUBLE(n->area.lat), DB_DOUBLE(n->area.lon),
		    DB_INT(n->radius_km), DB_STR(n->frequency)), NULL);
		if (rc == DB_DUPLICATE)	/* a category named twice */
			continue;
		if (rc != DB_OK)
			return rc;
	}
	for (i = 0; i < ntal; i++) {
		rc = db_exec(r->db, r->arena, STMT_ALERT_TALENT_INSERT, DB_PARAMS(
		    DB_STR(n->id), DB_STR(json_object_get_string(
		    json_object_array_get_idx(n->talents, i)))), NULL);
		if (rc == DB_DUPLICATE)	/* a talent named twice */
			continue;
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

void
alerts_create(struct req *r)
{
	struct new_alert n;
	struct db_rows rows;
	size_t i;
	int rc;

	memset(&n, 0, sizeof(n));
	n.r = r;
	(void)json_get_int(r->json, "radius_km", &n.radius_km);
	n.frequency = json_get_str(r->json, "frequency");
	n.offer_id = json_get_str(r->json, "offer_id");
	n.categories = json_get_arr(r->json, "categories");
	n.kind = json_get_str(r->json, "kind");
	if (n.kind == NULL)
		n.kind = "requests";
	n.talents = json_get_arr(r->json, "talents");
	if (n.talents != NULL && json_object_array_length(n.talents) > 0 &&
	    strcmp(n.kind, "vacancies") != 0)
		problem_field(r, "talents", "not_allowed",
		    "Talents narrow an alert of kind vacancies only.");
	for (i = 0; n.talents != NULL && i < json_object_array_length(n.talents); i++) {
		const char *t = json_object_get_string(json_object_array_get_idx(n.talents, i));

		if (talent_id_ok(t) && db_exec(r->db, r->arena, STMT_TALENT_ACTIVE,
		    DB_PARAMS(DB_STR(t)), &rows) != DB_OK)
			goto internal;
		if (!talent_id_ok(t) || rows.nrows != 1)
			problem_field(r, arena_printf(r->arena, "talents[%zu]", i),
			    "unknown", "There is no such talent.");
	}
	rc = postcode_resolve_served(r, "postcode", json_get_str(r->json, "postcode"), &n.area);
	if (rc < 0)
		goto internal;
	for (i = 0; n.categories != NULL && i < json_object_array_length(n.categories); i++) {
		const char *cat = json_object_get_string(json_object_array_get_idx(n.categories, i));

		if (valid_slug(cat) && db_exec(r->db, r->arena, STMT_CATEGORY_ACTIVE,
		    DB_PARAMS(DB_STR(cat)), &rows) != DB_OK)
			goto internal;
		if (!valid_slug(cat) || rows.nrows != 1)
			problem_field(r, arena_printf(r->arena, "categories[%zu]", i),
			    "unknown", "There is no such category.");
	}
	if (n.offer_id != NULL) {
		if (db_exec(r->db, r->arena, STMT_OFFER_OWNED,
		    DB_PARAMS(DB_STR(n.offer_id), DB_STR(r->who.user_id)), &rows) != DB_OK)
			goto internal;
		if (rows.nrows != 1)
			problem_field(r, "offer_id", "unknown", "You have no such offer.");
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	crypto_id_new(n.id);
	rc = db_txn(r->db, create_txn, &n);
	if (rc < 0)
		goto internal;
	if (n.too_many) {
		problem_send(r, 409, "conflict",
		    arena_printf(r->arena, "You have %d alerts already; delete one first.", ALERTS_MAX));
		return;
	}
	if (db_exec(r->db, r->arena, STMT_ALERT_GET,
	    DB_PARAMS(DB_STR(n.id), DB_STR(r->who.user_id)), &rows) != DB_OK || rows.nrows != 1)
		goto internal;
	http_header(r, "Location", arena_printf(r->arena, "/api/v1/me/alerts/%s", n.id));
	{
		json_object *body = json_object_new_object();

		json_put(body, "alert", alert_json(&rows, 0));
		http_send_json(r, 201, body);
	}
	return;
internal:
	problem_internal(r, "alert create");
}

void
alerts_delete(struct req *r)
{
	const char *id = http_param(r, "id");

	if (valid_id(id) != NULL) {
		problem_send(r, 404, "not_found", "No such alert.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_ALERT_DELETE,
	    DB_PARAMS(DB_STR(id), DB_STR(r->who.user_id)), NULL) != DB_OK) {
		problem_internal(r, "alert delete");
		return;
	}
	if (db_affected(r->db) == 0) {
		problem_send(r, 404, "not_found", "No such alert.");
		return;
	}
	http_send_empty(r, 204);
}
