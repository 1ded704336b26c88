/*
 * vacancy_suggest.c — GET /me/vacancy-suggestions (issue 18): published
 * vacancies that fit the calling volunteer, best first, each with its
 * reasons: the talents in common, the distance, the categories in common
 * and whether a VOG is needed (and held).
 *
 * Where a volunteer is: where they help, the postcode areas of their
 * active offers, each with its radius (at most suggestions_max_km); with no
 * active offer, their account's postcode area within suggestions_max_km.
 * Candidates come as in suggest.c: per place the postcode areas nearest
 * first, each area's open vacancies on vacancies_area (status, pc4, id),
 * stopping at CANDIDATES_MAX — never a scan of the vacancies of a box. A
 * vacancy is published when its status is open and its organisation is
 * active; nothing else is read (the SQL says so, not this file). A vacancy
 * the volunteer has answered already, or one of an organisation they
 * coordinate, is left out. Each candidate is
 * measured exactly, scored in rank.c (rank_vacancy_score) and the best
 * place of each vacancy kept; the answer is capped at ?limit (1..50).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "matches.h"
#include "postcode.h"
#include "problem.h"
#include "rank.h"
#include "server.h"
#include "vog.h"

#define CANDIDATES_MAX		100	/* as suggest.c */
#define AREAS_MAX		1000
#define AREA_SLACK_KM		0.001
#define MAX_KM_DEFAULT		25
#define PLACES_MAX		21	/* 20 offers, or the account's area */

/* Columns of STMT_SUGGEST_VACANCIES. */
enum {
	SV_ID, SV_ORG_ID, SV_ORG_NAME, SV_TITLE, SV_DESCRIPTION, SV_PC4,
	SV_PLACE, SV_MUNICIPALITY, SV_HOURS, SV_NEEDS_VOG, SV_STATUS,
	SV_CREATED, SV_LAT, SV_LON, SV_TALENTS, SV_CATEGORIES, SV_LANG,
};

struct place {
	double	lat, lon, reach_km;
};

struct candidate {
	const struct db_rows	*rows;
	size_t			 row;
	const char		*id;
	double			 score, distance_km;
};

/* id → names of a small table (talents, categories) */
struct names {
	struct db_rows	rows;
};

static double
max_km(void)
{
	long km = config_long(server_config(), "suggestions_max_km", MAX_KM_DEFAULT);

	return km >= 1 && km <= 100 ? (double)km : MAX_KM_DEFAULT;
}

static int
by_score(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->distance_km != y->distance_km)
		return x->distance_km < y->distance_km ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
by_id_then_score(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : by_score(a, b);
}

/* Whether the comma list `list` holds the word w. */
static bool
list_has(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);

		if (len == n && strncmp(p, w, n) == 0)
			return true;
		p = comma != NULL ? comma + 1 : NULL;
	}
	return false;
}

/* Whether rows (one id per row, column 0) hold w. */
static bool
rows_have(const struct db_rows *rows, const char *w)
{
	size_t i;

	for (i = 0; i < rows->nrows; i++)
		if (strcmp(db_str(rows, i, 0), w) == 0)
			return true;
	return false;
}

static const char *
name_of(const struct names *n, const char *id, bool english)
{
	size_t i;

	for (i = 0; i < n->rows.nrows; i++)
		if (strcmp(db_str(&n->rows, i, 0), id) == 0)
			return db_str(&n->rows, i, english ? 2 : 1);
	return id;
}

/* The words of the comma list that mine holds, as [{id, name}]; *count
 * their number. */
static json_object *
common_json(const char *list, const struct db_rows *mine,
    const struct names *names, bool english, size_t *count)
{
	json_object *a = json_object_new_array(), *o;
	const char *p = list;
	char id[64];

	*count = 0;
	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);

		if (len > 0 && len < sizeof(id)) {
			memcpy(id, p, len);
			id[len] = '\0';
			if (rows_have(mine, id)) {
				o = json_object_new_object();
				json_put_str(o, "id", id);
				json_put_str(o, "name", name_of(names, id, english));
				json_object_array_add(a, o);
				(*count)++;
			}
		}
		p = comma != NULL ? comma + 1 : NULL;
	}
	return a;
}

static size_t
list_count(const char *list)
{
	size_t n = 0;
	const char *p;

	if (list == NULL || *list == '\0')
		return 0;
	for (n = 1, p = list; (p = strchr(p, ',')) != NULL; p++)
		n++;
	return n;
}

static json_object *
list_json(const char *list)
{
	json_object *a = json_object_new_array();
	const char *p = list;

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);

		if (len > 0)
			json_object_array_add(a, json_object_new_string_len(p, (int)len));
		p = comma != NULL ? comma + 1 : NULL;
	}
	return a;
}

