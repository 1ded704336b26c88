/*
 * mailer.h — what the parts of burenhulp-mailer share.
 *
 * The mailer is a program on lib/ that is not a FastCGI handler: one thread
 * runs the jobs of main.c's table in turn (send: drain the outbox over
 * SMTP; digest: the daily digests; followups: reminders of accepted
 * matches). Each job is in the file named after it; the SMTP client
 * (libcurl) is smtp.c, the message format mime.c, the texts render.c. The
 * database user is bh_mailer (sql/grants/mailer.sql); its statements are
 * the table in stmts.c, by enum mailer_stmt.
 *
 * Nothing that identifies a person goes to the log: outbox ids, counts and
 * SMTP status codes only.
 */
#ifndef BH_MAILER_H
#define BH_MAILER_H

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>

#include "arena.h"

struct config;
struct db;
struct smtp;

/* The settings of the config file, read once (main.c: settings_load). */
struct mailer_settings {
	const char	*smtp_url;	/* smtp://[user:pass@]host:port, smtps:// */
	const char	*mail_from;	/* "Burenhulp <noreply@localhost>" */
	char		*envelope_from;	/* its bare address (MAIL FROM) */
	const char	*public_url;	/* base of every link, no trailing / */
	char		 host[256];	/* public_url's host: Message-IDs */
	long		 poll_ms;	/* between two looks at the outbox */
	long		 batch;		/* rows claimed at once */
	long		 lease_s;	/* a claim's lease */
	long		 retry_base_s, retry_max_s;	/* back-off */
	long		 max_attempts;	/* then: failed */
	long		 smtp_timeout_s, smtp_connect_timeout_s;
	long		 digest_hour;	/* UTC */
	long		 reminder_s;	/* reminder_days, or reminder_s */
	long		 followups_period_s;
	long		 checkin_interval_s;	/* checkin_interval_days (42); 0: off */
};

struct mailer {
	const struct config		*cfg;
	struct mailer_settings		 set;
	struct db			*db;	/* on mailer_stmts */
	struct smtp			*smtp;	/* NULL in burenhulpctl */
	struct arena			 a;	/* reset after each job run */
};

/* Set by SIGTERM/SIGINT: every loop finishes the mail in flight and stops. */
extern volatile sig_atomic_t mailer_stopping;

/* Jobs (main.c's table): each returns the number of items done (mails
 * sent, digests written, reminders sent; > 0 asks to run again at once
 * when the job is one that drains), or -1 on failure (logged). */
int send_run(struct mailer *m);		/* send.c */
int digest_run(struct mailer *m);	/* digest.c: at digest_hour, once a day */
int followups_run(struct mailer *m);	/* followups.c */
int checkins_run(struct mailer *m);	/* checkins.c: recurring help */
int vacancy_alerts_run(struct mailer *m);	/* vacancy_alerts.c (issue 18) */
int vog_run(struct mailer *m);		/* vog.c: VOG expiry notices (issue 17) */
/* caregiver_check.c: the monthly reminder of the caregiver's own check */
int caregiver_check_run(struct mailer *m);
/* circles.c: a circle request nobody took by its circle_until (issue 18) */
int circles_run(struct mailer *m);

/* The digest collection itself, at once (burenhulpctl digest --now and
 * digest_run): every user with daily items not yet in a digest gets one
 * outbox row; items created after cutoff (NULL: now) wait. Returns the
 * number of digests written, or -1. */
long digest_collect(struct db *db, struct arena *a, const char *cutoff);

enum mailer_stmt {
	/* send.c */
	MSTMT_CLAIM_SELECT,
	MSTMT_CLAIM_LEASE,
	MSTMT_ROW_GET,
	MSTMT_DIGEST_ITEMS,
	MSTMT_UNSUB_INSERT,
	MSTMT_MARK_SENT,
	MSTMT_MARK_RETRY,
	MSTMT_MARK_FAILED,
	MSTMT_RELEASE,
	MSTMT_USER_BOUNCED,
	/* digest.c */
	MSTMT_STATE_GET,
	MSTMT_STATE_START,
	MSTMT_STATE_FINISH,
	MSTMT_NOW,
	MSTMT_DIGEST_USERS,
	MSTMT_DIGEST_INSERT,
	MSTMT_DIGEST_LINK,
	/* followups.c */
	MSTMT_REMINDER_DUE,
	MSTMT_REMINDER_MARK,
	/* checkins.c (issue 17) */
	MSTMT_CHECKIN_DUE,
	MSTMT_CHECKIN_ASK,
	MSTMT_VOG_DUE,		/* vog.c */
	MSTMT_VOG_MARK,
	MSTMT_CGC_REMIND_DUE,	/* caregiver_check.c */
	MSTMT_CGC_REMIND_MARK,
	MSTMT_VALERT_DUE,	/* vacancy_alerts.c (issue 18) */
	MSTMT_VALERT_MARK,
	MSTMT_VALERT_FIT,
	MSTMT_CIRCLE_UNTIL_DUE,	/* circles.c (issue 18 part 3) */
	MSTMT_CIRCLE_UNTIL_MARK,
	MSTMT__MAX
};
extern const char *const mailer_stmts[MSTMT__MAX];

#endif
