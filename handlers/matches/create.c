/*
 * create.c — POST /matches: a volunteer responds to a request, or the
 * request's owner invites a volunteer. The accompanying message becomes the
 * first message of the match, sealed like every other.
 *
 * The new match, its first message and the request's response count are
 * written in one transaction that holds the request's row lock, so a
 * response cannot slip in after an accept has matched the request. A second
 * match of the same pair is refused by the unique key matches_pair, unless
 * the first was declined: then it starts again (a volunteer declined at
 * another's acceptance may respond once the request reopens).
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

enum create_outcome {
	CREATED = 0,
	NOT_OPEN,	/* the request is not (or no longer) open */
	PAIR_EXISTS,	/* this volunteer is on this request already */
};

struct creation {
	struct req		*r;
	const char		*request_id, *volunteer_id, *sender_id;
	const char		*initiated_by, *status;
	const char		*owner_id, *title;
	char			 match_id[CRYPTO_ID_LEN + 1];
	char			 message_id[CRYPTO_ID_LEN + 1];
	const unsigned char	*body_ct;
	size_t			 body_ctlen;
};

static int
create_txn(void *ctx)
{
	struct creation *c = ctx;
	struct req *r = c->r;
	struct db_rows lock;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_REQUEST_LOCK,
	    DB_PARAMS(DB_STR(c->request_id)), &lock)) != DB_OK)
		return rc;
	if (lock.nrows != 1 || strcmp(db_str(&lock, 0, 0), "open") != 0 ||
	    db_int(&lock, 0, 1) != 0)
		return NOT_OPEN;
	rc = db_exec(r->db, r->arena, STMT_MATCH_INSERT, DB_PARAMS(
	    DB_STR(c->match_id), DB_STR(c->request_id), DB_STR(c->volunteer_id),
	    DB_STR(c->initiated_by), DB_STR(c->status)), NULL);
	if (rc == DB_DUPLICATE) {
		/* The pair met before. A declined match starts again, with its
		 * conversation; a live, cancelled or completed one is a
		 * conflict. */
		struct db_rows old;

		if ((rc = db_exec(r->db, r->arena, STMT_MATCH_REVIVE, DB_PARAMS(
		    DB_STR(c->status), DB_STR(c->initiated_by), DB_STR(c->request_id),
		    DB_STR(c->volunteer_id)), NULL)) != DB_OK)
			return rc;
		if (db_affected(r->db) == 0)
			return PAIR_EXISTS;
		if ((rc = db_exec(r->db, r->arena, STMT_MATCH_OF_PAIR, DB_PARAMS(
		    DB_STR(c->request_id), DB_STR(c->volunteer_id)), &old)) != DB_OK)
			return rc;
		if (old.nrows != 1)
			return DB_ERROR;
		snprintf(c->match_id, sizeof(c->match_id), "%s", db_str(&old, 0, 0));
	} else if (rc != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_MESSAGE_INSERT, DB_PARAMS(
	    DB_STR(c->message_id), DB_STR(c->match_id), DB_STR(c->sender_id),
	    DB_BLOB(c->body_ct, c->body_ctlen)), NULL)) != DB_OK)
		return rc;
	/* The count is of responses; an invitation is not one. */
	if (strcmp(c->status, "responded") == 0 &&
	    (rc = db_exec(r->db, r->arena, STMT_REQUEST_RESPONSES_ADD,
	    DB_PARAMS(DB_INT(1), DB_STR(c->request_id)), NULL)) != DB_OK)
		return rc;
	/* The other party hears of it: the owner of a response, the
	 * volunteer of an invitation. */
	if ((rc = notify(r->db, r->arena,
	    strcmp(c->status, "responded") == 0 ? c->owner_id : c->volunteer_id,
	    strcmp(c->status, "responded") == 0 ? "match.responded" : "match.invited",
	    arena_printf(r->arena, "/match.html?id=%s", c->match_id), c->title,
	    NULL, NULL, -1)) != DB_OK)
		return rc;
	return CREATED;
}

