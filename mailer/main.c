/*
 * main.c — burenhulp-mailer: drains the outbox over SMTP, writes the daily
 * digests, sends the follow-ups. Not a FastCGI handler: nothing routes to
 * it; it reads the database and talks SMTP.
 *
 * Read the job table as the table of contents: each job is in the file
 * named after it (send.c, digest.c, followups.c) and runs when its period
 * has passed; one that drains (send) runs again at once while it finds
 * work. One thread, one database connection, one SMTP connection: the
 * jobs take turns, so nothing here is shared between threads.
 *
 * Its life: -c CONFIG → config (the common keys plus the mailer's, in
 * settings_load) → keys (the master key: the mailer opens sealed
 * addresses) → database (bh_mailer, statements of stmts.c) → SMTP client
 * → the loop, until SIGTERM or SIGINT: the mail in flight is finished,
 * the rest of its batch given back, and the program exits 0.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mailer.h"
#include "mime.h"
#include "smtp.h"

enum period { EVERY_POLL, EVERY_FOLLOWUP, EVERY_MINUTE };

static const struct job {
	const char	*name;
	int		(*run)(struct mailer *);
	enum period	 every;		/* poll_ms, followups_period_s, 60 s */
	bool		 drains;	/* again at once while it finds work */
} jobs[] = {
	{ "send",	send_run,	EVERY_POLL,	true },
	{ "digest",	digest_run,	EVERY_MINUTE,	false },	/* at digest_hour */
	{ "followups",	followups_run,	EVERY_FOLLOWUP,	false },
	{ "checkins",	checkins_run,	EVERY_FOLLOWUP,	false },	/* recurring help */
	{ "vog",	vog_run,	EVERY_FOLLOWUP,	false },	/* issue 17 */
	{ "caregiver_check", caregiver_check_run, EVERY_FOLLOWUP, false },	/* issue 17 */
	{ "vacancy_alerts", vacancy_alerts_run, EVERY_POLL, true },	/* issue 18 */
	{ "circles",	circles_run,	EVERY_FOLLOWUP,	false },	/* issue 18 part 3 */
};
#define NJOBS (sizeof(jobs) / sizeof(jobs[0]))

volatile sig_atomic_t mailer_stopping;

static void
on_stop(int sig)
{
	(void)sig;
	mailer_stopping = 1;
}

static long
clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The mailer's keys of the config, with their defaults; -1 when one that
 * must be there is not. */
static int
settings_load(struct mailer *m, const struct config *cfg)
{
	struct mailer_settings *s = &m->set;
	const char *days;
	char *end;
	double d;

	s->smtp_url = config_str(cfg, "smtp_url", NULL);
	s->mail_from = config_str(cfg, "mail_from", "Burenhulp <noreply@localhost>");
	s->public_url = config_str(cfg, "public_url", "http://localhost:8080");
	if (s->smtp_url == NULL) {
		log_error("config: smtp_url is required");
		return -1;
	}
	if ((s->envelope_from = mime_address(&m->a, s->mail_from)) == NULL) {
		log_error("config: mail_from holds no usable address");
		return -1;
	}
	/* Settings outlive every job run: not in the job arena. */
	if ((s->envelope_from = strdup(s->envelope_from)) == NULL)
		return -1;
	arena_reset(&m->a);
	mime_url_host(s->host, sizeof(s->host), s->public_url);
	s->poll_ms = clamp(config_long(cfg, "poll_ms", 1000), 10, 60000);
	s->batch = clamp(config_long(cfg, "batch", 50), 1, 1000);
	s->lease_s = clamp(config_long(cfg, "lease_s", 60), 3, 3600);
	s->retry_base_s = clamp(config_long(cfg, "retry_base_s", 30), 1, 86400);
	s->retry_max_s = clamp(config_long(cfg, "retry_max_s", 3600), s->retry_base_s, 7 * 86400);
	s->max_attempts = clamp(config_long(cfg, "max_attempts", 20), 1, 1000);
	s->smtp_connect_timeout_s = clamp(config_long(cfg, "smtp_connect_timeout_s", 10), 1, 300);
	/* A mail must end well within its claim's lease (send.c, 3). */
	s->smtp_timeout_s = clamp(config_long(cfg, "smtp_timeout_s", 30), 1, s->lease_s / 2);
	if (s->smtp_connect_timeout_s > s->smtp_timeout_s)
		s->smtp_connect_timeout_s = s->smtp_timeout_s;
	s->digest_hour = clamp(config_long(cfg, "digest_hour", 7), -1, 23);
	days = config_str(cfg, "reminder_days", "7");
	d = strtod(days, &end);
	if (*days == '\0' || *end != '\0' || d < 0) {
		log_warn("config: reminder_days is not a number, using 7");
		d = 7;
	}
	s->reminder_s = (long)(d * 86400);
	s->reminder_s = config_long(cfg, "reminder_s", s->reminder_s);
	s->followups_period_s = clamp(config_long(cfg, "followups_period_s", 60), 1, 3600);
	/* Recurring help is asked how it goes every six weeks (issue 17). */
	s->checkin_interval_s = config_long(cfg, "checkin_interval_days", 42) * 86400;
	s->checkin_interval_s = config_long(cfg, "checkin_interval_s", s->checkin_interval_s);
	return 0;
}

