/*
 * session.c — POST/GET/DELETE /session: logging in (with throttling per
 * account and address, and per address; and the second factor of mfa.c
 * for an account with TOTP on), reading the session, logging out.
 */
#include <arpa/inet.h>
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

/*
 * Throttling (issue 16, finding 2): the attacker is slowed, not the victim.
 *
 *  - per (account, address): login_max_failures_account (5) failures in
 *    login_window_s answer 429 to that address for that account only; a
 *    correct password from an address that has not failed always gets in.
 *    The key includes when the password was last set, so a reset (or a
 *    change) starts every count for the account afresh.
 *  - per address (IPv6 by its /64): past login_max_failures_address (50)
 *    failures each further attempt waits a little longer (2, 4, ... 60 s
 *    after that address's last failure) instead of a lock-out, so the
 *    people behind one NAT are delayed, never shut out for 15 minutes.
 */
struct throttle {
	unsigned char	pair[CRYPTO_HASH_LEN];
	unsigned char	address[CRYPTO_HASH_LEN];
};

#define ADDRESS_DELAY_MAX_S	60

/* The address a throttle counts: IPv4 as it is, IPv6 by its /64 (one
 * household or customer holds a whole /64). Arena-owned. */
static const char *
address_key(struct req *r)
{
	unsigned char a6[16];
	char out[INET6_ADDRSTRLEN];

	if (strchr(r->remote_addr, ':') == NULL ||
	    inet_pton(AF_INET6, r->remote_addr, a6) != 1)
		return r->remote_addr;
	memset(a6 + 8, 0, 8);
	if (inet_ntop(AF_INET6, a6, out, sizeof(out)) == NULL)
		return r->remote_addr;
	return arena_printf(r->arena, "%s/64", out);
}

/* Failures of bucket in the window, and seconds since the oldest and the
 * newest. 0, or -1 on error. */
static int
bucket_count(struct req *r, const unsigned char *bucket, long window_s,
    long *n, long *oldest_s, long *newest_s)
{
	struct db_rows rows;

	if (db_exec(r->db, r->arena, STMT_ATTEMPTS_COUNT,
	    DB_PARAMS(DB_BLOB(bucket, CRYPTO_HASH_LEN), DB_INT(window_s)), &rows) != DB_OK)
		return -1;
	*n = (long)db_int(&rows, 0, 0);
	*oldest_s = (long)db_int(&rows, 0, 1);
	*newest_s = (long)db_int(&rows, 0, 2);
	return 0;
}

/* Seconds the caller must wait before trying this account from this
 * address, 0 for none; -1 on error. */
static long
throttle_wait(struct req *r, const struct throttle *t)
{
	long window_s = config_long(r->cfg, "login_window_s", 900);
	long max_pair = config_long(r->cfg, "login_max_failures_account", 5);
	long max_addr = config_long(r->cfg, "login_max_failures_address", 50);
	long n, oldest, newest, wait = 0, delay;

	if (bucket_count(r, t->pair, window_s, &n, &oldest, &newest) != 0)
		return -1;
	if (n >= max_pair)
		wait = window_s - oldest > 1 ? window_s - oldest : 1;
	if (bucket_count(r, t->address, window_s, &n, &oldest, &newest) != 0)
		return -1;
	if (n >= max_addr) {
		delay = n - max_addr >= 5 ? ADDRESS_DELAY_MAX_S : 2L << (n - max_addr);
		if (delay > ADDRESS_DELAY_MAX_S)
			delay = ADDRESS_DELAY_MAX_S;
		if (newest < delay && delay - newest > wait)
			wait = delay - newest;
	}
	return wait;
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
	    DB_PARAMS(DB_BLOB(t->pair, CRYPTO_HASH_LEN)), NULL) != DB_OK ||
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
	/* Two-step login on (the web admin sends staff without it to enrol). */
	json_put_bool(body, "mfa", r->who.mfa);
	return http_send_json(r, status, body);
}

void
session_login(struct req *r)
{
	const char *email = json_get_str(r->json, "email");
	const char *password = json_get_str(r->json, "password");
	long wait;
	struct throttle t;
	struct db_rows user, cred;
	const char *normal, *id = NULL, *status, *mfa_how = NULL, *addr, *changed = "";
	unsigned char bidx[CRYPTO_HASH_LEN];
	int ok, mfa;

	normal = valid_email_normalise(r->arena, email);
	if (normal == NULL)
		normal = email != NULL ? email : "";
	addr = address_key(r);
	crypto_blind_index(bidx, "email", normal);
	crypto_blind_index(t.address, "login-address", addr);

	/* Who it is (a cheap look-up), before anything costs a hash. */
	if (db_exec(r->db, r->arena, STMT_USER_BY_EMAIL,
	    DB_PARAMS(DB_BLOB(bidx, sizeof(bidx))), &user) != DB_OK)
		goto internal;
	cred.nrows = 0;
	if (user.nrows == 1) {
		id = db_str(&user, 0, UC_ID);
		if (db_exec(r->db, r->arena, STMT_CREDENTIALS_GET, DB_PARAMS(DB_STR(id)),
		    &cred) != DB_OK)
			goto internal;
		if (cred.nrows == 1)
			changed = db_str(&cred, 0, 1);
	}
	crypto_blind_index(t.pair, "login-pair",
	    arena_printf(r->arena, "%s\n%s\n%s", normal, addr, changed));
	if ((wait = throttle_wait(r, &t)) < 0)
		goto internal;
	if (wait > 0) {
		too_many(r, wait);
		return;
	}

	if (user.nrows != 1) {
		/* Same work, same answer as a wrong password. */
		pw_verify_dummy(password);
		goto refused;
	}
	ok = cred.nrows == 1 && pw_verify(db_str(&cred, 0, 0), password) == 0;
	if (!ok && cred.nrows != 1)
		pw_verify_dummy(password);
	/* A blocked account answers alike to the right and a wrong password,
	 * so that it confirms no guess (issue 16, finding 3). */
	status = db_str(&user, 0, UC_STATUS);
	if (strcmp(status, "active") != 0) {
		if (!ok)
			record_failure(r, &t);
		(void)audit_write(r, "session.blocked", "user", id, NULL);
		problem_send(r, 403, "account_blocked", "This account has been blocked.");
		return;
	}
	if (!ok)
		goto refused;
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
	    DB_PARAMS(DB_BLOB(t.pair, CRYPTO_HASH_LEN)), NULL) != DB_OK)
		log_warn("login: cannot clear attempts");
	/* Logging in on top of a session (switching accounts) replaces it: the
	 * old token must not stay valid behind the user's back. */
	if (auth_session_drop(r) != 0 ||
	    auth_session_start(r, id, auth_roles_parse(db_str(&user, 0, UC_ROLES))) != 0)
		goto internal;
	r->who.mfa = mfa_how != NULL;	/* a second factor was asked for and given */
	(void)audit_write(r, "session.login", "user", id,
	    mfa_how != NULL ? arena_printf(r->arena, "mfa=%s", mfa_how) : NULL);
	send_session(r, 200, id);
	return;
refused:
	record_failure(r, &t);
	(void)audit_write(r, "session.failed", "user", id, NULL);
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
	(void)audit_write(r, "session.logout", "user", r->who.user_id, NULL);
	if (auth_session_end(r) != 0) {
		problem_internal(r, "logout");
		return;
	}
	http_send_empty(r, 204);
}
