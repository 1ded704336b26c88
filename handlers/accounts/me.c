/*
 * me.c — GET/PATCH /me and POST /me/password: the account's own profile.
 */
#include <string.h>

#include <sodium.h>

#include "accounts.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "problem.h"
#include "valid.h"

static void
send_me(struct req *r, int status)
{
	struct db_rows rows;
	json_object *user;

	if (user_load(r, r->who.user_id, &rows) != 0 ||
	    (user = user_own_json(r, &rows, 0)) == NULL) {
		problem_internal(r, "me");
		return;
	}
	http_send_json(r, status, user_envelope(user));
}

void
me_get(struct req *r)
{
	send_me(r, 200);
}

void
me_patch(struct req *r)
{
	const char *phone = json_get_str(r->json, "phone");
	const char *raw_pc = json_get_str(r->json, "postcode");
	unsigned char *ct = NULL;
	size_t ctlen = 0;
	json_object *roles_arr;
	const char *talents[ME_TALENTS_MAX];
	size_t ntalents = 0;
	bool has_talents = false;
	struct area area;
	int rc;

	if (raw_pc != NULL && (rc = postcode_resolve_served(r, "postcode", raw_pc, &area)) < 0)
		goto internal;
	if ((rc = me_talents_read(r, &has_talents, talents, &ntalents)) < 0)
		goto internal;
	if (rc == 2) {
		problem_send(r, 403, "forbidden", "Only volunteers record talents.");
		return;
	}
	if (phone != NULL && !valid_phone(phone))
		problem_field(r, "phone", "invalid", "Not a phone number.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if ((roles_arr = json_get_arr(r->json, "roles")) != NULL) {
		unsigned roles = r->who.roles & ~ROLE__SELF;
		size_t i;

		for (i = 0; i < json_object_array_length(roles_arr); i++)
			roles |= auth_roles_parse(json_object_get_string(
			    json_object_array_get_idx(roles_arr, i))) & ROLE__SELF;
		if (db_exec(r->db, r->arena, STMT_USER_SET_ROLES, DB_PARAMS(
		    DB_STR(auth_roles_text(r->arena, roles)), DB_STR(r->who.user_id)),
		    NULL) != DB_OK)
			goto internal;
		if (strcmp(auth_roles_text(r->arena, roles), auth_roles_text(r->arena, r->who.roles)) != 0)
			(void)audit_write(r, "account.roles", "user", r->who.user_id,
			    auth_roles_text(r->arena, roles));
	}
	if (db_exec(r->db, r->arena, STMT_USER_UPDATE_PROFILE,
	    DB_PARAMS(DB_STR(json_get_str(r->json, "display_name")),
	    DB_STR(raw_pc != NULL ? area.pc4 : NULL),
	    DB_STR(json_get_str(r->json, "locale")), DB_STR(r->who.user_id)), NULL) != DB_OK)
		goto internal;
	if (has_talents && me_talents_store(r, talents, ntalents) != DB_OK)
		goto internal;
	if (json_has(r->json, "phone")) {
		if (phone != NULL && crypto_field_seal(r->arena, &ct, &ctlen, "users",
		    "phone", r->who.user_id, phone, strlen(phone)) != 0)
			goto internal;
		if (db_exec(r->db, r->arena, STMT_USER_SET_PHONE,
		    DB_PARAMS(DB_BLOB(ct, ctlen), DB_STR(r->who.user_id)), NULL) != DB_OK)
			goto internal;
	}
	send_me(r, 200);
	return;
internal:
	problem_internal(r, "me patch");
}

/* Checks password against the caller's stored hash: 0 match, 1 mismatch,
 * -1 failure (also asked before enrolling TOTP, mfa.c). */
int
check_own_password(struct req *r, const char *password)
{
	struct db_rows cred;

	if (db_exec(r->db, r->arena, STMT_CREDENTIALS_GET,
	    DB_PARAMS(DB_STR(r->who.user_id)), &cred) != DB_OK)
		return -1;
	if (cred.nrows != 1) {
		pw_verify_dummy(password);
		return 1;
	}
	return pw_verify(db_str(&cred, 0, 0), password) == 0 ? 0 : 1;
}

void
me_password(struct req *r)
{
	char hash[crypto_pwhash_STRBYTES];
	int rc;

	rc = check_own_password(r, json_get_str(r->json, "current_password"));
	if (rc < 0)
		goto internal;
	if (rc > 0) {
		problem_field(r, "current_password", "invalid", "The current password is wrong.");
		problem_invalid(r);
		return;
	}
	if (pw_hash(hash, json_get_str(r->json, "new_password")) != 0)
		goto internal;
	rc = db_exec(r->db, r->arena, STMT_CREDENTIALS_SET,
	    DB_PARAMS(DB_STR(hash), DB_STR(r->who.user_id)), NULL);
	sodium_memzero(hash, sizeof(hash));
	if (rc != DB_OK || auth_sessions_revoke(r, r->who.user_id, true) != 0)
		goto internal;
	(void)audit_write(r, "account.password_change", "user", r->who.user_id, NULL);
	http_send_empty(r, 204);
	return;
internal:
	problem_internal(r, "password change");
}

struct erasure {
	struct req	*r;
	const char	*user_id;
};

static int
erase_all(void *ctx)
{
	struct erasure *e = ctx;
	struct req *r = e->r;
	unsigned char gone[CRYPTO_HASH_LEN];
	size_t i;
	int rc;

	for (i = 0; i < gdpr_nparts; i++)
		if (gdpr_parts[i].erase_fn != NULL &&
		    (rc = gdpr_parts[i].erase_fn(r, e->user_id)) != 0)
			return rc < 0 ? rc : DB_ERROR;
	/* A random blind index keeps the unique key and matches no address. */
	randombytes_buf(gone, sizeof(gone));
	if ((rc = db_exec(r->db, r->arena, STMT_USER_ERASE,
	    DB_PARAMS(DB_BLOB(gone, sizeof(gone)), DB_STR(e->user_id)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_CREDENTIALS_DELETE,
	    DB_PARAMS(DB_STR(e->user_id)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_RESETS_DELETE,
	    DB_PARAMS(DB_STR(e->user_id)), NULL)) != DB_OK)
		return rc;
	return auth_sessions_revoke(r, e->user_id, false) == 0 ? DB_OK : DB_ERROR;
}

void
me_delete(struct req *r)
{
	struct erasure e = { r, NULL };
	char id[CRYPTO_ID_LEN + 1];
	int rc;

	rc = check_own_password(r, json_get_str(r->json, "password"));
	if (rc < 0)
		goto internal;
	if (rc > 0) {
		problem_field(r, "password", "invalid", "The password is wrong.");
		problem_invalid(r);
		return;
	}
	snprintf(id, sizeof(id), "%s", r->who.user_id);
	e.user_id = id;
	if (db_txn(r->db, erase_all, &e) != DB_OK)
		goto internal;
	(void)audit_write(r, "account.erase", "user", id, NULL);
	auth_session_end(r);	/* clears the cookie; the row is already gone */
	http_send_empty(r, 204);
	return;
internal:
	problem_internal(r, "erase");
}
