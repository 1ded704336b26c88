/*
 * followups.c — the follow-ups job: the requester is reminded, once, of an
 * accepted match that was not completed reminder_days (or reminder_s)
 * after it was accepted.
 *
 * One transaction per match: reminded_at is set only where it is still
 * NULL and the match still accepted, and the notification (lib/notify,
 * once_key "reminder:MATCH") is written in the same transaction, so a
 * reminder is neither lost nor sent twice, whatever runs beside it.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "mailer.h"
#include "notify.h"

struct remind {
	struct mailer	*m;
	const char	*match_id, *owner_id, *title;
	bool		 done;
};

static int
remind_txn(void *ctx)
{
	struct remind *r = ctx;
	struct mailer *m = r->m;
	int rc;

	r->done = false;
	if ((rc = db_exec(m->db, &m->a, MSTMT_REMINDER_MARK,
	    DB_PARAMS(DB_STR(r->match_id)), NULL)) != DB_OK)
		return rc;
	if (db_affected(m->db) != 1)
		return DB_OK;	/* completed, cancelled or reminded meanwhile */
	if ((rc = notify(m->db, &m->a, r->owner_id, "match.reminder",
	    arena_printf(&m->a, "/match.html?id=%s", r->match_id), r->title, NULL,
	    arena_printf(&m->a, "reminder:%s", r->match_id), -1)) != DB_OK)
		return rc;
	r->done = true;
	return DB_OK;
}

int
followups_run(struct mailer *m)
{
	struct db_rows due;
	struct remind r;
	size_t i;
	int n = 0;

	if (db_exec(m->db, &m->a, MSTMT_REMINDER_DUE, DB_PARAMS(DB_INT(m->set.reminder_s)),
	    &due) != DB_OK)
		return -1;
	for (i = 0; i < due.nrows && !mailer_stopping; i++) {
		memset(&r, 0, sizeof(r));
		r.m = m;
		r.match_id = db_str(&due, i, 0);
		r.owner_id = db_str(&due, i, 1);
		r.title = db_str(&due, i, 2);
		if (db_txn(m->db, remind_txn, &r) < 0) {
			log_error("followups: reminder of match id=%s failed", r.match_id);
			continue;
		}
		if (r.done) {
			log_info("followups: reminded match id=%s", r.match_id);
			n++;
		}
	}
	return n;
}
