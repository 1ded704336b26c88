/*
 * list.c — GET /requests (anyone: open requests, near a postcode, by
 * category, by text, by recurrence) and GET /me/requests (the owner's own,
 * every status).
 *
 * Both are keyset-paged: the cursor carries the sort key of the last item
 * sent, (distance in metres, pc4, id) near a postcode and (created_at, id)
 * otherwise, plus a letter naming the list, so that a cursor of one list
 * given to another is a 400 like any mangled one. Text search is the
 * FULLTEXT index of migration 010 in boolean mode, so no variant reads the
 * whole table (tests/api/requests_explain.test.mjs).
 *
 * Radius search runs in the order lib/near.c gives: the area the page
 * starts in, then the box or, where the box is too full to read, the
 * postcode areas nearest first; so a page costs about the same at ten
 * thousand requests as at a million (issue 9, docs/performance.md;
 * tests/api/requests_near.test.mjs holds the walk to the box). Text search
 * always reads the box.
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
#include "near.h"
#include "page.h"
#include "postcode.h"
#include "problem.h"
#include "requests.h"
#include "search.h"
#include "valid.h"

#define LIMIT_DEFAULT		20
#define RADIUS_DEFAULT_KM	10.0
#define RADIUS_MIN_KM		1.0
#define RADIUS_MAX_KM		50.0
#define RADIUS_MAX_CHARS	12
#define Q_MAX_CHARS		SEARCH_MAX_CHARS
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

/* The sort key of a cursor: created_at or distance; the area's pc4 near a
 * postcode; the id. */
struct list_key {
	const char	*key, *pc4, *id;
};

static bool
pc4_ok(const char *s)
{
	return strlen(s) == 4 && strspn(s, "0123456789") == 4 && s[0] != '0';
}

/* Decodes cursor s of list kind into k; false when it is not one of ours
 * (the caller answers 400). Kind "d" (near) has a pc4, the others not. */
static bool
read_cursor(struct req *r, const char *s, const char *kind, struct list_key *k)
{
	bool near = strcmp(kind, "d") == 0;
	size_t n = near ? 4 : 3;
	char *parts[4];
	long metres;

	if (cursor_decode(r->arena, s, parts, n) != 0 || strcmp(parts[0], kind) != 0 ||
	    valid_id(parts[n - 1]) != NULL)
		return false;
	if (near) {
		if (valid_long(parts[1], 0, 100000000L, &metres) != NULL || !pc4_ok(parts[2]))
			return false;
	} else if (!created_key_ok(parts[1]))
		return false;
	k->key = parts[1];
	k->pc4 = near ? parts[2] : NULL;
	k->id = parts[n - 1];
	return true;
}

/* page_render_fn: a request as the list shows it (flags: RENDER_*). */
static json_object *
render_request(struct req *r, const struct db_rows *rows, size_t i,
    const void *ctx)
{
	return request_json(r, rows, i, *(const unsigned *)ctx);
}

static const unsigned render_public = 0, render_near = RENDER_DISTANCE,
    render_own = RENDER_PRIVATE | RENDER_OWNER;
/* Cursor columns: near a postcode, otherwise by time. */
static const int near_key[] = { RC_DISTANCE_M, RC_PC4, RC_ID };
static const int time_key[] = { RC_SORT_CREATED, RC_ID };

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

/* Sends one query's rows as a page of list kind (one more row than
 * limit means another page). */
static void
send_rows(struct req *r, const struct db_rows *rows, long limit,
    const unsigned *flags, const char *kind)
{
	struct page pg;

	page_init(&pg, limit, render_request, flags);
	if (page_add(r, &pg, rows) != 0) {
		page_drop(&pg);
		problem_internal(r, "request list");
		return;
	}
	page_send(r, &pg, kind, time_key, 2);
}

/* ?recurrence=: none given (any), or one, "none" being help asked once. */
struct recurrence {
	bool		 given;
	const char	*value;		/* weekly, fortnightly, monthly; NULL: once */
};

static const char *const recurrences[] = { "weekly", "fortnightly", "monthly", "none", NULL };

/* Reads ?recurrence= into *rec (422 field recurrence when unknown). */
static void
read_recurrence(struct req *r, struct recurrence *rec)
{
	const char *s = http_query(r, "recurrence");
	size_t i;

	rec->given = false;
	rec->value = NULL;
	if (s == NULL)
		return;
	for (i = 0; recurrences[i] != NULL && strcmp(recurrences[i], s) != 0; i++)
		;
	if (recurrences[i] == NULL) {
		problem_field(r, "recurrence", "not_allowed",
		    "recurrence is weekly, fortnightly, monthly or none.");
		return;
	}
	rec->given = true;
	rec->value = strcmp(s, "none") == 0 ? NULL : recurrences[i];
}

