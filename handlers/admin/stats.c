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
 * triggers in the same transaction as every change; each statement reads
 * one range of one covering key (stmts.c). Nothing here reads `requests`.
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

/* Runs STMT_STATS_X (or, without a municipality, STMT_STATS_X_ALL) over
 * [from, to); a series statement takes the unit first. */
static int
run(struct req *r, const struct stats *st, int idx, bool series, time_t from,
    time_t to, struct db_rows *out)
{
	struct db_param p[4];
	size_t n = 0;

	if (series)
		p[n++] = DB_STR(unit_names[st->unit]);
	if (st->municipality != NULL)
		p[n++] = DB_STR(st->municipality);
	else
		idx++;
	p[n++] = DB_STR(day_param(r, from));
	p[n++] = DB_STR(day_param(r, to));
	return db_exec(r->db, r->arena, idx, p, n, out) == DB_OK ? 0 : -1;
}

/* The request figures of row i from column c on (STATS_COLUMNS). */
static void
read_request_figures(struct row *w, const struct db_rows *rows, size_t i, size_t c)
{
	int f;

	w->f[FIG_POSTED].value = (double)db_int(rows, i, c);
	w->f[FIG_POSTED].people = db_int(rows, i, c + 1);
	w->f[FIG_RESIDENTS].value = (double)db_int(rows, i, c + 1);
	w->f[FIG_RESIDENTS].people = db_int(rows, i, c + 1);
	for (f = FIG_APPROVED; f <= FIG_EXPIRED; f++) {
		w->f[f].value = (double)db_int(rows, i, c + 2 + 2 * (f - FIG_APPROVED));
		w->f[f].people = db_int(rows, i, c + 3 + 2 * (f - FIG_APPROVED));
	}
	w->f[FIG_HOURS].value = db_double(rows, i, c + 14);
}

/* The volunteer figures of row i from column c on (STATS_VOL_COLUMNS). */
static void
read_volunteer_figures(struct row *w, const struct db_rows *rows, size_t i, size_t c)
{
	w->f[FIG_VOLUNTEERS].value = (double)db_int(rows, i, c);
	w->f[FIG_VOLUNTEERS].people = db_int(rows, i, c);
	w->f[FIG_HOURS].people = db_int(rows, i, c + 1);
}

static void
read_medians(struct row *w, const struct db_rows *rows, size_t i, size_t c)
{
	w->has_medians = true;
	if (!db_is_null(rows, i, c)) {
		w->to_response.known = true;
		w->to_response.hours = db_double(rows, i, c) / 3600.0;
	}
	if (!db_is_null(rows, i, c + 1)) {
		w->to_match.known = true;
		w->to_match.hours = db_double(rows, i, c + 1) / 3600.0;
	}
}

static struct row *
find_row(struct row *w, size_t n, const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(w[i].key, key) == 0)
			return &w[i];
	return NULL;
}

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

/* The period [from, to) into w: figures, volunteers, medians. */
static int
read_period(struct req *r, const struct stats *st, time_t from, time_t to, struct row *w)
{
	struct db_rows rows;

	w->from = from;
	w->to = to;
	if (run(r, st, STMT_STATS_PERIOD, false, from, to, &rows) != 0 || rows.nrows == 0)
		return -1;
	read_request_figures(w, &rows, 0, 0);
	if (run(r, st, STMT_STATS_VOL_PERIOD, false, from, to, &rows) != 0 || rows.nrows == 0)
		return -1;
	read_volunteer_figures(w, &rows, 0, 0);
	if (run(r, st, STMT_STATS_MEDIANS_PERIOD, false, from, to, &rows) != 0)
		return -1;
	w->has_medians = true;
	if (rows.nrows > 0)
		read_medians(w, &rows, 0, 0);
	return 0;
}

/* The buckets of [from, to), each clipped to the period and keyed by the
 * day its bucket starts (what STATS_BUCKET gives). */
static int
read_series(struct req *r, struct stats *st, time_t from, time_t to)
{
	struct db_rows rows;
	struct row *w;
	size_t i, n = bucket_count(from, to, st->unit);
	time_t s, e;
	char day[11];

	st->series = arena_alloc(r->arena, (n + 1) * sizeof(*st->series));
	memset(st->series, 0, (n + 1) * sizeof(*st->series));
	for (i = 0, s = bucket_start(from, st->unit); s < to && i < n; s = e, i++) {
		e = bucket_next(s, st->unit);
		w = &st->series[i];
		day_text(day, s);
		w->key = arena_printf(r->arena, "%s", day);
		w->from = s < from ? from : s;
		w->to = e > to ? to : e;
		w->has_medians = true;
	}
	st->nseries = i;
	if (run(r, st, STMT_STATS_SERIES, true, from, to, &rows) != 0)
		return -1;
	for (i = 0; i < rows.nrows; i++)
		if ((w = find_row(st->series, st->nseries, db_str(&rows, i, 0))) != NULL)
			read_request_figures(w, &rows, i, 1);
	if (run(r, st, STMT_STATS_VOL_SERIES, true, from, to, &rows) != 0)
		return -1;
	for (i = 0; i < rows.nrows; i++)
		if ((w = find_row(st->series, st->nseries, db_str(&rows, i, 0))) != NULL)
			read_volunteer_figures(w, &rows, i, 1);
	if (run(r, st, STMT_STATS_MEDIANS_SERIES, true, from, to, &rows) != 0)
		return -1;
	for (i = 0; i < rows.nrows; i++)
		if ((w = find_row(st->series, st->nseries, db_str(&rows, i, 0))) != NULL)
			read_medians(w, &rows, i, 1);
	return 0;
}

