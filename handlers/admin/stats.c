/*
 * stats.c — GET /admin/stats?from=&to=&municipality=&interval=&format=&lang=
 * (moderators): the figures for the municipality, aggregate only, never a
 * name, in one answer: the period, the same length of time before it, a
 * time series of every figure, and the period per category and per area.
 *
 * What is counted: the help requests posted in the period and what became
 * of them so far — approved (went public: neither pending nor rejected),
 * responded (a volunteer responded or was invited), matched (a volunteer
 * was accepted), completed, cancelled, expired; the match rate (matched /
 * approved); the median hours from posting to the first response and to
 * the first acceptance; the hours volunteers wrote on completed matches;
 * the volunteers with a match on those requests and the residents who
 * posted them.
 *
 * Where it comes from: the fact tables of migration 070 (stats_requests,
 * stats_matches), one narrow row per request and per match kept by
 * triggers in the same transaction as every change. One statement reads
 * one range of one covering key (migration 071) and sends a row per person
 * (their requests as short items), one more the same per volunteer; the
 * sums per bucket, category and area, the people behind each, and the
 * medians are made here as the rows stream in (read_items: the period and
 * the period before in one statement per table). Nothing reads `requests`.
 *
 * Small cells, and subtraction:
 *  - the period is counted in whole UTC days: `from` is rounded down to
 *    its midnight, `to` up to the next one, and the answer says which days
 *    it used (`from`, `to`, `granularity: "day"`), so two periods that
 *    differ by a minute are the same period;
 *  - every number carries the count of distinct people behind it (who
 *    posted the requests counted, or the volunteers); a number with 1 to 4
 *    people behind it is suppressed: null in JSON, an empty cell in CSV,
 *    named in its row's "suppressed_fields". When one row of a breakdown
 *    (or one bucket of the series) alone is suppressed, the next smallest
 *    is too (secondary suppression), as the total is shown;
 *  - every count and the hours are rounded to a multiple of 5 (`rounding`;
 *    a number above zero never shows as 0), and the match rate is computed
 *    from the rounded numbers: two periods that differ by one day with one
 *    request in it give the same numbers or numbers 5 apart, never the
 *    request's own figures. Medians are not rounded (one request moves a
 *    median by at most the gap to its neighbour).
 *
 * Defaults: the 12 months up to and including today; the municipality of
 * the site's service area (config `service_area`, when its first item names
 * one), `municipality=` (or `*`) for all. `from` and `to` are dates (YYYY-MM-DD, `to`
 * included) or RFC 3339 date-times (rounded outward to whole days).
 *
 * CSV: a header row, a row for the period, one for the period before, one
 * per bucket of the series, per category and per area; UTF-8 with a byte
 * order mark. `lang=nl` (the Dutch page asks it) gives what Dutch Excel
 * opens as it is: ';' between fields, decimal commas, Dutch column names,
 * dates; otherwise RFC 4180 with commas and decimal points. Text cells that
 * a spreadsheet would take for a formula (= + - @) get an apostrophe.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"
#include "valid.h"

#define MIN_CELL	5	/* fewer people than this behind a number: suppressed */
#define ROUND_TO	5	/* counts and hours are shown as multiples of this */
#define MAX_BUCKETS	400	/* of a series */
#define DAY_S		86400

enum fig {
	FIG_POSTED, FIG_APPROVED, FIG_RESPONDED, FIG_MATCHED, FIG_COMPLETED,
	FIG_CANCELLED, FIG_EXPIRED, FIG_RESIDENTS, FIG_VOLUNTEERS, FIG_HOURS,
	FIG__MAX
};

static const char *const fig_names[FIG__MAX] = {
	"requests_posted", "requests_approved", "requests_responded",
	"requests_matched", "requests_completed", "requests_cancelled",
	"requests_expired", "active_residents", "active_volunteers",
	"volunteer_hours",
};

struct figure {
	double		 value;
	long long	 people;
	bool		 suppressed;
};

struct median {
	bool		 known;		/* some requests had one */
	bool		 suppressed;
	double		 hours;
};

/* The figures of the period, the period before, a bucket, a category or
 * an area. */
struct row {
	const char	*key;		/* category id, pc4 or bucket day; NULL for a period */
	const char	*name_nl, *name_en;	/* category */
	const char	*place;		/* area */
	long long	 sort_order;
	time_t		 from, to;	/* a period or bucket */
	bool		 has_medians;
	struct figure	 f[FIG__MAX];
	struct median	 to_response, to_match;
};

enum unit { UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR };
static const char *const unit_names[] = { "day", "week", "month", "year", NULL };

struct stats {
	const char	*municipality;		/* NULL: all */
	enum unit	 unit;
	struct row	 total, previous;
	struct row	*series, *cats, *areas;
	size_t		 nseries, ncats, nareas;
	struct db_rows	 municipalities;
};

/* ---- days ------------------------------------------------------------------ */

static void
day_text(char out[11], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static const char *
rfc3339(struct req *r, time_t t)
{
	struct tm tm;
	char buf[24];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_printf(r->arena, "%s", buf);
}

static const char *
day_param(struct req *r, time_t t)
{
	char buf[11];

	day_text(buf, t);
	return arena_printf(r->arena, "%s", buf);
}

/* A date (YYYY-MM-DD) or an RFC 3339 date-time into whole days: a `from`
 * to the midnight that starts its day, a `to` to the midnight after it (a
 * date `to` includes that day). NULL or an error code. */
static const char *
parse_day(const char *s, bool is_to, time_t *out)
{
	char buf[32];
	const char *code;
	time_t t;

	if (strlen(s) == 10) {
		snprintf(buf, sizeof(buf), "%sT00:00:00Z", s);
		if ((code = valid_time(buf, &t)) != NULL)
			return code;
		*out = is_to ? t + DAY_S : t;
		return NULL;
	}
	if ((code = valid_time(s, &t)) != NULL)
		return code;
	/* Midnight at or before t (t may lie before 1970: % is negative then). */
	*out = t - ((t % DAY_S) + DAY_S) % DAY_S;
	if (is_to && *out != t)
		*out += DAY_S;
	return NULL;
}

/* The first day of the bucket holding t (a midnight). */
static time_t
bucket_start(time_t t, enum unit u)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	switch (u) {
	case UNIT_DAY:
		return t;
	case UNIT_WEEK:
		return t - (time_t)((tm.tm_wday + 6) % 7) * DAY_S;
	case UNIT_MONTH:
		tm.tm_mday = 1;
		break;
	case UNIT_YEAR:
		tm.tm_mday = 1;
		tm.tm_mon = 0;
		break;
	}
	return timegm(&tm);
}

