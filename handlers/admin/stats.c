/*
 * stats.c — GET /admin/stats?from=&to=&format=json|csv (moderators): the
 * figures for the municipality, aggregate only, never a name.
 *
 * What is counted: the help requests posted in the period [from, to) and
 * what became of them so far — approved (went public: neither pending nor
 * rejected), matched (a volunteer was accepted), completed, cancelled,
 * expired; the match rate (matched / approved); the median hours from
 * posting to the first response (the first match of any kind) and to the
 * first acceptance; the hours volunteers wrote on completed matches; the
 * volunteers with a match on those requests and the residents who posted
 * them. The same per category and per PC4 area of the request.
 *
 * Small cells: every number carries the count of distinct people behind it
 * (who posted the requests counted, or the volunteers); a number with 1 to
 * 4 people behind it is suppressed: null in JSON, an empty cell in CSV, and
 * its row says "suppressed": true and names it in "suppressed_fields".
 * Because the total is shown, a single suppressed row in a breakdown could
 * be found by subtraction; then the next smallest row of that figure is
 * suppressed too (secondary suppression). A zero is never suppressed.
 *
 * Defaults: the 12 months up to now. `from` and `to` are RFC 3339
 * date-times or dates (YYYY-MM-DD); a date `to` includes that whole day.
 *
 * CSV: RFC 4180 — comma separated, CRLF line ends, a header row, fields
 * quoted when they hold a comma, quote or line break — in UTF-8 with a byte
 * order mark, so that Excel reads the accents right; numbers use a decimal
 * point. Dutch Excel lists with ';', so open it there through Data → From
 * Text/CSV (which detects the comma); LibreOffice, Numbers and Google
 * Sheets open it as it is. Text cells that a spreadsheet would take for a
 * formula (= + - @) are prefixed with an apostrophe.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"
#include "valid.h"

#define MIN_CELL	5	/* fewer people than this behind a number: suppressed */

enum fig {
	FIG_POSTED, FIG_APPROVED, FIG_MATCHED, FIG_COMPLETED, FIG_CANCELLED,
	FIG_EXPIRED, FIG_RESIDENTS, FIG_VOLUNTEERS, FIG_HOURS,
	FIG__MAX
};

static const char *const fig_names[FIG__MAX] = {
	"requests_posted", "requests_approved", "requests_matched",
	"requests_completed", "requests_cancelled", "requests_expired",
	"active_residents", "active_volunteers", "volunteer_hours",
};

struct figure {
	double		 value;
	long long	 people;
	bool		 suppressed;
};

struct row {
	const char	*key;		/* category id or pc4; NULL for the total */
	const char	*name_nl, *name_en;	/* category */
	const char	*place;		/* area */
	long long	 sort_order;
	struct figure	 f[FIG__MAX];
};

struct median {
	bool		 known;		/* some requests had one */
	bool		 suppressed;
	double		 hours;
};

struct stats {
	char		 from_sql[24], to_sql[24];	/* "2026-01-01 00:00:00" */
	char		 from[24], to[24];		/* RFC 3339 */
	struct row	 total;
	struct row	*cats, *areas;
	size_t		 ncats, nareas;
	struct median	 to_response, to_match;
};

/* ---- the period ------------------------------------------------------------ */

/* A date (YYYY-MM-DD) or an RFC 3339 date-time into *out; a date `to`
 * means the end of that day. NULL or an error code. */
static const char *
parse_when(const char *s, bool is_to, time_t *out)
{
	char buf[32];
	const char *code;

	if (strlen(s) == 10) {
		snprintf(buf, sizeof(buf), "%sT00:00:00Z", s);
		if ((code = valid_time(buf, out)) != NULL)
			return code;
		if (is_to)
			*out += 86400;
		return NULL;
	}
	return valid_time(s, out);
}

