/*
 * burenhulpctl.c — the operator's command line: `burenhulpctl -c CONFIG
 * COMMAND [ARGS]`. This file reads the command line and the config, loads
 * the keys, opens the database and hands over to one command; the commands
 * live in migrate.c, users.c, postcodes.c, purge.c, rotate.c, outbox.c and
 * digest.c (which runs the mailer's own mailer/digest.c).
 */
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
	int		 needs_master_key;
	const char	*usage;
} commands[] = {
	{ "migrate", cmd_migrate, 0,
	  "migrate                 apply new sql/migrations, then sql/grants" },
	{ "user", cmd_user, 1,
	  "user add --email E --name N --role R[,R2] --password-stdin [--postcode P]" },
	{ "import-postcodes", cmd_import_postcodes, 0,
	  "import-postcodes FILE   PC4 areas from CSV (pc4,place,lat,lon[,municipality])" },
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
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int
usage(void)
{
	size_t i;

	fprintf(stderr, "usage: burenhulpctl -c CONFIG COMMAND [ARGS]\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(stderr, "  %s\n", commands[i].usage);
	return 2;
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
	while ((ch = getopt(argc, argv, "+c:h")) != -1) {
		switch (ch) {
		case 'c':
			c.config_path = optarg;
			break;
		default:
			return usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (c.config_path == NULL || argc < 1)
		return usage();
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL)
		return usage();

	if ((c.cfg = config_load(c.config_path)) == NULL)
		goto out;
	master = config_str(c.cfg, "master_key", NULL);
	if (cmd->needs_master_key && master == NULL) {
		fprintf(stderr, "burenhulpctl: %s needs master_key in %s\n",
		    cmd->name, c.config_path);
		goto out;
	}
	if (crypto_keys_load(master, config_str(c.cfg, "session_key", NULL)) != 0)
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
