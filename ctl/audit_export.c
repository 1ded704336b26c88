/*
 * audit_export.c — `burenhulpctl audit-export [--stdout] [--follow] ...`:
 * every audit_log row to an outside collector (ASVS V16.4, issue 16), as
 * one RFC 5424-style line each (audit_line.c): through syslog(3) with
 * facility authpriv (or the one configured), or on stdout for a pipe.
 *
 * Invariants (the tests in tests/api/audit_export.test.mjs check them):
 *
 *  1. Where it stands is the row `name` of audit_export_cursor (migration
 *     093): last_id, the highest audit_log.id written. Each consumer has
 *     its own name ("syslog" by default, "stdout" with --stdout, or
 *     --cursor NAME), so a pipe for a test does not take rows from the
 *     collector.
 *  2. Rows go out in id order, each written (stdout: flushed; syslog:
 *     syslog(3) returned) before last_id moves past it, one UPDATE per row.
 *     A process killed between the two writes that one row again on its
 *     next start: its id is in the line, so a collector can drop the
 *     second. Nothing else is written twice, and a restart resumes where
 *     the last run stopped.
 *  3. The UPDATE is a compare-and-set on the last_id read: a second
 *     exporter on the same cursor makes one of the two stop with an error
 *     rather than both writing the same rows.
 *  4. No row is skipped because a later one was read first. InnoDB hands
 *     out AUTO_INCREMENT ids when a row is inserted, not when it commits:
 *     a transaction that took id 41 may commit after 42 is visible. So the
 *     export stops before a hole in the ids (last_id + 1 not there yet) and
 *     waits until the row after the hole is gap_wait_s old (30 s): only
 *     then is the hole taken for a rolled-back transaction and passed. (A
 *     transaction open longer than that with an audit row in it would be
 *     missed; the handlers' transactions last milliseconds. In a Galera
 *     cluster, whose ids step by the number of nodes, every hole waits
 *     gap_wait_s: the export then runs that far behind, nothing more.)
 *     syslog(3) cannot tell a message the local daemon refused: the export
 *     checks that the daemon's socket is there before each batch and waits
 *     while it is not, but a daemon that dies mid-batch loses what was
 *     sent to it then. (--stdout into a pipe has no such hole: a write
 *     that fails stops the export with the cursor on the last row out.)
 *  5. The rows hold ids, codes, the client's address and times only
 *     (docs/privacy.md, audit_log); nothing is opened or added.
 *
 * The cursor is read from the database, never from outside input: nothing
 * here parses what a caller sends.
 */
#include <errno.h>
#include <paths.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "audit_line.h"
#include "config.h"
#include "ctl.h"
#include "db.h"

#define AUDIT_BATCH	500

/* The columns of STMT_AUDIT_AFTER. */
enum { AC_ID, AC_AT, AC_ACTOR, AC_ADDRESS, AC_ACTION, AC_TARGET_TYPE,
	AC_TARGET_ID, AC_DETAIL, AC_AGE_MS };

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static const struct facility_name {
	const char	*name;
	int		 value;
} facilities[] = {
	{ "authpriv", LOG_AUTHPRIV }, { "auth", LOG_AUTH }, { "daemon", LOG_DAEMON },
	{ "user", LOG_USER }, { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
	{ "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

static int
facility_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (strcmp(name, facilities[i].name) == 0)
			return facilities[i].value;
	return -1;
}

/* A whole decimal number in [lo, hi], or -1. */
static long
number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	return v;
}

static int
cursor_name_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/* Sleeps ms, or until SIGTERM/SIGINT. */
static void
nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	if (!stopping)
		(void)nanosleep(&ts, NULL);	/* EINTR: a signal came */
}

struct export {
	struct ctl	*c;
	const char	*cursor;
	int		 to_stdout;
	int		 facility;
	long		 gap_wait_ms;
	char		 host[256];
	unsigned long long last_id;
	unsigned long long written;
	int		 waiting;	/* stopped before a hole */
};

