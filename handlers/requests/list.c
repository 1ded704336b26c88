/*
 * list.c — GET /requests (anyone: open requests, near a postcode, by
 * category, by text) and GET /me/requests (the owner's own, every status).
 *
 * Both are keyset-paged: the cursor carries the sort key of the last item
 * sent, (distance in metres, id) near a postcode and (created_at, id)
 * otherwise, plus a letter naming the list, so that a cursor of one list
 * given to another is a 400 like any mangled one. Radius search is a box on
 * the indexed lat/lon columns (lib/geo.c) filtered on the exact distance;
 * text search is the FULLTEXT index of migration 010 in boolean mode, so no
 * variant reads the whole table (tests/api/requests_explain.test.mjs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "postcode.h"
#include "problem.h"
#include "requests.h"
#include "valid.h"

#define LIMIT_DEFAULT		20
#define RADIUS_DEFAULT_KM	10.0
#define RADIUS_MIN_KM		1.0
#define RADIUS_MAX_KM		50.0
#define RADIUS_MAX_CHARS	12
#define Q_MAX_CHARS		200
#define Q_MAX_WORDS		8
/* InnoDB's FULLTEXT indexes words of 3 to 84 characters
 * (innodb_ft_min_token_size, innodb_ft_max_token_size). */
#define WORD_MIN_CHARS		3
#define WORD_MAX_CHARS		84
/* A key that sorts before every real one: the first page (distance -1). */
#define FIRST_CREATED		"9999-12-31 23:59:59.999999"
/* The expiry sweep: how often per process, and how many rows at most. */
#define SWEEP_EVERY_S		300
#define SWEEP_ROWS		200

static const char *const statuses[] = {
	"pending", "open", "matched", "completed", "cancelled", "rejected",
	"hidden", "expired", NULL
};

/* "2026-11-23 10:00:00.123000", as RC_SORT_CREATED writes it. */
static bool
created_key_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd.dddddd";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	return true;
}

/* Decodes cursor s of list kind into key and id; false when it is not one
 * of ours (the caller answers 400). */
static bool
read_cursor(struct req *r, const char *s, const char *kind, char **key, char **id)
{
	char *parts[3];
	long metres;

	if (cursor_decode(r->arena, s, parts, 3) != 0 || strcmp(parts[0], kind) != 0 ||
	    valid_id(parts[2]) != NULL)
		return false;
	if (strcmp(kind, "d") == 0) {
		if (valid_long(parts[1], 0, 100000000L, &metres) != NULL)
			return false;
	} else if (!created_key_ok(parts[1]))
		return false;
	*key = parts[1];
	*id = parts[2];
	return true;
}

static const char *
next_cursor(struct req *r, const char *kind, const struct db_rows *rows,
    size_t last, int key_col)
{
	const char *parts[3] = { kind, db_str(rows, last, key_col),
	    db_str(rows, last, RC_ID) };

	return cursor_encode(r->arena, parts, 3);
}

/* A code point of a word: ASCII letters and digits, and beyond ASCII
 * everything but the punctuation, symbol and space blocks. */
static bool
word_cp(unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
		return false;
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff0f) ||
	    cp == 0xfeff)
		return false;
	return true;
}

