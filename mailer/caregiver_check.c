/*
 * caregiver_check.c — the monthly reminder of the caregiver's own check
 * (issue 17, part 6): a caregiver who asked for it (caregiver_check_reminders,
 * migration 096) is told once a month (caregiver_check.reminder, link to
 * the check) that they may take it again; not while a check was taken in
 * the last month, nor within a month of asking or of the last reminder.
 *
 * As in vog.c and followups.c the reminder is written in the transaction
 * that moves last_sent_at, and only when that row still holds the
 * last_sent_at that was read: two mailers, or a run that overlaps the
 * next, remind once. The job never reads the checks' sealed results: only
 * when the last one was taken.
 */
#include <string.h>

#include "db.h"
#include "log.h"
#include "mailer.h"
#include "notify.h"

/* Columns of MSTMT_CGC_REMIND_DUE. */
enum { CD_USER, CD_LAST_SENT };

struct remind {
	struct mailer	*m;
	const char	*user_id, *last_sent;	/* last_sent: NULL when never */
	bool		 done;
};

static int
remind_txn(void *ctx)
{
	struct remind *w = ctx;
	struct mailer *m = w->m;
	int rc;

	w->done = false;
	if ((rc = db_exec(m->db, &m->a, MSTMT_CGC_REMIND_MARK,
	    DB_PARAMS(DB_STR(w->user_id), DB_STR(w->last_sent)), NULL)) != DB_OK)
		return rc;
	if (db_affected(m->db) != 1)
		return DB_OK;	/* opted out, erased or reminded meanwhile */
	if ((rc = notify(m->db, &m->a, w->user_id, "caregiver_check.reminder",
	    "/mantelzorgcheck.html", NULL, NULL, NULL, -1)) != DB_OK)
		return rc;
	w->done = true;
	return DB_OK;
}

int
caregiver_check_run(struct mailer *m)
{
	struct db_rows due;
	struct remind w;
	size_t i;
	int n = 0;

	if (db_exec(m->db, &m->a, MSTMT_CGC_REMIND_DUE, NULL, 0, &due) != DB_OK)
		return -1;
	for (i = 0; i < due.nrows && !mailer_stopping; i++) {
		memset(&w, 0, sizeof(w));
		w.m = m;
		w.user_id = db_str(&due, i, CD_USER);
		w.last_sent = db_is_null(&due, i, CD_LAST_SENT) ? NULL :
		    db_str(&due, i, CD_LAST_SENT);
		if (db_txn(m->db, remind_txn, &w) < 0) {
			log_error("caregiver check: reminder of user id=%s failed", w.user_id);
			continue;
		}
		if (w.done) {
			log_info("caregiver check: reminder for user id=%s", w.user_id);
			n++;
		}
	}
	return n;
}