void
matches_create(struct req *r)
{
	const char *volunteer_id = json_get_str(r->json, "volunteer_id");
	const char *message = json_get_str(r->json, "message");
	struct creation c = { .r = r, .sender_id = r->who.user_id };
	struct auth_object obj;
	struct db_rows rq, vol;
	struct auth_circle circle;
	const char *circle_id;
	unsigned char *ct;
	size_t ctlen;
	int rc;

	c.request_id = json_get_str(r->json, "request_id");
	if ((rc = request_load(r, c.request_id, &rq)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	/* A request the caller may not see does not exist for them. */
	obj = request_auth(&rq);
	if (matches_request_circle(r, c.request_id, &circle, &circle_id) != 0)
		goto internal;
	if (auth_decide_circle(&r->who, ACT_REQUEST_VIEW, &obj, &circle) != AUTH_ALLOW) {
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	if (volunteer_id == NULL) {
		/* On a circle request the circle's members respond, volunteer
		 * or not: the poster chose these people (lib/auth.c). */
		if (circle.circle) {
			if (!auth_require_circle(r, ACT_MATCH_RESPOND, &obj, &circle))
				return;
		} else if (!matches_vog_require(r, ACT_MATCH_RESPOND, &obj, c.request_id,
		    r->who.user_id))
			return;
		c.volunteer_id = r->who.user_id;
		c.initiated_by = "volunteer";
		c.status = "responded";
	} else {
		if (!auth_require(r, ACT_MATCH_INVITE, &obj))
			return;
		if (strcmp(volunteer_id, r->who.user_id) == 0) {
			problem_field(r, "volunteer_id", "not_allowed",
			    "You cannot invite yourself.");
			problem_invalid(r);
			return;
		}
		/* A circle request is invited to within the circle only. */
		if (circle.circle) {
			if (circle_id == NULL || db_exec(r->db, r->arena, STMT_CIRCLE_HAS_MEMBER,
			    DB_PARAMS(DB_STR(circle_id), DB_STR(volunteer_id)), &vol) != DB_OK)
				goto internal;
			if (vol.nrows != 1) {
				problem_field(r, "volunteer_id", "not_in_circle",
				    "Only members of the circle can be invited to this request.");
				problem_invalid(r);
				return;
			}
		}
		if (db_exec(r->db, r->arena, STMT_USER_VOLUNTEER,
		    DB_PARAMS(DB_STR(volunteer_id)), &vol) != DB_OK)
			goto internal;
		if (vol.nrows != 1) {
			problem_field(r, "volunteer_id", "unknown", "No such volunteer.");
			problem_invalid(r);
			return;
		}
		if (!matches_vog_require(r, ACT_MATCH_INVITE, &obj, c.request_id,
		    volunteer_id))
			return;
		c.volunteer_id = volunteer_id;
		c.initiated_by = "requester";
		c.status = "invited";
	}

	c.owner_id = db_str(&rq, 0, RQ_OWNER);
	c.title = db_str(&rq, 0, RQ_TITLE);
	crypto_id_new(c.match_id);
	crypto_id_new(c.message_id);
	if (crypto_field_seal(r->arena, &ct, &ctlen, "messages", "body",
	    c.message_id, message, strlen(message)) != 0)
		goto internal;
	c.body_ct = ct;
	c.body_ctlen = ctlen;
	switch ((rc = db_txn(r->db, create_txn, &c))) {
	case CREATED:
		break;
	case NOT_OPEN:
		problem_send(r, 409, "conflict", "The request is not open.");
		return;
	case PAIR_EXISTS:
		problem_send(r, 409, "conflict",
		    "This volunteer is already on this request.");
		return;
	default:
		goto internal;
	}
	match_send(r, c.match_id, 201);
	return;
internal:
	problem_internal(r, "match create");
}