/* Rows of a breakdown: per category or per area of the period. */
static int
read_breakdown(struct req *r, struct stats *st, time_t from, time_t to, bool areas)
{
	struct db_rows rows, vol, names;
	struct row *w, *x;
	size_t i, first = areas ? 2 : 1;

	if (run(r, st, areas ? STMT_STATS_AREA : STMT_STATS_CATEGORY, false, from, to, &rows) != 0 ||
	    run(r, st, areas ? STMT_STATS_VOL_AREA : STMT_STATS_VOL_CATEGORY, false, from, to, &vol) != 0)
		return -1;
	w = arena_alloc(r->arena, (rows.nrows + 1) * sizeof(*w));
	memset(w, 0, (rows.nrows + 1) * sizeof(*w));
	for (i = 0; i < rows.nrows; i++) {
		w[i].key = db_str(&rows, i, 0);
		if (areas)
			w[i].place = db_str(&rows, i, 1);
		read_request_figures(&w[i], &rows, i, first);
	}
	for (i = 0; i < vol.nrows; i++)
		if ((x = find_row(w, rows.nrows, db_str(&vol, i, 0))) != NULL)
			read_volunteer_figures(x, &vol, i, 1);
	if (!areas) {
		if (db_exec(r->db, r->arena, STMT_CATEGORIES_ALL, NULL, 0, &names) != DB_OK)
			return -1;
		for (i = 0; i < names.nrows; i++)
			if ((x = find_row(w, rows.nrows, db_str(&names, i, 0))) != NULL) {
				x->name_nl = db_str(&names, i, 1);
				x->name_en = db_str(&names, i, 2);
				x->sort_order = db_int(&names, i, 3);
			}
		qsort(w, rows.nrows, sizeof(*w), by_sort_order);
		st->cats = w;
		st->ncats = rows.nrows;
	} else {
		qsort(w, rows.nrows, sizeof(*w), by_place);
		st->areas = w;
		st->nareas = rows.nrows;
	}
	return 0;
}

static int
read_stats(struct req *r, struct stats *st, time_t from, time_t to)
{
	if (read_period(r, st, from, to, &st->total) != 0 ||
	    read_series(r, st, from, to) != 0 ||
	    read_period(r, st, from - (to - from), from, &st->previous) != 0 ||
	    read_breakdown(r, st, from, to, false) != 0 ||
	    read_breakdown(r, st, from, to, true) != 0)
		return -1;
	return db_exec(r->db, r->arena, STMT_STATS_MUNICIPALITIES, NULL, 0,
	    &st->municipalities) == DB_OK ? 0 : -1;
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

static void
csv_row(struct csv *c, struct req *r, const char *scope, const struct row *w,
    const char *name, time_t from, time_t to)
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
	if (c->nl)
		fputs(row_suppressed(w) ? "ja" : "nee", c->f);
	else
		fputs(row_suppressed(w) ? "true" : "false", c->f);
	fputs("\r\n", c->f);
}

static void
send_csv(struct req *r, const struct stats *st, bool nl)
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
	    st->municipality, st->total.from, st->total.to);
	csv_row(&c, r, nl ? "vorige periode" : "previous", &st->previous,
	    st->municipality, st->previous.from, st->previous.to);
	scope = unit_names[st->unit];
	if (nl)
		scope = (const char *[]){ "dag", "week", "maand", "jaar" }[st->unit];
	for (i = 0; i < st->nseries; i++)
		csv_row(&c, r, scope, &st->series[i], NULL, st->series[i].from, st->series[i].to);
	for (i = 0; i < st->ncats; i++)
		csv_row(&c, r, nl ? "soort hulp" : "category", &st->cats[i],
		    nl ? st->cats[i].name_nl : st->cats[i].name_en, st->total.from, st->total.to);
	for (i = 0; i < st->nareas; i++)
		csv_row(&c, r, nl ? "gebied" : "area", &st->areas[i], st->areas[i].place,
		    st->total.from, st->total.to);
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
	if (read_stats(r, &st, from, to) != 0) {
		problem_internal(r, "stats");
		return;
	}
	protect(&st);
	(void)audit_write(r, "stats.read", "stats", NULL,
	    arena_printf(r->arena, "%s..%s %s %s", rfc3339(r, from), rfc3339(r, to),
	    st.municipality != NULL ? st.municipality : "*", csv ? "csv" : "json"));
	if (csv)
		send_csv(r, &st, nl);
	else
		http_send_json(r, 200, stats_json(r, &st));
}