static time_t
bucket_next(time_t start, enum unit u)
{
	struct tm tm;

	gmtime_r(&start, &tm);
	switch (u) {
	case UNIT_DAY:
		return start + DAY_S;
	case UNIT_WEEK:
		return start + 7 * DAY_S;
	case UNIT_MONTH:
		tm.tm_mon++;
		break;
	case UNIT_YEAR:
		tm.tm_year++;
		break;
	}
	return timegm(&tm);
}

static size_t
bucket_count(time_t from, time_t to, enum unit u)
{
	size_t n = 0;
	time_t s;

	for (s = bucket_start(from, u); s < to && n <= MAX_BUCKETS; s = bucket_next(s, u))
		n++;
	return n;
}

/* ---- reading the figures ------------------------------------------------------ */

static int
by_sort_order(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->sort_order != y->sort_order)
		return x->sort_order < y->sort_order ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
by_place(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->place != NULL ? x->place : "", y->place != NULL ? y->place : "");

	return c != 0 ? c : strcmp(x->key, y->key);
}

/*
 * One pass over the period and the period before (stmts.c, STMT_STATS_OWNERS
 * and _VOLUNTEERS): a person's rows one after the other, their requests as
 * items, then the volunteers' rows with their matches. Every
 * item is added to its groups — the period, its bucket, its category, its
 * area — and the person counts once behind each figure of each group they
 * touch: stamp[group][figure] holds the last person counted there.
 */
struct agg {
	struct stats	*st;
	bool		 breakdowns;	/* buckets, categories, areas; else the period only */
	struct row	*period;
	size_t		 ndays;
	int		*day_bucket;	/* day of the period → bucket */
	struct row	*cats;		/* every category, in STMT_CATEGORIES_ALL order */
	size_t		 ncats_all;
	struct db_rows	 places;
	int		 area_of[10000];	/* pc4 → index in st->areas, -1 */
	size_t		 ngroups;
	unsigned	*stamp;		/* ngroups * FIG__MAX */
	unsigned	 person;
	struct secs {
		int	*v;
		size_t	 n, cap;
	}		*resp, *match;	/* [0] the period, [1 + i] bucket i */
	size_t		 nsec;
	bool		 no_memory;
};

/* The seconds are malloc'd, not the arena's: a year of Emmen is 170 000 of
 * each, and doubling in the arena kept every smaller copy until the answer
 * was sent (about 7 MB per worker). Freed by secs_free. */
static void
secs_add(struct agg *ag, struct secs *s, int v)
{
	int *nv;

	if (ag->no_memory)
		return;
	if (s->n == s->cap) {
		if ((nv = realloc(s->v, (s->cap ? s->cap * 2 : 64) * sizeof(*nv))) == NULL) {
			ag->no_memory = true;
			return;
		}
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = nv;
	}
	s->v[s->n++] = v;
}

static void
secs_free(struct agg *ag)
{
	size_t i;

	if (ag == NULL)
		return;
	for (i = 0; i < ag->nsec; i++) {
		free(ag->resp[i].v);
		free(ag->match[i].v);
		ag->resp[i].v = ag->match[i].v = NULL;
		ag->resp[i].n = ag->match[i].n = ag->resp[i].cap = ag->match[i].cap = 0;
	}
}

static int
by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static void
secs_median(struct secs *s, struct median *m)
{
	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), by_int);
	m->known = true;
	if (s->n % 2 == 1)
		m->hours = s->v[s->n / 2] / 3600.0;
	else
		m->hours = ((double)s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 7200.0;
}

/* Counts this person behind figure f of group g (row w), once. */
static void
person(struct agg *ag, size_t g, struct row *w, int f)
{
	unsigned *s = &ag->stamp[g * FIG__MAX + f];

	if (*s != ag->person) {
		*s = ag->person;
		w->f[f].people++;
	}
}

static struct row *
category_row(struct agg *ag, const char *id, size_t *g)
{
	size_t i;

	for (i = 0; i < ag->ncats_all; i++)
		if (strcmp(ag->cats[i].key, id) == 0) {
			*g = 1 + ag->st->nseries + i;
			return &ag->cats[i];
		}
	return NULL;
}

static struct row *
area_row(struct req *r, struct agg *ag, const char *pc4, size_t *g)
{
	struct stats *st = ag->st;
	struct row *w;
	int n, i;

	if (strlen(pc4) != 4 || (n = atoi(pc4)) < 0 || n > 9999)
		return NULL;
	if (ag->area_of[n] < 0) {
		if (st->nareas >= ag->places.nrows)
			return NULL;
		w = &st->areas[st->nareas];
		memset(w, 0, sizeof(*w));
		w->key = arena_printf(r->arena, "%s", pc4);
		for (i = 0; i < (int)ag->places.nrows; i++)
			if (strcmp(db_str(&ag->places, i, 0), pc4) == 0) {
				w->place = db_str(&ag->places, i, 1);
				break;
			}
		ag->area_of[n] = (int)st->nareas++;
	}
	*g = 1 + st->nseries + ag->ncats_all + (size_t)ag->area_of[n];
	return &st->areas[ag->area_of[n]];
}

