/*
 * suggest.c — GET /requests/{id}/suggestions (volunteers who fit a request)
 * and GET /me/suggestions (open requests that fit the caller's offers).
 *
 * Candidates come from SQL over an index — the postcode areas around the
 * point nearest first, each area's rows newest first on a (status,
 * [category,] pc4, created_at DESC) key (stmts.c, migration 112),
 * stopping at CANDIDATES_MAX — never from loading every offer or
 * every row of a box. Each candidate is then measured
 * exactly (geo_distance_km within both the offer's radius and a maximum),
 * scored in rank.c, explained in words, and the best go out: one line per
 * volunteer (their best offer) or per request (the caller's best offer).
 *
 * Reasons are Dutch, or English with ?lang=en or a user whose locale is en:
 * "boodschappen", "2,1 km", "zaterdag beschikbaar", "3 keer geholpen".
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "matches.h"
#include "problem.h"
#include "rank.h"
#include "server.h"

#define SUGGEST_LIMIT_MAX	50
/* Rows one candidate query may return: twice the longest answer, so that
 * one volunteer's several offers and the filtering in C still leave a full
 * answer. Nearest areas first, so the cut falls on the farthest. */
#define CANDIDATES_MAX		100
/* Postcode areas one candidate query may walk: about 120 lie within 25 km
 * of Emmen, about 410 of Rotterdam, the densest part of the country. */
#define AREAS_MAX		1000
/* Added to the maximum (and radius) the SQL tests on the areas' distance,
 * so that it never drops what geo_distance_km lets through. */
#define AREA_SLACK_KM		0.001
#define MAX_KM_DEFAULT		25

/* Columns of STMT_SUGGEST_OFFERS. */
enum {
	SO_OFFER, SO_VOLUNTEER, SO_NAME, SO_LAT, SO_LON, SO_RADIUS, SO_SLOTS, SO_HELPED,
	SO_CREATED,
};
/* Columns of STMT_MY_OFFERS. */
enum { MO_OFFER, MO_LAT, MO_LON, MO_RADIUS, MO_SLOTS };
/* Columns of STMT_SUGGEST_REQUESTS. */
enum {
	SR_ID, SR_TITLE, SR_DESCRIPTION, SR_CATEGORY, SR_CAT_NL, SR_CAT_EN,
	SR_PC4, SR_PLACE, SR_MUNICIPALITY, SR_LAT, SR_LON, SR_START_S, SR_END_S,
	SR_START, SR_END, SR_STATUS, SR_OWNER, SR_OWNER_NAME, SR_ON_BEHALF_OF,
	SR_RESPONSES, SR_CREATED, SR_EXPIRES,
};

static const char *const days_nl[] = {
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"
};
static const char *const days_en[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};

/* One scored candidate: row of rows, by offer. */
struct scored {
	const struct db_rows	*rows;
	size_t			 row;
	const char		*key;		/* volunteer id or request id */
	const char		*offer_id;
	const char		*created;	/* RFC 3339: the offer's or the request's */
	double			 score, distance_km;
	int			 overlap_day;
	long			 helped;
};

static int
by_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	int c;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->distance_km != y->distance_km)
		return x->distance_km < y->distance_km ? -1 : 1;
	/* Among equals the newest first: in a crowded area a new request or
	 * offer is not left behind the ones that stood there for weeks. */
	if ((c = strcmp(y->created, x->created)) != 0)
		return c;
	return strcmp(x->key, y->key);
}

static int
by_key_then_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : by_score(a, b);
}

/* Keeps the best line per key, best first. */
static size_t
best_per_key(struct scored *s, size_t n)
{
	size_t i, kept = 0;

	qsort(s, n, sizeof(*s), by_key_then_score);
	for (i = 0; i < n; i++)
		if (kept == 0 || strcmp(s[kept - 1].key, s[i].key) != 0)
			s[kept++] = s[i];
	qsort(s, kept, sizeof(*s), by_score);
	return kept;
}

/* "en" or "nl": ?lang=, else the caller's locale. -1 on a bad ?lang= (field
 * problem added), -2 on a database failure. */
static int
language(struct req *r, bool *english)
{
	const char *lang = http_query(r, "lang");
	struct db_rows rows;

	if (lang != NULL) {
		if (strcmp(lang, "en") != 0 && strcmp(lang, "nl") != 0) {
			problem_field(r, "lang", "not_allowed", "lang is nl or en.");
			return -1;
		}
		*english = strcmp(lang, "en") == 0;
		return 0;
	}
	if (db_exec(r->db, r->arena, STMT_USER_LOCALE,
	    DB_PARAMS(DB_STR(r->who.user_id)), &rows) != DB_OK)
		return -2;
	*english = rows.nrows == 1 && strcmp(db_str(&rows, 0, 0), "en") == 0;
	return 0;
}

