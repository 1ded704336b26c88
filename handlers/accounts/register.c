/*
 * register.c — POST /accounts: a new resident, caregiver or volunteer.
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

struct registration {
	struct req	*r;
	const char	*id, *name, *pc4, *roles, *locale, *hash;
	unsigned char	*email_ct;
	size_t		 email_ct_len;
	unsigned char	 bidx[CRYPTO_HASH_LEN];
};

static int
insert_user(void *ctx)
{
	struct registration *g = ctx;
	struct req *r = g->r;
	int rc;

	rc = db_exec(r->db, r->arena, STMT_USER_INSERT,
	    DB_PARAMS(DB_STR(g->id), DB_BLOB(g->email_ct, g->email_ct_len),
	    DB_BLOB(g->bidx, sizeof(g->bidx)), DB_STR(g->name), DB_STR(g->pc4),
	    DB_STR(g->roles), DB_STR(g->locale)), NULL);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_CREDENTIALS_INSERT,
	    DB_PARAMS(DB_STR(g->id), DB_STR(g->hash)), NULL)) != DB_OK)
		return rc;
	/* The confirmation mail goes with the account, or neither does. */
	return verification_queue(r, g->id);
}

void
accounts_register(struct req *r)
{
	struct registration g;
	struct area area;
	struct db_rows rows;
	json_object *roles_arr, *user;
	char id[CRYPTO_ID_LEN + 1], hash[crypto_pwhash_STRBYTES];
	const char *email, *password, *normal;
	unsigned roles = 0;
	bool accepted = false;
	size_t i;
	int rc;

	memset(&g, 0, sizeof(g));
	g.r = r;
	email = json_get_str(r->json, "email");
	password = json_get_str(r->json, "password");
	/* Every problem in one answer (ROUTE_ALL_PROBLEMS): the table's, then
	 * these, each only for a field the table found nothing wrong with. */
	if (!problem_has(r, "accept_terms") &&
	    (!json_get_bool(r->json, "accept_terms", &accepted) || !accepted))
		problem_field(r, "accept_terms", "required", "The terms must be accepted.");
	roles_arr = json_get_arr(r->json, "roles");
	for (i = 0; roles_arr != NULL && i < json_object_array_length(roles_arr); i++)
		roles |= auth_roles_parse(json_object_get_string(
		    json_object_array_get_idx(roles_arr, i)));
	if (!problem_has(r, "postcode") && (rc = postcode_resolve_served(r, "postcode",
	    json_get_str(r->json, "postcode"), &area)) < 0)
		goto internal;
	normal = problem_has(r, "email") ? NULL : valid_email_normalise(r->arena, email);
	if (normal != NULL)
		crypto_blind_index(g.bidx, "email", normal);
	if (problem_count(r) > 0) {
		/* A taken address is one more problem of the same form; alone
		 * it is a 409 email_taken, found below by the unique key. */
		if (normal != NULL) {
			if (db_exec(r->db, r->arena, STMT_USER_BY_EMAIL,
			    DB_PARAMS(DB_BLOB(g.bidx, sizeof(g.bidx))), &rows) != DB_OK)
				goto internal;
			if (rows.nrows > 0)
				problem_field(r, "email", "taken",
				    "An account with this e-mail address exists.");
		}
		problem_invalid(r);
		return;
	}

	crypto_id_new(id);
	g.id = id;
	g.name = json_get_str(r->json, "display_name");
	g.pc4 = area.pc4;
	g.roles = auth_roles_text(r->arena, roles & ROLE__SELF);
	g.locale = json_get_str(r->json, "locale");
	if (g.locale == NULL)
		g.locale = "nl";
	if (crypto_field_seal(r->arena, &g.email_ct, &g.email_ct_len, "users", "email",
	    id, normal, strlen(normal)) != 0)
		goto internal;
	if (pw_hash(hash, password) != 0)
		goto internal;
	g.hash = hash;

	rc = db_txn(r->db, insert_user, &g);
	sodium_memzero(hash, sizeof(hash));
	if (rc == DB_DUPLICATE) {
		problem_field(r, "email", "taken", "An account with this e-mail address exists.");
		problem_send(r, 409, "email_taken", "This e-mail address is already registered.");
		return;
	}
	if (rc != DB_OK)
		goto internal;
	(void)audit_write(r, "account.register", "user", id, NULL);
	if (user_load(r, id, &rows) != 0 || (user = user_own_json(r, &rows, 0)) == NULL)
		goto internal;
	http_header(r, "Location", "/api/v1/me");
	http_send_json(r, 201, user_envelope(user));
	return;
internal:
	problem_internal(r, "register");
}