/* The groups of an item on day d: rows and their group numbers. */
static size_t
groups_of(struct req *r, struct agg *ag, long d, const char *cat, const char *pc4,
    struct row **w, size_t *g)
{
	size_t n = 0;

	w[n] = ag->period;
	g[n++] = 0;
	if (!ag->breakdowns)
		return n;
	if (d >= 0 && (size_t)d < ag->ndays && ag->day_bucket[d] >= 0) {
		w[n] = &ag->st->series[ag->day_bucket[d]];
		g[n] = 1 + (size_t)ag->day_bucket[d];
		n++;
	}
	if ((w[n] = category_row(ag, cat, &g[n])) != NULL)
		n++;
	if ((w[n] = area_row(r, ag, pc4, &g[n])) != NULL)
		n++;
	return n;
}

/* The next ':'-separated field of *p (NUL-terminated in place). */
static char *
field(char **p)
{
	char *s = *p, *e;

	if (s == NULL)
		return "";
	if ((e = strchr(s, ':')) != NULL) {
		*e = '\0';
		*p = e + 1;
	} else
		*p = NULL;
	return s;
}

static void
add_request(struct req *r, struct agg *ag, long d, char *item)
{
	struct row *w[4];
	size_t g[4], n, i;
	char *p = item, *cat, *pc4, *rs, *ms;
	int flags, f;
	double hours;

	cat = field(&p);
	pc4 = field(&p);
	flags = atoi(field(&p));
	rs = field(&p);
	ms = field(&p);
	hours = strtod(field(&p), NULL);
	n = groups_of(r, ag, d, cat, pc4, w, g);
	for (i = 0; i < n; i++) {
		bool has[FIG__MAX] = { 0 };

		has[FIG_POSTED] = true;
		has[FIG_APPROVED] = (flags & 1) != 0;
		has[FIG_CANCELLED] = (flags & 2) != 0;
		has[FIG_EXPIRED] = (flags & 4) != 0;
		has[FIG_COMPLETED] = (flags & 8) != 0;
		has[FIG_RESPONDED] = *rs != '-' && *rs != '\0';
		has[FIG_MATCHED] = *ms != '-' && *ms != '\0';
		for (f = 0; f <= FIG_EXPIRED; f++)
			if (has[f]) {
				w[i]->f[f].value += 1;
				person(ag, g[i], w[i], f);
			}
		w[i]->f[FIG_HOURS].value += hours;
		if (g[i] == 0 || (g[i] >= 1 && g[i] <= ag->st->nseries && ag->breakdowns)) {
			size_t k = g[i];	/* 0: the period, 1 + bucket */

			if (has[FIG_RESPONDED])
				secs_add(ag, &ag->resp[k], atoi(rs));
			if (has[FIG_MATCHED])
				secs_add(ag, &ag->match[k], atoi(ms));
		}
	}
}

static void
add_match(struct req *r, struct agg *ag, long d, char *item)
{
	struct row *w[4];
	size_t g[4], n, i;
	char *p = item, *cat, *pc4;
	bool completed;

	cat = field(&p);
	pc4 = field(&p);
	completed = atoi(field(&p)) != 0;
	n = groups_of(r, ag, d, cat, pc4, w, g);
	for (i = 0; i < n; i++) {
		person(ag, g[i], w[i], FIG_VOLUNTEERS);
		if (completed)
			person(ag, g[i], w[i], FIG_HOURS);
	}
}

/* The rows of STMT_STATS_X as they stream in: a person's rows one after
 * the other, each item fed to the period it falls in (days counted from
 * the first day of the period before) or dropped (another year's). */
struct feed {
	struct req	*r;
	struct agg	*cur, *prev;
	long		 base;		/* TO_DAYS of the first day of the period before */
	long		 split;		/* days of the period before */
	long		 end;		/* days of both */
	char		 who[32];	/* the person of the last row */
	bool		 short_list;	/* a list cut by group_concat_max_len */
	void		(*add)(struct req *, struct agg *, long, char *);
};

static int
feed_row(void *ctx, const struct db_cell *cells, size_t ncols)
{
	struct feed *fd = ctx;
	char *list, *item, *save, *rest;
	long d, n = 0;

	if (ncols < 3 || cells[0].v == NULL || cells[1].v == NULL)
		return 0;
	if (strncmp(fd->who, cells[0].v, sizeof(fd->who)) != 0) {
		fd->cur->person++;
		fd->prev->person++;
		snprintf(fd->who, sizeof(fd->who), "%s", cells[0].v);
	}
	list = (char *)cells[1].v;	/* db's scratch: ours to cut */
	for (item = strtok_r(list, " ", &save); item != NULL;
	    item = strtok_r(NULL, " ", &save)) {
		n++;
		d = strtol(item, &rest, 10) - fd->base;
		if (*rest == ':')
			rest++;
		if (d < 0 || d >= fd->end)
			continue;
		if (d < fd->split)
			fd->add(fd->r, fd->prev, d, rest);
		else
			fd->add(fd->r, fd->cur, d - fd->split, rest);
	}
	if (n != atol(cells[2].v))
		fd->short_list = true;
	return 0;
}

/* TO_DAYS (days since year 0) of the midnight t. */
static long
to_days(time_t t)
{
	return (long)(t / DAY_S) + 719528;	/* TO_DAYS('1970-01-01') */
}