static double
max_km(void)
{
	long km = config_long(server_config(), "suggestions_max_km", MAX_KM_DEFAULT);

	return km >= 1 && km <= 100 ? (double)km : MAX_KM_DEFAULT;
}

static json_object *
reasons_json(struct req *r, bool english, const char *category,
    const struct scored *s)
{
	json_object *a = json_object_new_array();
	char *cat = arena_strdup(r->arena, category), *km, *comma;

	/* "Boodschappen" reads as "boodschappen" in a list of reasons. */
	cat[0] = (char)tolower((unsigned char)cat[0]);
	json_object_array_add(a, json_object_new_string(cat));
	km = arena_printf(r->arena, "%.1f km", s->distance_km);
	if (!english && (comma = strchr(km, '.')) != NULL)
		*comma = ',';
	json_object_array_add(a, json_object_new_string(km));
	if (s->overlap_day >= 0)
		json_object_array_add(a, json_object_new_string(english ?
		    arena_printf(r->arena, "available on %s", days_en[s->overlap_day]) :
		    arena_printf(r->arena, "%s beschikbaar", days_nl[s->overlap_day])));
	if (s->helped > 0)
		json_object_array_add(a, json_object_new_string(english ?
		    (s->helped == 1 ? "helped once" :
		    arena_printf(r->arena, "helped %ld times", s->helped)) :
		    arena_printf(r->arena, "%ld keer geholpen", s->helped)));
	return a;
}

/* Window of a request from two UNIX_TIMESTAMP cells (NULL: no window). */
static bool
window_of(const struct db_rows *rows, size_t i, int c_start, int c_end,
    time_t *start, time_t *end)
{
	if (db_is_null(rows, i, c_start))
		return false;
	*start = (time_t)db_int(rows, i, c_start);
	*end = db_is_null(rows, i, c_end) ? *start : (time_t)db_int(rows, i, c_end);
	return true;
}

/* Query parameters both endpoints take: limit (1–50) and lang. 0, or 1
 * when an answer was sent. */
int
suggest_read_query(struct req *r, long *limit, bool *english)
{
	int rc;

	(void)query_limit(r, 20, SUGGEST_LIMIT_MAX, limit);
	rc = language(r, english);
	if (rc == -2) {
		problem_internal(r, "suggestions: locale");
		return 1;
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return 1;
	}
	return 0;
}