/* One line out. 0, or -1 when stdout failed (the cursor stays). */
static int
emit(struct export *e, const struct audit_row *row)
{
	char line[2048];

	if (e->to_stdout) {
		if (audit_line_full(line, sizeof(line), row, e->facility, e->host,
		    (long)getpid()) < 0)
			return -1;
		if (fputs(line, stdout) == EOF || fputc('\n', stdout) == EOF ||
		    fflush(stdout) != 0)
			return -1;
		return 0;
	}
	if (audit_line_body(line, sizeof(line), row) < 0)
		return -1;
	syslog(audit_line_severity(row->action), "%s", line);
	return 0;
}

/* One batch after e->last_id. Returns the rows read (AUDIT_BATCH: there may
 * be more); -2 when the database failed (--follow waits and tries again:
 * db reconnects); -1 when a line could not be written or another exporter
 * moved the cursor (the end). Failures are printed. */
static long
export_batch(struct export *e)
{
	struct ctl *c = e->c;
	struct db_rows rows;
	struct audit_row row;
	unsigned long long id;
	size_t i;

	arena_reset(&c->a);
	e->waiting = 0;
	/* syslog(3) drops what it cannot send and says nothing: with no
	 * daemon's socket at all, nothing is read, so nothing is lost. */
	if (!e->to_stdout && access(_PATH_LOG, W_OK) != 0) {
		fprintf(stderr, "burenhulpctl: audit-export: no syslog socket at %s\n", _PATH_LOG);
		return -2;
	}
	if (db_exec(c->db, &c->a, STMT_AUDIT_AFTER,
	    DB_PARAMS(DB_INT(e->last_id), DB_INT(AUDIT_BATCH)), &rows) != DB_OK) {
		fprintf(stderr, "burenhulpctl: audit-export: cannot read the audit log\n");
		return -2;
	}
	for (i = 0; i < rows.nrows && !stopping; i++) {
		id = strtoull(db_str(&rows, i, AC_ID), NULL, 10);
		if (id != e->last_id + 1 && db_int(&rows, i, AC_AGE_MS) < e->gap_wait_ms) {
			e->waiting = 1;	/* invariant 4: a hole may still fill */
			break;
		}
		row.id = db_str(&rows, i, AC_ID);
		row.at = db_str(&rows, i, AC_AT);
		row.actor_id = db_is_null(&rows, i, AC_ACTOR) ? NULL : db_str(&rows, i, AC_ACTOR);
		row.address = db_is_null(&rows, i, AC_ADDRESS) ? NULL : db_str(&rows, i, AC_ADDRESS);
		row.action = db_str(&rows, i, AC_ACTION);
		row.target_type = db_str(&rows, i, AC_TARGET_TYPE);
		row.target_id = db_is_null(&rows, i, AC_TARGET_ID) ? NULL :
		    db_str(&rows, i, AC_TARGET_ID);
		row.detail = db_is_null(&rows, i, AC_DETAIL) ? NULL : db_str(&rows, i, AC_DETAIL);
		if (emit(e, &row) != 0) {
			fprintf(stderr, "burenhulpctl: audit-export: cannot write row %llu\n", id);
			return -1;
		}
		/* Invariants 2 and 3: the row is out; now the cursor moves. */
		if (db_exec(c->db, &c->a, STMT_AUDIT_CURSOR_SET,
		    DB_PARAMS(DB_INT(id), DB_STR(e->cursor), DB_INT(e->last_id)), NULL) != DB_OK) {
			fprintf(stderr, "burenhulpctl: audit-export: cannot move the cursor past %llu "
			    "(it is written; the next try writes it again)\n", id);
			return -2;
		}
		if (db_affected(c->db) != 1) {
			fprintf(stderr, "burenhulpctl: audit-export: cursor %s was moved by another "
			    "exporter; stopping\n", e->cursor);
			return -1;
		}
		e->last_id = id;
		e->written++;
	}
	return (long)rows.nrows;
}