static double
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
period_ms(const struct mailer *m, enum period p)
{
	switch (p) {
	case EVERY_POLL:
		return (double)m->set.poll_ms;
	case EVERY_FOLLOWUP:
		return (double)m->set.followups_period_s * 1e3;
	case EVERY_MINUTE:
		return 60e3;
	}
	return 60e3;
}

/* Sleeps ms or until a signal; SIGTERM does not wait for the period. */
static void
nap(double ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1e3);
	ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1e3) * 1e6);
	(void)nanosleep(&ts, NULL);
}

static void
loop(struct mailer *m)
{
	double due[NJOBS], now, next;
	size_t i;
	int rc;

	for (i = 0; i < NJOBS; i++)
		due[i] = 0;	/* everything once at start */
	while (!mailer_stopping) {
		now = mono_ms();
		for (i = 0; i < NJOBS && !mailer_stopping; i++) {
			if (now < due[i])
				continue;
			rc = jobs[i].run(m);
			arena_reset(&m->a);
			if (rc < 0)
				log_warn("job %s failed; again in its period", jobs[i].name);
			now = mono_ms();
			due[i] = jobs[i].drains && rc > 0 ? now : now + period_ms(m, jobs[i].every);
		}
		next = due[0];
		for (i = 1; i < NJOBS; i++)
			if (due[i] < next)
				next = due[i];
		nap(next - mono_ms());
	}
}

/* logrotate renamed the log file: the next line goes to a new one. */
static void
on_hup(int sig)
{
	(void)sig;
	(void)log_reopen();
}

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s -c CONFIG\n", prog);
}

int
main(int argc, char **argv)
{
	struct mailer m;
	struct config *cfg = NULL;
	struct sigaction sa;
	const char *config_path = NULL, *master;
	int c, rc = 1;

	memset(&m, 0, sizeof(m));
	log_init("mailer");
	while ((c = getopt(argc, argv, "c:")) != -1) {
		if (c != 'c') {
			usage(argv[0]);
			return 2;
		}
		config_path = optarg;
	}
	if (config_path == NULL || optind != argc) {
		usage(argv[0]);
		return 2;
	}
	if ((cfg = config_load(config_path)) == NULL)
		return 1;
	/* As the handlers: log_file opened 0640, reopened on SIGHUP (logrotate). */
	if (config_str(cfg, "log_file", NULL) != NULL &&
	    log_open(config_str(cfg, "log_file", NULL)) != 0) {
		log_error("cannot open log_file %s", config_str(cfg, "log_file", ""));
		goto out;
	}
	m.cfg = cfg;
	if (settings_load(&m, cfg) != 0)
		goto out;
	if ((master = config_str(cfg, "master_key", NULL)) == NULL) {
		log_error("config: master_key is required by the mailer");
		goto out;
	}
	if (crypto_keys_load(master, config_str(cfg, "session_key", NULL)) != 0)
		goto out;
	if (db_global_init() != 0 || smtp_global_init() != 0) {
		log_error("cannot initialise libraries");
		goto out_keys;
	}
	if ((m.db = db_open(cfg, mailer_stmts, MSTMT__MAX)) == NULL ||
	    (m.smtp = smtp_new(m.set.smtp_url, config_str(cfg, "smtp_ca_file", NULL),
	    m.set.smtp_connect_timeout_s,
	    m.set.smtp_timeout_s)) == NULL)
		goto out_libs;

	/* No SA_RESTART: a signal ends the nap at once. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_flags = 0;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	log_info("started: batch=%ld poll_ms=%ld lease_s=%ld digest_hour=%ld",
	    m.set.batch, m.set.poll_ms, m.set.lease_s, m.set.digest_hour);
	loop(&m);
	log_info("stopped");
	rc = 0;
out_libs:
	smtp_free(m.smtp);
	db_close(m.db);
	smtp_global_end();
	db_global_end();
out_keys:
	crypto_keys_free();
out:
	arena_reset(&m.a);
	free(m.set.envelope_from);
	config_free(cfg);
	return rc;
}
