/*
 * rotate.c — `burenhulpctl rotate-key [--reseal]`: a new master key.
 *
 * Step 1, `rotate-key`: appends "ID HEX64" with the next ID to the master key
 * file. Programs seal with the highest ID they loaded and open with any, so
 * after the handlers restart (scripts/up restarts them when the key file
 * changed) new values are sealed with the new key and old ones still open.
 * Step 2, `rotate-key --reseal`: opens every sealed value that is not under
 * the newest key and seals it again, row by row with a compare-and-set, so a
 * value written meanwhile is left alone. When it reports nothing left under
 * an old key, that key's line may be removed from the file — except the
 * lowest, whose derived key makes the e-mail blind index.
 *
 * Sealed values are bound to "table.column:row_id" where column is the
 * database column without its "_ct" and row_id the row's primary key
 * (users.email of user X: "users.email:X"), except outbox mail, which is
 * bound to its user_id. A value sealed under another binding cannot be
 * opened here; it is counted and left as it is. Every sealed column of the
 * inventory (docs/privacy.md) must be in the table below:
 * tests/api/privacy_inventory.test.mjs holds the two against each other
 * (the columns of migrations 062, 081 and 082 were missing, and a reseal
 * left them under the old key).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "config.h"
#include "crypto.h"
#include "ctl.h"
#include "db.h"

static const struct sealed_column {
	const char	*table, *column;
	enum ctl_stmt	 get, set;
	bool		 numeric_id;
} sealed[] = {
	{ "users", "email", STMT_ROTATE_USERS_EMAIL_GET, STMT_ROTATE_USERS_EMAIL_SET, false },
	{ "users", "phone", STMT_ROTATE_USERS_PHONE_GET, STMT_ROTATE_USERS_PHONE_SET, false },
	{ "requests", "care_situation", STMT_ROTATE_REQUESTS_CARE_GET, STMT_ROTATE_REQUESTS_CARE_SET, false },
	{ "requests", "address", STMT_ROTATE_REQUESTS_ADDRESS_GET, STMT_ROTATE_REQUESTS_ADDRESS_SET, false },
	{ "requests", "phone", STMT_ROTATE_REQUESTS_PHONE_GET, STMT_ROTATE_REQUESTS_PHONE_SET, false },
	{ "messages", "body", STMT_ROTATE_MESSAGES_BODY_GET, STMT_ROTATE_MESSAGES_BODY_SET, false },
	{ "outbox", "to", STMT_ROTATE_OUTBOX_TO_GET, STMT_ROTATE_OUTBOX_TO_SET, true },
	{ "outbox", "body", STMT_ROTATE_OUTBOX_BODY_GET, STMT_ROTATE_OUTBOX_BODY_SET, true },
	{ "mfa_totp", "secret", STMT_ROTATE_MFA_SECRET_GET, STMT_ROTATE_MFA_SECRET_SET, false },
	{ "caregiver_checks", "result", STMT_ROTATE_CGC_RESULT_GET, STMT_ROTATE_CGC_RESULT_SET, false },
	{ "checkins", "note", STMT_ROTATE_CHECKINS_NOTE_GET, STMT_ROTATE_CHECKINS_NOTE_SET, false },
	{ "users_vog", "note", STMT_ROTATE_VOG_NOTE_GET, STMT_ROTATE_VOG_NOTE_SET, false },
	{ "vacancy_messages", "body", STMT_ROTATE_VACANCY_MESSAGES_BODY_GET,
	  STMT_ROTATE_VACANCY_MESSAGES_BODY_SET, false },
	{ "circle_invitations", "email", STMT_ROTATE_CIRCLE_EMAIL_GET, STMT_ROTATE_CIRCLE_EMAIL_SET, false },
};

/* The highest key ID in the master key file, 0 when none, -1 on failure. */
static int
highest_key_id(const char *path)
{
	FILE *f;
	char line[256];
	long id;
	int max = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot open %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		id = strtol(line, NULL, 10);
		if (id > max)
			max = (int)id;
	}
	sodium_memzero(line, sizeof(line));
	fclose(f);
	return max;
}

