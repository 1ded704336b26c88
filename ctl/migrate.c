/*
 * migrate.c — `burenhulpctl migrate`: bring the schema up to date, then
 * (re)apply every handler's grants.
 *
 * sql/migrations/NNN_name.sql are applied in order of NNN, each at most once,
 * and recorded in schema_migrations with the SHA-256 of the file (a landed
 * migration that was edited afterwards is reported, not re-run).
 *
 * No transaction around a migration: MariaDB and MySQL commit implicitly
 * before and after every DDL statement, so a migration that fails half-way
 * keeps the statements that ran before the failure and is not recorded. The
 * message names the statement; repair it (or the database) and run migrate
 * again. Grants come last because they name the tables that migrations make;
 * GRANT adds and never fails on a privilege already held, so this repeats
 * safely.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "config.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"

/* NNN_something.sql */
static int
is_migration(const struct dirent *d)
{
	const char *s = d->d_name;
	size_t n = strlen(s);

	return n > 8 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    s[3] == '_' && strcmp(s + n - 4, ".sql") == 0;
}

/* Hex SHA-256 of the file at path into out (65 bytes). 0 or -1. */
static int
file_sha256(char out[65], const char *path)
{
	crypto_hash_sha256_state st;
	unsigned char buf[8192], h[crypto_hash_sha256_BYTES];
	size_t n;
	FILE *f;
	int rc = -1;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot open %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	crypto_hash_sha256_init(&st);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_hash_sha256_update(&st, buf, n);
	if (ferror(f)) {
		fprintf(stderr, "burenhulpctl: cannot read %s\n", path);
		goto out;
	}
	crypto_hash_sha256_final(&st, h);
	crypto_hex(out, h, sizeof(h));
	rc = 0;
out:
	fclose(f);
	return rc;
}

int
cmd_migrate(struct ctl *c, int argc, char **argv)
{
	struct dirent **names = NULL;
	struct db_rows done;
	const char *dir, *name, *had;
	char sum[65], *path;
	int n = 0, i, rc = 1, applied = 0, version, prev = -1;
	size_t r;

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: burenhulpctl migrate\n");
		return 2;
	}
	if (db_exec(c->db, &c->a, STMT_MIGRATIONS_CREATE, NULL, 0, NULL) != DB_OK ||
	    db_exec(c->db, &c->a, STMT_MIGRATIONS_LIST, NULL, 0, &done) != DB_OK) {
		fprintf(stderr, "burenhulpctl: cannot read schema_migrations\n");
		return 1;
	}
	dir = arena_printf(&c->a, "%s/migrations", ctl_sql_root(c));
	if ((n = scandir(dir, &names, is_migration, alphasort)) == -1) {
		fprintf(stderr, "burenhulpctl: cannot read %s: %s\n", dir,
		    strerror(errno));
		n = 0;
		goto out;
	}
	for (i = 0; i < n; i++) {
		name = names[i]->d_name;
		version = atoi(name);
		if (version == prev) {
			fprintf(stderr, "burenhulpctl: two migrations numbered %03d "
			    "(%s and another)\n", version, name);
			goto out;
		}
		prev = version;
		path = arena_printf(&c->a, "%s/%s", dir, name);
		if (file_sha256(sum, path) != 0)
			goto out;
		had = NULL;
		for (r = 0; r < done.nrows; r++)
			if (db_int(&done, r, 0) == version)
				had = db_str(&done, r, 2);
		if (had != NULL) {
			if (strcmp(had, sum) != 0)
				fprintf(stderr, "burenhulpctl: warning: %s changed after "
				    "it was applied; it is not run again (add a new "
				    "migration instead)\n", name);
			continue;
		}
		printf("migrate: applying %s\n", name);
		if (ctl_sql_file(c, path) != 0)
			goto out;
		if (db_exec(c->db, &c->a, STMT_MIGRATION_RECORD,
		    DB_PARAMS(DB_INT(version), DB_STR(name), DB_STR(sum)),
		    NULL) != DB_OK) {
			fprintf(stderr, "burenhulpctl: %s applied but not recorded\n",
			    name);
			goto out;
		}
		applied++;
	}
	printf("migrate: %d applied, %zu already there\n", applied, done.nrows);
	if (ctl_sql_dir(c, arena_printf(&c->a, "%s/grants", ctl_sql_root(c))) != 0)
		goto out;
	printf("migrate: grants applied\n");
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