static int
year_of(time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

/* Runs STMT_STATS_X (or _ALL) once over [prev_from, to): the period before
 * and the period in one read, each row streamed (not stored: a year of
 * Emmen is 6 MB of items) and fed to the two periods. */
static int
read_items(struct req *r, struct agg *cur, struct agg *prev, int idx, time_t prev_from,
    time_t from, time_t to, void (*add)(struct req *, struct agg *, long, char *))
{
	struct feed fd = { .r = r, .cur = cur, .prev = prev, .base = to_days(prev_from),
	    .split = (long)((from - prev_from) / DAY_S), .end = (long)((to - prev_from) / DAY_S),
	    .add = add };
	struct db_param p[3];
	size_t n = 0;

	if (cur->st->municipality != NULL) {
		p[n++] = DB_STR(cur->st->municipality);
		p[n++] = DB_INT(year_of(prev_from));
		p[n++] = DB_INT(year_of(to - DAY_S));
	} else {
		idx++;
		p[n++] = DB_STR(day_param(r, prev_from));
		p[n++] = DB_STR(day_param(r, to));
	}
	if (db_exec_each(r->db, idx, p, n, feed_row, &fd) != DB_OK)
		return -1;
	if (fd.short_list) {
		log_error("stats: a person's items were cut short (group_concat_max_len)");
		return -1;
	}
	return 0;
}

/* Readies the period [from, to) of w for its items; with breakdowns also
 * st's series, categories and areas. NULL on failure. */
static struct agg *
period_begin(struct req *r, struct stats *st, time_t from, time_t to, struct row *w,
    bool breakdowns)
{
	struct agg *ag = arena_alloc(r->arena, sizeof(*ag));
	struct db_rows names;
	size_t i, nsec;
	time_t s, e, d;
	char day[11];

	memset(ag, 0, sizeof(*ag));
	memset(ag->area_of, 0xff, sizeof(ag->area_of));
	ag->st = st;
	ag->breakdowns = breakdowns;
	ag->period = w;
	w->from = from;
	w->to = to;
	w->has_medians = true;
	ag->ndays = (size_t)((to - from) / DAY_S);
	if (breakdowns) {
		size_t n = bucket_count(from, to, st->unit);

		st->series = arena_alloc(r->arena, (n + 1) * sizeof(*st->series));
		memset(st->series, 0, (n + 1) * sizeof(*st->series));
		ag->day_bucket = arena_alloc(r->arena, (ag->ndays + 1) * sizeof(int));
		for (i = 0, s = bucket_start(from, st->unit); s < to && i < n; s = e, i++) {
			e = bucket_next(s, st->unit);
			day_text(day, s);
			st->series[i].key = arena_printf(r->arena, "%s", day);
			st->series[i].from = s < from ? from : s;
			st->series[i].to = e > to ? to : e;
			st->series[i].has_medians = true;
			for (d = st->series[i].from; d < st->series[i].to; d += DAY_S)
				ag->day_bucket[(d - from) / DAY_S] = (int)i;
		}
		st->nseries = i;
		if (db_exec(r->db, r->arena, STMT_CATEGORIES_ALL, NULL, 0, &names) != DB_OK ||
		    db_exec(r->db, r->arena, STMT_STATS_PLACES, NULL, 0, &ag->places) != DB_OK)
			return NULL;
		ag->ncats_all = names.nrows;
		ag->cats = arena_alloc(r->arena, (names.nrows + 1) * sizeof(*ag->cats));
		memset(ag->cats, 0, (names.nrows + 1) * sizeof(*ag->cats));
		for (i = 0; i < names.nrows; i++) {
			ag->cats[i].key = db_str(&names, i, 0);
			ag->cats[i].name_nl = db_str(&names, i, 1);
			ag->cats[i].name_en = db_str(&names, i, 2);
			ag->cats[i].sort_order = db_int(&names, i, 3);
		}
		st->areas = arena_alloc(r->arena, (ag->places.nrows + 1) * sizeof(*st->areas));
		st->nareas = 0;
	}
	nsec = 1 + (breakdowns ? st->nseries : 0);
	ag->ngroups = 1 + (breakdowns ? st->nseries + ag->ncats_all + ag->places.nrows : 0);
	ag->stamp = arena_alloc(r->arena, ag->ngroups * FIG__MAX * sizeof(*ag->stamp));
	memset(ag->stamp, 0, ag->ngroups * FIG__MAX * sizeof(*ag->stamp));
	ag->resp = arena_alloc(r->arena, nsec * sizeof(*ag->resp));
	ag->match = arena_alloc(r->arena, nsec * sizeof(*ag->match));
	memset(ag->resp, 0, nsec * sizeof(*ag->resp));
	memset(ag->match, 0, nsec * sizeof(*ag->match));
	ag->nsec = nsec;
	return ag;
}

/* The medians, and the breakdowns in their order, once every item is in. */
static void
period_end(struct agg *ag)
{
	struct stats *st = ag->st;
	struct row *w = ag->period;
	size_t i;

	secs_median(&ag->resp[0], &w->to_response);
	secs_median(&ag->match[0], &w->to_match);
	if (ag->breakdowns) {
		size_t k = 0;

		for (i = 0; i < st->nseries; i++) {
			secs_median(&ag->resp[1 + i], &st->series[i].to_response);
			secs_median(&ag->match[1 + i], &st->series[i].to_match);
		}
		/* The categories with requests or matches, in their order. */
		st->cats = ag->cats;
		for (i = 0; i < ag->ncats_all; i++)
			if (ag->cats[i].f[FIG_POSTED].value > 0 || ag->cats[i].f[FIG_VOLUNTEERS].people > 0)
				st->cats[k++] = ag->cats[i];
		st->ncats = k;
		qsort(st->cats, st->ncats, sizeof(*st->cats), by_sort_order);
		qsort(st->areas, st->nareas, sizeof(*st->areas), by_place);
	}
}

static void
people_figures(struct row *w)
{
	w->f[FIG_RESIDENTS].people = w->f[FIG_POSTED].people;
	w->f[FIG_RESIDENTS].value = (double)w->f[FIG_POSTED].people;
	w->f[FIG_VOLUNTEERS].value = (double)w->f[FIG_VOLUNTEERS].people;
}

static int
read_stats(struct req *r, struct stats *st, time_t from, time_t to)
{
	time_t prev_from = from - (to - from);
	struct agg *cur = NULL, *prev = NULL;
	size_t i;
	int rc = -1;

	if ((cur = period_begin(r, st, from, to, &st->total, true)) == NULL ||
	    (prev = period_begin(r, st, prev_from, from, &st->previous, false)) == NULL ||
	    read_items(r, cur, prev, STMT_STATS_OWNERS, prev_from, from, to, add_request) != 0 ||
	    read_items(r, cur, prev, STMT_STATS_VOLUNTEERS, prev_from, from, to, add_match) != 0)
		goto out;
	if (cur->no_memory || prev->no_memory) {
		log_error("stats: out of memory for the medians");
		goto out;
	}
	period_end(cur);
	period_end(prev);
	people_figures(&st->total);
	people_figures(&st->previous);
	for (i = 0; i < st->nseries; i++)
		people_figures(&st->series[i]);
	for (i = 0; i < st->ncats; i++)
		people_figures(&st->cats[i]);
	for (i = 0; i < st->nareas; i++)
		people_figures(&st->areas[i]);
	if (db_exec(r->db, r->arena, STMT_STATS_MUNICIPALITIES, NULL, 0,
	    &st->municipalities) == DB_OK)
		rc = 0;
out:
	secs_free(prev);
	secs_free(cur);
	return rc;
}

/* ---- small cells ------------------------------------------------------------------ */

static bool
small(long long people)
{
	return people > 0 && people < MIN_CELL;
}

static void
suppress_primary(struct row *w)
{
	int f;

	for (f = 0; f < FIG__MAX; f++)
		w->f[f].suppressed = small(w->f[f].people);
	/* The hours tell of the completed requests as much as of their volunteers. */
	if (w->f[FIG_COMPLETED].suppressed)
		w->f[FIG_HOURS].suppressed = true;
	w->to_response.suppressed = w->to_response.known && small(w->f[FIG_RESPONDED].people);
	w->to_match.suppressed = w->to_match.known && small(w->f[FIG_MATCHED].people);
}

/* In one breakdown: a figure suppressed in exactly one row, while the total
 * shows it, would be the total minus the rest; hide the next smallest. */
static void
suppress_secondary(const struct row *total, struct row *w, size_t n)
{
	struct row *smallest;
	size_t i, hidden;
	int f;

	for (f = 0; f < FIG__MAX; f++) {
		if (total->f[f].suppressed)
			continue;
		hidden = 0;
		smallest = NULL;
		for (i = 0; i < n; i++) {
			if (w[i].f[f].suppressed)
				hidden++;
			else if (w[i].f[f].people > 0 && (smallest == NULL ||
			    w[i].f[f].people < smallest->f[f].people))
				smallest = &w[i];
		}
		if (hidden == 1 && smallest != NULL)
			smallest->f[f].suppressed = true;
	}
}

/* A positive number to the nearest multiple of ROUND_TO, never to 0. */
static double
rounded(double v)
{
	double x;

	if (v <= 0)
		return 0;
	x = floor(v / ROUND_TO + 0.5) * ROUND_TO;
	return x > 0 ? x : ROUND_TO;
}

static void
round_row(struct row *w)
{
	int f;

	for (f = 0; f < FIG__MAX; f++)
		w->f[f].value = rounded(w->f[f].value);
}

static void
protect(struct stats *st)
{
	size_t i;

	suppress_primary(&st->total);
	suppress_primary(&st->previous);
	for (i = 0; i < st->nseries; i++)
		suppress_primary(&st->series[i]);
	for (i = 0; i < st->ncats; i++)
		suppress_primary(&st->cats[i]);
	for (i = 0; i < st->nareas; i++)
		suppress_primary(&st->areas[i]);
	suppress_secondary(&st->total, st->series, st->nseries);
	suppress_secondary(&st->total, st->cats, st->ncats);
	suppress_secondary(&st->total, st->areas, st->nareas);
	round_row(&st->total);
	round_row(&st->previous);
	for (i = 0; i < st->nseries; i++)
		round_row(&st->series[i]);
	for (i = 0; i < st->ncats; i++)
		round_row(&st->cats[i]);
	for (i = 0; i < st->nareas; i++)
		round_row(&st->areas[i]);
}

/* ---- JSON ----------------------------------------------------------------------------- */

static bool
match_rate(const struct row *w, double *out)
{
	if (w->f[FIG_MATCHED].suppressed || w->f[FIG_APPROVED].suppressed ||
	    w->f[FIG_APPROVED].value <= 0)
		return false;
	*out = w->f[FIG_MATCHED].value / w->f[FIG_APPROVED].value;
	if (*out > 1)
		*out = 1;
	return true;
}

static bool
row_suppressed(const struct row *w)
{
	int f;

	for (f = 0; f < FIG__MAX; f++)
		if (w->f[f].suppressed)
			return true;
	return w->to_response.suppressed || w->to_match.suppressed;
}

static void
put_median(json_object *o, json_object *sup, const char *key, const struct median *m)
{
	if (m->known && !m->suppressed)
		json_put(o, key, admin_number(m->hours, 1));
	else
		json_put(o, key, NULL);
	if (m->suppressed)
		json_object_array_add(sup, json_object_new_string(key));
}

/* The figures of w into o, with "suppressed" and "suppressed_fields". */
static void
put_figures(json_object *o, const struct row *w)
{
	json_object *sup = json_object_new_array();
	double rate;
	int f;

	for (f = 0; f < FIG__MAX; f++) {
		if (w->f[f].suppressed) {
			json_put(o, fig_names[f], NULL);
			json_object_array_add(sup, json_object_new_string(fig_names[f]));
		} else if (f == FIG_HOURS)
			json_put(o, fig_names[f], admin_number(w->f[f].value, 2));
		else
			json_put_int(o, fig_names[f], (long long)w->f[f].value);
	}
	if (match_rate(w, &rate))
		json_put(o, "match_rate", admin_number(rate, 3));
	else {
		json_put(o, "match_rate", NULL);
		if (w->f[FIG_MATCHED].suppressed || w->f[FIG_APPROVED].suppressed)
			json_object_array_add(sup, json_object_new_string("match_rate"));
	}
	if (w->has_medians) {
		put_median(o, sup, "median_hours_to_first_response", &w->to_response);
		put_median(o, sup, "median_hours_to_match", &w->to_match);
	}
	json_put_bool(o, "suppressed", json_object_array_length(sup) > 0);
	json_put(o, "suppressed_fields", sup);
}

static json_object *
period_json(struct req *r, const struct row *w)
{
	json_object *o = json_object_new_object();

	json_put_str(o, "from", rfc3339(r, w->from));
	json_put_str(o, "to", rfc3339(r, w->to));
	put_figures(o, w);
	return o;
}

static json_object *
stats_json(struct req *r, const struct stats *st)
{
	json_object *o = json_object_new_object(), *arr, *row, *series;
	size_t i;

	json_put_str(o, "from", rfc3339(r, st->total.from));
	json_put_str(o, "to", rfc3339(r, st->total.to));
	json_put_int(o, "days", (st->total.to - st->total.from) / DAY_S);
	json_put_str(o, "granularity", "day");
	json_put_str(o, "municipality", st->municipality);
	arr = json_object_new_array();
	for (i = 0; i < st->municipalities.nrows; i++)
		json_object_array_add(arr, json_object_new_string(db_str(&st->municipalities, i, 0)));
	json_put(o, "municipalities", arr);
	json_put_int(o, "min_cell_size", MIN_CELL);
	json_put_int(o, "rounding", ROUND_TO);
	put_figures(o, &st->total);
	json_put(o, "previous", period_json(r, &st->previous));
	series = json_object_new_object();
	json_put_str(series, "unit", unit_names[st->unit]);
	arr = json_object_new_array();
	for (i = 0; i < st->nseries; i++)
		json_object_array_add(arr, period_json(r, &st->series[i]));
	json_put(series, "items", arr);
	json_put(o, "series", series);
	arr = json_object_new_array();
	for (i = 0; i < st->ncats; i++) {
		row = json_object_new_object();
		json_put_str(row, "category", st->cats[i].key);
		json_put_str(row, "name_nl", st->cats[i].name_nl);
		json_put_str(row, "name_en", st->cats[i].name_en);
		put_figures(row, &st->cats[i]);
		json_object_array_add(arr, row);
	}
	json_put(o, "per_category", arr);
	arr = json_object_new_array();
	for (i = 0; i < st->nareas; i++) {
		row = json_object_new_object();
		json_put_str(row, "pc4", st->areas[i].key);
		json_put_str(row, "place", st->areas[i].place);
		put_figures(row, &st->areas[i]);
		json_object_array_add(arr, row);
	}
	json_put(o, "per_area", arr);
	return o;
}

/* ---- CSV ------------------------------------------------------------------------------- */

struct csv {
	FILE		*f;
	bool		 nl;		/* ';', decimal comma, Dutch names, dates */
	char		 sep;
};

static const char *const csv_columns[][2] = {
	{ "scope", "soort" }, { "key", "sleutel" }, { "name", "naam" },
	{ "from", "van" }, { "to", "tot" },
	{ "requests_posted", "hulpvragen geplaatst" },
	{ "requests_approved", "hulpvragen goedgekeurd" },
	{ "requests_responded", "hulpvragen met reactie" },
	{ "requests_matched", "hulpvragen gekoppeld" },
	{ "requests_completed", "hulpvragen afgerond" },
	{ "requests_cancelled", "hulpvragen ingetrokken" },
	{ "requests_expired", "hulpvragen verlopen" },
	{ "match_rate", "koppelpercentage" },
	{ "median_hours_to_first_response", "mediaan uren tot eerste reactie" },
	{ "median_hours_to_match", "mediaan uren tot koppeling" },
	{ "volunteer_hours", "uren vrijwilligers" },
	{ "active_volunteers", "actieve vrijwilligers" },
	{ "active_residents", "actieve hulpvragers" },
	{ "vacancies_posted", "vacatures geplaatst" },
	{ "vacancy_responses", "reacties op vacatures" },
	{ "suppressed", "onderdrukt" },
};
#define CSV_NCOLS	(sizeof(csv_columns) / sizeof(csv_columns[0]))

/* One text field, quoted when needed, formula-safe. */
static void
csv_text(struct csv *c, const char *s)
{
	const char *p;
	char specials[] = { c->sep, '"', '\r', '\n', '\0' };
	bool quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, specials) != NULL || s[0] == ' ' ||
	    (*s != '\0' && s[strlen(s) - 1] == ' ');
	if (quote)
		fputc('"', c->f);
	if (s[0] != '\0' && strchr("=+-@\t", s[0]) != NULL)
		fputc('\'', c->f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', c->f);
		fputc(*p, c->f);
	}
	if (quote)
		fputc('"', c->f);
}

