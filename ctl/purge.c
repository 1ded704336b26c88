/*
 * purge.c — `burenhulpctl purge [--days N]`: the retention rules (DESIGN.md,
 * GDPR). Run it daily from cron or a systemd timer.
 *
 *   - the private part (care situation, address, phone) of a request that
 *     closed more than N days ago (config retention_days, default 90);
 *   - messages about such requests;
 *   - the notes of check-ins on recurring help (read only by moderators)
 *     older than N days, and the coordinator's note on a match whose
 *     request closed more than N days ago (issue 17);
 *   - the conversations of responses to a vacancy closed (or rejected,
 *     hidden) more than N days ago; the responses stay (issue 18 part 2);
 *   - mail in the outbox older than N days, sent or not;
 *   - expired sessions and password-reset tokens, login attempts older
 *     than a day (past every throttling window).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ctl.h"
#include "db.h"

static const struct purge_step {
	enum ctl_stmt	 stmt;
	int		 takes_days;
	const char	*what;
} steps[] = {
	{ STMT_PURGE_REQUEST_PRIVATE, 1, "private parts of closed requests" },
	{ STMT_PURGE_MESSAGES, 1, "messages about closed requests" },
	{ STMT_PURGE_OUTBOX, 1, "old outbox mail" },
	{ STMT_PURGE_CHECKIN_NOTES, 1, "check-in notes" },
	{ STMT_PURGE_COORDINATOR_NOTES, 1, "coordinator notes of closed requests" },
	{ STMT_PURGE_VACANCY_MESSAGES, 1, "conversations about closed vacancies" },
	{ STMT_PURGE_SESSIONS, 0, "expired sessions" },
	{ STMT_PURGE_PASSWORD_RESETS, 0, "expired password-reset tokens" },
	{ STMT_PURGE_LOGIN_ATTEMPTS, 0, "old login attempts" },
};

int
cmd_purge(struct ctl *c, int argc, char **argv)
{
	long days = config_long(c->cfg, "retention_days", 90);
	char *end;
	size_t i;
	int rc;

	if (argc == 2 && strcmp(argv[0], "--days") == 0) {
		days = strtol(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0')
			days = -1;
	} else if (argc != 0) {
		fprintf(stderr, "usage: burenhulpctl purge [--days N]\n");
		return 2;
	}
	if (days < 1 || days > 36500) {
		fprintf(stderr, "burenhulpctl: retention must be 1 to 36500 days\n");
		return 2;
	}
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (steps[i].takes_days)
			rc = db_exec(c->db, &c->a, (int)steps[i].stmt,
			    DB_PARAMS(DB_INT(days)), NULL);
		else
			rc = db_exec(c->db, &c->a, (int)steps[i].stmt, NULL, 0, NULL);
		if (rc != DB_OK) {
			fprintf(stderr, "burenhulpctl: purging %s failed\n",
			    steps[i].what);
			return 1;
		}
		printf("purge: %llu %s\n", db_affected(c->db), steps[i].what);
	}
	return 0;
}
