/*
 * list.c — GET /offers (active offers, for logged-in callers only) and
 * GET /me/offers (the caller's own, every status but deleted).
 *
 * Near a postcode: the box around the centre (geo_box_around) on the
 * indexed lat/lon, then the exact distance, nearest first; an offer shows
 * only where both the search radius and the volunteer's own travel radius
 * reach. Without a postcode: newest first. Both are keyset-paged: the
 * cursor holds (distance in metres, id) or (created_at, id) of the last
 * item sent, each part checked before it is bound.
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
#include "offers.h"
#include "postcode.h"
#include "problem.h"
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

/* Decodes the cursor (NULL: first page) into its two parts, checked with
 * key_ok and valid_id. False (400 sent) when it is not one of ours. */
static bool
read_cursor(struct req *r, bool (*key_ok)(const char *), char **after)
{
	const char *s = http_query(r, "cursor");

	after[0] = after[1] = NULL;
	if (s == NULL)
		return true;
	if (cursor_decode(r->arena, s, after, 2) != 0 || !key_ok(after[0]) ||
	    valid_id(after[1]) != NULL) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return false;
	}
	return true;
}

/* Sends {items, next_cursor}: the first limit rows of rows (the statement
 * fetched limit + 1 to know whether there is more). */
static void
send_page(struct req *r, const struct db_rows *rows, long limit, bool near,
    const struct area *centre)
{
	size_t n = rows->nrows > (size_t)limit ? (size_t)limit : rows->nrows, i;
	json_object *body = json_object_new_object(), *items = json_object_new_array();

	json_put(body, "items", items);
	for (i = 0; i < n; i++)
		json_object_array_add(items, offer_json(r, rows, i, near,
		    near ? centre->lat : 0, near ? centre->lon : 0));
	if (rows->nrows > (size_t)limit) {
		const char *parts[2] = { db_str(rows, n - 1, OC_SORT_KEY),
		    db_str(rows, n - 1, OC_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
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
	if (valid_text(category, strlen(category), 1, 32, false) != NULL) {
		problem_field(r, "category", "invalid", "Not a category id.");
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
	char *after[2];
	struct db_rows rows;
	struct area centre;
	struct geo_box box;
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
	read_limit(r, &limit);
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (!read_cursor(r, near != NULL ? distance_key_ok : created_key_ok, after))
		return;

	if (near != NULL) {
		/* No offer reaches farther than its volunteer travels. */
		box = geo_box_around(centre.lat, centre.lon,
		    fmin(radius_km, OFFER_RADIUS_MAX_KM));
		rc = db_exec(r->db, r->arena, STMT_OFFERS_NEAR, DB_PARAMS(
		    DB_DOUBLE(centre.lat), DB_DOUBLE(centre.lat), DB_DOUBLE(centre.lon),
		    DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max),
		    DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max),
		    DB_STR(category), DB_STR(category),
		    day >= 0 ? DB_INT(day) : DB_NULL, day >= 0 ? DB_INT(day) : DB_NULL,
		    DB_INT(llround(radius_km * 1000.0)),
		    DB_INT(after[0] != NULL ? atoll(after[0]) : -1),
		    DB_INT(after[0] != NULL ? atoll(after[0]) : -1),
		    DB_STR(after[1] != NULL ? after[1] : ""),
		    DB_INT(limit + 1)), &rows);
	} else
		rc = db_exec(r->db, r->arena, STMT_OFFERS_RECENT, DB_PARAMS(
		    DB_STR(category), DB_STR(category),
		    day >= 0 ? DB_INT(day) : DB_NULL, day >= 0 ? DB_INT(day) : DB_NULL,
		    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
		    DB_STR(after[0] != NULL ? after[0] : FIRST_CREATED),
		    DB_STR(after[1] != NULL ? after[1] : ""),
		    DB_INT(limit + 1)), &rows);
	if (rc != DB_OK)
		goto internal;
	send_page(r, &rows, limit, near != NULL, &centre);
	return;
internal:
	problem_internal(r, "offers list");
}

void
offers_mine(struct req *r)
{
	char *after[2];
	struct db_rows rows;
	long limit;

	read_limit(r, &limit);
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (!read_cursor(r, created_key_ok, after))
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
	send_page(r, &rows, limit, false, NULL);
}