/* The two parameters of AND_RECURRENCE (stmts.c) into p. */
static size_t
recurrence_params(struct db_param *p, const struct recurrence *rec)
{
	p[0] = DB_INT(rec->given);
	p[1] = DB_STR(rec->value);
	return 2;
}

/* A radius search, its input checked. */
struct near {
	struct area	 area;
	long long	 radius_m;
	const char	*category;	/* NULL: any */
	const char	*text;		/* NULL: no words */
	struct recurrence rec;
};

/* near_search.box_after: the box after key (dist, pc4, id), read and
 * sorted by distance; without text at most examined rows examined. */
static int
near_box(struct near_search *s, long long dist, const char *pc4, const char *id,
    long long examined)
{
	const struct near *nq = s->ctx;
	struct db_param p[21];
	struct db_rows rows;
	size_t n = near_centre_params(p, s);
	int rc, idx = nq->category != NULL ? (nq->text != NULL ? STMT_LIST_NEAR_CAT_Q :
	    STMT_LIST_NEAR_CAT) : (nq->text != NULL ? STMT_LIST_NEAR_Q : STMT_LIST_NEAR);

	n += near_box_params(p + n, s);
	if (nq->category != NULL)
		p[n++] = DB_STR(nq->category);
	if (nq->text != NULL)
		p[n++] = DB_STR(nq->text);
	n += recurrence_params(p + n, &nq->rec);
	p[n++] = DB_INT(s->radius_m);
	n += near_after_params(p + n, dist, pc4, id);
	p[n++] = DB_INT(s->pg->limit + 1);
	if (nq->text == NULL)
		p[n++] = DB_INT(examined);
	if ((rc = db_exec(s->r->db, s->r->arena, idx, p, n, &rows)) != DB_OK)
		return rc == DB_TOO_BIG ? DB_TOO_BIG : -1;
	return page_add(s->r, s->pg, &rows);
}

/* near_search.area: area pc4's open requests after id, as many as the
 * page still wants. */
static int
near_area(struct near_search *s, const char *pc4, const char *id)
{
	const struct near *nq = s->ctx;
	struct db_param p[11];
	struct db_rows rows;
	size_t n = near_centre_params(p, s);

	p[n++] = DB_STR(pc4);
	if (nq->category != NULL)
		p[n++] = DB_STR(nq->category);
	n += recurrence_params(p + n, &nq->rec);
	p[n++] = DB_STR(id);
	p[n++] = DB_INT(s->radius_m);
	p[n++] = DB_INT(page_wants(s->pg));
	if (db_exec(s->r->db, s->r->arena, nq->category != NULL ? STMT_NEAR_AREA_CAT :
	    STMT_NEAR_AREA, p, n, &rows) != DB_OK)
		return -1;
	return page_add(s->r, s->pg, &rows);
}

/* One page of a radius search after the cursor key (dist, pc4, id). */
static int
near_list(struct req *r, struct page *pg, struct near *nq, long long dist,
    const char *pc4, const char *id)
{
	struct near_search s = {
		.r = r, .lat = nq->area.lat, .lon = nq->area.lon,
		.pc4 = nq->area.pc4, .radius_m = nq->radius_m, .pg = pg,
		.ctx = nq, .area = near_area, .box_after = near_box,
	};

	s.box = geo_box_around(s.lat, s.lon, (double)nq->radius_m / 1000.0);
	if (nq->text != NULL)
		return near_box(&s, dist, pc4, id, 0);
	return near_page(&s, dist, pc4, id);
}

/* Adds the field problem when category (well formed, or NULL) names none:
 * -1 on a database failure. Asked only when it matters: on an answer that is an
 * error anyway, or a search that found nothing; a request found in the
 * category proves it (a foreign key), so a search pays no query for it. */
static int
check_category(struct req *r, const char *category)
{
	struct db_rows rows;

	if (category == NULL)
		return 0;
	if (db_exec(r->db, r->arena, STMT_CATEGORY_GET,
	    DB_PARAMS(DB_STR(category)), &rows) != DB_OK)
		return -1;
	if (rows.nrows != 1)
		problem_field(r, "category", "unknown", "No such category.");
	return 0;
}

