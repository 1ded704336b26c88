/*
 * messages.c — GET and POST /matches/{id}/messages: the conversation of the
 * two parties of a match.
 *
 * Bodies are sealed with the associated data (messages, body, message id)
 * and opened only to answer a party (ACT_MESSAGE_READ / _WRITE in lib/auth.c:
 * moderators 403 — they read a message only through a report, outsiders 404,
 * and a declined volunteer is out of the conversation: 403). No body ever
 * reaches a log line. A declined or cancelled match takes no new messages.
 */
#include <string.h>

#include "auth.h"
#include "crypto.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "matches.h"
#include "notify.h"
#include "problem.h"
#include "valid.h"

json_object *
message_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *m, *sender;
	char *body;
	size_t len;

	if (crypto_field_open(r->arena, &body, &len, "messages", "body",
	    db_str(rows, i, MS_ID), (const unsigned char *)db_str(rows, i, MS_BODY_CT),
	    db_len(rows, i, MS_BODY_CT)) != 0) {
		log_error("messages: cannot open the body of message %s",
		    db_str(rows, i, MS_ID));
		return NULL;
	}
	m = json_object_new_object();
	sender = json_object_new_object();
	json_put_str(m, "id", db_str(rows, i, MS_ID));
	json_put_str(sender, "id", db_str(rows, i, MS_SENDER_ID));
	json_put_str(sender, "display_name", db_str(rows, i, MS_SENDER_NAME));
	json_put(m, "sender", sender);
	json_put_strn(m, "body", body, len);
	json_put_str(m, "created_at", db_str(rows, i, MS_CREATED));
	return m;
}

/* Loads the match of the path and applies the rule act; 0 allowed (rows
 * filled), 1 refused (answer sent). */
static int
load_allowed(struct req *r, enum action act, struct db_rows *rows)
{
	struct auth_object obj;
	int rc;

	if ((rc = match_load(r, http_param(r, "id"), rows)) != 0) {
		if (rc < 0)
			problem_internal(r, "messages: match");
		else
			problem_send(r, 404, "not_found", "No such match.");
		return 1;
	}
	obj = match_auth(rows, 0);
	return auth_require(r, act, &obj) ? 0 : 1;
}

void
messages_list(struct req *r)
{
	const char *cur = http_query(r, "cursor");
	char *after[2] = { NULL, NULL };
	struct db_rows match, rows;
	json_object *body, *items, *m;
	long limit;
	size_t i, n;

	if (load_allowed(r, ACT_MESSAGE_READ, &match) != 0)
		return;
	if (query_limit(r, 20, 100, &limit) != 0) {
		problem_invalid(r);
		return;
	}
	if (cur != NULL && (cursor_decode(r->arena, cur, after, 2) != 0 ||
	    !sort_key_ok(after[0]) || valid_id(after[1]) != NULL)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_MESSAGES_LIST, DB_PARAMS(
	    DB_STR(db_str(&match, 0, MC_ID)), DB_STR(after[0]), DB_STR(after[0]),
	    DB_STR(after[1]), DB_INT(limit + 1)), &rows) != DB_OK) {
		problem_internal(r, "messages list");
		return;
	}
	n = rows.nrows > (size_t)limit ? (size_t)limit : rows.nrows;
	body = json_object_new_object();
	items = json_object_new_array();
	json_put(body, "items", items);
	for (i = 0; i < n; i++) {
		if ((m = message_json(r, &rows, i)) == NULL) {
			json_object_put(body);
			problem_internal(r, "messages open");
			return;
		}
		json_object_array_add(items, m);
	}
	if (rows.nrows > (size_t)limit) {
		const char *parts[2] = { db_str(&rows, n - 1, MS_SORT_KEY),
		    db_str(&rows, n - 1, MS_ID) };

		json_put_str(body, "next_cursor", cursor_encode(r->arena, parts, 2));
	} else
		json_put(body, "next_cursor", NULL);
	http_send_json(r, 200, body);
}

struct posting {
	struct req		*r;
	const char		*id, *match_id, *to, *title;
	const unsigned char	*ct;
	size_t			 ctlen;
};

/* The message and its notification to the other party, together. Unread
 * messages of one match bundle into one notification (and one mail). */
static int
post_txn(void *ctx)
{
	struct posting *p = ctx;
	struct req *r = p->r;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_MESSAGE_INSERT, DB_PARAMS(DB_STR(p->id),
	    DB_STR(p->match_id), DB_STR(r->who.user_id), DB_BLOB(p->ct, p->ctlen)),
	    NULL)) != DB_OK)
		return rc;
	return notify(r->db, r->arena, p->to, "message.new",
	    arena_printf(r->arena, "/match.html?id=%s", p->match_id), p->title,
	    arena_printf(r->arena, "msg:%s", p->match_id), NULL, -1);
}

void
messages_create(struct req *r)
{
	struct posting p = { .r = r };
	const char *text = json_get_str(r->json, "body"), *status;
	char id[CRYPTO_ID_LEN + 1];
	struct db_rows match, rows;
	json_object *body, *m;
	unsigned char *ct;
	size_t ctlen;

	if (load_allowed(r, ACT_MESSAGE_WRITE, &match) != 0)
		return;
	status = db_str(&match, 0, MC_STATUS);
	if (strcmp(status, "declined") == 0 || strcmp(status, "cancelled") == 0) {
		problem_send(r, 409, "conflict", "This match is closed.");
		return;
	}
	crypto_id_new(id);
	if (crypto_field_seal(r->arena, &ct, &ctlen, "messages", "body", id,
	    text, strlen(text)) != 0)
		goto internal;
	p.id = id;
	p.match_id = db_str(&match, 0, MC_ID);
	p.to = strcmp(r->who.user_id, db_str(&match, 0, MC_VOLUNTEER_ID)) == 0 ?
	    db_str(&match, 0, MC_OWNER_ID) : db_str(&match, 0, MC_VOLUNTEER_ID);
	p.title = db_str(&match, 0, MC_REQUEST_TITLE);
	p.ct = ct;
	p.ctlen = ctlen;
	if (db_txn(r->db, post_txn, &p) < 0)
		goto internal;
	if (db_exec(r->db, r->arena, STMT_MESSAGE_GET, DB_PARAMS(DB_STR(id)),
	    &rows) != DB_OK || rows.nrows != 1 || (m = message_json(r, &rows, 0)) == NULL)
		goto internal;
	body = json_object_new_object();
	json_put(body, "message", m);
	http_send_json(r, 201, body);
	return;
internal:
	problem_internal(r, "message create");
}
