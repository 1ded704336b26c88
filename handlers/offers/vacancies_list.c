/*
 * vacancies_list.c — GET /vacancies: open vacancies for everyone, also
 * without a session.
 *
 * Near a postcode: nearest first in the order of lib/near.c (the area the
 * page starts in on vacancies_area, then the box on vacancies_geo read with
 * LIMIT ROWS EXAMINED, or where the box is too full the postcode areas
 * nearest first), so a page costs about the same however many vacancies
 * are around (tests/api/vacancies_explain.test.mjs). Without a postcode:
 * newest first on vacancies_recent. Filters: talent, category, words (q,
 * on vacancies_text). Keyset-paged: the cursor holds (distance in metres,
 * pc4, id) or (created_at, id) of the last item sent.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "near.h"
#include "offers.h"
#include "page.h"
#include "postcode.h"
#include "problem.h"
#include "search.h"
#include "valid.h"
#include "vacancy.h"

#define LIMIT_DEFAULT	20
#define LIMIT_MAX	100
#define RADIUS_DEFAULT_KM	25
#define RADIUS_MAX_KM	100
#define RADIUS_MAX_CHARS	16
#define FIRST_CREATED	"9999-12-31 23:59:59.999999"

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

static bool
distance_key_ok(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 1 && n <= 9 && strspn(s, "0123456789") == n;
}

static bool
pc4_ok(const char *s)
{
	return s != NULL && strlen(s) == 4 && strspn(s, "0123456789") == 4 && s[0] != '0';
}

static bool
read_cursor(struct req *r, bool near, char **after)
{
	const char *s = http_query(r, "cursor");
	size_t n = near ? 3 : 2;

	after[0] = after[1] = after[2] = NULL;
	if (s == NULL)
		return true;
	if (cursor_decode(r->arena, s, after, n) != 0 || valid_id(after[n - 1]) != NULL ||
	    (near ? !distance_key_ok(after[0]) || !pc4_ok(after[1]) :
	    !created_key_ok(after[0]))) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return false;
	}
	return true;
}

struct list_view {
	bool		 near;
	double		 lat, lon;
};

static json_object *
render_vacancy(struct req *r, const struct db_rows *rows, size_t i, const void *ctx)
{
	const struct list_view *v = ctx;

	return vacancy_json(r, rows, i, v->near, v->lat, v->lon, false);
}

static const int near_key[] = { VC_SORT_KEY, VC_PC4, VC_ID };
static const int time_key[] = { VC_SORT_KEY, VC_ID };

struct near_vacancies {
	const char	*talent, *category, *words;
};

/* VACANCY_FILTERS: talent x2, category x2, words x2. */
static size_t
filter_params(struct db_param *p, const struct near_vacancies *nv)
{
	p[0] = DB_STR(nv->talent);
	p[1] = DB_STR(nv->talent);
	p[2] = DB_STR(nv->category);
	p[3] = DB_STR(nv->category);
	p[4] = DB_STR(nv->words);
	p[5] = DB_STR(nv->words);
	return 6;
}

static int
near_box(struct near_search *s, long long dist, const char *pc4, const char *id,
    long long examined)
{
	const struct near_vacancies *nv = s->ctx;
	struct db_param p[24];
	struct db_rows rows;
	size_t n = near_centre_params(p, s);
	int rc;

	n += near_box_params(p + n, s);
	n += filter_params(p + n, nv);
	p[n++] = DB_INT(s->radius_m);
	n += near_after_params(p + n, dist, pc4, id);
	p[n++] = DB_INT(s->pg->limit + 1);
	p[n++] = DB_INT(examined);
	if ((rc = db_exec(s->r->db, s->r->arena, STMT_VACANCIES_NEAR, p, n, &rows)) != DB_OK)
		return rc == DB_TOO_BIG ? DB_TOO_BIG : -1;
	return page_add(s->r, s->pg, &rows);
}

static int
near_area(struct near_search *s, const char *pc4, const char *id)
{
	const struct near_vacancies *nv = s->ctx;
	struct db_param p[24];
	struct db_rows rows;
	size_t n = near_centre_params(p, s);

	p[n++] = DB_STR(pc4);
	p[n++] = DB_STR(id);
	n += filter_params(p + n, nv);
	p[n++] = DB_INT(s->radius_m);
	p[n++] = DB_INT(page_wants(s->pg));
	if (db_exec(s->r->db, s->r->arena, STMT_VACANCIES_NEAR_AREA, p, n, &rows) != DB_OK)
		return -1;
	return page_add(s->r, s->pg, &rows);
}

