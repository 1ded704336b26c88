/*
 * checkin.c — POST /matches/{id}/checkin: how recurring help is going
 * (issue 17, part 5; API.md "Recurring help and check-ins").
 *
 * Either party of an accepted match answers good, could_be_better or stop,
 * with an optional note that is sealed ("checkins.note:<id>") and read only
 * by a moderator (the attention list, handlers/admin/checkins.c). Someone
 * not in the match gets 404 (lib/auth.c, ACT_MATCH_CHECKIN). The answer
 * also moves the match's checkin_state row (082): a not-good answer puts
 * the match on the moderators' attention list until a good one follows.
 *
 * "stop" ends nothing by itself: the answer says so (offer_end), the match
 * page offers to complete or cancel with a kind text, and the other party
 * is asked, kindly, how it goes for them (match.checkin).
 *
 * One answer per person per check-in period (from checkin_state.asked_at,
 * when the mailer last asked): a double click, a retried request or a
 * second thought in the same period answers 200 with the first check-in,
 * its answer and note replaced, never a second row; the first is 201. The
 * transaction starts by upserting the state row, whose lock makes two
 * answers to one match take turns. The other party hears of a "stop" once.
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "matches.h"
#include "notify.h"
#include "problem.h"

struct checkin {
	struct req	*r;
	const char	*match_id, *answer, *note, *other_id, *title;
	char		 id[CRYPTO_ID_LEN + 1];
	unsigned char	*note_ct;
	size_t		 note_ctlen;
	bool		 again;		/* answered before in this period */
};

/* Columns of STMT_CHECKIN_OWN_IN_PERIOD. */
enum { CO_ID, CO_ANSWER };

static int
checkin_txn(void *ctx)
{
	struct checkin *c = ctx;
	struct req *r = c->r;
	struct db_rows own;
	bool was_stop = false;
	int rc, attention = strcmp(c->answer, "good") != 0;

	c->again = false;
	c->note_ct = NULL;
	c->note_ctlen = 0;
	crypto_id_new(c->id);
	/* First: the state row, locked until the end (and made when this is
	 * the first answer: asked now). */
	if ((rc = db_exec(r->db, r->arena, STMT_CHECKIN_STATE_ANSWER, DB_PARAMS(
	    DB_STR(c->match_id), DB_STR(c->answer), DB_INT(attention)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_CHECKIN_OWN_IN_PERIOD, DB_PARAMS(
	    DB_STR(c->match_id), DB_STR(r->who.user_id), DB_STR(c->match_id)),
	    &own)) != DB_OK)
		return rc;
	if (own.nrows == 1) {
		c->again = true;
		snprintf(c->id, sizeof(c->id), "%s", db_str(&own, 0, CO_ID));
		was_stop = strcmp(db_str(&own, 0, CO_ANSWER), "stop") == 0;
	}
	/* Sealed to the row it lands in ("checkins.note:<id>"). */
	if (c->note != NULL && *c->note != '\0' && crypto_field_seal(r->arena,
	    &c->note_ct, &c->note_ctlen, "checkins", "note", c->id, c->note,
	    strlen(c->note)) != 0)
		return DB_ERROR;
	if (c->again)
		rc = db_exec(r->db, r->arena, STMT_CHECKIN_REPLACE, DB_PARAMS(
		    DB_STR(c->answer), DB_BLOB(c->note_ct, c->note_ctlen),
		    DB_STR(c->id)), NULL);
	else
		rc = db_exec(r->db, r->arena, STMT_CHECKIN_INSERT, DB_PARAMS(
		    DB_STR(c->id), DB_STR(c->match_id), DB_STR(r->who.user_id),
		    DB_STR(c->answer), DB_BLOB(c->note_ct, c->note_ctlen)), NULL);
	if (rc != DB_OK)
		return rc;
	if (strcmp(c->answer, "stop") != 0 || was_stop)
		return DB_OK;
	return notify(r->db, r->arena, c->other_id, "match.checkin",
	    arena_printf(r->arena, "/match.html?id=%s", c->match_id), c->title,
	    NULL, NULL, -1);
}

void
matches_checkin(struct req *r)
{
	struct checkin c = { .r = r };
	struct auth_object obj;
	struct db_rows rows;
	json_object *body, *o;
	int rc;

	c.match_id = http_param(r, "id");
	c.answer = json_get_str(r->json, "answer");
	c.note = json_get_str(r->json, "note");
	if ((rc = match_load(r, c.match_id, &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such match.");
		return;
	}
	obj = match_auth(&rows, 0);
	if (!auth_require(r, ACT_MATCH_CHECKIN, &obj))
		return;
	if (strcmp(db_str(&rows, 0, MC_STATUS), "accepted") != 0) {
		problem_send(r, 409, "invalid_transition",
		    "Check-ins are for a match that is going on (accepted).");
		return;
	}
	c.title = db_str(&rows, 0, MC_REQUEST_TITLE);
	c.other_id = strcmp(r->who.user_id, db_str(&rows, 0, MC_OWNER_ID)) == 0 ?
	    db_str(&rows, 0, MC_VOLUNTEER_ID) : db_str(&rows, 0, MC_OWNER_ID);
	if (db_txn(r->db, checkin_txn, &c) != DB_OK)
		goto internal;
	body = json_object_new_object();
	o = json_object_new_object();
	json_put_str(o, "id", c.id);
	json_put_str(o, "match_id", c.match_id);
	json_put_str(o, "answer", c.answer);
	json_put_bool(o, "has_note", c.note_ct != NULL);
	json_put(body, "checkin", o);
	/* "stop": the page offers to end the match kindly (complete or cancel). */
	json_put_bool(body, "offer_end", strcmp(c.answer, "stop") == 0);
	http_send_json(r, c.again ? 200 : 201, body);
	return;
internal:
	problem_internal(r, "match checkin");
}