void
suggestions_for_request(struct req *r)
{
	struct db_rows rq, rows;
	struct auth_object obj;
	struct rank_slot slots[RANK_SLOTS_MAX];
	struct rank_input in;
	struct scored *s;
	struct geo_box box;
	json_object *out, *item, *vol;
	double lat, lon, reach, limit_km = max_km();
	time_t start = 0, end = 0;
	bool english = false, has_window, suggestible;
	long limit;
	size_t i, n = 0;
	int nslots, rc;

	if ((rc = request_load(r, http_param(r, "id"), &rq)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	obj = request_auth(&rq);
	{
		struct auth_circle circle;
		const char *circle_id;

		if (matches_request_circle(r, db_str(&rq, 0, RQ_ID), &circle, &circle_id) != 0) {
			problem_internal(r, "suggestions circle");
			return;
		}
		if (!auth_require_circle(r, ACT_REQUEST_SUGGESTIONS, &obj, &circle))
			return;
	}
	if (suggest_read_query(r, &limit, &english) != 0)
		return;
	lat = db_double(&rq, 0, RQ_LAT);
	lon = db_double(&rq, 0, RQ_LON);
	box = geo_box_around(lat, lon, limit_km);
	has_window = window_of(&rq, 0, RQ_WHEN_START, RQ_WHEN_END, &start, &end);
	if (db_exec(r->db, r->arena, STMT_SUGGEST_OFFERS, DB_PARAMS(
	    DB_DOUBLE(lat), DB_DOUBLE(lat), DB_DOUBLE(lon),
	    DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max),
	    DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max),
	    DB_DOUBLE(limit_km + AREA_SLACK_KM), DB_INT(AREAS_MAX),
	    DB_STR(db_str(&rq, 0, RQ_CATEGORY)), DB_STR(db_str(&rq, 0, RQ_OWNER)),
	    DB_STR(db_str(&rq, 0, RQ_ID)), DB_INT(CANDIDATES_MAX)), &rows) != DB_OK)
		goto internal;

	s = arena_alloc(r->arena, (rows.nrows + 1) * sizeof(*s));
	for (i = 0; i < rows.nrows; i++) {
		memset(&in, 0, sizeof(in));
		in.distance_km = geo_distance_km(lat, lon, db_double(&rows, i, SO_LAT),
		    db_double(&rows, i, SO_LON));
		reach = fmin((double)db_int(&rows, i, SO_RADIUS), limit_km);
		if (in.distance_km > reach)
			continue;	/* the SQL tested the area, this the offer */
		if (matches_vog_suggestible(r, db_str(&rq, 0, RQ_ID),
		    db_str(&rows, i, SO_VOLUNTEER), &suggestible) != DB_OK)
			goto internal;
		if (!suggestible)
			continue;	/* issue 17: no VOG where one is needed */
		if ((nslots = rank_slots_parse(slots, RANK_SLOTS_MAX,
		    db_str(&rows, i, SO_SLOTS))) < 0)
			nslots = 0;
		in.category = true;
		in.reach_km = reach;
		in.has_window = has_window;
		in.nslots = (size_t)nslots;
		in.overlap_day = has_window ?
		    rank_overlap_day(slots, (size_t)nslots, start, end) : -1;
		in.helped = (long)db_int(&rows, i, SO_HELPED);
		s[n].rows = &rows;
		s[n].row = i;
		s[n].key = db_str(&rows, i, SO_VOLUNTEER);
		s[n].offer_id = db_str(&rows, i, SO_OFFER);
		s[n].created = db_str(&rows, i, SO_CREATED);
		s[n].score = rank_score(&in);
		s[n].distance_km = in.distance_km;
		s[n].overlap_day = in.overlap_day;
		s[n].helped = in.helped;
		n++;
	}
	n = best_per_key(s, n);

	out = json_object_new_array();
	for (i = 0; i < n && i < (size_t)limit; i++) {
		item = json_object_new_object();
		vol = json_object_new_object();
		json_put_str(vol, "id", s[i].key);
		json_put_str(vol, "display_name", db_str(&rows, s[i].row, SO_NAME));
		json_put(item, "volunteer", vol);
		json_put_str(item, "offer_id", s[i].offer_id);
		json_put(item, "score", json_decimal(s[i].score, 1));
		json_put(item, "distance_km", json_decimal(s[i].distance_km, 1));
		json_put(item, "reasons", reasons_json(r, english,
		    db_str(&rq, 0, english ? RQ_CAT_EN : RQ_CAT_NL), &s[i]));
		json_object_array_add(out, item);
	}
	http_send_json(r, 200, out);
	return;
internal:
	problem_internal(r, "suggestions for a request");
}

/* The public view of a request (API.md's `request`, never `private`). */
static json_object *
request_json(const struct db_rows *rows, size_t i, double distance_km)
{
	json_object *q = json_object_new_object(), *area, *owner, *when, *behalf;

	json_put_str(q, "id", db_str(rows, i, SR_ID));
	json_put_str(q, "title", db_str(rows, i, SR_TITLE));
	json_put_str(q, "description", db_str(rows, i, SR_DESCRIPTION));
	json_put_str(q, "category", db_str(rows, i, SR_CATEGORY));
	area = json_object_new_object();
	json_put_str(area, "pc4", db_str(rows, i, SR_PC4));
	json_put_str(area, "place", db_str(rows, i, SR_PLACE));
	json_put_str(area, "municipality", db_str(rows, i, SR_MUNICIPALITY));
	json_put(q, "area", area);
	json_put(q, "distance_km", json_decimal(distance_km, 1));
	when = NULL;
	if (!db_is_null(rows, i, SR_START)) {
		when = json_object_new_object();
		json_put_str(when, "start", db_str(rows, i, SR_START));
		json_put_str(when, "end", db_is_null(rows, i, SR_END) ?
		    db_str(rows, i, SR_START) : db_str(rows, i, SR_END));
	}
	json_put(q, "when", when);
	json_put_str(q, "status", db_str(rows, i, SR_STATUS));
	owner = json_object_new_object();
	json_put_str(owner, "id", db_str(rows, i, SR_OWNER));
	json_put_str(owner, "display_name", db_str(rows, i, SR_OWNER_NAME));
	json_put(q, "owner", owner);
	behalf = NULL;
	if (!db_is_null(rows, i, SR_ON_BEHALF_OF)) {
		behalf = json_object_new_object();
		json_put_str(behalf, "first_name", db_str(rows, i, SR_ON_BEHALF_OF));
	}
	json_put(q, "on_behalf_of", behalf);
	json_put_int(q, "response_count", db_int(rows, i, SR_RESPONSES));
	json_put_str(q, "created_at", db_str(rows, i, SR_CREATED));
	json_put_str(q, "expires_at", db_str(rows, i, SR_EXPIRES));
	return q;
}

