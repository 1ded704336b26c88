/*
 * sessions_list.c — GET /me/sessions and DELETE /me/sessions/{id}: where the
 * user is logged in, and ending one of those sessions.
 *
 * The database knows a session only by the keyed hash of its token (lib/
 * auth.c); that hash never leaves the server. A session's public id is a
 * keyed hash of the token hash in turn (crypto_blind_index, purpose
 * "session-id"), cut to 16 bytes and base64url like every other id: stable
 * for the life of the session, useless as a cookie, and not the stored value.
 * Ending a session looks the id up among the caller's own live sessions
 * only, so someone else's id is 404 like one that never existed.
 */
#include <string.h>

#include <sodium.h>

#include "accounts.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "mfa.h"
#include "problem.h"
#include "valid.h"

#define SESSION_ID_BYTES	16	/* → CRYPTO_ID_LEN characters */

/* The row of STMT_SESSIONS_OF_USER. */
enum session_col { SC_TOKEN_HASH, SC_CREATED, SC_LAST_SEEN };

/* out: at least 4 * ceil(SESSION_ID_BYTES / 3) + 1 bytes. */
static void
session_public_id(char *out, const unsigned char *token_hash)
{
	char hex[2 * CRYPTO_HASH_LEN + 1];
	unsigned char h[CRYPTO_HASH_LEN];

	crypto_hex(hex, token_hash, CRYPTO_HASH_LEN);
	crypto_blind_index(h, "session-id", hex);
	crypto_b64url(out, h, SESSION_ID_BYTES);
	sodium_memzero(hex, sizeof(hex));
	sodium_memzero(h, sizeof(h));
}

static bool
row_is_current(const struct req *r, const struct db_rows *rows, size_t i)
{
	return db_len(rows, i, SC_TOKEN_HASH) == CRYPTO_HASH_LEN &&
	    sodium_memcmp(db_str(rows, i, SC_TOKEN_HASH), r->who.session_hash,
	    CRYPTO_HASH_LEN) == 0;
}

void
sessions_list(struct req *r)
{
	struct db_rows rows;
	json_object *body, *items, *item;
	char id[32];
	size_t i;

	if (db_exec(r->db, r->arena, STMT_SESSIONS_OF_USER,
	    DB_PARAMS(DB_STR(r->who.user_id)), &rows) != DB_OK) {
		problem_internal(r, "sessions list");
		return;
	}
	items = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		if (db_len(&rows, i, SC_TOKEN_HASH) != CRYPTO_HASH_LEN)
			continue;
		session_public_id(id, (const unsigned char *)db_str(&rows, i, SC_TOKEN_HASH));
		item = json_object_new_object();
		json_put_str(item, "id", id);
		json_put_str(item, "created_at", db_str(&rows, i, SC_CREATED));
		json_put_str(item, "last_seen_at", db_str(&rows, i, SC_LAST_SEEN));
		json_put_bool(item, "current", row_is_current(r, &rows, i));
		json_object_array_add(items, item);
	}
	body = json_object_new_object();
	json_put(body, "items", items);
	/* Every live session in one page: a user has a handful. */
	json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}

void
sessions_delete(struct req *r)
{
	const char *want = http_param(r, "id");
	struct db_rows rows;
	char id[32];
	size_t i;
	bool found = false;

	if (valid_id(want) != NULL)
		goto not_found;
	if (db_exec(r->db, r->arena, STMT_SESSIONS_OF_USER,
	    DB_PARAMS(DB_STR(r->who.user_id)), &rows) != DB_OK)
		goto internal;
	for (i = 0; i < rows.nrows && !found; i++) {
		if (db_len(&rows, i, SC_TOKEN_HASH) != CRYPTO_HASH_LEN)
			continue;
		session_public_id(id, (const unsigned char *)db_str(&rows, i, SC_TOKEN_HASH));
		found = sodium_memcmp(id, want, CRYPTO_ID_LEN) == 0;
	}
	if (!found)
		goto not_found;
	i--;
	/* Written first: ending the current session forgets who is asking. */
	(void)audit_write(r, "session.end", "user", r->who.user_id, NULL);
	if (row_is_current(r, &rows, i)) {
		/* Ending this very session is logging out: the cookie goes too. */
		if (auth_session_end(r) != 0)
			goto internal;
	} else {
		if (db_exec(r->db, r->arena, STMT_SESSION_DELETE_OWN,
		    DB_PARAMS(DB_BLOB(db_str(&rows, i, SC_TOKEN_HASH), CRYPTO_HASH_LEN),
		    DB_STR(r->who.user_id)), NULL) != DB_OK)
			goto internal;
		if (db_affected(r->db) == 0)	/* ended meanwhile */
			goto not_found;
	}
	http_send_empty(r, 204);
	return;
not_found:
	problem_send(r, 404, "not_found", "No such session.");
	return;
internal:
	problem_internal(r, "session end");
}
