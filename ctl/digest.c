/*
 * digest.c — `burenhulpctl digest --now`: the daily digests, written at
 * once rather than at the mailer's digest_hour (operators, tests). The
 * collection is the mailer's own (mailer/digest.c, on the mailer's
 * statement table over a connection of its own); the running mailer sends
 * the digest rows it writes. Today's scheduled run is not touched.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "db.h"
#include "../mailer/mailer.h"

/* mailer/digest.c stops between batches when this is set (the mailer's
 * SIGTERM); burenhulpctl runs each command to its end. */
volatile sig_atomic_t mailer_stopping;

int
cmd_digest(struct ctl *c, int argc, char **argv)
{
	struct db *db;
	long n;

	if (argc != 1 || strcmp(argv[0], "--now") != 0) {
		fprintf(stderr, "usage: burenhulpctl digest --now\n");
		return 2;
	}
	if ((db = db_open(c->cfg, mailer_stmts, MSTMT__MAX)) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot open the database\n");
		return 1;
	}
	n = digest_collect(db, &c->a, NULL);
	db_close(db);
	if (n < 0) {
		fprintf(stderr, "burenhulpctl: the digest collection failed\n");
		return 1;
	}
	printf("digest: %ld digests written\n", n);
	return 0;
}
