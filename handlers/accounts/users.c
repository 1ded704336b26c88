/*
 * users.c — GET /users, GET/PATCH /users/{id}, DELETE /users/{id}/sessions:
 * account management by admins.
 * Every read of someone's e-mail here is written to the audit log.
 */
#include <stdbool.h>
#include <string.h>

#include "accounts.h"
#include "auth.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"

#define UC_SORT_KEY	UC__COUNT	/* extra column of STMT_USERS_LIST */

/*
 * The list of GET /users and POST /users/search: the same filters, from the
 * query string or from the body. An e-mail address is searched only in a
 * body (issue 16, finding 4): a query string reaches nginx's error log when
 * the handler is down, and proxies' logs on the way.
 */
static void
users_find(struct req *r, const char *q, const char *role, const char *status,
    const char *cur, const char *lim, bool in_url)
{
	const unsigned char *bidx = NULL;
	unsigned char bidx_buf[CRYPTO_HASH_LEN];
	const char *name = NULL, *normal;
	char *after[2] = { NULL, NULL };
	struct db_rows rows;
	json_object *body, *items, *u;
	long limit = 20;
	size_t i, n;

	if (!auth_require(r, ACT_USERS_ADMIN, NULL))
		return;
	if (lim != NULL && valid_long(lim, 1, 100, &limit) != NULL)
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
	if (role != NULL && auth_roles_parse(role) == 0)
		problem_field(r, "role", "not_allowed", "Unknown role.");
	if (status != NULL && strcmp(status, "active") != 0 && strcmp(status, "blocked") != 0)
		problem_field(r, "status", "not_allowed", "status is active or blocked.");
	if (q != NULL && valid_text(q, strlen(q), 0, 100, false) != NULL)
		problem_field(r, "q", "invalid", "q is at most 100 characters of text.");
	else if (in_url && q != NULL && strchr(q, '@') != NULL)
		problem_field(r, "q", "use_post",
		    "Search for an e-mail address with POST /api/v1/users/search, so that it stays out of URLs and logs.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	/* Both parts are compared in SQL: a non-ASCII id there was a MariaDB
	 * error (ascii column), so a 500 instead of a 400 (found by fuzzing). */
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !cursor_time_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	/* An e-mail address is found through its blind index, a name by part. */
	if (q != NULL && *q != '\0') {
		if ((normal = valid_email_normalise(r->arena, q)) != NULL) {
			crypto_blind_index(bidx_buf, "email", normal);
			bidx = bidx_buf;
		} else
			name = db_like_escape(r->arena, q);
	}
	if (db_exec(r->db, r->arena, STMT_USERS_LIST, DB_PARAMS(
	    DB_BLOB(bidx, CRYPTO_HASH_LEN), DB_BLOB(bidx, CRYPTO_HASH_LEN),
	    DB_STR(name), DB_STR(name), DB_STR(role), DB_STR(role),
	    DB_STR(status), DB_STR(status),
	    DB_STR(after[0]), DB_STR(after[0]), DB_STR(after[1]),
	    DB_INT(limit + 1)), &rows) != DB_OK)
		goto internal;
	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++) {
		if ((u = user_own_json(r, &rows, i)) == NULL) {
			json_object_put(body);
			goto internal;
		}
		json_object_object_del(u, "phone");
		json_object_array_add(items, u);
	}
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, n - 1, UC_SORT_KEY),
		    db_str(&rows, n - 1, UC_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	(void)audit_write(r, "users.list", "user", NULL,
	    arena_printf(r->arena, "%zu shown", n));
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "users list");
}

void
users_list(struct req *r)
{
	users_find(r, http_query(r, "q"), http_query(r, "role"), http_query(r, "status"),
	    http_query(r, "cursor"), http_query(r, "limit"), true);
}

void
users_search(struct req *r)
{
	long long limit = 20;
	const char *lim = NULL;

	if (json_get_int(r->json, "limit", &limit))
		lim = arena_printf(r->arena, "%lld", limit);
	users_find(r, json_get_str(r->json, "q"), json_get_str(r->json, "role"),
	    json_get_str(r->json, "status"), json_get_str(r->json, "cursor"), lim, false);
}