/* A number with decimals places (a decimal comma in Dutch), then the separator. */
static void
csv_number(struct csv *c, bool shown, double v, int decimals)
{
	char buf[64], *p;

	if (shown) {
		snprintf(buf, sizeof(buf), "%.*f", decimals, v);
		if (c->nl && (p = strchr(buf, '.')) != NULL)
			*p = ',';
		fputs(buf, c->f);
	}
	fputc(c->sep, c->f);
}

static void
csv_when(struct csv *c, struct req *r, time_t t)
{
	char day[11];

	if (c->nl) {
		day_text(day, t);
		fputs(day, c->f);
	} else
		fputs(rfc3339(r, t), c->f);
	fputc(c->sep, c->f);
}

/* The two vacancy columns (issue 18): vac's figures, or empty cells. */
static void
csv_vacancies(struct csv *c, const struct stats_vac_row *vac)
{
	csv_number(c, vac != NULL, vac != NULL ? vac->posted : 0, 0);
	csv_number(c, vac != NULL && !vac->responses_suppressed,
	    vac != NULL ? vac->responses : 0, 0);
}

static void
csv_row(struct csv *c, struct req *r, const char *scope, const struct row *w,
    const char *name, time_t from, time_t to, const struct stats_vac_row *vac)
{
	double rate;
	int f;
	static const int order[] = { FIG_POSTED, FIG_APPROVED, FIG_RESPONDED,
	    FIG_MATCHED, FIG_COMPLETED, FIG_CANCELLED, FIG_EXPIRED };

	csv_text(c, scope);
	fputc(c->sep, c->f);
	csv_text(c, w->key);
	fputc(c->sep, c->f);
	csv_text(c, name);
	fputc(c->sep, c->f);
	csv_when(c, r, from);
	csv_when(c, r, to);
	for (f = 0; f < (int)(sizeof(order) / sizeof(order[0])); f++)
		csv_number(c, !w->f[order[f]].suppressed, w->f[order[f]].value, 0);
	csv_number(c, match_rate(w, &rate), match_rate(w, &rate) ? rate : 0, 3);
	csv_number(c, w->has_medians && w->to_response.known && !w->to_response.suppressed,
	    w->to_response.hours, 1);
	csv_number(c, w->has_medians && w->to_match.known && !w->to_match.suppressed,
	    w->to_match.hours, 1);
	csv_number(c, !w->f[FIG_HOURS].suppressed, w->f[FIG_HOURS].value, 2);
	csv_number(c, !w->f[FIG_VOLUNTEERS].suppressed, w->f[FIG_VOLUNTEERS].value, 0);
	csv_number(c, !w->f[FIG_RESIDENTS].suppressed, w->f[FIG_RESIDENTS].value, 0);
	csv_vacancies(c, vac);
	if (c->nl)
		fputs(row_suppressed(w) || (vac != NULL && vac->responses_suppressed) ?
		    "ja" : "nee", c->f);
	else
		fputs(row_suppressed(w) || (vac != NULL && vac->responses_suppressed) ?
		    "true" : "false", c->f);
	fputs("\r\n", c->f);
}