static int
append_key(const char *path)
{
	unsigned char key[32];
	char hex[2 * sizeof(key) + 1], line[16 + sizeof(hex)];
	int id, fd = -1, rc = -1, n;

	if ((id = highest_key_id(path)) < 0)
		return -1;
	if (id >= 255) {
		fprintf(stderr, "burenhulpctl: key ids end at 255\n");
		return -1;
	}
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	n = snprintf(line, sizeof(line), "%d %s\n", id + 1, hex);
	if ((fd = open(path, O_WRONLY | O_APPEND)) == -1 ||
	    write(fd, line, (size_t)n) != n || fsync(fd) != 0) {
		fprintf(stderr, "burenhulpctl: cannot append to %s: %s\n", path,
		    strerror(errno));
		goto out;
	}
	printf("rotate-key: key %d added to %s\n"
	    "rotate-key: restart the handlers (scripts/up does), then run "
	    "`burenhulpctl rotate-key --reseal`\n", id + 1, path);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	sodium_memzero(line, sizeof(line));
	return rc;
}

/* Reseals one column; adds to the counters. 0 or -1. */
static int
reseal_column(struct ctl *c, const struct sealed_column *col, int newest,
    size_t *resealed, size_t *current, size_t *unreadable)
{
	struct db_rows rows;
	const char *last = col->numeric_id ? "0" : "";
	size_t r;
	int rc;

	for (;;) {
		struct arena page = { 0 };
		struct db_param after = col->numeric_id ?
		    DB_INT(atoll(last)) : DB_STR(last);

		rc = db_exec(c->db, &page, (int)col->get, &after, 1, &rows);
		if (rc != DB_OK) {
			arena_reset(&page);
			return -1;
		}
		for (r = 0; r < rows.nrows; r++) {
			const char *id = db_str(&rows, r, 0);
			const char *bound = db_str(&rows, r, 1);
			const unsigned char *ct = (const unsigned char *)db_str(&rows, r, 2);
			size_t ctlen = db_len(&rows, r, 2), ptlen, newlen;
			unsigned char *fresh;
			char *pt;

			if (crypto_field_key_id(ct, ctlen) == newest) {
				(*current)++;
				continue;
			}
			if (bound == NULL || crypto_field_open(&page, &pt, &ptlen,
			    col->table, col->column, bound, ct, ctlen) != 0) {
				(*unreadable)++;
				continue;
			}
			rc = crypto_field_seal(&page, &fresh, &newlen, col->table,
			    col->column, bound, pt, ptlen);
			sodium_memzero(pt, ptlen);
			if (rc != 0 || db_exec(c->db, &page, (int)col->set,
			    DB_PARAMS(DB_BLOB(fresh, newlen), DB_STR(id),
			    DB_BLOB(ct, ctlen)), NULL) != DB_OK) {
				arena_reset(&page);
				return -1;
			}
			(*resealed)++;
		}
		if (rows.nrows == 0) {
			arena_reset(&page);
			return 0;
		}
		last = arena_strdup(&c->a, db_str(&rows, rows.nrows - 1, 0));
		arena_reset(&page);
	}
}

int
cmd_rotate_key(struct ctl *c, int argc, char **argv)
{
	const char *path = config_str(c->cfg, "master_key", NULL);
	size_t i, resealed = 0, current = 0, unreadable = 0;
	int newest;

	if (path == NULL) {
		fprintf(stderr, "burenhulpctl: no master_key in %s\n", c->config_path);
		return 1;
	}
	if (argc == 0)
		return append_key(path) == 0 ? 0 : 1;
	if (argc != 1 || strcmp(argv[0], "--reseal") != 0) {
		fprintf(stderr, "usage: burenhulpctl rotate-key [--reseal]\n");
		return 2;
	}
	if ((newest = highest_key_id(path)) <= 0)
		return 1;
	for (i = 0; i < sizeof(sealed) / sizeof(sealed[0]); i++)
		if (reseal_column(c, &sealed[i], newest, &resealed, &current,
		    &unreadable) != 0) {
			fprintf(stderr, "burenhulpctl: resealing %s.%s failed\n",
			    sealed[i].table, sealed[i].column);
			return 1;
		}
	printf("rotate-key: %zu values resealed with key %d, %zu were already, "
	    "%zu could not be opened (left as they are)\n", resealed, newest,
	    current, unreadable);
	return unreadable == 0 ? 0 : 1;
}
