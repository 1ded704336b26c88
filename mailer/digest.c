/*
 * digest.c — the digest job: once a day at digest_hour (UTC), every user
 * with 'daily' events not yet in a digest gets one outbox row of kind
 * 'digest', and those events point at it (notifications.digest_id); send.c
 * renders the row from them.
 *
 * Set-based, in batches of 1 000 users: per batch one INSERT ... SELECT
 * (a digest row per user of the range) and one UPDATE ... JOIN (the events
 * to their user's row), in one transaction, so a digest row never exists
 * without its events nor an event in a digest that was not written.
 *
 * Once a day: mailer_runs (061) remembers today's run and its cutoff.
 * Events after the cutoff wait for tomorrow, so a restart the same day
 * resumes the run (with the same cutoff: only the users it had not reached
 * yet) and never sends anyone a second digest that day. `burenhulpctl
 * digest --now` runs digest_collect at once, outside that schedule; it
 * links this file (and stmts.c) rather than a copy.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "mailer.h"

struct batch {
	struct db	*db;
	struct arena	*a;
	const char	*first, *last, *cutoff;	/* users (first, last] */
	long		 made;
};

static int
batch_txn(void *ctx)
{
	struct batch *b = ctx;
	int rc;

	if ((rc = db_exec(b->db, b->a, MSTMT_DIGEST_INSERT, DB_PARAMS(DB_STR(b->cutoff),
	    DB_STR(b->first), DB_STR(b->last), DB_STR(b->cutoff)), NULL)) != DB_OK)
		return rc;
	b->made = (long)db_affected(b->db);
	return db_exec(b->db, b->a, MSTMT_DIGEST_LINK, DB_PARAMS(DB_STR(b->cutoff),
	    DB_STR(b->first), DB_STR(b->last), DB_STR(b->cutoff)), NULL);
}

long
digest_collect(struct db *db, struct arena *a, const char *cutoff)
{
	struct db_rows now, users;
	struct batch b;
	char after[64] = "";
	long total = 0;

	if (cutoff == NULL) {
		/* The database's clock, like every other time here. */
		if (db_exec(db, a, MSTMT_NOW, NULL, 0, &now) != DB_OK || now.nrows != 1)
			return -1;
		cutoff = db_str(&now, 0, 0);
	}
	for (;;) {
		if (db_exec(db, a, MSTMT_DIGEST_USERS, DB_PARAMS(DB_STR(after),
		    DB_STR(cutoff)), &users) != DB_OK)
			return -1;
		if (users.nrows == 0)
			break;
		memset(&b, 0, sizeof(b));
		b.db = db;
		b.a = a;
		b.first = arena_strdup(a, after);
		b.last = db_str(&users, users.nrows - 1, 0);
		b.cutoff = cutoff;
		if (db_txn(db, batch_txn, &b) < 0)
			return -1;
		total += b.made;
		snprintf(after, sizeof(after), "%s", b.last);
		if (users.nrows < 1000 || mailer_stopping)
			break;
	}
	return total;
}

int
digest_run(struct mailer *m)
{
	struct db_rows st;
	struct tm tm;
	time_t now = time(NULL);
	long made;

	gmtime_r(&now, &tm);
	if (m->set.digest_hour < 0 || tm.tm_hour < m->set.digest_hour)
		return 0;
	if (db_exec(m->db, &m->a, MSTMT_STATE_GET, DB_PARAMS(DB_STR("digest")), &st) != DB_OK)
		return -1;
	if (st.nrows == 1 && db_int(&st, 0, 1) != 0)
		return 0;	/* today's digests are out */
	if (db_exec(m->db, &m->a, MSTMT_STATE_START, DB_PARAMS(DB_STR("digest")), NULL) != DB_OK ||
	    db_exec(m->db, &m->a, MSTMT_STATE_GET, DB_PARAMS(DB_STR("digest")), &st) != DB_OK ||
	    st.nrows != 1) {
		log_error("digest: cannot record today's run");
		return -1;
	}
	if ((made = digest_collect(m->db, &m->a, db_str(&st, 0, 0))) < 0) {
		log_error("digest: collecting failed; the next run resumes");
		return -1;
	}
	if (mailer_stopping)
		return 0;	/* resumed after the restart, same cutoff */
	if (db_exec(m->db, &m->a, MSTMT_STATE_FINISH, DB_PARAMS(DB_STR("digest")), NULL) != DB_OK)
		return -1;
	log_info("digest: %ld digests written", made);
	return (int)made;
}