/* One organisation's vacancies and responses: the request columns empty. */
static void
csv_org_row(struct csv *c, struct req *r, const struct stats_vac_row *vac,
    time_t from, time_t to)
{
	size_t i;

	csv_text(c, c->nl ? "organisatie" : "organisation");
	fputc(c->sep, c->f);
	csv_text(c, vac->id);
	fputc(c->sep, c->f);
	csv_text(c, vac->name);
	fputc(c->sep, c->f);
	csv_when(c, r, from);
	csv_when(c, r, to);
	for (i = 0; i < 13; i++)	/* requests_posted .. active_residents */
		csv_number(c, false, 0, 0);
	csv_vacancies(c, vac);
	if (c->nl)
		fputs(vac->responses_suppressed ? "ja" : "nee", c->f);
	else
		fputs(vac->responses_suppressed ? "true" : "false", c->f);
	fputs("\r\n", c->f);
}

static void
send_csv(struct req *r, const struct stats *st, const struct stats_vac *vac, bool nl)
{
	char *buf = NULL, from[11], last[11];
	size_t len = 0, i;
	struct csv c = { .nl = nl, .sep = nl ? ';' : ',' };
	const char *scope;

	if ((c.f = open_memstream(&buf, &len)) == NULL) {
		problem_internal(r, "stats csv");
		return;
	}
	fputs("\xef\xbb\xbf", c.f);	/* UTF-8 byte order mark, for Excel */
	for (i = 0; i < CSV_NCOLS; i++) {
		if (i > 0)
			fputc(c.sep, c.f);
		fputs(csv_columns[i][nl ? 1 : 0], c.f);
	}
	fputs("\r\n", c.f);
	csv_row(&c, r, nl ? "periode" : "total", &st->total,
	    st->municipality, st->total.from, st->total.to, &vac->total);
	csv_row(&c, r, nl ? "vorige periode" : "previous", &st->previous,
	    st->municipality, st->previous.from, st->previous.to, NULL);
	scope = unit_names[st->unit];
	if (nl)
		scope = (const char *[]){ "dag", "week", "maand", "jaar" }[st->unit];
	for (i = 0; i < st->nseries; i++)
		csv_row(&c, r, scope, &st->series[i], NULL, st->series[i].from, st->series[i].to,
		    NULL);
	for (i = 0; i < st->ncats; i++)
		csv_row(&c, r, nl ? "soort hulp" : "category", &st->cats[i],
		    nl ? st->cats[i].name_nl : st->cats[i].name_en, st->total.from, st->total.to,
		    NULL);
	for (i = 0; i < st->nareas; i++)
		csv_row(&c, r, nl ? "gebied" : "area", &st->areas[i], st->areas[i].place,
		    st->total.from, st->total.to, NULL);
	for (i = 0; i < vac->norgs; i++)
		csv_org_row(&c, r, &vac->orgs[i], st->total.from, st->total.to);
	if (fclose(c.f) != 0) {
		free(buf);
		problem_internal(r, "stats csv");
		return;
	}
	day_text(from, st->total.from);
	day_text(last, st->total.to - DAY_S);
	http_header(r, "Content-Disposition", arena_printf(r->arena,
	    "attachment; filename=\"burenhulp-%s-%s-%s.csv\"", nl ? "cijfers" : "figures",
	    from, last));
	http_send(r, 200, "text/csv; charset=utf-8", buf, len);
	free(buf);
}

