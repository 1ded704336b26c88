/*
 * circles.c — the circle job (issue 18 part 3): a request that went to a
 * circle first and that nobody took by its circle_until is told to its
 * poster, once (kind circle.unanswered), with the link to the request,
 * whose page offers "ask everyone" (POST /requests/{id}/publish).
 *
 * One transaction per request: circle_told_at is set only where it is
 * still NULL and the request is still an open circle request, and the
 * notification (once_key "circle_until:REQUEST") is written in the same
 * transaction, so the poster is told neither twice nor never, whatever runs
 * beside it. A request taken (matched) or published before its time is
 * left alone: no row is due.
 */
#include <string.h>

#include "db.h"
#include "log.h"
#include "mailer.h"
#include "notify.h"

struct tell {
	struct mailer	*m;
	const char	*id, *owner_id, *title;
	bool		 done;
};

static int
tell_txn(void *ctx)
{
	struct tell *t = ctx;
	struct mailer *m = t->m;
	int rc;

	t->done = false;
	if ((rc = db_exec(m->db, &m->a, MSTMT_CIRCLE_UNTIL_MARK,
	    DB_PARAMS(DB_STR(t->id)), NULL)) != DB_OK)
		return rc;
	if (db_affected(m->db) != 1)
		return DB_OK;	/* taken, published or told meanwhile */
	if ((rc = notify(m->db, &m->a, t->owner_id, "circle.unanswered",
	    arena_printf(&m->a, "/hulpvraag.html?id=%s", t->id), t->title, NULL,
	    arena_printf(&m->a, "circle_until:%s", t->id), -1)) != DB_OK)
		return rc;
	t->done = true;
	return DB_OK;
}

int
circles_run(struct mailer *m)
{
	struct db_rows due;
	struct tell t;
	size_t i;
	int n = 0;

	if (db_exec(m->db, &m->a, MSTMT_CIRCLE_UNTIL_DUE, NULL, 0, &due) != DB_OK)
		return -1;
	for (i = 0; i < due.nrows && !mailer_stopping; i++) {
		memset(&t, 0, sizeof(t));
		t.m = m;
		t.id = db_str(&due, i, 0);
		t.owner_id = db_str(&due, i, 1);
		t.title = db_str(&due, i, 2);
		if (db_txn(m->db, tell_txn, &t) < 0) {
			log_error("circles: telling request id=%s failed", t.id);
			continue;
		}
		if (t.done) {
			log_info("circles: told the poster of request id=%s", t.id);
			n++;
		}
	}
	return n;
}