static int
load_cursor(struct export *e)
{
	struct db_rows rows;

	if (db_exec(e->c->db, &e->c->a, STMT_AUDIT_CURSOR_INIT,
	    DB_PARAMS(DB_STR(e->cursor)), NULL) != DB_OK ||
	    db_exec(e->c->db, &e->c->a, STMT_AUDIT_CURSOR_GET,
	    DB_PARAMS(DB_STR(e->cursor)), &rows) != DB_OK || rows.nrows != 1) {
		fprintf(stderr, "burenhulpctl: audit-export: cannot read cursor %s "
		    "(migration 093 applied?)\n", e->cursor);
		return -1;
	}
	e->last_id = strtoull(db_str(&rows, 0, 0), NULL, 10);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: burenhulpctl audit-export [--stdout] [--follow] "
	    "[--cursor NAME] [--facility NAME] [--poll-ms N] [--gap-wait-s N]\n");
	return 2;
}

int
cmd_audit_export(struct ctl *c, int argc, char **argv)
{
	struct export e;
	struct sigaction sa;
	const char *facility = config_str(c->cfg, "audit_syslog_facility", "authpriv");
	const char *cursor = NULL;
	long poll_ms = config_long(c->cfg, "audit_export_poll_ms", 2000);
	long gap_wait_s = config_long(c->cfg, "audit_export_gap_wait_s", 30);
	long n;
	int follow = 0, i, rc = 0;

	memset(&e, 0, sizeof(e));
	e.c = c;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--stdout") == 0)
			e.to_stdout = 1;
		else if (strcmp(argv[i], "--follow") == 0)
			follow = 1;
		else if (i + 1 < argc && strcmp(argv[i], "--cursor") == 0)
			cursor = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--facility") == 0)
			facility = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--poll-ms") == 0)
			poll_ms = number(argv[++i], 10, 3600000);
		else if (i + 1 < argc && strcmp(argv[i], "--gap-wait-s") == 0)
			gap_wait_s = number(argv[++i], 0, 86400);
		else
			return usage();
	}
	if (cursor == NULL)
		cursor = e.to_stdout ? "stdout" : "syslog";
	if (!cursor_name_ok(cursor)) {
		fprintf(stderr, "burenhulpctl: --cursor: 1 to 32 of a-z, 0-9, - and _\n");
		return 2;
	}
	if ((e.facility = facility_of(facility)) < 0) {
		fprintf(stderr, "burenhulpctl: unknown syslog facility %s "
		    "(authpriv, auth, daemon, user, local0..local7)\n", facility);
		return 2;
	}
	if (poll_ms < 10 || poll_ms > 3600000 || gap_wait_s < 0 || gap_wait_s > 86400) {
		fprintf(stderr, "burenhulpctl: --poll-ms 10..3600000, --gap-wait-s 0..86400\n");
		return 2;
	}
	e.cursor = cursor;
	e.gap_wait_ms = gap_wait_s * 1000;
	if (gethostname(e.host, sizeof(e.host) - 1) != 0)
		e.host[0] = '\0';

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: a signal ends the nap */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (!e.to_stdout)
		openlog("burenhulp-audit", LOG_PID | LOG_NDELAY, e.facility);

	if (load_cursor(&e) != 0) {
		rc = 1;
		goto out;
	}
	while (!stopping) {
		n = export_batch(&e);
		if (n == -1 || (n == -2 && !follow)) {
			rc = 1;
			break;
		}
		if (n == AUDIT_BATCH && !e.waiting)
			continue;
		if (!follow)
			break;
		nap(poll_ms);
	}
	if (e.waiting && !follow)
		fprintf(stderr, "burenhulpctl: audit-export: stopped before a hole after id %llu "
		    "(a transaction still open?); the next run goes on\n", e.last_id);
out:
	fprintf(stderr, "audit-export: %llu rows written, cursor %s at %llu\n",
	    e.written, e.cursor, e.last_id);
	if (!e.to_stdout)
		closelog();
	return rc;
}
