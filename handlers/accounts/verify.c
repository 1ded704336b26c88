/*
 * verify.c — confirming an e-mail address: the mail at registration, a new
 * one on request (POST /me/verify-email), and the link's POST
 * /accounts/verify {token}. Posting and responding wait for it
 * (lib/auth.c); browsing does not. Only the token's keyed hash is stored;
 * the token itself travels sealed in the outbox to the mailer.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "accounts.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "notify.h"
#include "problem.h"

#define VERIFY_MAILS_PER_HOUR	5

int
verification_queue(struct req *r, const char *user_id)
{
	unsigned char hash[CRYPTO_HASH_LEN];
	char token[CRYPTO_TOKEN_LEN + 1];
	int rc;

	crypto_token_new(token);
	crypto_token_hash(hash, token);
	rc = db_exec(r->db, r->arena, STMT_VERIFY_INSERT,
	    DB_PARAMS(DB_BLOB(hash, sizeof(hash)), DB_STR(user_id)), NULL);
	if (rc == DB_OK)
		rc = notify_account_mail(r->db, r->arena, user_id,
		    "account.email_verify", token);
	sodium_memzero(token, sizeof(token));
	return rc;
}

struct resend {
	struct req	*r;
	bool		 verified, too_many;
};

static int
resend_txn(void *ctx)
{
	struct resend *s = ctx;
	struct req *r = s->r;
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_VERIFY_STATE,
	    DB_PARAMS(DB_STR(r->who.user_id)), &rows)) != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return DB_ERROR;
	s->verified = db_int(&rows, 0, 0) != 0;
	s->too_many = db_int(&rows, 0, 1) >= VERIFY_MAILS_PER_HOUR;
	if (s->verified || s->too_many)
		return DB_OK;
	return verification_queue(r, r->who.user_id);
}

void
verify_resend(struct req *r)
{
	struct resend s = { r, false, false };

	if (db_txn(r->db, resend_txn, &s) < 0) {
		problem_internal(r, "verify resend");
		return;
	}
	if (s.too_many) {
		http_header(r, "Retry-After", "3600");
		problem_send(r, 429, "rate_limited",
		    "Several mails went out this hour already; look in your spam folder, or try later.");
		return;
	}
	/* Already verified: nothing to send, and nothing to complain about. */
	if (!s.verified)
		(void)audit_write(r, "account.verify_requested", "user", r->who.user_id, NULL);
	http_send_empty(r, 202);
}

struct confirm {
	struct req	*r;
	unsigned char	 hash[CRYPTO_HASH_LEN];
	char		 user_id[CRYPTO_ID_LEN + 1];
};

/* 1 when the token is not (or no longer) valid. */
static int
confirm_txn(void *ctx)
{
	struct confirm *c = ctx;
	struct req *r = c->r;
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_VERIFY_GET,
	    DB_PARAMS(DB_BLOB(c->hash, sizeof(c->hash))), &rows)) != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return 1;
	snprintf(c->user_id, sizeof(c->user_id), "%s", db_str(&rows, 0, 0));
	if ((rc = db_exec(r->db, r->arena, STMT_VERIFY_USE,
	    DB_PARAMS(DB_BLOB(c->hash, sizeof(c->hash))), NULL)) != DB_OK)
		return rc;
	return db_exec(r->db, r->arena, STMT_USER_VERIFIED,
	    DB_PARAMS(DB_STR(c->user_id)), NULL);
}

void
verify_confirm(struct req *r)
{
	struct confirm c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	crypto_token_hash(c.hash, json_get_str(r->json, "token"));
	if ((rc = db_txn(r->db, confirm_txn, &c)) < 0) {
		problem_internal(r, "verify");
		return;
	}
	if (rc == 1) {
		problem_field(r, "token", "invalid", "This link is not valid (any more).");
		problem_invalid(r);
		return;
	}
	(void)audit_write(r, "account.email_verified", "user", c.user_id, NULL);
	http_send_empty(r, 204);
}
