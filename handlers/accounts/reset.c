/*
 * reset.c — POST /password-reset and /password-reset/confirm.
 *
 * The request answers 202 whether or not the address is known, so it cannot
 * be used to find out who has an account. The token goes out by mail
 * (sealed in the outbox, rendered and sent by the mailer); only its keyed
 * hash is stored.
 */
#include <string.h>

#include <sodium.h>

#include "accounts.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "notify.h"
#include "problem.h"
#include "valid.h"

void
reset_request(struct req *r)
{
	const char *normal = valid_email_normalise(r->arena, json_get_str(r->json, "email"));
	unsigned char bidx[CRYPTO_HASH_LEN], token_hash[CRYPTO_HASH_LEN];
	char token[CRYPTO_TOKEN_LEN + 1];
	struct db_rows user;
	const char *id;

	crypto_blind_index(bidx, "email", normal);
	if (db_exec(r->db, r->arena, STMT_USER_BY_EMAIL,
	    DB_PARAMS(DB_BLOB(bidx, sizeof(bidx))), &user) != DB_OK)
		goto internal;
	if (user.nrows == 1 && strcmp(db_str(&user, 0, UC_STATUS), "active") == 0) {
		id = db_str(&user, 0, UC_ID);
		crypto_token_new(token);
		crypto_token_hash(token_hash, token);
		if (db_exec(r->db, r->arena, STMT_RESET_INSERT,
		    DB_PARAMS(DB_BLOB(token_hash, sizeof(token_hash)), DB_STR(id)), NULL) != DB_OK ||
		    notify_account_mail(r->db, r->arena, id,
		    "account.password_reset", token) != DB_OK) {
			sodium_memzero(token, sizeof(token));
			goto internal;
		}
		sodium_memzero(token, sizeof(token));
		(void)audit_write(r, "account.reset_requested", "user", id, NULL);
	}
	http_send_empty(r, 202);
	return;
internal:
	problem_internal(r, "password reset");
}

struct confirm {
	struct req		*r;
	unsigned char		 token_hash[CRYPTO_HASH_LEN];
	const char		*hash;
	char			 user_id[CRYPTO_ID_LEN + 1];
};

/* 1 when the token is not (or no longer) valid. */
static int
use_token(void *ctx)
{
	struct confirm *c = ctx;
	struct req *r = c->r;
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_RESET_GET,
	    DB_PARAMS(DB_BLOB(c->token_hash, CRYPTO_HASH_LEN)), &rows)) != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return 1;
	snprintf(c->user_id, sizeof(c->user_id), "%s", db_str(&rows, 0, 0));
	if ((rc = db_exec(r->db, r->arena, STMT_RESET_USE,
	    DB_PARAMS(DB_BLOB(c->token_hash, CRYPTO_HASH_LEN)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_CREDENTIALS_SET,
	    DB_PARAMS(DB_STR(c->hash), DB_STR(c->user_id)), NULL)) != DB_OK)
		return rc;
	return auth_sessions_revoke(r, c->user_id, false) == 0 ? 0 : DB_ERROR;
}

void
reset_confirm(struct req *r)
{
	char hash[crypto_pwhash_STRBYTES];
	struct confirm c;
	int rc;

	struct db_rows live;

	memset(&c, 0, sizeof(c));
	c.r = r;
	crypto_token_hash(c.token_hash, json_get_str(r->json, "token"));
	/* The token first: a keyed-hash look-up costs nothing, Argon2id costs
	 * a core and 64 MiB. Only a live token's password is hashed, so a flood
	 * of bogus tokens cannot slow every login (issue 16, finding 1). The
	 * transaction below checks it again, under lock. */
	if (db_exec(r->db, r->arena, STMT_RESET_LIVE,
	    DB_PARAMS(DB_BLOB(c.token_hash, CRYPTO_HASH_LEN)), &live) != DB_OK)
		goto internal;
	if (live.nrows != 1) {
		problem_field(r, "token", "invalid", "This link is not valid (any more).");
		problem_invalid(r);
		return;
	}
	if (pw_hash(hash, json_get_str(r->json, "password")) != 0)
		goto internal;
	c.hash = hash;
	rc = db_txn(r->db, use_token, &c);
	sodium_memzero(hash, sizeof(hash));
	if (rc < 0)
		goto internal;
	if (rc == 1) {
		problem_field(r, "token", "invalid", "This link is not valid (any more).");
		problem_invalid(r);
		return;
	}
	(void)audit_write(r, "account.password_reset", "user", c.user_id, NULL);
	http_send_empty(r, 204);
	return;
internal:
	problem_internal(r, "password reset confirm");
}