static void
send_user(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *u;
	int rc = valid_id(id) == NULL ? user_load(r, id, &rows) : 1;

	if (rc < 0) {
		problem_internal(r, "user");
		return;
	}
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such user.");
		return;
	}
	if ((u = user_own_json(r, &rows, 0)) == NULL) {
		problem_internal(r, "user view");
		return;
	}
	/* An admin manages the account, not the person: no phone number. */
	json_object_object_del(u, "phone");
	(void)audit_write(r, "user.view", "user", id, NULL);
	http_send_json(r, status, user_envelope(u));
}

void
users_get(struct req *r)
{
	if (auth_require(r, ACT_USERS_ADMIN, NULL))
		send_user(r, http_param(r, "id"), 200);
}

void
users_patch(struct req *r)
{
	const char *id = http_param(r, "id"), *status = json_get_str(r->json, "status");
	json_object *roles_arr = json_get_arr(r->json, "roles");
	const char *roles = NULL;
	struct db_rows rows;
	unsigned bits = 0;
	size_t i;
	int rc;

	if (!auth_require(r, ACT_USERS_ADMIN, NULL))
		return;
	rc = valid_id(id) == NULL ? user_load(r, id, &rows) : 1;
	if (rc != 0) {
		if (rc < 0)
			problem_internal(r, "user patch");
		else
			problem_send(r, 404, "not_found", "No such user.");
		return;
	}
	if (strcmp(id, r->who.user_id) == 0 && status != NULL &&
	    strcmp(status, "blocked") == 0)
		problem_field(r, "status", "not_allowed", "You cannot block yourself.");
	if (roles_arr != NULL) {
		for (i = 0; i < json_object_array_length(roles_arr); i++)
			bits |= auth_roles_parse(json_object_get_string(
			    json_object_array_get_idx(roles_arr, i)));
		if (strcmp(id, r->who.user_id) == 0 && !(bits & ROLE_ADMIN))
			problem_field(r, "roles", "not_allowed",
			    "You cannot take away your own admin role.");
		roles = auth_roles_text(r->arena, bits);
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (db_exec(r->db, r->arena, STMT_USER_ADMIN_SET,
	    DB_PARAMS(DB_STR(status), DB_STR(roles), DB_STR(id)), NULL) != DB_OK)
		goto internal;
	/* Blocking ends every session at once; a role change takes effect on
	 * the next request anyway, as sessions read roles live. */
	if (status != NULL && strcmp(status, "blocked") == 0 &&
	    auth_sessions_revoke(r, id, false) != 0)
		goto internal;
	if (status != NULL)
		(void)audit_write(r, strcmp(status, "blocked") == 0 ? "user.block" :
		    "user.unblock", "user", id, NULL);
	if (roles != NULL)
		(void)audit_write(r, "user.roles", "user", id, roles);
	send_user(r, id, 200);
	return;
internal:
	problem_internal(r, "user patch");
}

/*
 * DELETE /users/{id}/sessions (ASVS V7.5): every session of the user ends
 * at once (their next request is 401), for a lost phone or a shared
 * computer, without blocking them. The admin's own sessions too when the
 * id is their own: "log out everywhere" means everywhere.
 */
void
users_sessions_delete(struct req *r)
{
	const char *id = http_param(r, "id");
	struct db_rows rows;
	int rc;

	if (!auth_require(r, ACT_USERS_ADMIN, NULL))
		return;
	rc = valid_id(id) == NULL ? user_load(r, id, &rows) : 1;
	if (rc != 0) {
		if (rc < 0)
			problem_internal(r, "user sessions");
		else
			problem_send(r, 404, "not_found", "No such user.");
		return;
	}
	if (auth_sessions_revoke(r, id, false) != 0) {
		problem_internal(r, "user sessions");
		return;
	}
	(void)audit_write(r, "user.sessions_ended", "user", id, NULL);
	http_send_empty(r, 204);
}