/* Decodes one code point of valid UTF-8 (checked by valid_text) at s. */
static size_t
utf8_step(const unsigned char *s, unsigned long *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xe0) {
		*cp = ((unsigned long)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] < 0xf0) {
		*cp = ((unsigned long)(s[0] & 0x0f) << 12) |
		    ((unsigned long)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
		return 3;
	}
	*cp = ((unsigned long)(s[0] & 0x07) << 18) | ((unsigned long)(s[1] & 0x3f) << 12) |
	    ((unsigned long)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
	return 4;
}

/*
 * The words of q as a boolean-mode search: every word required, each as a
 * prefix ("+hulp* +boodsch*"). Only word characters go in, so nothing the
 * caller types can be an operator. Words shorter than the index holds are
 * left out. NULL when no word is left.
 */
static const char *
text_query(struct req *r, const char *q)
{
	const unsigned char *p = (const unsigned char *)q, *start;
	size_t step, nwords = 0, used = 0, n = strlen(q);
	char *out = arena_alloc(r->arena, 2 * n + 4 * Q_MAX_WORDS + 1);
	unsigned long cp;
	long chars;

	while (*p != '\0' && nwords < Q_MAX_WORDS) {
		step = utf8_step(p, &cp);
		if (!word_cp(cp)) {
			p += step;
			continue;
		}
		start = p;
		chars = 0;
		while (*p != '\0' && (step = utf8_step(p, &cp)) > 0 && word_cp(cp)) {
			p += step;
			chars++;
		}
		if (chars < WORD_MIN_CHARS || chars > WORD_MAX_CHARS)
			continue;
		used += (size_t)snprintf(out + used, 2 * n + 4 * Q_MAX_WORDS + 1 - used,
		    "%s+%.*s*", nwords > 0 ? " " : "", (int)(p - start),
		    (const char *)start);
		nwords++;
	}
	return nwords > 0 ? out : NULL;
}

/* Once in a while, stores `expired` on requests whose time has passed (reads
 * compute it anyway; see STMT_EXPIRE_SWEEP). Failure only costs a warning. */
static void
maybe_sweep(struct req *r)
{
	static time_t last;
	time_t now = time(NULL), seen = __atomic_load_n(&last, __ATOMIC_RELAXED);

	if (now - seen < SWEEP_EVERY_S ||
	    !__atomic_compare_exchange_n(&last, &seen, now, false,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	if (db_exec(r->db, r->arena, STMT_EXPIRE_SWEEP,
	    DB_PARAMS(DB_INT(SWEEP_ROWS)), NULL) != DB_OK)
		log_warn("requests: expiry sweep failed");
	else if (db_affected(r->db) > 0)
		log_info("requests: %llu expired", db_affected(r->db));
}

/* Reads ?limit= into *limit (422 field limit when bad). */
static void
read_limit(struct req *r, long *limit)
{
	const char *s = http_query(r, "limit");

	*limit = LIMIT_DEFAULT;
	if (s != NULL && valid_long(s, 1, 100, limit) != NULL)
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
}

/* Sends {items, next_cursor} from rows (one more row than limit means
 * another page). NULL item: a decryption failure, 500. */
static void
send_page(struct req *r, const struct db_rows *rows, long limit, unsigned flags,
    const char *kind, int key_col)
{
	json_object *body, *items, *item;
	size_t i, n = rows->nrows > (size_t)limit ? (size_t)limit : rows->nrows;

	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++) {
		if ((item = request_json(r, rows, i, flags)) == NULL) {
			json_object_put(body);
			problem_internal(r, "request list");
			return;
		}
		json_object_array_add(items, item);
	}
	json_put_str(body, "next_cursor", rows->nrows > (size_t)limit ?
	    next_cursor(r, kind, rows, n - 1, key_col) : NULL);
	http_send_json(r, 200, body);
}

void
requests_list(struct req *r)
{
	const char *near = http_query(r, "near"), *radius = http_query(r, "radius_km");
	const char *category = http_query(r, "category"), *q = http_query(r, "q");
	const char *cur = http_query(r, "cursor"), *text = NULL, *code;
	struct db_param p[16];
	struct db_rows rows;
	struct geo_box box;
	struct area area;
	char *key = NULL, *after_id = NULL;
	double radius_km = RADIUS_DEFAULT_KM;
	long limit;
	size_t n = 0;
	int rc, idx;

	read_limit(r, &limit);
	if (radius != NULL) {
		code = strlen(radius) > RADIUS_MAX_CHARS ? "invalid" :
		    valid_decimal(radius, RADIUS_MIN_KM, RADIUS_MAX_KM, &radius_km);
		if (code != NULL)
			problem_field(r, "radius_km", code, "radius_km is 1 to 50.");
		else if (near == NULL)
			problem_field(r, "radius_km", "invalid",
			    "radius_km needs near (a postcode).");
	}
	if (category != NULL) {
		if (valid_text(category, strlen(category), 1, 32, false) != NULL)
			problem_field(r, "category", "invalid", "Not a category id.");
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
		else if ((text = text_query(r, q)) == NULL)
			problem_field(r, "q", "too_short",
			    "q needs a word of at least 3 letters or digits.");
	}
	if (near != NULL && (rc = postcode_resolve(r, "near", near, &area)) < 0)
		goto internal;
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (cur != NULL && !read_cursor(r, cur, near != NULL ? "d" : "t", &key, &after_id)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	maybe_sweep(r);

	if (near != NULL) {
		idx = category != NULL ? (text != NULL ? STMT_LIST_NEAR_CAT_Q :
		    STMT_LIST_NEAR_CAT) : (text != NULL ? STMT_LIST_NEAR_Q : STMT_LIST_NEAR);
		box = geo_box_around(area.lat, area.lon, radius_km);
		p[n++] = DB_DOUBLE(area.lat);
		p[n++] = DB_DOUBLE(area.lat);
		p[n++] = DB_DOUBLE(area.lon);
		p[n++] = DB_DOUBLE(box.lat_min);
		p[n++] = DB_DOUBLE(box.lat_max);
		p[n++] = DB_DOUBLE(box.lon_min);
		p[n++] = DB_DOUBLE(box.lon_max);
	} else
		idx = category != NULL ? (text != NULL ? STMT_LIST_RECENT_CAT_Q :
		    STMT_LIST_RECENT_CAT) : (text != NULL ? STMT_LIST_RECENT_Q : STMT_LIST_RECENT);
	if (category != NULL)
		p[n++] = DB_STR(category);
	if (text != NULL)
		p[n++] = DB_STR(text);
	if (near != NULL) {
		p[n++] = DB_INT((long long)(radius_km * 1000.0 + 0.5));
		p[n++] = DB_INT(key != NULL ? atol(key) : -1);
		p[n++] = DB_INT(key != NULL ? atol(key) : -1);
	} else {
		p[n++] = DB_STR(key != NULL ? key : FIRST_CREATED);
		p[n++] = DB_STR(key != NULL ? key : FIRST_CREATED);
	}
	p[n++] = DB_STR(after_id != NULL ? after_id : "");
	p[n++] = DB_INT(limit + 1);
	if (db_exec(r->db, r->arena, idx, p, n, &rows) != DB_OK)
		goto internal;
	if (near != NULL)
		send_page(r, &rows, limit, RENDER_DISTANCE, "d", RC_DISTANCE_M);
	else
		send_page(r, &rows, limit, 0, "t", RC_SORT_CREATED);
	return;
internal:
	problem_internal(r, "request list");
}

void
requests_own(struct req *r)
{
	const char *status = http_query(r, "status"), *cur = http_query(r, "cursor");
	struct db_rows rows;
	char *key = NULL, *after_id = NULL;
	long limit;
	size_t i;

	read_limit(r, &limit);
	if (status != NULL) {
		for (i = 0; statuses[i] != NULL && strcmp(statuses[i], status) != 0; i++)
			;
		if (statuses[i] == NULL)
			problem_field(r, "status", "not_allowed", "Not a request status.");
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (cur != NULL && !read_cursor(r, cur, "o", &key, &after_id)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_LIST_OWN, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(status), DB_STR(status),
	    DB_STR(key != NULL ? key : FIRST_CREATED),
	    DB_STR(key != NULL ? key : FIRST_CREATED),
	    DB_STR(after_id != NULL ? after_id : ""), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "own requests");
		return;
	}
	/* Own requests: the private part is the owner's own, not audited. */
	send_page(r, &rows, limit, RENDER_PRIVATE | RENDER_OWNER, "o", RC_SORT_CREATED);
}
