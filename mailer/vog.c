/*
 * vog.c — the VOG expiry job (issue 17): a volunteer whose verified VOG
 * expires within vog_warn_days (30) is told once (vog.expiring, link to the
 * profile), in the same transaction that marks the VOG as told for that
 * expiry date, as followups.c does for reminders. A renewed VOG has a new
 * expiry date and is told about again when its time comes.
 */
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "mailer.h"
#include "notify.h"

struct warn {
	struct mailer	*m;
	const char	*user_id, *expires_on;
	bool		 done;
};

static int
warn_txn(void *ctx)
{
	struct warn *w = ctx;
	struct mailer *m = w->m;
	int rc;

	w->done = false;
	if ((rc = db_exec(m->db, &m->a, MSTMT_VOG_MARK,
	    DB_PARAMS(DB_STR(w->expires_on), DB_STR(w->user_id), DB_STR(w->expires_on)),
	    NULL)) != DB_OK)
		return rc;
	if (db_affected(m->db) != 1)
		return DB_OK;	/* renewed, erased or told meanwhile */
	if ((rc = notify(m->db, &m->a, w->user_id, "vog.expiring", "/profiel.html#vog",
	    NULL, NULL, arena_printf(&m->a, "vog:%s:%s", w->user_id, w->expires_on),
	    -1)) != DB_OK)
		return rc;
	w->done = true;
	return DB_OK;
}

int
vog_run(struct mailer *m)
{
	long days = config_long(m->cfg, "vog_warn_days", 30);
	struct db_rows due;
	struct warn w;
	size_t i;
	int n = 0;

	if (days < 1 || days > 365)
		days = 30;
	if (db_exec(m->db, &m->a, MSTMT_VOG_DUE, DB_PARAMS(DB_INT(days)), &due) != DB_OK)
		return -1;
	for (i = 0; i < due.nrows && !mailer_stopping; i++) {
		memset(&w, 0, sizeof(w));
		w.m = m;
		w.user_id = db_str(&due, i, 0);
		w.expires_on = db_str(&due, i, 1);
		if (db_txn(m->db, warn_txn, &w) < 0) {
			log_error("vog: expiry notice of user id=%s failed", w.user_id);
			continue;
		}
		if (w.done) {
			log_info("vog: expiry notice for user id=%s", w.user_id);
			n++;
		}
	}
	return n;
}
