/*
 * outbox.c — `burenhulpctl outbox-token --email E`: the password-reset token
 * in the newest reset mail to E, for a stack without a mailer (development,
 * the API tests). It prints a live secret, so it is an operator's tool: it
 * needs the master key and the database's ctl account.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "crypto.h"
#include "ctl.h"
#include "db.h"
#include "valid.h"

int
cmd_outbox_token(struct ctl *c, int argc, char **argv)
{
	struct db_rows rows;
	unsigned char bidx[CRYPTO_HASH_LEN];
	const char *norm, *user_id, *p;
	char *body = NULL;
	size_t len = 0, n;

	if (argc != 2 || strcmp(argv[0], "--email") != 0) {
		fprintf(stderr, "usage: burenhulpctl outbox-token --email E\n");
		return 2;
	}
	if ((norm = valid_email_normalise(&c->a, argv[1])) == NULL) {
		fprintf(stderr, "burenhulpctl: not an e-mail address\n");
		return 2;
	}
	crypto_blind_index(bidx, "email", norm);
	if (db_exec(c->db, &c->a, STMT_USER_BY_BIDX,
	    DB_PARAMS(DB_BLOB(bidx, sizeof(bidx))), &rows) != DB_OK)
		return 1;
	if (rows.nrows == 0) {
		fprintf(stderr, "burenhulpctl: no user with that address\n");
		return 1;
	}
	user_id = db_str(&rows, 0, 0);
	if (db_exec(c->db, &c->a, STMT_OUTBOX_LAST_RESET,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return 1;
	if (rows.nrows == 0) {
		fprintf(stderr, "burenhulpctl: no reset mail for that address\n");
		return 1;
	}
	if (crypto_field_open(&c->a, &body, &len, "outbox", "body", user_id,
	    (const unsigned char *)db_str(&rows, 0, 1), db_len(&rows, 0, 1)) != 0) {
		fprintf(stderr, "burenhulpctl: cannot open the reset mail\n");
		return 1;
	}
	if ((p = strstr(body, "token=")) == NULL) {
		fprintf(stderr, "burenhulpctl: the reset mail holds no token\n");
		sodium_memzero(body, len);
		return 1;
	}
	p += strlen("token=");
	n = strcspn(p, " \t\r\n&");
	printf("%.*s\n", (int)n, p);
	sodium_memzero(body, len);
	return 0;
}
