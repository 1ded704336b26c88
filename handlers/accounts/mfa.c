/*
 * mfa.c — TOTP as a second factor: enrolment (POST /me/mfa/totp),
 * confirmation with a first code and the recovery codes
 * (POST /me/mfa/totp/confirm), removal (DELETE /me/mfa/totp), the check at
 * login (mfa_login_check, called by session.c), and the GDPR part of MFA.
 * Codes, URIs and the shape of recovery codes are totp.c's.
 *
 * The secret is sealed at rest ("mfa_totp.secret:<user id>"), opened only to
 * check a code and wiped right after; it leaves the server once, in the
 * answer to the enrolment. Recovery codes are kept as keyed hashes only.
 * No secret and no code ever goes into a log line or an audit detail.
 *
 * Enrolling and removing ask for the password again (ASVS V6.5: a stolen
 * session alone cannot bind a new app or drop the second factor); the
 * enrolment answers the QR code of the URI as SVG (qr.c, libqrencode).
 * Confirming ends the user's other sessions: they were made with the
 * password only, and from now on a session of this account counts as one
 * with both factors (lib/auth.c, struct principal.mfa: what moderators and
 * admins need for their work).
 *
 * Failed codes and passwords count per user in login_attempts, as failed
 * logins do per account and address: five in the login window and the
 * endpoint answers 429 until the window has passed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

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
#include "qr.h"
#include "stmts.h"
#include "totp.h"
#include "valid.h"

#define MFA_ISSUER	"Burenhulp"

/* The row of STMT_MFA_TOTP_GET. */
enum totp_col { TC_SECRET, TC_CONFIRMED, TC_LAST_STEP, TC_CONFIRMED_AT };

