/*
 * stats_vacancies.c — the Talentenbank's figures in GET /admin/stats
 * (issue 18 part 2): per organisation, the vacancies posted in the period
 * (whatever became of them) and the responses volunteers made to its
 * vacancies in the period, in the municipality asked (the vacancy's
 * postcode area), with the total over all organisations.
 *
 * The same protection as the other figures (stats.c): counts are rounded
 * to a multiple of 5 (never to 0 from above), and a count of responses
 * with 1 to 4 distinct volunteers behind it is suppressed (null, named in
 * "suppressed_fields"); when exactly one organisation's responses are
 * suppressed while the total shows, the next smallest is suppressed too, so
 * that the total minus the rest tells nothing. A vacancy is a post of an
 * organisation, not of a person: its count is rounded, not suppressed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "http.h"
#include "json.h"

#define MIN_CELL	5	/* as stats.c */
#define ROUND_TO	5

static double
rounded(double v)
{
	double x;

	if (v <= 0)
		return 0;
	x = floor(v / ROUND_TO + 0.5) * ROUND_TO;
	return x > 0 ? x : ROUND_TO;
}

static bool
small(long long people)
{
	return people > 0 && people < MIN_CELL;
}

static struct stats_vac_row *
org_row(struct req *r, struct stats_vac *v, size_t cap, const char *id,
    const char *name)
{
	size_t i;

	for (i = 0; i < v->norgs; i++)
		if (strcmp(v->orgs[i].id, id) == 0)
			return &v->orgs[i];
	if (v->norgs == cap)
		return NULL;
	memset(&v->orgs[v->norgs], 0, sizeof(v->orgs[0]));
	v->orgs[v->norgs].id = arena_strdup(r->arena, id);
	v->orgs[v->norgs].name = arena_strdup(r->arena, name);
	return &v->orgs[v->norgs++];
}

static int
by_name(const void *a, const void *b)
{
	const struct stats_vac_row *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->id, y->id);
}

int
stats_vacancies_read(struct req *r, long long from, long long to,
    const char *municipality, struct stats_vac *v)
{
	struct db_rows posted, resp, all;
	struct stats_vac_row *w, *smallest = NULL;
	size_t i, cap, hidden = 0;

#define PERIOD DB_PARAMS(DB_INT(from), DB_INT(to), DB_STR(municipality), DB_STR(municipality))
	memset(v, 0, sizeof(*v));
	if (db_exec(r->db, r->arena, STMT_STATS_VACANCIES, PERIOD, &posted) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_STATS_VACANCY_RESPONSES, PERIOD, &resp) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_STATS_VACANCY_RESPONDERS, PERIOD, &all) != DB_OK)
		return -1;
#undef PERIOD
	cap = posted.nrows + resp.nrows;
	v->orgs = arena_alloc(r->arena, (cap + 1) * sizeof(*v->orgs));
	for (i = 0; i < posted.nrows; i++) {
		w = org_row(r, v, cap, db_str(&posted, i, 0), db_str(&posted, i, 1));
		w->posted = (double)db_int(&posted, i, 2);
		v->total.posted += w->posted;
	}
	for (i = 0; i < resp.nrows; i++) {
		w = org_row(r, v, cap, db_str(&resp, i, 0), db_str(&resp, i, 1));
		w->responses = (double)db_int(&resp, i, 2);
		w->volunteers = db_int(&resp, i, 3);
	}
	if (all.nrows == 1) {
		v->total.responses = (double)db_int(&all, 0, 0);
		v->total.volunteers = db_int(&all, 0, 1);
	}
	/* Small cells, then the one left alone beside a shown total. */
	v->total.responses_suppressed = small(v->total.volunteers);
	for (i = 0; i < v->norgs; i++)
		if ((v->orgs[i].responses_suppressed = small(v->orgs[i].volunteers)))
			hidden++;
	if (hidden == 1 && !v->total.responses_suppressed) {
		for (i = 0; i < v->norgs; i++) {
			w = &v->orgs[i];
			if (!w->responses_suppressed && w->volunteers > 0 &&
			    (smallest == NULL || w->volunteers < smallest->volunteers))
				smallest = w;
		}
		if (smallest != NULL)
			smallest->responses_suppressed = true;
	}
	v->total.posted = rounded(v->total.posted);
	v->total.responses = rounded(v->total.responses);
	for (i = 0; i < v->norgs; i++) {
		v->orgs[i].posted = rounded(v->orgs[i].posted);
		v->orgs[i].responses = rounded(v->orgs[i].responses);
	}
	if (v->norgs > 1)
		qsort(v->orgs, v->norgs, sizeof(*v->orgs), by_name);
	return 0;
}

static void
put_row(json_object *o, const struct stats_vac_row *w)
{
	json_object *sup = json_object_new_array();

	json_put_int(o, "vacancies_posted", (long long)w->posted);
	if (w->responses_suppressed) {
		json_put(o, "vacancy_responses", NULL);
		json_object_array_add(sup, json_object_new_string("vacancy_responses"));
	} else
		json_put_int(o, "vacancy_responses", (long long)w->responses);
	json_put_bool(o, "suppressed", json_object_array_length(sup) > 0);
	json_put(o, "suppressed_fields", sup);
}

json_object *
stats_vacancies_json(const struct stats_vac *v)
{
	json_object *o = json_object_new_object(), *arr = json_object_new_array();
	json_object *row, *g;
	size_t i;

	put_row(o, &v->total);
	for (i = 0; i < v->norgs; i++) {
		row = json_object_new_object();
		g = json_object_new_object();
		json_put_str(g, "id", v->orgs[i].id);
		json_put_str(g, "name", v->orgs[i].name);
		json_put(row, "organisation", g);
		put_row(row, &v->orgs[i]);
		json_object_array_add(arr, row);
	}
	json_put(o, "per_organisation", arr);
	return o;
}
