/*
 * checkins.c — the checkin job: asks both parties of accepted recurring help
 * how it goes (issue 17, part 5), every checkin_interval_days (config, 42:
 * six weeks) after acceptance and after the last question.
 *
 * Invariants:
 * 1. A match is asked when its request is recurring, it is accepted, and
 *    its checkin_state row is missing (accepted an interval ago) or was
 *    asked an interval ago.
 * 2. Asking is one transaction: the checkin_state row moves its asked_at
 *    to now (only if still due: a second mailer finds nothing to move) and
 *    both parties get a match.checkin notification (and their mail as
 *    their settings say). A crash before the commit leaves the match due;
 *    after it, asked: nobody is asked twice for one round.
 * 3. An answer (handlers/matches/checkin.c) sets answered_at; a question
 *    left unanswered for 14 days puts the match on the moderators'
 *    attention list (handlers/admin/checkins.c).
 */
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "mailer.h"
#include "notify.h"

struct ask {
	struct mailer	*m;
	const char	*match_id, *owner_id, *volunteer_id, *title;
	bool		 done;
};

static int
ask_txn(void *ctx)
{
	struct ask *a = ctx;
	struct mailer *m = a->m;
	const char *link, *round;
	int rc;

	a->done = false;
	if ((rc = db_exec(m->db, &m->a, MSTMT_CHECKIN_ASK, DB_PARAMS(
	    DB_STR(a->match_id), DB_INT(m->set.checkin_interval_s)), NULL)) != DB_OK)
		return rc;
	if (db_affected(m->db) == 0)
		return DB_OK;	/* asked meanwhile */
	link = arena_printf(&m->a, "/match.html?id=%s#checkin", a->match_id);
	round = arena_printf(&m->a, "checkin:%s:%ld", a->match_id,
	    (long)(time(NULL) / (m->set.checkin_interval_s > 0 ? m->set.checkin_interval_s : 1)));
	if ((rc = notify(m->db, &m->a, a->owner_id, "match.checkin", link, a->title,
	    NULL, round, -1)) != DB_OK)
		return rc;
	if ((rc = notify(m->db, &m->a, a->volunteer_id, "match.checkin", link, a->title,
	    NULL, round, -1)) != DB_OK)
		return rc;
	a->done = true;
	return DB_OK;
}

int
checkins_run(struct mailer *m)
{
	struct db_rows due;
	struct ask a;
	size_t i;
	int n = 0;

	if (m->set.checkin_interval_s <= 0)
		return 0;
	if (db_exec(m->db, &m->a, MSTMT_CHECKIN_DUE, DB_PARAMS(
	    DB_INT(m->set.checkin_interval_s), DB_INT(m->set.checkin_interval_s)),
	    &due) != DB_OK)
		return -1;
	for (i = 0; i < due.nrows && !mailer_stopping; i++) {
		memset(&a, 0, sizeof(a));
		a.m = m;
		a.match_id = db_str(&due, i, 0);
		a.owner_id = db_str(&due, i, 1);
		a.volunteer_id = db_str(&due, i, 2);
		a.title = db_str(&due, i, 3);
		if (db_txn(m->db, ask_txn, &a) < 0) {
			log_error("checkins: asking match id=%s failed", a.match_id);
			continue;
		}
		if (a.done) {
			log_info("checkins: asked match id=%s", a.match_id);
			n++;
		}
	}
	return n;
}
