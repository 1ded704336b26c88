/*
 * gdpr_matches.c — the matches' and messages' part of GET /me/export and
 * DELETE /me (issue 5).
 *
 * Export: every match the user is on, as volunteer or as the request's
 * owner, as the match object of API.md (plus who started it and a cancel
 * reason), and the messages of those matches with their bodies opened —
 * except the messages of a match on which the user is the declined
 * volunteer, which they may no longer read (lib/auth.c). Each message names
 * its match_id.
 *
 * Erasure (inside the erasure transaction), in this order because the first
 * two look at the matches' status before it changes:
 *  - open responses of the user no longer count on their requests;
 *  - a request the user was the accepted volunteer on is open again;
 *  - every live match of the user (responded, invited, accepted) ends in
 *    cancelled, on either side — their own requests are withdrawn by the
 *    requests part; cancel reasons and thank-you notes they wrote go;
 *  - every message they sent is deleted: the rows go, so no ciphertext of
 *    theirs is left to open with any key. The other party keeps their own
 *    messages.
 */
#include <string.h>

#include "accounts.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"

/* Columns of STMT_GDPR_MATCHES_EXPORT. */
enum gdpr_match_col {
	GM_ID, GM_REQUEST_ID, GM_REQUEST_TITLE, GM_REQUEST_STATUS,
	GM_VOLUNTEER_ID, GM_VOLUNTEER_NAME, GM_STATUS, GM_CREATED, GM_ACCEPTED,
	GM_COMPLETED, GM_HOURS, GM_THANKS, GM_OWNER_ID, GM_OWNER_NAME,
	GM_INITIATED_BY, GM_CANCEL_REASON,
};
/* Columns of STMT_GDPR_MESSAGES_EXPORT. */
enum gdpr_message_col {
	GG_ID, GG_MATCH_ID, GG_SENDER_ID, GG_SENDER_NAME, GG_BODY_CT, GG_CREATED,
};

static json_object *
public_user(const char *id, const char *name)
{
	json_object *u = json_object_new_object();

	json_put_str(u, "id", id);
	json_put_str(u, "display_name", name);
	return u;
}

static json_object *
match_json(const struct db_rows *rows, size_t i)
{
	json_object *m = json_object_new_object(), *rq = json_object_new_object();

	json_put_str(m, "id", db_str(rows, i, GM_ID));
	json_put_str(rq, "id", db_str(rows, i, GM_REQUEST_ID));
	json_put_str(rq, "title", db_str(rows, i, GM_REQUEST_TITLE));
	json_put_str(rq, "status", db_str(rows, i, GM_REQUEST_STATUS));
	json_put(rq, "owner", public_user(db_str(rows, i, GM_OWNER_ID),
	    db_str(rows, i, GM_OWNER_NAME)));
	json_put(m, "request", rq);
	json_put(m, "volunteer", public_user(db_str(rows, i, GM_VOLUNTEER_ID),
	    db_str(rows, i, GM_VOLUNTEER_NAME)));
	json_put_str(m, "status", db_str(rows, i, GM_STATUS));
	json_put_str(m, "initiated_by", db_str(rows, i, GM_INITIATED_BY));
	json_put_str(m, "created_at", db_str(rows, i, GM_CREATED));
	json_put_str(m, "accepted_at", db_str(rows, i, GM_ACCEPTED));
	json_put_str(m, "completed_at", db_str(rows, i, GM_COMPLETED));
	/* DECIMAL(5,2) as text ("2.50") is a JSON number as it stands. */
	json_put(m, "hours", db_is_null(rows, i, GM_HOURS) ? NULL :
	    json_object_new_double_s(db_double(rows, i, GM_HOURS),
	    db_str(rows, i, GM_HOURS)));
	json_put_str(m, "thanks", db_str(rows, i, GM_THANKS));
	json_put_str(m, "cancel_reason", db_str(rows, i, GM_CANCEL_REASON));
	return m;
}

int
gdpr_matches_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *list, *m, *sender;
	char *body;
	size_t i, len;

	if (db_exec(r->db, r->arena, STMT_GDPR_MATCHES_EXPORT,
	    DB_PARAMS(DB_STR(user_id), DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	list = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(list, match_json(&rows, i));
	json_put(doc, "matches", list);

	if (db_exec(r->db, r->arena, STMT_GDPR_MESSAGES_EXPORT,
	    DB_PARAMS(DB_STR(user_id), DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	list = json_object_new_array();
	json_put(doc, "messages", list);
	for (i = 0; i < rows.nrows; i++) {
		if (crypto_field_open(r->arena, &body, &len, "messages", "body",
		    db_str(&rows, i, GG_ID),
		    (const unsigned char *)db_str(&rows, i, GG_BODY_CT),
		    db_len(&rows, i, GG_BODY_CT)) != 0) {
			log_error("export: cannot open the body of message %s",
			    db_str(&rows, i, GG_ID));
			return -1;
		}
		m = json_object_new_object();
		json_put_str(m, "id", db_str(&rows, i, GG_ID));
		json_put_str(m, "match_id", db_str(&rows, i, GG_MATCH_ID));
		sender = public_user(db_str(&rows, i, GG_SENDER_ID),
		    db_str(&rows, i, GG_SENDER_NAME));
		json_put(m, "sender", sender);
		json_put_strn(m, "body", body, len);
		json_put_str(m, "created_at", db_str(&rows, i, GG_CREATED));
		json_object_array_add(list, m);
	}
	return 0;
}

int
gdpr_matches_erase(struct req *r, const char *user_id)
{
	static const int steps[] = {
		STMT_GDPR_RESPONSES_UNCOUNT,
		STMT_GDPR_MATCHES_REOPEN,
		STMT_GDPR_MATCHES_END_VOLUNTEER,
		STMT_GDPR_MATCHES_END_OWNER,
		STMT_GDPR_MESSAGES_DELETE,
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if ((rc = db_exec(r->db, r->arena, steps[i],
		    DB_PARAMS(DB_STR(user_id)), NULL)) != DB_OK)
			return rc;
	return 0;
}
