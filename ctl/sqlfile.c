/*
 * sqlfile.c — running the project's own SQL files (migrations, grants, demo
 * data) on a plain connection.
 *
 * A file is split into statements at every line that ends with ';' (after
 * trailing blanks), and the statements run one by one, so that a failure
 * names its file and line. Lines that start with "--" or "#" are comments.
 * No DELIMITER: a migration that needs a procedure or trigger body with ';'
 * inside must keep those ';' away from line ends. These files hold no outside
 * input, so they go to the server as text (mysql_real_query); everything that
 * carries a value goes through prepared statements (stmts.c).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "config.h"
#include "ctl.h"

int
ctl_raw_connect(struct ctl *c)
{
	unsigned int timeout_s = 10;

	if (c->raw != NULL)
		return 0;
	if ((c->raw = mysql_init(NULL)) == NULL) {
		fprintf(stderr, "burenhulpctl: out of memory\n");
		return -1;
	}
	mysql_options(c->raw, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(c->raw, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	mysql_options(c->raw, MYSQL_OPT_CONNECT_TIMEOUT, &timeout_s);
	if (mysql_real_connect(c->raw, NULL,
	    config_str(c->cfg, "db_user", "bh_ctl"),
	    config_str(c->cfg, "db_password", ""),
	    config_str(c->cfg, "db_name", "burenhulp"), 0,
	    config_str(c->cfg, "db_socket", NULL), 0) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot connect to the database: %s\n",
		    mysql_error(c->raw));
		mysql_close(c->raw);
		c->raw = NULL;
		return -1;
	}
	return 0;
}

const char *
ctl_sql_root(const struct ctl *c)
{
	return config_str(c->cfg, "sql_dir", "sql");
}

/* True when s[0..n) is only blanks. */
static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

static int
run_statement(struct ctl *c, const char *path, size_t line,
    const char *sql, size_t len)
{
	MYSQL_RES *res;

	if (blank(sql, len))
		return 0;
	if (mysql_real_query(c->raw, sql, (unsigned long)len) != 0) {
		fprintf(stderr, "burenhulpctl: %s:%zu: %s (error %u)\n", path,
		    line, mysql_error(c->raw), mysql_errno(c->raw));
		return -1;
	}
	/* A statement that returns rows (a SELECT in demo data): drop them. */
	if (mysql_field_count(c->raw) > 0) {
		if ((res = mysql_store_result(c->raw)) != NULL)
			mysql_free_result(res);
	}
	return 0;
}

/* Splits the SQL text of f into statements and hands each to run (with the
 * line it starts on, without its ';'; it may be all blanks). A statement
 * ends at a line whose last non-blank character is ';' (the files never put
 * one at a line's end inside a string); lines starting with '#' or "--"
 * are comments. 0, or -1 when run failed, memory ran out or f could not be
 * read (said on stderr). The pure half of ctl_sql_file, so
 * tests/fuzz/fuzz_sqlfile.c can feed it. */
static int
sql_split(FILE *f, const char *path,
    int (*run)(void *ctx, size_t line, const char *sql, size_t len), void *ctx)
{
	char *line = NULL, *stmt = NULL, *grown;
	size_t cap = 0, len = 0, stmt_cap = 0, lineno = 0, first = 0, n, i;
	ssize_t got;
	int rc = -1;

	while ((got = getline(&line, &cap, f)) != -1) {
		lineno++;
		n = (size_t)got;
		for (i = 0; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
			;
		if (line[i] == '#' || (line[i] == '-' && line[i + 1] == '-'))
			continue;
		if (blank(line, n) && len == 0)
			continue;
		if (len == 0)
			first = lineno;
		if (len + n + 1 > stmt_cap) {
			stmt_cap = (len + n + 1) * 2;
			if ((grown = realloc(stmt, stmt_cap)) == NULL) {
				fprintf(stderr, "burenhulpctl: out of memory\n");
				goto out;
			}
			stmt = grown;
		}
		memcpy(stmt + len, line, n);
		len += n;
		stmt[len] = '\0';
		/* Does this line end the statement? */
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
		    line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (n > 0 && line[n - 1] == ';') {
			while (len > 0 && stmt[len - 1] != ';')
				len--;
			len--;			/* the ';' itself */
			if (run(ctx, first, stmt, len) != 0)
				goto out;
			len = 0;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "burenhulpctl: cannot read %s\n", path);
		goto out;
	}
	/* A last statement without ';'. */
	if (len > 0 && run(ctx, first, stmt, len) != 0)
		goto out;
	rc = 0;
out:
	free(stmt);
	free(line);
	return rc;
}

struct sql_run {
	struct ctl	*c;
	const char	*path;
};

static int
run_one(void *ctx, size_t line, const char *sql, size_t len)
{
	const struct sql_run *sr = ctx;

	return run_statement(sr->c, sr->path, line, sql, len);
}

int
ctl_sql_file(struct ctl *c, const char *path)
{
	struct sql_run sr = { c, path };
	FILE *f;
	int rc;

	if (ctl_raw_connect(c) != 0)
		return -1;
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot open %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	rc = sql_split(f, path, run_one, &sr);
	fclose(f);
	return rc;
}

static int
is_sql_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 &&
	    strcmp(d->d_name + n - 4, ".sql") == 0;
}

int
ctl_sql_dir(struct ctl *c, const char *dir)
{
	struct dirent **names = NULL;
	char *path;
	int n, i, rc = 0;

	if ((n = scandir(dir, &names, is_sql_file, alphasort)) == -1) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "burenhulpctl: cannot read %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			path = arena_printf(&c->a, "%s/%s", dir, names[i]->d_name);
			rc = ctl_sql_file(c, path);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}
