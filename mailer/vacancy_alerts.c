/*
 * vacancy_alerts.c — the vacancy alerts job (issue 18 part 2): a vacancy
 * that is published (open, of an active organisation) is told to every
 * volunteer whose alert of kind vacancies it fits, once.
 *
 * An alert fits when a category of the vacancy is one of the alert's (or
 * the alert takes any), a talent of the vacancy is one of the alert's (or
 * the alert names none), and the vacancy's area lies within the alert's
 * radius of the alert's area. The one who posted the vacancy is not told
 * of it. See sql/migrations/104 for the tables.
 *
 * Invariants (the state is vacancies.alerted_at):
 *  1. alerted_at NULL and status open: still to tell. The job reads such
 *     rows on vacancies_alert_due (status, alerted_at), at most
 *     BATCH_MAX a run, oldest first.
 *  2. One transaction per vacancy sets alerted_at (only where it is still
 *     NULL and the vacancy still open) and writes the notifications (and
 *     the instant mails) of that vacancy. If the process dies before the
 *     commit nothing of it is kept and the vacancy is told on the next
 *     run; after it, the vacancy is never read again. Two runs at once
 *     (two mailers, or `burenhulpctl`) cannot both tell it: the second's
 *     UPDATE touches no row.
 *  3. Beyond that, each user's event carries the once key
 *     "vacancy:<id>" (notifications_once): even a vacancy told twice
 *     reaches each user once, whatever the number of their fitting
 *     alerts.
 * A vacancy closed, hidden or rejected before the job came is not told
 * (1): only an open one is, and only once (a reopened one is no news).
 */
#include <string.h>

#include "db.h"
#include "geo.h"
#include "log.h"
#include "mailer.h"
#include "notify.h"

#define BATCH_MAX		50
#define ALERT_RADIUS_MAX_KM	50	/* POST /me/alerts takes 1..50 */

struct tell {
	struct mailer	*m;
	const char	*id, *title, *posted_by;
	double		 lat, lon;
	size_t		 told;
};

static int
tell_txn(void *ctx)
{
	struct tell *t = ctx;
	struct mailer *m = t->m;
	struct db_rows fit;
	const char *link = arena_printf(&m->a, "/vacature.html?id=%s", t->id);
	const char *once = arena_printf(&m->a, "vacancy:%s", t->id);
	struct geo_box box = geo_box_around(t->lat, t->lon, ALERT_RADIUS_MAX_KM);
	size_t i;
	int rc;

	t->told = 0;
	if ((rc = db_exec(m->db, &m->a, MSTMT_VALERT_MARK,
	    DB_PARAMS(DB_STR(t->id)), NULL)) != DB_OK)
		return rc;
	if (db_affected(m->db) != 1)
		return DB_OK;	/* told meanwhile, or no longer open */
	if ((rc = db_exec(m->db, &m->a, MSTMT_VALERT_FIT, DB_PARAMS(
	    DB_STR(t->id), DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max),
	    DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max),
	    DB_STR(t->posted_by != NULL ? t->posted_by : ""),
	    DB_DOUBLE(t->lat), DB_DOUBLE(t->lat), DB_DOUBLE(t->lon),
	    DB_STR(t->id)), &fit)) != DB_OK)
		return rc;
	/* Rows come by user, their first fitting alert first. */
	for (i = 0; i < fit.nrows; i++) {
		if (i > 0 && strcmp(db_str(&fit, i, 0), db_str(&fit, i - 1, 0)) == 0)
			continue;
		if ((rc = notify_alert_vacancy(m->db, &m->a, db_str(&fit, i, 0),
		    db_str(&fit, i, 1), link, t->title, once,
		    notify_freq_parse(db_str(&fit, i, 2)))) != DB_OK)
			return rc;
		t->told++;
	}
	return DB_OK;
}

int
vacancy_alerts_run(struct mailer *m)
{
	struct db_rows due;
	struct tell t;
	size_t i;
	int n = 0;

	if (db_exec(m->db, &m->a, MSTMT_VALERT_DUE, DB_PARAMS(DB_INT(BATCH_MAX)),
	    &due) != DB_OK)
		return -1;
	for (i = 0; i < due.nrows && !mailer_stopping; i++) {
		memset(&t, 0, sizeof(t));
		t.m = m;
		t.id = db_str(&due, i, 0);
		t.title = db_str(&due, i, 1);
		t.lat = db_double(&due, i, 2);
		t.lon = db_double(&due, i, 3);
		t.posted_by = db_str(&due, i, 4);
		if (db_txn(m->db, tell_txn, &t) < 0) {
			log_error("vacancy_alerts: vacancy id=%s failed", t.id);
			continue;
		}
		log_info("vacancy_alerts: vacancy id=%s told to %zu users", t.id, t.told);
		n++;
	}
	return n;
}
