/*
 * burenhulpctl.c — the operator's command line: `burenhulpctl [-c CONFIG]
 * COMMAND [ARGS]`. This file reads the command line and the config, loads
 * the keys, opens the database and hands over to one command; the commands
 * live in migrate.c, users.c, postcodes.c, purge.c, rotate.c, outbox.c,
 * digest.c (which runs the mailer's own mailer/digest.c), audit_export.c
 * backup.c and hsds_import.c.
 * Without -c the installed config is read
 * (BH_SYSCONFDIR/burenhulp/ctl.conf, /etc/burenhulp/ctl.conf by default).
 * `--help` and `--version` need neither config nor database.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>

#include "config.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "log.h"

static const struct command {
	const char	*name;
	int		(*run)(struct ctl *, int, char **);
	int		 needs_master_key;	/* -1: opens nothing, loads no key */
	const char	*usage;
} commands[] = {
	{ "migrate", cmd_migrate, 0,
	  "migrate                 apply new sql/migrations, then sql/grants" },
	{ "backup", cmd_backup, 0,
	  "backup DIR              hot, consistent copy of the database (mariadb-backup)" },
	{ "restore", cmd_restore, 0,
	  "restore DIR             put a backup back (server stopped, empty datadir)" },
	{ "user", cmd_user, 1,
	  "user add --email E --name N --role R[,R2] --password-stdin [--postcode P]" },
	{ "import-postcodes", cmd_import_postcodes, 0,
	  "import-postcodes FILE   PC4 areas from CSV (pc4,place,lat,lon[,municipality])" },
	{ "import-hsds", cmd_import_hsds, 0,
	  "import-hsds FILE.json   a directory in Open Referral HSDS 3.0 (checked whole, then upserted)" },
	{ "seed-demo", cmd_seed_demo, 1,
	  "seed-demo               the demo users, then sql/demo/*.sql" },
	{ "purge", cmd_purge, 0,
	  "purge [--days N]        apply the retention rules" },
	{ "rotate-key", cmd_rotate_key, 1,
	  "rotate-key [--reseal]   add a master key; reseal values under old keys" },
	{ "seed-bench", cmd_seed_bench, 1,
	  "seed-bench [--users N] [--requests N] [--offers N] [--matches N]  bench data (adds)" },
	{ "outbox-token", cmd_outbox_token, 1,
	  "outbox-token --email E [--verify]  the token of the newest reset (or confirmation) mail to E" },
	{ "digest", cmd_digest, 0,
	  "digest --now            write the daily digests at once (the mailer sends them)" },
	{ "audit-export", cmd_audit_export, -1,
	  "audit-export [--stdout] [--follow] [--cursor NAME] [--facility F] [--poll-ms N] [--gap-wait-s N]\n"
	  "                          audit log rows after the cursor to syslog (or stdout), in order" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct option long_options[] = {
	{ "config",	required_argument,	NULL, 'c' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

#ifndef BH_SYSCONFDIR
#define BH_SYSCONFDIR	"/etc"
#endif
#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION	"unknown"
#endif
#define DEFAULT_CONFIG	BH_SYSCONFDIR "/burenhulp/ctl.conf"

/* The usage on out; the exit status: 0 asked for (--help), 2 a mistake. */
static int
usage(FILE *out, int status)
{
	size_t i;

	fprintf(out, "usage: burenhulpctl [-c CONFIG] COMMAND [ARGS]\n"
	    "       burenhulpctl --help | --version\n"
	    "CONFIG defaults to %s.\ncommands:\n", DEFAULT_CONFIG);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %s\n", commands[i].usage);
	return status;
}

int
main(int argc, char **argv)
{
	struct ctl c;
	const struct command *cmd = NULL;
	const char *master;
	size_t i;
	long ops, mem_kib;
	int ch, rc = 1;

	memset(&c, 0, sizeof(c));
	log_init("burenhulpctl");
	while ((ch = getopt_long(argc, argv, "+c:hV", long_options, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c.config_path = optarg;
			break;
		case 'h':
			return usage(stdout, 0);
		case 'V':
			printf("burenhulpctl (Burenhulp) %s\n", PACKAGE_VERSION);
			return 0;
		default:
			return usage(stderr, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return usage(stderr, 2);
	if (c.config_path == NULL)
		c.config_path = DEFAULT_CONFIG;
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL)
		return usage(stderr, 2);
	/* backup and restore run mariadb-backup and need no connection of
	 * their own (restore runs while the server is stopped). */
	if (strcmp(cmd->name, "backup") == 0 || strcmp(cmd->name, "restore") == 0) {
		if ((c.cfg = config_load(c.config_path)) == NULL)
			return 1;
		rc = cmd->run(&c, argc - 1, argv + 1);
		config_free(c.cfg);
		return rc;
	}

	if ((c.cfg = config_load(c.config_path)) == NULL)
		goto out;
	master = config_str(c.cfg, "master_key", NULL);
	if (cmd->needs_master_key && master == NULL) {
		fprintf(stderr, "burenhulpctl: %s needs master_key in %s\n",
		    cmd->name, c.config_path);
		goto out;
	}
	/* audit-export reads ids and codes only: it runs without the keys
	 * (its systemd unit is not in the group that may read them). */
	if (cmd->needs_master_key >= 0 &&
	    crypto_keys_load(master, config_str(c.cfg, "session_key", NULL)) != 0)
		goto out;
	/* Hash passwords as the accounts handler does (same config keys). */
	ops = config_long(c.cfg, "pwhash_ops", 0);
	mem_kib = config_long(c.cfg, "pwhash_mem_kib", 0);
	if (ops > 0 && mem_kib > 0)
		crypto_password_params((unsigned long long)ops,
		    (size_t)mem_kib * 1024);
	if (db_global_init() != 0) {
		fprintf(stderr, "burenhulpctl: cannot initialise the client library\n");
		goto out;
	}
	if ((c.db = db_open(c.cfg, ctl_stmts, STMT__MAX)) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot open the database\n");
		goto out_lib;
	}
	rc = cmd->run(&c, argc - 1, argv + 1);
	db_close(c.db);
	if (c.raw != NULL)
		mysql_close(c.raw);
out_lib:
	db_global_end();
out:
	arena_reset(&c.a);
	crypto_keys_free();
	config_free(c.cfg);
	return rc;
}