/* The public view of a published vacancy, as GET /vacancies shows it. */
static json_object *
vacancy_json(const struct db_rows *rows, size_t i, double distance_km)
{
	json_object *o = json_object_new_object(), *g = json_object_new_object();
	struct area area;

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, i, SV_PC4));
	area.place = db_str(rows, i, SV_PLACE);
	area.municipality = db_str(rows, i, SV_MUNICIPALITY);
	json_put_str(o, "id", db_str(rows, i, SV_ID));
	json_put_str(g, "id", db_str(rows, i, SV_ORG_ID));
	json_put_str(g, "name", db_str(rows, i, SV_ORG_NAME));
	json_put(o, "organisation", g);
	json_put_str(o, "title", db_str(rows, i, SV_TITLE));
	json_put_str(o, "description", db_str(rows, i, SV_DESCRIPTION));
	json_put_str(o, "lang", db_str(rows, i, SV_LANG));
	json_put(o, "talents", list_json(db_str(rows, i, SV_TALENTS)));
	json_put(o, "categories", list_json(db_str(rows, i, SV_CATEGORIES)));
	json_put(o, "area", postcode_area_json(&area));
	json_put(o, "distance_km", json_decimal(distance_km, 1));
	if (db_is_null(rows, i, SV_HOURS))
		json_put(o, "hours_per_month", NULL);
	else
		json_put_int(o, "hours_per_month", db_int(rows, i, SV_HOURS));
	json_put_bool(o, "needs_vog", db_int(rows, i, SV_NEEDS_VOG) != 0);
	json_put_str(o, "status", db_str(rows, i, SV_STATUS));
	json_put_str(o, "created_at", db_str(rows, i, SV_CREATED));
	return o;
}

/* "Koken, Tuinieren" out of [{id, name}]. */
static const char *
names_text(struct req *r, json_object *common)
{
	size_t i, n = json_object_array_length(common);
	const char *out = "";

	for (i = 0; i < n; i++) {
		json_object *name;

		json_object_object_get_ex(json_object_array_get_idx(common, i),
		    "name", &name);
		out = arena_printf(r->arena, "%s%s%s", out, i > 0 ? ", " : "",
		    json_object_get_string(name));
	}
	return out;
}

static json_object *
reasons_json(struct req *r, bool english, json_object *talents,
    json_object *categories, double km, bool needs_vog, bool has_vog)
{
	json_object *a = json_object_new_array();
	char *text, *dot;

	if (json_object_array_length(talents) > 0)
		json_object_array_add(a, json_object_new_string(arena_printf(r->arena,
		    english ? "your talents: %s" : "uw talenten: %s",
		    names_text(r, talents))));
	text = arena_printf(r->arena, "%.1f km", km);
	if (!english && (dot = strchr(text, '.')) != NULL)
		*dot = ',';
	json_object_array_add(a, json_object_new_string(text));
	if (json_object_array_length(categories) > 0) {
		text = arena_strdup(r->arena, names_text(r, categories));
		text[0] = (char)tolower((unsigned char)text[0]);
		json_object_array_add(a, json_object_new_string(text));
	}
	if (needs_vog)
		json_object_array_add(a, json_object_new_string(english ?
		    (has_vog ? "VOG needed: you have one" :
		    "VOG needed: you do not have one yet") :
		    (has_vog ? "VOG nodig: u hebt er een" :
		    "VOG nodig: u hebt er nog geen")));
	return a;
}

/* The places the volunteer helps from (see the head comment); *n. */
static int
places_of(struct req *r, const char *me, double limit_km, struct place *out,
    size_t *n)
{
	struct db_rows rows;
	size_t i;

	*n = 0;
	if (db_exec(r->db, r->arena, STMT_VS_PLACES, DB_PARAMS(DB_STR(me)),
	    &rows) != DB_OK)
		return -1;
	for (i = 0; i < rows.nrows && *n < PLACES_MAX; i++) {
		out[*n].lat = db_double(&rows, i, 0);
		out[*n].lon = db_double(&rows, i, 1);
		out[*n].reach_km = fmin((double)db_int(&rows, i, 2), limit_km);
		if (out[*n].reach_km > 0.0)
			(*n)++;
	}
	if (*n > 0)
		return 0;
	if (db_exec(r->db, r->arena, STMT_VS_HOME, DB_PARAMS(DB_STR(me)),
	    &rows) != DB_OK)
		return -1;
	if (rows.nrows == 1) {
		out[0].lat = db_double(&rows, 0, 0);
		out[0].lon = db_double(&rows, 0, 1);
		out[0].reach_km = limit_km;
		*n = 1;
	}
	return 0;
}