void
suggestions_for_me(struct req *r)
{
	struct db_rows offers, *found;
	struct rank_slot slots[RANK_SLOTS_MAX];
	struct rank_input in;
	struct scored *s = NULL;
	struct geo_box box;
	json_object *out, *item;
	const char *me = r->who.user_id;
	double olat, olon, reach, limit_km = max_km();
	time_t start, end;
	bool english = false, suggestible;
	long limit;
	size_t o, i, n = 0, cap = 0;
	int nslots;

	if (!auth_require(r, ACT_ME_SUGGESTIONS, NULL))
		return;
	if (suggest_read_query(r, &limit, &english) != 0)
		return;
	if (db_exec(r->db, r->arena, STMT_MY_OFFERS, DB_PARAMS(DB_STR(me)),
	    &offers) != DB_OK)
		goto internal;
	for (o = 0; o < offers.nrows; o++) {
		olat = db_double(&offers, o, MO_LAT);
		olon = db_double(&offers, o, MO_LON);
		reach = fmin((double)db_int(&offers, o, MO_RADIUS), limit_km);
		box = geo_box_around(olat, olon, reach);
		if ((nslots = rank_slots_parse(slots, RANK_SLOTS_MAX,
		    db_str(&offers, o, MO_SLOTS))) < 0)
			nslots = 0;
		found = arena_alloc(r->arena, sizeof(*found));
		if (db_exec(r->db, r->arena, STMT_SUGGEST_REQUESTS, DB_PARAMS(
		    DB_DOUBLE(olat), DB_DOUBLE(olat), DB_DOUBLE(olon),
		    DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max),
		    DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max),
		    DB_DOUBLE(reach + AREA_SLACK_KM), DB_INT(AREAS_MAX),
		    DB_STR(db_str(&offers, o, MO_OFFER)), DB_STR(me), DB_STR(me),
		    DB_INT(CANDIDATES_MAX)), found) != DB_OK)
			goto internal;
		if (n + found->nrows > cap) {
			struct scored *bigger;

			cap = (n + found->nrows) * 2;
			bigger = arena_alloc(r->arena, cap * sizeof(*bigger));
			if (n > 0)
				memcpy(bigger, s, n * sizeof(*s));
			s = bigger;
		}
		for (i = 0; i < found->nrows; i++) {
			memset(&in, 0, sizeof(in));
			in.distance_km = geo_distance_km(olat, olon,
			    db_double(found, i, SR_LAT), db_double(found, i, SR_LON));
			if (in.distance_km > reach)
				continue;
			if (matches_vog_suggestible(r, db_str(found, i, SR_ID), me,
			    &suggestible) != DB_OK)
				goto internal;
			if (!suggestible)
				continue;	/* issue 17 */
			in.category = true;
			in.reach_km = reach;
			in.has_window = window_of(found, i, SR_START_S, SR_END_S,
			    &start, &end);
			in.nslots = (size_t)nslots;
			in.overlap_day = in.has_window ?
			    rank_overlap_day(slots, (size_t)nslots, start, end) : -1;
			s[n].rows = found;
			s[n].row = i;
			s[n].key = db_str(found, i, SR_ID);
			s[n].offer_id = db_str(&offers, o, MO_OFFER);
			s[n].created = db_str(found, i, SR_CREATED);
			s[n].score = rank_score(&in);
			s[n].distance_km = in.distance_km;
			s[n].overlap_day = in.overlap_day;
			s[n].helped = 0;	/* their own record says nothing here */
			n++;
		}
	}
	n = n > 0 ? best_per_key(s, n) : 0;

	out = json_object_new_array();
	for (i = 0; i < n && i < (size_t)limit; i++) {
		item = json_object_new_object();
		json_put(item, "request", request_json(s[i].rows, s[i].row,
		    s[i].distance_km));
		json_put_str(item, "offer_id", s[i].offer_id);
		json_put(item, "score", json_decimal(s[i].score, 1));
		json_put(item, "reasons", reasons_json(r, english,
		    db_str(s[i].rows, s[i].row, english ? SR_CAT_EN : SR_CAT_NL), &s[i]));
		json_object_array_add(out, item);
	}
	http_send_json(r, 200, out);
	return;
internal:
	problem_internal(r, "suggestions for me");
}