/* value of field: an active row of the list STMT_*_KNOWN reads; 0 good or
 * absent, 1 problem added, -1 failure. */
static int
read_known(struct req *r, const char *field, const char *value, enum stmt known)
{
	struct db_param p[VACANCY_LINKS_MAX];
	struct db_rows rows;
	size_t i;

	if (value == NULL)
		return 0;
	if (known == STMT_TALENTS_KNOWN ? !valid_talent_id(value) : !valid_slug(value)) {
		problem_field(r, field, "unknown", arena_printf(r->arena, "Not a known %s.", field));
		return 1;
	}
	for (i = 0; i < VACANCY_LINKS_MAX; i++)
		p[i] = i == 0 ? DB_STR(value) : DB_NULL;
	if (db_exec(r->db, r->arena, known, p, VACANCY_LINKS_MAX, &rows) != DB_OK)
		return -1;
	if (rows.nrows == 0) {
		problem_field(r, field, "unknown", arena_printf(r->arena, "Not a known %s.", field));
		return 1;
	}
	return 0;
}

void
vacancies_list(struct req *r)
{
	const char *near = http_query(r, "near"), *radius = http_query(r, "radius_km");
	const char *talent = http_query(r, "talent"), *category = http_query(r, "category");
	const char *q = http_query(r, "q"), *lim = http_query(r, "limit"), *words = NULL;
	char *after[3];
	struct db_rows rows;
	struct area centre;
	double radius_km = RADIUS_DEFAULT_KM;
	long limit = LIMIT_DEFAULT;
	const char *code;
	struct page pg;
	struct list_view v = { false, 0, 0 };

	memset(&centre, 0, sizeof(centre));
	if (near != NULL && postcode_resolve(r, "near", near, &centre) < 0)
		goto internal;
	if (radius != NULL) {
		code = strlen(radius) > RADIUS_MAX_CHARS ? "invalid" :
		    valid_decimal(radius, 0.0, RADIUS_MAX_KM, &radius_km);
		if (code == NULL && radius_km == 0.0)
			code = "out_of_range";
		if (code != NULL)
			problem_field(r, "radius_km", code,
			    "radius_km is a number of km above 0, at most 100.");
	}
	if (read_known(r, "talent", talent, STMT_TALENTS_KNOWN) < 0 ||
	    read_known(r, "category", category, STMT_CATEGORIES_KNOWN) < 0)
		goto internal;
	if (q != NULL) {
		if ((code = valid_text(q, strlen(q), 1, SEARCH_MAX_CHARS, false)) != NULL)
			problem_field(r, "q", code, "q is 1 to 200 characters of text.");
		else if ((words = search_text_query(r->arena, q)) == NULL)
			problem_field(r, "q", "too_short",
			    "q needs a word of at least 3 letters or digits.");
	}
	if (lim != NULL && valid_long(lim, 1, LIMIT_MAX, &limit) != NULL)
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (!read_cursor(r, near != NULL, after))
		return;

	if (near != NULL) {
		struct near_vacancies nv = { talent, category, words };
		struct near_search s = {
			.r = r, .lat = centre.lat, .lon = centre.lon,
			.pc4 = centre.pc4, .radius_m = llround(radius_km * 1000.0),
			.box = geo_box_around(centre.lat, centre.lon, radius_km),
			.pg = &pg, .ctx = &nv, .area = near_area, .box_after = near_box,
		};

		v.near = true;
		v.lat = centre.lat;
		v.lon = centre.lon;
		page_init(&pg, limit, render_vacancy, &v);
		if (near_page(&s, after[0] != NULL ? atoll(after[0]) : -1,
		    after[1] != NULL ? after[1] : "", after[2] != NULL ? after[2] : "") != 0) {
			page_drop(&pg);
			goto internal;
		}
		page_send(r, &pg, NULL, near_key, 3);
		return;
	}
	if (db_exec(r->db, r->arena, STMT_VACANCIES_RECENT, DB_PARAMS(
	    DB_STR(talent), DB_STR(talent), DB_STR(category), DB_STR(category),
	    DB_STR(words), DB_STR(words),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[1] != NULL ? after[1] : ""),
	    DB_INT(limit + 1)), &rows) != DB_OK)
		goto internal;
	page_init(&pg, limit, render_vacancy, &v);
	if (page_add(r, &pg, &rows) != 0) {
		page_drop(&pg);
		goto internal;
	}
	page_send(r, &pg, NULL, time_key, 2);
	return;
internal:
	problem_internal(r, "vacancies list");
}
