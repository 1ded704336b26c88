/*
 * session.c — POST/GET/DELETE /session: logging in (with throttling per
 * account and per address, and the second factor of mfa.c for an account
 * with TOTP on), reading the session, logging out.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "accounts.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "mfa.h"
#include "problem.h"
#include "valid.h"

struct throttle {
	unsigned char	account[CRYPTO_HASH_LEN];
	unsigned char	address[CRYPTO_HASH_LEN];
};

/* Seconds the caller must wait, 0 when the bucket is below max. -1 on error. */
static long
bucket_wait(struct req *r, const unsigned char *bucket, long max, long window_s)
{
	struct db_rows rows;
	long n, age;

	if (db_exec(r->db, r->arena, STMT_ATTEMPTS_COUNT,
	    DB_PARAMS(DB_BLOB(bucket, CRYPTO_HASH_LEN), DB_INT(window_s)), &rows) != DB_OK)
		return -1;
	n = (long)db_int(&rows, 0, 0);
	age = (long)db_int(&rows, 0, 1);
	if (n < max)
		return 0;
	return window_s - age > 1 ? window_s - age : 1;
}

static int
too_many(struct req *r, long wait_s)
{
	http_header(r, "Retry-After", arena_printf(r->arena, "%ld", wait_s));
	return problem_send(r, 429, "rate_limited",
	    "Too many failed attempts. Try again later.");
}

static void
record_failure(struct req *r, const struct throttle *t)
{
	if (db_exec(r->db, r->arena, STMT_ATTEMPT_INSERT,
	    DB_PARAMS(DB_BLOB(t->account, CRYPTO_HASH_LEN)), NULL) != DB_OK ||
	    db_exec(r->db, r->arena, STMT_ATTEMPT_INSERT,
	    DB_PARAMS(DB_BLOB(t->address, CRYPTO_HASH_LEN)), NULL) != DB_OK)
		log_error("login: cannot record a failed attempt");
	if (db_exec(r->db, r->arena, STMT_ATTEMPTS_PRUNE,
	    DB_PARAMS(DB_INT(config_long(r->cfg, "login_window_s", 900) * 4)), NULL) != DB_OK)
		log_warn("login: cannot prune attempts");
}

static int
send_session(struct req *r, int status, const char *user_id)
{
	struct db_rows rows;
	json_object *body, *user;

	if (user_load(r, user_id, &rows) != 0 || (user = user_own_json(r, &rows, 0)) == NULL)
		return problem_internal(r, "session user");
	body = json_object_new_object();
	json_put(body, "user", user);
	json_put_str(body, "csrf_token", r->who.csrf);
	return http_send_json(r, status, body);
}

void
session_login(struct req *r)
{
	const char *email = json_get_str(r->json, "email");
	const char *password = json_get_str(r->json, "password");
	long window_s = config_long(r->cfg, "login_window_s", 900);
	long wait_a, wait_b;
	struct throttle t;
	struct db_rows user, cred;
	const char *normal, *id, *status, *mfa_how = NULL;
	unsigned char bidx[CRYPTO_HASH_LEN];
	int ok, mfa;

	normal = valid_email_normalise(r->arena, email);
	crypto_blind_index(bidx, "email", normal != NULL ? normal : email);
	crypto_blind_index(t.account, "login-account", normal != NULL ? normal : email);
	crypto_blind_index(t.address, "login-address", r->remote_addr);

	wait_a = bucket_wait(r, t.account, config_long(r->cfg,
	    "login_max_failures_account", 5), window_s);
	wait_b = bucket_wait(r, t.address, config_long(r->cfg,
	    "login_max_failures_address", 50), window_s);
	if (wait_a < 0 || wait_b < 0)
		goto internal;
	if (wait_a > 0 || wait_b > 0) {
		too_many(r, wait_a > wait_b ? wait_a : wait_b);
		return;
	}

	if (db_exec(r->db, r->arena, STMT_USER_BY_EMAIL,
	    DB_PARAMS(DB_BLOB(bidx, sizeof(bidx))), &user) != DB_OK)
		goto internal;
	if (user.nrows != 1) {
		/* Same work, same answer as a wrong password. */
		pw_verify_dummy(password);
		goto refused;
	}
	id = db_str(&user, 0, UC_ID);
	if (db_exec(r->db, r->arena, STMT_CREDENTIALS_GET, DB_PARAMS(DB_STR(id)),
	    &cred) != DB_OK)
		goto internal;
	ok = cred.nrows == 1 && pw_verify(db_str(&cred, 0, 0), password) == 0;
	if (!ok) {
		if (cred.nrows != 1)
			pw_verify_dummy(password);
		goto refused;
	}
	status = db_str(&user, 0, UC_STATUS);
	if (strcmp(status, "active") != 0) {
		problem_send(r, 403, "account_blocked", "This account has been blocked.");
		return;
	}
	/* The second factor. No session is made without it, and a wrong code
	 * counts as a failure like a wrong password (the account's counter
	 * is cleared only below, once both factors passed). */
	mfa = mfa_login_check(r, id, json_get_str(r->json, "code"), &mfa_how);
	if (mfa < 0)
		goto internal;
	if (mfa != MFA_PASS) {
		if (mfa == MFA_WRONG) {
			record_failure(r, &t);
			(void)audit_write(r, "session.mfa_failed", "user", id, mfa_how);
		}
		problem_send(r, 401, "mfa_required", mfa == MFA_WRONG ?
		    "The code is wrong or was used already." :
		    "This account has two-step login: send the code of the authenticator app (or a recovery code) as code.");
		return;
	}
	/* Parameters changed since this hash was made: upgrade it now that we
	 * hold the password. */
	if (crypto_password_needs_rehash(db_str(&cred, 0, 0))) {
		char fresh[crypto_pwhash_STRBYTES];

		if (pw_hash(fresh, password) == 0 &&
		    db_exec(r->db, r->arena, STMT_CREDENTIALS_SET,
		    DB_PARAMS(DB_STR(fresh), DB_STR(id)), NULL) == DB_OK)
			log_info("login: password hash upgraded");
	}
	if (db_exec(r->db, r->arena, STMT_ATTEMPTS_CLEAR,
	    DB_PARAMS(DB_BLOB(t.account, CRYPTO_HASH_LEN)), NULL) != DB_OK)
		log_warn("login: cannot clear attempts");
	/* Logging in on top of a session (switching accounts) replaces it: the
	 * old token must not stay valid behind the user's back. */
	if (auth_session_drop(r) != 0 ||
	    auth_session_start(r, id, auth_roles_parse(db_str(&user, 0, UC_ROLES))) != 0)
		goto internal;
	(void)audit_write(r, "session.login", "user", id,
	    mfa_how != NULL ? arena_printf(r->arena, "mfa=%s", mfa_how) : NULL);
	send_session(r, 200, id);
	return;
refused:
	record_failure(r, &t);
	problem_send(r, 401, "invalid_credentials", "E-mail address or password is wrong.");
	return;
internal:
	problem_internal(r, "login");
}

void
session_get(struct req *r)
{
	send_session(r, 200, r->who.user_id);
}

void
session_logout(struct req *r)
{
	if (auth_session_end(r) != 0) {
		problem_internal(r, "logout");
		return;
	}
	http_send_empty(r, 204);
}