/* Loads the user's enrolment: 0 found, 1 none, -1 failure. */
static int
totp_load(struct req *r, const char *user_id, struct db_rows *rows)
{
	if (db_exec(r->db, r->arena, STMT_MFA_TOTP_GET,
	    DB_PARAMS(DB_STR(user_id)), rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

static bool
totp_confirmed(const struct db_rows *rows)
{
	return rows->nrows == 1 && db_int(rows, 0, TC_CONFIRMED) != 0;
}

/* Opens the sealed secret of the loaded row into secret
 * (TOTP_SECRET_LEN bytes; the caller wipes it). 0 or -1 (logged). */
static int
secret_open(struct req *r, const char *user_id, const struct db_rows *rows,
    unsigned char *secret)
{
	char *pt = NULL;
	size_t len = 0;
	int rc = -1;

	if (crypto_field_open(r->arena, &pt, &len, "mfa_totp", "secret", user_id,
	    (const unsigned char *)db_str(rows, 0, TC_SECRET),
	    db_len(rows, 0, TC_SECRET)) != 0) {
		log_error("mfa: cannot open mfa_totp.secret");
		goto out;
	}
	if (len != TOTP_SECRET_LEN) {
		log_error("mfa: mfa_totp.secret has the wrong length");
		goto out;
	}
	memcpy(secret, pt, TOTP_SECRET_LEN);
	rc = 0;
out:
	if (pt != NULL)
		sodium_memzero(pt, len);
	return rc;
}

/* Checks a TOTP code against the loaded enrolment at the current time:
 * 1 right with *step its time step, 0 wrong, -1 failure. */
static int
totp_matches(struct req *r, const char *user_id, const struct db_rows *rows,
    const char *code, uint64_t *step)
{
	unsigned char secret[TOTP_SECRET_LEN];
	int rc = -1;

	if (secret_open(r, user_id, rows, secret) != 0)
		goto out;
	rc = totp_check(step, secret, sizeof(secret), time(NULL), code);
out:
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

/* A TOTP code for a confirmed enrolment, taking its step so that it cannot
 * be used again: 1 accepted, 0 wrong or replayed, -1 failure. */
static int
totp_accept(struct req *r, const char *user_id, const struct db_rows *rows,
    const char *code)
{
	uint64_t step = 0;
	int rc;

	if ((rc = totp_matches(r, user_id, rows, code, &step)) != 1)
		return rc;
	/* The UPDATE is the replay check: a step at or before the last one
	 * accepted changes no row, also when two requests race. */
	if (db_exec(r->db, r->arena, STMT_MFA_TOTP_STEP,
	    DB_PARAMS(DB_INT(step), DB_STR(user_id), DB_INT(step)), NULL) != DB_OK)
		return -1;
	return db_affected(r->db) == 1 ? 1 : 0;
}

/* Keyed hash of a normalised recovery code, bound to its user. */
static void
recovery_hash(unsigned char *out, const char *user_id, const char *normal)
{
	char value[CRYPTO_ID_LEN + 1 + RECOVERY_CHARS + 1];

	snprintf(value, sizeof(value), "%s:%s", user_id, normal);
	crypto_blind_index(out, "mfa-recovery", value);
	sodium_memzero(value, sizeof(value));
}

/* Spends one of the user's unused recovery codes: 1 spent, 0 not one (or
 * spent before), -1 failure. */
static int
recovery_accept(struct req *r, const char *user_id, const char *code)
{
	char normal[RECOVERY_CHARS + 1];
	unsigned char hash[CRYPTO_HASH_LEN];

	if (recovery_code_normalise(normal, code) != 0)
		return 0;
	recovery_hash(hash, user_id, normal);
	sodium_memzero(normal, sizeof(normal));
	if (db_exec(r->db, r->arena, STMT_MFA_RECOVERY_USE,
	    DB_PARAMS(DB_STR(user_id), DB_BLOB(hash, sizeof(hash))), NULL) != DB_OK)
		return -1;
	return db_affected(r->db) == 1 ? 1 : 0;
}

/* The second factor for a confirmed enrolment: six digits are a TOTP code,
 * anything else is tried as a recovery code. 1/0/-1 as above. */
static int
second_factor(struct req *r, const char *user_id, const struct db_rows *rows,
    const char *code, const char **how)
{
	if (totp_code_shaped(code)) {
		*how = "totp";
		return totp_accept(r, user_id, rows, code);
	}
	*how = "recovery";
	return recovery_accept(r, user_id, code);
}

int
mfa_login_check(struct req *r, const char *user_id, const char *code,
    const char **how)
{
	struct db_rows rows;
	int rc;

	*how = NULL;
	if ((rc = totp_load(r, user_id, &rows)) < 0)
		return -1;
	if (rc > 0 || !totp_confirmed(&rows))
		return MFA_PASS;
	if (code == NULL || *code == '\0')
		return MFA_MISSING;
	if ((rc = second_factor(r, user_id, &rows, code, how)) < 0)
		return -1;
	return rc == 1 ? MFA_PASS : MFA_WRONG;
}

/* ---- Throttling of the user's own MFA calls ---------------------- */

static void
user_bucket(unsigned char *out, const char *user_id)
{
	crypto_blind_index(out, "mfa-user", user_id);
}

/* Seconds to wait (0: go ahead), or -1 on failure. */
static long
throttle_wait(struct req *r, const unsigned char *bucket)
{
	long window_s = config_long(r->cfg, "login_window_s", 900);
	long max = config_long(r->cfg, "mfa_max_failures", 5);
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

static void
throttle_fail(struct req *r, const unsigned char *bucket)
{
	if (db_exec(r->db, r->arena, STMT_ATTEMPT_INSERT,
	    DB_PARAMS(DB_BLOB(bucket, CRYPTO_HASH_LEN)), NULL) != DB_OK)
		log_error("mfa: cannot record a failed attempt");
}

static void
throttle_clear(struct req *r, const unsigned char *bucket)
{
	if (db_exec(r->db, r->arena, STMT_ATTEMPTS_CLEAR,
	    DB_PARAMS(DB_BLOB(bucket, CRYPTO_HASH_LEN)), NULL) != DB_OK)
		log_warn("mfa: cannot clear attempts");
}

/* Answers 429 when the user has failed too often; true when it did (or
 * answered 500). */
static bool
throttled(struct req *r, const unsigned char *bucket)
{
	long wait_s = throttle_wait(r, bucket);

	if (wait_s < 0) {
		problem_internal(r, "mfa throttle");
		return true;
	}
	if (wait_s == 0)
		return false;
	http_header(r, "Retry-After", arena_printf(r->arena, "%ld", wait_s));
	problem_send(r, 429, "rate_limited", "Too many failed attempts. Try again later.");
	return true;
}

/* ---- POST /me/mfa/totp ----------------------------------------------- */

struct enrol {
	struct req		*r;
	const unsigned char	*ct;
	size_t			 ctlen;
	bool			 confirmed;
};

static int
enrol_txn(void *ctx)
{
	struct enrol *e = ctx;
	struct req *r = e->r;
	struct db_rows rows;
	int rc;

	e->confirmed = false;
	if ((rc = db_exec(r->db, r->arena, STMT_MFA_TOTP_LOCK,
	    DB_PARAMS(DB_STR(r->who.user_id)), &rows)) != DB_OK)
		return rc;
	if (rows.nrows == 1 && db_int(&rows, 0, 0) != 0) {
		e->confirmed = true;
		return DB_OK;
	}
	return db_exec(r->db, r->arena, STMT_MFA_TOTP_PUT,
	    DB_PARAMS(DB_STR(r->who.user_id), DB_BLOB(e->ct, e->ctlen)), NULL);
}

void
mfa_totp_enrol(struct req *r)
{
	const char *password = json_get_str(r->json, "password");
	unsigned char secret[TOTP_SECRET_LEN];
	unsigned char bucket[CRYPTO_HASH_LEN];
	char b32[TOTP_B32_LEN + 1] = "";
	struct enrol e = { r, NULL, 0, false };
	unsigned char *ct = NULL;
	struct db_rows user;
	json_object *own = NULL, *body;
	const char *email, *uri, *svg;
	int rc;

	/* The password again (ASVS V6.5), counted like a wrong code. */
	user_bucket(bucket, r->who.user_id);
	if (throttled(r, bucket))
		return;
	if ((rc = check_own_password(r, password)) < 0) {
		problem_internal(r, "mfa enrol");
		return;
	}
	if (rc > 0) {
		throttle_fail(r, bucket);
		problem_field(r, "password", "invalid", "The password is wrong.");
		problem_invalid(r);
		return;
	}
	randombytes_buf(secret, sizeof(secret));
	if (totp_base32(b32, secret, sizeof(secret)) != 0 ||
	    crypto_field_seal(r->arena, &ct, &e.ctlen, "mfa_totp", "secret",
	    r->who.user_id, (const char *)secret, sizeof(secret)) != 0)
		goto internal;
	e.ct = ct;
	/* The account name the app shows next to the code. */
	if (user_load(r, r->who.user_id, &user) != 0 ||
	    (own = user_own_json(r, &user, 0)) == NULL ||
	    (email = json_get_str(own, "email")) == NULL)
		goto internal;
	if (db_txn(r->db, enrol_txn, &e) != DB_OK)
		goto internal;
	if (e.confirmed) {
		problem_send(r, 409, "conflict",
		    "Two-step login is on already; remove it first to enrol again.");
		goto out;
	}
	uri = totp_uri(r->arena, MFA_ISSUER, email, b32);
	if ((svg = qr_svg(r->arena, uri)) == NULL)
		goto internal;
	(void)audit_write(r, "mfa.enrol", "user", r->who.user_id, NULL);
	body = json_object_new_object();
	json_put_str(body, "secret", b32);
	json_put_str(body, "otpauth_uri", uri);
	json_put_str(body, "qr_svg", svg);
	http_send_json(r, 201, body);
	goto out;
internal:
	problem_internal(r, "mfa enrol");
out:
	json_object_put(own);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(b32, sizeof(b32));
}

/* ---- POST /me/mfa/totp/confirm ----------------------------------- */

struct confirm {
	struct req		*r;
	const struct db_rows	*rows;
	uint64_t		 step;
	bool			 lost;	/* replaced, confirmed or step used meanwhile */
	char			 codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1];
};

static int
confirm_txn(void *ctx)
{
	struct confirm *c = ctx;
	struct req *r = c->r;
	const char *uid = r->who.user_id;
	char normal[RECOVERY_CHARS + 1];
	unsigned char hash[CRYPTO_HASH_LEN];
	size_t i;
	int rc;

	c->lost = false;
	if ((rc = db_exec(r->db, r->arena, STMT_MFA_TOTP_CONFIRM,
	    DB_PARAMS(DB_INT(c->step), DB_STR(uid),
	    DB_BLOB(db_str(c->rows, 0, TC_SECRET), db_len(c->rows, 0, TC_SECRET)),
	    DB_INT(c->step)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) != 1) {
		c->lost = true;
		return DB_OK;
	}
	if ((rc = db_exec(r->db, r->arena, STMT_MFA_RECOVERY_DELETE,
	    DB_PARAMS(DB_STR(uid)), NULL)) != DB_OK)
		return rc;
	for (i = 0; i < RECOVERY_CODES; i++) {
		recovery_code_new(c->codes[i]);
		if (recovery_code_normalise(normal, c->codes[i]) != 0)
			return DB_ERROR;
		recovery_hash(hash, uid, normal);
		sodium_memzero(normal, sizeof(normal));
		/* Two equal codes of 50 random bits: start again. */
		rc = db_exec(r->db, r->arena, STMT_MFA_RECOVERY_INSERT,
		    DB_PARAMS(DB_STR(uid), DB_BLOB(hash, sizeof(hash))), NULL);
		if (rc == DB_DUPLICATE)
			return DB_RETRY;
		if (rc != DB_OK)
			return rc;
	}
	/* Every other session of the user ends: it was made without the
	 * second factor. This one goes on, now with both. */
	return db_exec_lib(r->db, r->arena, LSTMT_SESSIONS_DELETE_OTHERS,
	    DB_PARAMS(DB_STR(uid), DB_BLOB(r->who.session_hash, CRYPTO_HASH_LEN)), NULL);
}

static void
code_invalid(struct req *r)
{
	problem_field(r, "code", "invalid",
	    "This is not the current code of your authenticator app.");
	problem_invalid(r);
}

void
mfa_totp_confirm(struct req *r)
{
	const char *code = json_get_str(r->json, "code");
	unsigned char bucket[CRYPTO_HASH_LEN];
	struct confirm c;
	struct db_rows rows;
	json_object *body, *list;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	if (!totp_code_shaped(code)) {
		problem_field(r, "code", "invalid", "The code is six digits.");
		problem_invalid(r);
		goto out;
	}
	user_bucket(bucket, r->who.user_id);
	if (throttled(r, bucket))
		goto out;
	if ((rc = totp_load(r, r->who.user_id, &rows)) < 0)
		goto internal;
	if (rc > 0 || totp_confirmed(&rows)) {
		problem_send(r, 409, "conflict", rc > 0 ?
		    "There is nothing to confirm: enrol first (POST /me/mfa/totp)." :
		    "Two-step login is on already.");
		goto out;
	}
	if ((rc = totp_matches(r, r->who.user_id, &rows, code, &c.step)) < 0)
		goto internal;
	c.rows = &rows;
	if (rc == 1 && db_txn(r->db, confirm_txn, &c) != DB_OK)
		goto internal;
	if (rc == 0 || c.lost) {
		throttle_fail(r, bucket);
		code_invalid(r);
		goto out;
	}
	throttle_clear(r, bucket);
	(void)audit_write(r, "mfa.enable", "user", r->who.user_id, NULL);
	body = json_object_new_object();
	list = json_object_new_array();
	for (i = 0; i < RECOVERY_CODES; i++)
		json_object_array_add(list, json_object_new_string(c.codes[i]));
	json_put(body, "recovery_codes", list);
	http_send_json(r, 200, body);
	goto out;
internal:
	problem_internal(r, "mfa confirm");
out:
	sodium_memzero(&c, sizeof(c));
}

/* ---- DELETE /me/mfa/totp --------------------------------------------- */

static int
remove_txn(void *ctx)
{
	struct req *r = ctx;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_MFA_TOTP_DELETE,
	    DB_PARAMS(DB_STR(r->who.user_id)), NULL)) != DB_OK)
		return rc;
	return db_exec(r->db, r->arena, STMT_MFA_RECOVERY_DELETE,
	    DB_PARAMS(DB_STR(r->who.user_id)), NULL);
}

void
mfa_totp_delete(struct req *r)
{
	const char *password = json_get_str(r->json, "password");
	const char *code = json_get_str(r->json, "code");
	unsigned char bucket[CRYPTO_HASH_LEN];
	const char *how = NULL;
	struct db_rows rows;
	int rc;

	user_bucket(bucket, r->who.user_id);
	if (throttled(r, bucket))
		return;
	if ((rc = totp_load(r, r->who.user_id, &rows)) < 0)
		goto internal;
	if (rc > 0 || !totp_confirmed(&rows)) {
		problem_send(r, 409, "conflict", "Two-step login is not on.");
		return;
	}
	/* The password first: a right code is not spent on a wrong password. */
	if ((rc = check_own_password(r, password)) < 0)
		goto internal;
	if (rc > 0) {
		throttle_fail(r, bucket);
		problem_field(r, "password", "invalid", "The password is wrong.");
		problem_invalid(r);
		return;
	}
	if ((rc = second_factor(r, r->who.user_id, &rows, code, &how)) < 0)
		goto internal;
	if (rc == 0) {
		throttle_fail(r, bucket);
		problem_field(r, "code", "invalid",
		    "This is neither the current code of your app nor an unused recovery code.");
		problem_invalid(r);
		return;
	}
	if (db_txn(r->db, remove_txn, r) != DB_OK)
		goto internal;
	throttle_clear(r, bucket);
	(void)audit_write(r, "mfa.disable", "user", r->who.user_id, how);
	http_send_empty(r, 204);
	return;
internal:
	problem_internal(r, "mfa remove");
}

/* ---- DELETE /users/{id}/mfa: an admin, for a user who lost their phone
 * and their recovery codes. The enrolment and the codes go, and so do the
 * user's sessions (each was made with the second factor now gone); the
 * user logs in with the password and, as staff, enrols again. Audited. */

struct reset {
	struct req	*r;
	bool		 none;	/* the user had no enrolment */
};

static int
reset_txn(void *ctx)
{
	struct reset *x = ctx;
	struct req *r = x->r;
	const char *id = http_param(r, "id");
	int rc;

	x->none = false;
	if ((rc = db_exec(r->db, r->arena, STMT_MFA_TOTP_DELETE,
	    DB_PARAMS(DB_STR(id)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) != 1) {
		x->none = true;
		return DB_OK;
	}
	if ((rc = db_exec(r->db, r->arena, STMT_MFA_RECOVERY_DELETE,
	    DB_PARAMS(DB_STR(id)), NULL)) != DB_OK)
		return rc;
	return db_exec_lib(r->db, r->arena, LSTMT_SESSIONS_DELETE_USER,
	    DB_PARAMS(DB_STR(id)), NULL);
}

void
mfa_admin_reset(struct req *r)
{
	const char *id = http_param(r, "id");
	struct reset x = { r, false };
	struct db_rows user;
	int rc;

	if (!auth_require(r, ACT_USERS_ADMIN, NULL))
		return;
	rc = valid_id(id) == NULL ? user_load(r, id, &user) : 1;
	if (rc != 0) {
		if (rc < 0)
			problem_internal(r, "mfa reset");
		else
			problem_send(r, 404, "not_found", "No such user.");
		return;
	}
	if (db_txn(r->db, reset_txn, &x) != DB_OK) {
		problem_internal(r, "mfa reset");
		return;
	}
	if (x.none) {
		problem_send(r, 409, "conflict", "This user has no two-step login.");
		return;
	}
	(void)audit_write(r, "mfa.reset", "user", id, NULL);
	http_send_empty(r, 204);
}

/* ---- GDPR ------------------------------------------------------------ */

int
gdpr_mfa_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows, left;
	json_object *mfa;
	int rc;

	if ((rc = totp_load(r, user_id, &rows)) < 0 ||
	    db_exec(r->db, r->arena, STMT_MFA_RECOVERY_LEFT,
	    DB_PARAMS(DB_STR(user_id)), &left) != DB_OK)
		return -1;
	mfa = json_object_new_object();
	json_put_bool(mfa, "totp", rc == 0 && totp_confirmed(&rows));
	json_put_str(mfa, "totp_confirmed_at", rc == 0 ? db_str(&rows, 0, TC_CONFIRMED_AT) : NULL);
	json_put_int(mfa, "recovery_codes_left", db_int(&left, 0, 0));
	json_put(doc, "mfa", mfa);
	return 0;
}

int
gdpr_mfa_erase(struct req *r, const char *user_id)
{
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_MFA_TOTP_DELETE,
	    DB_PARAMS(DB_STR(user_id)), NULL)) != DB_OK)
		return rc;
	return db_exec(r->db, r->arena, STMT_MFA_RECOVERY_DELETE,
	    DB_PARAMS(DB_STR(user_id)), NULL);
}