void
vacancy_suggestions(struct req *r)
{
	struct db_rows talents, categories, *found;
	struct names talent_names, category_names;
	struct place places[PLACES_MAX];
	struct candidate *c = NULL;
	struct geo_box box;
	json_object *out, *item, *tj, *cj;
	const char *me = r->who.user_id;
	double limit_km = max_km(), d;
	bool english = false, has_vog = false, needs;
	long limit;
	size_t np, p, i, n = 0, cap = 0, kept, nt, nc;

	if (!auth_require(r, ACT_ME_VACANCY_SUGGESTIONS, NULL))
		return;
	if (suggest_read_query(r, &limit, &english) != 0)
		return;
	if (db_exec(r->db, r->arena, STMT_VS_TALENTS, DB_PARAMS(DB_STR(me)),
	    &talents) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_VS_CATEGORIES, DB_PARAMS(DB_STR(me)),
	    &categories) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_VS_TALENT_NAMES, NULL, 0, &talent_names.rows) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_VS_CATEGORY_NAMES, NULL, 0,
	    &category_names.rows) != DB_OK ||
	    vog_user_ok(r->db, r->arena, me, &has_vog) != DB_OK ||
	    places_of(r, me, limit_km, places, &np) != 0)
		goto internal;

	for (p = 0; p < np; p++) {
		box = geo_box_around(places[p].lat, places[p].lon, places[p].reach_km);
		found = arena_alloc(r->arena, sizeof(*found));
		if (db_exec(r->db, r->arena, STMT_SUGGEST_VACANCIES, DB_PARAMS(
		    DB_DOUBLE(places[p].lat), DB_DOUBLE(places[p].lat),
		    DB_DOUBLE(places[p].lon),
		    DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max),
		    DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max),
		    DB_DOUBLE(places[p].reach_km + AREA_SLACK_KM), DB_INT(AREAS_MAX),
		    DB_STR(me), DB_STR(me), DB_INT(CANDIDATES_MAX)), found) != DB_OK)
			goto internal;
		if (n + found->nrows > cap) {
			struct candidate *bigger;

			cap = (n + found->nrows) * 2;
			bigger = arena_alloc(r->arena, cap * sizeof(*bigger));
			if (n > 0)
				memcpy(bigger, c, n * sizeof(*c));
			c = bigger;
		}
		for (i = 0; i < found->nrows; i++) {
			struct rank_vacancy_input in;
			const char *vt = db_str(found, i, SV_TALENTS);
			const char *vc = db_str(found, i, SV_CATEGORIES);
			size_t k;

			d = geo_distance_km(places[p].lat, places[p].lon,
			    db_double(found, i, SV_LAT), db_double(found, i, SV_LON));
			if (d > places[p].reach_km)
				continue;	/* the SQL tested the area */
			memset(&in, 0, sizeof(in));
			for (k = 0; k < talents.nrows; k++)
				if (list_has(vt, db_str(&talents, k, 0)))
					in.talents_common++;
			for (k = 0; k < categories.nrows; k++)
				if (list_has(vc, db_str(&categories, k, 0)))
					in.category = true;
			in.talents_vacancy = list_count(vt);
			in.distance_km = d;
			in.reach_km = places[p].reach_km;
			in.needs_vog = db_int(found, i, SV_NEEDS_VOG) != 0;
			in.has_vog = has_vog;
			c[n].rows = found;
			c[n].row = i;
			c[n].id = db_str(found, i, SV_ID);
			c[n].score = rank_vacancy_score(&in);
			c[n].distance_km = d;
			n++;
		}
	}
	/* The best place of each vacancy, then best first. */
	kept = 0;
	if (n > 0) {
		qsort(c, n, sizeof(*c), by_id_then_score);
		for (i = 0; i < n; i++)
			if (kept == 0 || strcmp(c[kept - 1].id, c[i].id) != 0)
				c[kept++] = c[i];
		qsort(c, kept, sizeof(*c), by_score);
	}

	out = json_object_new_array();
	for (i = 0; i < kept && i < (size_t)limit; i++) {
		needs = db_int(c[i].rows, c[i].row, SV_NEEDS_VOG) != 0;
		tj = common_json(db_str(c[i].rows, c[i].row, SV_TALENTS), &talents,
		    &talent_names, english, &nt);
		cj = common_json(db_str(c[i].rows, c[i].row, SV_CATEGORIES),
		    &categories, &category_names, english, &nc);
		item = json_object_new_object();
		json_put(item, "vacancy", vacancy_json(c[i].rows, c[i].row,
		    c[i].distance_km));
		json_put(item, "score", json_decimal(c[i].score, 1));
		json_put(item, "distance_km", json_decimal(c[i].distance_km, 1));
		json_put(item, "talents_in_common", json_object_get(tj));
		json_put(item, "categories_in_common", json_object_get(cj));
		json_put_bool(item, "needs_vog", needs);
		json_put_bool(item, "has_vog", has_vog);
		json_put(item, "reasons", reasons_json(r, english, tj, cj,
		    c[i].distance_km, needs, has_vog));
		json_object_put(tj);
		json_object_put(cj);
		json_object_array_add(out, item);
	}
	http_send_json(r, 200, out);
	return;
internal:
	problem_internal(r, "vacancy suggestions");
}