/* One page of the newest first, into pg. */
static int
list_recent(struct req *r, struct page *pg, const char *category,
    const char *text, const struct recurrence *rec, const struct list_key *k)
{
	struct db_param p[8];
	struct db_rows rows;
	size_t n = 0;
	int idx = category != NULL ? (text != NULL ? STMT_LIST_RECENT_CAT_Q :
	    STMT_LIST_RECENT_CAT) : (text != NULL ? STMT_LIST_RECENT_Q : STMT_LIST_RECENT);

	if (category != NULL)
		p[n++] = DB_STR(category);
	if (text != NULL)
		p[n++] = DB_STR(text);
	n += recurrence_params(p + n, rec);
	p[n++] = DB_STR(k->key != NULL ? k->key : FIRST_CREATED);
	p[n++] = DB_STR(k->key != NULL ? k->key : FIRST_CREATED);
	p[n++] = DB_STR(k->id != NULL ? k->id : "");
	p[n++] = DB_INT(pg->limit + 1);
	if (db_exec(r->db, r->arena, idx, p, n, &rows) != DB_OK)
		return -1;
	return page_add(r, pg, &rows);
}

void
requests_list(struct req *r)
{
	const char *near = http_query(r, "near"), *radius = http_query(r, "radius_km");
	const char *category = http_query(r, "category"), *q = http_query(r, "q");
	const char *cur = http_query(r, "cursor"), *text = NULL, *code;
	struct list_key k = { NULL, NULL, NULL };
	struct page pg;
	struct near nq;
	struct recurrence rec;
	double radius_km = RADIUS_DEFAULT_KM;
	long limit;
	int rc;

	read_limit(r, &limit);
	read_recurrence(r, &rec);
	if (radius != NULL) {
		code = strlen(radius) > RADIUS_MAX_CHARS ? "invalid" :
		    valid_decimal(radius, RADIUS_MIN_KM, RADIUS_MAX_KM, &radius_km);
		if (code != NULL)
			problem_field(r, "radius_km", code, "radius_km is 1 to 50.");
		else if (near == NULL)
			problem_field(r, "radius_km", "invalid",
			    "radius_km needs near (a postcode).");
	}
	if (category != NULL && !valid_slug(category)) {
		problem_field(r, "category", "unknown", "No such category.");
		category = NULL;	/* nothing more to ask of it */
	}
	if (q != NULL) {
		if ((code = valid_text(q, strlen(q), 1, Q_MAX_CHARS, false)) != NULL)
			problem_field(r, "q", code, "q is 1 to 200 characters of text.");
		else if ((text = search_text_query(r->arena, q)) == NULL)
			problem_field(r, "q", "too_short",
			    "q needs a word of at least 3 letters or digits.");
	}
	if (near != NULL && postcode_resolve(r, "near", near, &nq.area) < 0)
		goto internal;
	if (problem_count(r) > 0) {
		if (check_category(r, category) != 0)
			goto internal;
		problem_invalid(r);
		return;
	}
	if (cur != NULL && !read_cursor(r, cur, near != NULL ? "d" : "t", &k)) {
		if (check_category(r, category) != 0)
			goto internal;
		if (problem_count(r) > 0)
			problem_invalid(r);
		else
			problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	maybe_sweep(r);

	page_init(&pg, limit, render_request,
	    near != NULL ? &render_near : &render_public);
	if (near != NULL) {
		nq.radius_m = (long long)(radius_km * 1000.0 + 0.5);
		nq.category = category;
		nq.text = text;
		nq.rec = rec;
		rc = near_list(r, &pg, &nq, k.key != NULL ? atoll(k.key) : -1,
		    k.pc4 != NULL ? k.pc4 : "", k.id != NULL ? k.id : "");
	} else
		rc = list_recent(r, &pg, category, text, &rec, &k);
	if (rc == 0 && pg.n == 0)
		rc = check_category(r, category);
	if (rc != 0 || problem_count(r) > 0) {
		page_drop(&pg);
		if (rc != 0)
			goto internal;
		problem_invalid(r);
		return;
	}
	if (near != NULL)
		page_send(r, &pg, "d", near_key, 3);
	else
		page_send(r, &pg, "t", time_key, 2);
	return;
internal:
	problem_internal(r, "request list");
}

void
requests_own(struct req *r)
{
	const char *status = http_query(r, "status"), *cur = http_query(r, "cursor");
	struct db_rows rows;
	struct list_key k = { NULL, NULL, NULL };
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
	if (cur != NULL && !read_cursor(r, cur, "o", &k)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_LIST_OWN, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(status), DB_STR(status),
	    DB_STR(k.key != NULL ? k.key : FIRST_CREATED),
	    DB_STR(k.key != NULL ? k.key : FIRST_CREATED),
	    DB_STR(k.id != NULL ? k.id : ""), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "own requests");
		return;
	}
	/* Own requests: the private part is the owner's own, not audited. */
	send_rows(r, &rows, limit, &render_own, "o");
}