static void
format_times(struct stats *st, time_t from, time_t to)
{
	struct tm tm;

	gmtime_r(&from, &tm);
	strftime(st->from_sql, sizeof(st->from_sql), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(st->from, sizeof(st->from), "%Y-%m-%dT%H:%M:%SZ", &tm);
	gmtime_r(&to, &tm);
	strftime(st->to_sql, sizeof(st->to_sql), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(st->to, sizeof(st->to), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- reading the figures ------------------------------------------------------ */

#define PERIOD(st) \
	DB_STR((st)->from_sql), DB_STR((st)->to_sql), \
	DB_STR((st)->from_sql), DB_STR((st)->to_sql)

/* The request figures of row i from column c on (STATS_COLUMNS). */
static void
read_request_figures(struct row *w, const struct db_rows *rows, size_t i, size_t c)
{
	int f;

	w->f[FIG_POSTED].value = (double)db_int(rows, i, c);
	for (f = FIG_APPROVED; f <= FIG_EXPIRED; f++) {
		w->f[f].value = (double)db_int(rows, i, c + 1 + 2 * (f - FIG_APPROVED));
		w->f[f].people = db_int(rows, i, c + 2 + 2 * (f - FIG_APPROVED));
	}
	w->f[FIG_RESIDENTS].value = (double)db_int(rows, i, c + 11);
	w->f[FIG_RESIDENTS].people = db_int(rows, i, c + 11);
	w->f[FIG_POSTED].people = w->f[FIG_RESIDENTS].people;
}

/* The volunteer figures of row i from column c on (STATS_VOL_COLUMNS). */
static void
read_volunteer_figures(struct row *w, const struct db_rows *rows, size_t i, size_t c)
{
	w->f[FIG_VOLUNTEERS].value = (double)db_int(rows, i, c);
	w->f[FIG_VOLUNTEERS].people = db_int(rows, i, c);
	w->f[FIG_HOURS].people = db_int(rows, i, c + 1);
	w->f[FIG_HOURS].value = db_double(rows, i, c + 2);
}

static struct row *
find_row(struct row *w, size_t n, const char *key)
{
	size_t i;

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

/* Rows of a breakdown: idx (key, STATS_COLUMNS...) and vol_idx (key,
 * STATS_VOL_COLUMNS...). For areas the second column is the place. */
static int
read_breakdown(struct req *r, struct stats *st, bool areas)
{
	struct db_rows rows, vol, names;
	struct row *w, *x;
	size_t i, first = areas ? 2 : 1;

	if (db_exec(r->db, r->arena, areas ? STMT_STATS_AREA : STMT_STATS_CATEGORY,
	    DB_PARAMS(PERIOD(st)), &rows) != DB_OK ||
	    db_exec(r->db, r->arena, areas ? STMT_STATS_VOL_AREA : STMT_STATS_VOL_CATEGORY,
	    DB_PARAMS(DB_STR(st->from_sql), DB_STR(st->to_sql)), &vol) != DB_OK)
		return -1;
	w = arena_alloc(r->arena, (rows.nrows + 1) * sizeof(*w));
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
		st->areas = w;
		st->nareas = rows.nrows;
	}
	return 0;
}

/* The median of a duration: count_idx gives (requests, distinct people),
 * at_idx the middle one or two values in seconds from an offset. */
static int
read_median(struct req *r, struct stats *st, int count_idx, int at_idx,
    struct median *m)
{
	struct db_rows rows;
	long long n, people, offset;

	memset(m, 0, sizeof(*m));
	if (db_exec(r->db, r->arena, count_idx, DB_PARAMS(PERIOD(st)), &rows) != DB_OK)
		return -1;
	n = db_int(&rows, 0, 0);
	people = db_int(&rows, 0, 1);
	if (n == 0)
		return 0;
	m->known = true;
	if (people < MIN_CELL) {
		m->suppressed = true;
		return 0;
	}
	offset = (n - 1) / 2;
	if (db_exec(r->db, r->arena, at_idx, DB_PARAMS(PERIOD(st), DB_INT(offset)),
	    &rows) != DB_OK || rows.nrows == 0)
		return -1;
	if (n % 2 == 1 || rows.nrows < 2)
		m->hours = db_double(&rows, 0, 0) / 3600.0;
	else
		m->hours = (db_double(&rows, 0, 0) + db_double(&rows, 1, 0)) / 7200.0;
	return 0;
}

static int
read_stats(struct req *r, struct stats *st)
{
	struct db_rows rows;

	if (db_exec(r->db, r->arena, STMT_STATS_TOTAL, DB_PARAMS(PERIOD(st)), &rows) != DB_OK)
		return -1;
	read_request_figures(&st->total, &rows, 0, 0);
	if (db_exec(r->db, r->arena, STMT_STATS_VOL_TOTAL,
	    DB_PARAMS(DB_STR(st->from_sql), DB_STR(st->to_sql)), &rows) != DB_OK)
		return -1;
	read_volunteer_figures(&st->total, &rows, 0, 0);
	if (read_breakdown(r, st, false) != 0 || read_breakdown(r, st, true) != 0)
		return -1;
	if (read_median(r, st, STMT_STATS_RESPONSE_COUNT, STMT_STATS_RESPONSE_AT,
	    &st->to_response) != 0 ||
	    read_median(r, st, STMT_STATS_MATCH_COUNT, STMT_STATS_MATCH_AT,
	    &st->to_match) != 0)
		return -1;
	return 0;
}

/* ---- small cells ------------------------------------------------------------------ */

static void
suppress_primary(struct row *w)
{
	int f;

	for (f = 0; f < FIG__MAX; f++)
		w->f[f].suppressed = w->f[f].people > 0 && w->f[f].people < MIN_CELL;
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

static void
suppress(struct stats *st)
{
	size_t i;

	suppress_primary(&st->total);
	for (i = 0; i < st->ncats; i++)
		suppress_primary(&st->cats[i]);
	for (i = 0; i < st->nareas; i++)
		suppress_primary(&st->areas[i]);
	suppress_secondary(&st->total, st->cats, st->ncats);
	suppress_secondary(&st->total, st->areas, st->nareas);
}

/* ---- JSON ----------------------------------------------------------------------------- */

static bool
match_rate(const struct row *w, double *out)
{
	if (w->f[FIG_MATCHED].suppressed || w->f[FIG_APPROVED].suppressed ||
	    w->f[FIG_APPROVED].value <= 0)
		return false;
	*out = w->f[FIG_MATCHED].value / w->f[FIG_APPROVED].value;
	return true;
}

static bool
row_suppressed(const struct row *w)
{
	int f;

	for (f = 0; f < FIG__MAX; f++)
		if (w->f[f].suppressed)
			return true;
	return false;
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
put_figures(json_object *o, const struct row *w, const struct stats *st)
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
	if (st != NULL) {
		put_median(o, sup, "median_hours_to_first_response", &st->to_response);
		put_median(o, sup, "median_hours_to_match", &st->to_match);
	}
	json_put_bool(o, "suppressed", json_object_array_length(sup) > 0);
	json_put(o, "suppressed_fields", sup);
}

static json_object *
stats_json(const struct stats *st)
{
	json_object *o = json_object_new_object(), *arr, *row;
	size_t i;

	json_put_str(o, "from", st->from);
	json_put_str(o, "to", st->to);
	json_put_int(o, "min_cell_size", MIN_CELL);
	put_figures(o, &st->total, st);
	arr = json_object_new_array();
	for (i = 0; i < st->ncats; i++) {
		row = json_object_new_object();
		json_put_str(row, "category", st->cats[i].key);
		json_put_str(row, "name_nl", st->cats[i].name_nl);
		json_put_str(row, "name_en", st->cats[i].name_en);
		put_figures(row, &st->cats[i], NULL);
		json_object_array_add(arr, row);
	}
	json_put(o, "per_category", arr);
	arr = json_object_new_array();
	for (i = 0; i < st->nareas; i++) {
		row = json_object_new_object();
		json_put_str(row, "pc4", st->areas[i].key);
		json_put_str(row, "place", st->areas[i].place);
		put_figures(row, &st->areas[i], NULL);
		json_object_array_add(arr, row);
	}
	json_put(o, "per_area", arr);
	return o;
}

/* ---- CSV ------------------------------------------------------------------------------- */

static const char csv_header[] =
	"scope,key,name,from,to,requests_posted,requests_approved,"
	"requests_matched,requests_completed,requests_cancelled,requests_expired,"
	"match_rate,median_hours_to_first_response,median_hours_to_match,"
	"volunteer_hours,active_volunteers,active_residents,suppressed\r\n";

/* One text field, RFC 4180 quoted when needed, formula-safe. */
static void
csv_text(FILE *f, const char *s)
{
	const char *p;
	bool quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
	    (*s != '\0' && s[strlen(s) - 1] == ' ');
	if (quote)
		fputc('"', f);
	if (strchr("=+-@\t", s[0]) != NULL && s[0] != '\0')
		fputc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
}

static void
csv_fig(FILE *f, const struct figure *x, int decimals)
{
	if (!x->suppressed)
		fprintf(f, "%.*f", decimals, x->value);
	fputc(',', f);
}

static void
csv_row(FILE *f, const struct stats *st, const char *scope, const struct row *w,
    const char *name, bool total)
{
	double rate;

	csv_text(f, scope);
	fputc(',', f);
	csv_text(f, w->key);
	fputc(',', f);
	csv_text(f, name);
	fprintf(f, ",%s,%s,", st->from, st->to);
	csv_fig(f, &w->f[FIG_POSTED], 0);
	csv_fig(f, &w->f[FIG_APPROVED], 0);
	csv_fig(f, &w->f[FIG_MATCHED], 0);
	csv_fig(f, &w->f[FIG_COMPLETED], 0);
	csv_fig(f, &w->f[FIG_CANCELLED], 0);
	csv_fig(f, &w->f[FIG_EXPIRED], 0);
	if (match_rate(w, &rate))
		fprintf(f, "%.3f", rate);
	fputc(',', f);
	if (total && st->to_response.known && !st->to_response.suppressed)
		fprintf(f, "%.1f", st->to_response.hours);
	fputc(',', f);
	if (total && st->to_match.known && !st->to_match.suppressed)
		fprintf(f, "%.1f", st->to_match.hours);
	fputc(',', f);
	csv_fig(f, &w->f[FIG_HOURS], 2);
	csv_fig(f, &w->f[FIG_VOLUNTEERS], 0);
	csv_fig(f, &w->f[FIG_RESIDENTS], 0);
	fputs(row_suppressed(w) || (total && (st->to_response.suppressed ||
	    st->to_match.suppressed)) ? "true" : "false", f);
	fputs("\r\n", f);
}

static void
send_csv(struct req *r, const struct stats *st)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL) {
		problem_internal(r, "stats csv");
		return;
	}
	fputs("\xef\xbb\xbf", f);	/* UTF-8 byte order mark, for Excel */
	fputs(csv_header, f);
	csv_row(f, st, "total", &st->total, "", true);
	for (i = 0; i < st->ncats; i++)
		csv_row(f, st, "category", &st->cats[i], st->cats[i].name_nl, false);
	for (i = 0; i < st->nareas; i++)
		csv_row(f, st, "area", &st->areas[i], st->areas[i].place, false);
	if (fclose(f) != 0) {
		free(buf);
		problem_internal(r, "stats csv");
		return;
	}
	http_header(r, "Content-Disposition", arena_printf(r->arena,
	    "attachment; filename=\"burenhulp-figures-%.10s-%.10s.csv\"", st->from, st->to));
	http_send(r, 200, "text/csv; charset=utf-8", buf, len);
	free(buf);
}

/* ---- the route -------------------------------------------------------------------------- */

void
stats_get(struct req *r)
{
	const char *from_q = http_query(r, "from"), *to_q = http_query(r, "to");
	const char *format = http_query(r, "format"), *code;
	struct stats st;
	struct tm tm;
	time_t from = 0, to = time(NULL);
	bool csv = false;

	if (!auth_require(r, ACT_STATS_READ, NULL))
		return;
	memset(&st, 0, sizeof(st));
	if (format != NULL) {
		if (strcmp(format, "csv") == 0)
			csv = true;
		else if (strcmp(format, "json") != 0)
			problem_field(r, "format", "not_allowed", "format is json or csv.");
	}
	if (to_q != NULL && (code = parse_when(to_q, true, &to)) != NULL)
		problem_field(r, "to", code, "A date (2026-01-31) or an RFC 3339 date-time.");
	if (from_q != NULL) {
		if ((code = parse_when(from_q, false, &from)) != NULL)
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
		/* What a DATETIME holds: years 1000 to 9999. */
		gmtime_r(&to, &tm);
		if (tm.tm_year + 1900 > 9999)
			problem_field(r, "to", "out_of_range", "to lies beyond the year 9999.");
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	format_times(&st, from, to);
	if (read_stats(r, &st) != 0) {
		problem_internal(r, "stats");
		return;
	}
	suppress(&st);
	(void)audit_write(r, "stats.read", "stats", NULL,
	    arena_printf(r->arena, "%s..%s %s", st.from, st.to, csv ? "csv" : "json"));
	if (csv)
		send_csv(r, &st);
	else
		http_send_json(r, 200, stats_json(&st));
}
