/*
 * outbox.c — `burenhulpctl outbox-token --email E [--verify]`: the token in
 * the newest password-reset (or, with --verify, address-confirmation) mail
 * to E, for an operator helping a user whose mail does not arrive, and for
 * the tests' fixtures. It prints a live secret, so it is an operator's tool: it
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
	const char *kind = "account.password_reset";

	if (argc == 3 && strcmp(argv[2], "--verify") == 0) {
		kind = "account.email_verify";
		argc--;
	}
	if (argc != 2 || strcmp(argv[0], "--email") != 0) {
		fprintf(stderr, "usage: burenhulpctl outbox-token --email E [--verify]\n");
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
	    DB_PARAMS(DB_STR(user_id), DB_STR(kind)), &rows) != DB_OK)
		return 1;
	if (rows.nrows == 0) {
		fprintf(stderr, "burenhulpctl: no such mail for that address\n");
		return 1;
	}
	if (crypto_field_open(&c->a, &body, &len, "outbox", "body", user_id,
	    (const unsigned char *)db_str(&rows, 0, 1), db_len(&rows, 0, 1)) != 0) {
		fprintf(stderr, "burenhulpctl: cannot open the mail\n");
		return 1;
	}
	if ((p = strstr(body, "token=")) == NULL) {
		fprintf(stderr, "burenhulpctl: the mail holds no token\n");
		sodium_memzero(body, len);
		return 1;
	}
	p += strlen("token=");
	n = strcspn(p, " \t\r\n&");
	printf("%.*s\n", (int)n, p);
	sodium_memzero(body, len);
	return 0;
}
