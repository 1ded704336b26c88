/*
 * list.c — GET /offers (active offers, for logged-in callers only) and
 * GET /me/offers (the caller's own, every status but deleted).
 *
 * Near a postcode: nearest first in the order of lib/near.c (the area the
 * page starts in, then the box or, where the box is too full to read, the
 * postcode areas nearest first), so a page costs about the same however
 * many offers are around; an offer shows only where both the search radius
 * and the volunteer's own travel radius reach. Without a postcode: newest
 * first. Both are keyset-paged: the cursor holds (distance in metres, pc4,
 * id) or (created_at, id) of the last item sent, each part checked before
 * it is bound.
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

#define LIMIT_DEFAULT	20
#define LIMIT_MAX	100
#define SEARCH_RADIUS_MAX_KM	100
#define SEARCH_RADIUS_MAX_CHARS	16
/* Before every created_at (newest first lists) and every distance. */
#define FIRST_CREATED	"9999-12-31 23:59:59.999999"

/* "2026-01-31 12:34:56.123456": the created_at sort key as we write it. */
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

/* A distance in metres: 1 to 9 digits. */
static bool
distance_key_ok(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 1 && n <= 9 && strspn(s, "0123456789") == n;
}

/* Reads limit into *limit (422 problem when bad). */
static void
read_limit(struct req *r, long *limit)
{
	const char *s = http_query(r, "limit");

	*limit = LIMIT_DEFAULT;
	if (s != NULL && valid_long(s, 1, LIMIT_MAX, limit) != NULL)
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
}

/* A PC4 area: four digits, the first not 0. */
static bool
pc4_ok(const char *s)
{
	return s != NULL && strlen(s) == 4 && strspn(s, "0123456789") == 4 && s[0] != '0';
}

/* Decodes the cursor (NULL: first page) into its parts: near a postcode
 * (distance, pc4, id), otherwise (created_at, id), each checked. False
 * (400 sent) when it is not one of ours. after: 3 slots. */
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

/* What an item of a list needs: whether and from where to give distances. */
struct list_view {
	bool		 near;
	double		 lat, lon;
};

/* page_render_fn: an offer as the lists show it. */
static json_object *
render_offer(struct req *r, const struct db_rows *rows, size_t i,
    const void *ctx)
{
	const struct list_view *v = ctx;

	return offer_json(r, rows, i, v->near, v->lat, v->lon);
}

static const int near_key[] = { OC_SORT_KEY, OC_PC4, OC_ID };
static const int time_key[] = { OC_SORT_KEY, OC_ID };

/* Sends one query's rows as a page, keyed by time. */
static void
send_rows(struct req *r, const struct db_rows *rows, long limit)
{
	struct list_view v = { false, 0, 0 };
	struct page pg;

	page_init(&pg, limit, render_offer, &v);
	if (page_add(r, &pg, rows) != 0) {
		page_drop(&pg);
		problem_internal(r, "offers list");
		return;
	}
	page_send(r, &pg, NULL, time_key, 2);
}

/* The filters of a search near a postcode, checked. */
struct near_offers {
	const char	*category;	/* NULL: any */
	int		 day;		/* -1: any */
	const char	*words;		/* NULL: any (search_text_query) */
};

/* The filters (LIST_FILTERS): category x2, day x2, words x2. */
static size_t
filter_params(struct db_param *p, const struct near_offers *no)
{
	p[0] = DB_STR(no->category);
	p[1] = DB_STR(no->category);
	p[2] = no->day >= 0 ? DB_INT(no->day) : DB_NULL;
	p[3] = no->day >= 0 ? DB_INT(no->day) : DB_NULL;
	p[4] = DB_STR(no->words);
	p[5] = DB_STR(no->words);
	return 6;
}

/* near_search.box_after: the box after (dist, pc4, id), nearest first,
 * at most examined rows examined. */
static int
near_box(struct near_search *s, long long dist, const char *pc4, const char *id,
    long long examined)
{
	const struct near_offers *no = s->ctx;
	struct db_param p[24];
	struct db_rows rows;
	size_t n = near_centre_params(p, s);
	int rc;

	n += near_box_params(p + n, s);
	n += filter_params(p + n, no);
	p[n++] = DB_INT(s->radius_m);
	n += near_after_params(p + n, dist, pc4, id);
	p[n++] = DB_INT(s->pg->limit + 1);
	p[n++] = DB_INT(examined);
	if ((rc = db_exec(s->r->db, s->r->arena, STMT_OFFERS_NEAR, p, n, &rows)) != DB_OK)
		return rc == DB_TOO_BIG ? DB_TOO_BIG : -1;
	return page_add(s->r, s->pg, &rows);
}

/* near_search.area: area pc4's offers after id, as many as the page wants. */
static int
near_area(struct near_search *s, const char *pc4, const char *id)
{
	const struct near_offers *no = s->ctx;
	struct db_param p[24];
	struct db_rows rows;
	size_t n = near_centre_params(p, s);

	p[n++] = DB_STR(pc4);
	p[n++] = DB_STR(id);
	n += filter_params(p + n, no);
	p[n++] = DB_INT(s->radius_m);
	p[n++] = DB_INT(page_wants(s->pg));
	if (db_exec(s->r->db, s->r->arena, STMT_OFFERS_NEAR_AREA, p, n, &rows) != DB_OK)
		return -1;
	return page_add(s->r, s->pg, &rows);
}