/* ---- the route -------------------------------------------------------------------------- */

/* The municipality the figures default to: the first item of the service
 * area when it names one (not a PC4 or a range); NULL: all. */
static const char *
default_municipality(struct req *r)
{
	const char *spec = config_str(r->cfg, "service_area", "");
	size_t n;

	while (*spec == ' ')
		spec++;
	n = strcspn(spec, ",");
	while (n > 0 && spec[n - 1] == ' ')
		n--;
	if (n == 0 || strpbrk(arena_printf(r->arena, "%.*s", (int)n, spec), "0123456789") != NULL)
		return NULL;
	return arena_printf(r->arena, "%.*s", (int)n, spec);
}

static int
known_municipality(struct req *r, const char *name)
{
	struct db_rows rows;

	if (db_exec(r->db, r->arena, STMT_STATS_MUNICIPALITY_KNOWN,
	    DB_PARAMS(DB_STR(name)), &rows) != DB_OK)
		return -1;
	return rows.nrows > 0;
}

void
stats_get(struct req *r)
{
	const char *from_q = http_query(r, "from"), *to_q = http_query(r, "to");
	const char *format = http_query(r, "format"), *lang = http_query(r, "lang");
	const char *mun_q = http_query(r, "municipality"), *unit_q = http_query(r, "interval");
	const char *code;
	struct stats st;
	struct stats_vac vac;
	struct tm tm;
	time_t now = time(NULL), from = 0, to;
	bool csv = false, nl = false;
	long days;
	int k;

	if (!auth_require(r, ACT_STATS_READ, NULL))
		return;
	memset(&st, 0, sizeof(st));
	to = now - now % DAY_S + DAY_S;		/* today included (now > 0) */
	if (format != NULL) {
		if (strcmp(format, "csv") == 0)
			csv = true;
		else if (strcmp(format, "json") != 0)
			problem_field(r, "format", "not_allowed", "format is json or csv.");
	}
	if (lang != NULL) {
		if (strcmp(lang, "nl") == 0)
			nl = true;
		else if (strcmp(lang, "en") != 0)
			problem_field(r, "lang", "not_allowed", "lang is nl or en.");
	}
	if (to_q != NULL && (code = parse_day(to_q, true, &to)) != NULL)
		problem_field(r, "to", code, "A date (2026-01-31) or an RFC 3339 date-time.");
	if (from_q != NULL) {
		if ((code = parse_day(from_q, false, &from)) != NULL)
			problem_field(r, "from", code,
			    "A date (2026-01-01) or an RFC 3339 date-time.");
	} else {
		gmtime_r(&to, &tm);
		tm.tm_year -= 1;
		from = timegm(&tm);
	}
	if (problem_count(r) == 0 && from >= to)
		problem_field(r, "to", "out_of_range", "to must come after from.");
	if (problem_count(r) == 0) {
		/* What a DATE holds: years 1000 to 9999, and the period before. */
		gmtime_r(&to, &tm);
		if (tm.tm_year + 1900 > 9999)
			problem_field(r, "to", "out_of_range", "to lies beyond the year 9999.");
		gmtime_r(&from, &tm);
		if (tm.tm_year + 1900 < 1000 || from - (to - from) < -30610224000LL)
			problem_field(r, "from", "out_of_range", "from lies before the year 1000.");
	}
	if (problem_count(r) == 0) {
		days = (long)((to - from) / DAY_S);
		st.unit = days <= 31 ? UNIT_DAY : days <= 183 ? UNIT_WEEK :
		    days <= 1100 ? UNIT_MONTH : UNIT_YEAR;
		if (unit_q != NULL) {
			for (k = 0; unit_names[k] != NULL && strcmp(unit_names[k], unit_q) != 0; k++)
				;
			if (unit_names[k] == NULL)
				problem_field(r, "interval", "not_allowed",
				    "interval is day, week, month or year.");
			else
				st.unit = (enum unit)k;
		}
		if (problem_count(r) == 0 && bucket_count(from, to, st.unit) > MAX_BUCKETS)
			problem_field(r, "interval", "out_of_range",
			    "At most 400 intervals: choose a longer interval or a shorter period.");
	}
	/* "municipality=" or "municipality=*": all of them. */
	st.municipality = mun_q == NULL ? default_municipality(r) :
	    *mun_q != '\0' && strcmp(mun_q, "*") != 0 ? mun_q : NULL;
	if (st.municipality != NULL) {
		if (strlen(st.municipality) > 100)
			k = 0;
		else if ((k = known_municipality(r, st.municipality)) < 0) {
			problem_internal(r, "stats municipality");
			return;
		}
		if (k == 0) {
			if (mun_q != NULL)
				problem_field(r, "municipality", "unknown",
				    "No postcode area lies in this municipality.");
			else
				st.municipality = NULL;	/* a service area the table does not know */
		}
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (read_stats(r, &st, from, to) != 0 ||
	    stats_vacancies_read(r, from, to, st.municipality, &vac) != 0) {
		problem_internal(r, "stats");
		return;
	}
	protect(&st);
	(void)audit_write(r, "stats.read", "stats", NULL,
	    arena_printf(r->arena, "%s..%s %s %s", rfc3339(r, from), rfc3339(r, to),
	    st.municipality != NULL ? st.municipality : "*", csv ? "csv" : "json"));
	if (csv)
		send_csv(r, &st, &vac, nl);
	else {
		json_object *o = stats_json(r, &st);

		json_put(o, "vacancies", stats_vacancies_json(&vac));
		if (stats_care_put(r, o, from, to) != 0) {
			json_object_put(o);
			problem_internal(r, "stats");
			return;
		}
		http_send_json(r, 200, o);
	}
}