/* category: a known, active category; 0 good or absent, 1 problem added,
 * -1 failure. */
static int
read_category(struct req *r, const char *category)
{
	struct db_param p[OFFER_CATEGORIES_MAX];
	struct db_rows rows;
	size_t i;

	if (category == NULL)
		return 0;
	if (!valid_slug(category)) {
		problem_field(r, "category", "unknown", "Not a known category.");
		return 1;
	}
	for (i = 0; i < OFFER_CATEGORIES_MAX; i++)
		p[i] = i == 0 ? DB_STR(category) : DB_NULL;
	if (db_exec(r->db, r->arena, STMT_CATEGORIES_KNOWN, p, OFFER_CATEGORIES_MAX,
	    &rows) != DB_OK)
		return -1;
	if (rows.nrows == 0) {
		problem_field(r, "category", "unknown", "Not a known category.");
		return 1;
	}
	return 0;
}

void
offers_list(struct req *r)
{
	const char *near = http_query(r, "near"), *radius = http_query(r, "radius_km");
	const char *category = http_query(r, "category"), *day_s = http_query(r, "day");
	const char *q = http_query(r, "q"), *words = NULL;
	char *after[3];
	struct db_rows rows;
	struct area centre;
	double radius_km = OFFER_RADIUS_MAX_KM;
	long limit;
	const char *code;
	int day = -1, rc;

	memset(&centre, 0, sizeof(centre));
	if (!auth_require(r, ACT_OFFER_LIST, NULL))
		return;
	if (near != NULL && (rc = postcode_resolve(r, "near", near, &centre)) < 0)
		goto internal;
	if (radius != NULL) {
		/* A search radius: a plain decimal number, 0 < km <= 100. */
		code = strlen(radius) > SEARCH_RADIUS_MAX_CHARS ? "invalid" :
		    valid_decimal(radius, 0.0, SEARCH_RADIUS_MAX_KM, &radius_km);
		if (code == NULL && radius_km == 0.0)
			code = "out_of_range";
		if (code != NULL)
			problem_field(r, "radius_km", code,
			    "radius_km is a number of km above 0, at most 100.");
	}
	if (read_category(r, category) < 0)
		goto internal;
	if (day_s != NULL && (day = offer_day_parse(day_s)) < 0)
		problem_field(r, "day", "not_allowed", "day is one of mon, tue, ..., sun.");
	if (q != NULL) {
		if ((code = valid_text(q, strlen(q), 1, SEARCH_MAX_CHARS, false)) != NULL)
			problem_field(r, "q", code, "q is 1 to 200 characters of text.");
		else if ((words = search_text_query(r->arena, q)) == NULL)
			problem_field(r, "q", "too_short",
			    "q needs a word of at least 3 letters or digits.");
	}
	read_limit(r, &limit);
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (!read_cursor(r, near != NULL, after))
		return;

	if (near != NULL) {
		struct list_view v = { true, centre.lat, centre.lon };
		struct page pg;
		struct near_offers no = { category, day, words };
		/* No offer reaches farther than its volunteer travels. */
		double reach = fmin(radius_km, OFFER_RADIUS_MAX_KM);
		struct near_search s = {
			.r = r, .lat = centre.lat, .lon = centre.lon,
			.pc4 = centre.pc4, .radius_m = llround(radius_km * 1000.0),
			.box = geo_box_around(centre.lat, centre.lon, reach),
			.pg = &pg, .ctx = &no, .area = near_area, .box_after = near_box,
		};

		page_init(&pg, limit, render_offer, &v);
		if (near_page(&s, after[0] != NULL ? atoll(after[0]) : -1,
		    after[1] != NULL ? after[1] : "", after[2] != NULL ? after[2] : "") != 0) {
			page_drop(&pg);
			goto internal;
		}
		page_send(r, &pg, NULL, near_key, 3);
		return;
	}
	if (db_exec(r->db, r->arena, STMT_OFFERS_RECENT, DB_PARAMS(
	    DB_STR(category), DB_STR(category),
	    day >= 0 ? DB_INT(day) : DB_NULL, day >= 0 ? DB_INT(day) : DB_NULL,
	    DB_STR(words), DB_STR(words),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[1] != NULL ? after[1] : ""),
	    DB_INT(limit + 1)), &rows) != DB_OK)
		goto internal;
	send_rows(r, &rows, limit);
	return;
internal:
	problem_internal(r, "offers list");
}

void
offers_mine(struct req *r)
{
	char *after[3];
	struct db_rows rows;
	long limit;

	read_limit(r, &limit);
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (!read_cursor(r, false, after))
		return;
	if (db_exec(r->db, r->arena, STMT_OFFERS_MINE, DB_PARAMS(
	    DB_STR(r->who.user_id),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
	    DB_STR(after[1] != NULL ? after[1] : ""),
	    DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "my offers");
		return;
	}
	send_rows(r, &rows, limit);
}
