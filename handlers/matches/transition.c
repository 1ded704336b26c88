/*
 * transition.c — POST /matches/{id}/accept, /decline, /complete, /cancel.
 *
 * Who may try a step is the rule in lib/auth.c (ACT_MATCH_ANSWER,
 * ACT_MATCH_COMPLETE, ACT_MATCH_CANCEL). Whether the step is possible is
 * decided here, inside one transaction on freshly locked rows, never on what
 * was read before it:
 *
 *  - Every step that moves the request takes the request's row lock first
 *    (SELECT ... FOR UPDATE), then the match's. Two accepts on one request
 *    therefore run one after the other: the second finds the request
 *    matched (or its own match declined, or already accepted) and answers
 *    409. One lock order everywhere means no deadlock between our own
 *    transactions; the retry in db_txn covers the rest.
 *  - accept: responded/invited → accepted; the request open → matched; every
 *    other responded/invited match of the request → declined.
 *  - decline: responded/invited → declined (only the match changes).
 *  - complete: accepted → completed with hours and thanks; the request
 *    (still matched: not cancelled by its owner meanwhile) → completed.
 *  - cancel: accepted → cancelled, by either party; the request is open
 *    again (or expired, when its time ran out meanwhile). A match still
 *    waiting for an answer may be withdrawn (→ cancelled) by the party that
 *    started it — the volunteer their response, the owner their invitation;
 *    the other party declines instead. A withdrawn response no longer counts
 *    in the request's response_count.
 */
#include <math.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "matches.h"
#include "notify.h"
#include "problem.h"

/* Hours of one match, one occasion: a day at most. (A recurring request
 * may take more once recurrence exists; issue 17.) The field table lets
 * larger numbers through so that this, clearer, message answers them. */
#define HOURS_MAX	24

enum step { STEP_ACCEPT, STEP_DECLINE, STEP_COMPLETE, STEP_CANCEL };

enum step_outcome {
	STEP_DONE = 0,
	STEP_INVALID,		/* 409 invalid_transition */
	STEP_NOT_OPEN,		/* 409 conflict: the request is not open */
	STEP_NOT_MATCHED,	/* 409 conflict: the request is not matched */
};

struct transition {
	struct req	*r;
	enum step	 step;
	const char	*match_id, *request_id;
	const char	*caller_side;	/* "volunteer" or "requester" */
	const char	*owner_id, *volunteer_id, *title;
	double		 hours;
	const char	*thanks, *reason;
};

static bool
waiting(const char *status)
{
	return strcmp(status, "responded") == 0 || strcmp(status, "invited") == 0;
}

/* Tells user about this step of match_id, in the step's transaction. */
static int
tell(struct transition *t, const char *user_id, const char *kind,
    const char *match_id)
{
	struct req *r = t->r;

	return notify(r->db, r->arena, user_id, kind,
	    arena_printf(r->arena, "/match.html?id=%s", match_id), t->title,
	    NULL, NULL, -1);
}

/* The party that did not take this step. */
static const char *
other_party(const struct transition *t)
{
	return strcmp(t->caller_side, "volunteer") == 0 ? t->owner_id : t->volunteer_id;
}

/* Every volunteer still waiting on the request hears that it was matched
 * with someone else; called before their matches are declined. */
static int
tell_declined(struct transition *t)
{
	struct req *r = t->r;
	struct db_rows w;
	size_t i;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_MATCHES_WAITING_OTHERS,
	    DB_PARAMS(DB_STR(t->request_id), DB_STR(t->match_id)), &w)) != DB_OK)
		return rc;
	for (i = 0; i < w.nrows; i++)
		if ((rc = tell(t, db_str(&w, i, 1), "match.declined", db_str(&w, i, 0))) != DB_OK)
			return rc;
	return DB_OK;
}

static int
step_txn(void *ctx)
{
	struct transition *t = ctx;
	struct req *r = t->r;
	struct db_rows rq, m;
	const char *status, *initiated_by;
	bool request_open;
	int rc;

	if (t->step != STEP_DECLINE) {
		if ((rc = db_exec(r->db, r->arena, STMT_REQUEST_LOCK,
		    DB_PARAMS(DB_STR(t->request_id)), &rq)) != DB_OK)
			return rc;
		if (rq.nrows != 1)
			return DB_ERROR;
	}
	if ((rc = db_exec(r->db, r->arena, STMT_MATCH_LOCK,
	    DB_PARAMS(DB_STR(t->match_id)), &m)) != DB_OK)
		return rc;
	if (m.nrows != 1)
		return DB_ERROR;
	status = db_str(&m, 0, 0);
	initiated_by = db_str(&m, 0, 1);

	switch (t->step) {
	case STEP_ACCEPT:
		if (!waiting(status))
			return STEP_INVALID;
		request_open = strcmp(db_str(&rq, 0, 0), "open") == 0 &&
		    db_int(&rq, 0, 1) == 0;
		if (!request_open)
			return STEP_NOT_OPEN;
		if ((rc = db_exec(r->db, r->arena, STMT_MATCH_ACCEPT,
		    DB_PARAMS(DB_STR(t->match_id)), NULL)) != DB_OK ||
		    (rc = db_exec(r->db, r->arena, STMT_REQUEST_MATCHED,
		    DB_PARAMS(DB_STR(t->request_id)), NULL)) != DB_OK ||
		    (rc = tell_declined(t)) != DB_OK ||
		    (rc = db_exec(r->db, r->arena, STMT_MATCHES_DECLINE_OTHERS,
		    DB_PARAMS(DB_STR(t->request_id), DB_STR(t->match_id)), NULL)) != DB_OK)
			return rc;
		return tell(t, other_party(t), "match.accepted", t->match_id);
	case STEP_DECLINE:
		if (!waiting(status))
			return STEP_INVALID;
		if ((rc = db_exec(r->db, r->arena, STMT_MATCH_DECLINE,
		    DB_PARAMS(DB_STR(t->match_id)), NULL)) != DB_OK)
			return rc;
		return tell(t, other_party(t), "match.declined", t->match_id);
	case STEP_COMPLETE:
		if (strcmp(status, "accepted") != 0)
			return STEP_INVALID;
		/* The owner may have cancelled the request meanwhile. */
		if (strcmp(db_str(&rq, 0, 0), "matched") != 0)
			return STEP_NOT_MATCHED;
		if ((rc = db_exec(r->db, r->arena, STMT_MATCH_COMPLETE,
		    DB_PARAMS(DB_DOUBLE(t->hours), DB_STR(t->thanks),
		    DB_STR(t->match_id)), NULL)) != DB_OK ||
		    (rc = db_exec(r->db, r->arena, STMT_REQUEST_COMPLETED,
		    DB_PARAMS(DB_STR(t->request_id)), NULL)) != DB_OK)
			return rc;
		return tell(t, t->volunteer_id, "match.completed", t->match_id);
	case STEP_CANCEL:
		if (strcmp(status, "accepted") == 0) {
			if ((rc = db_exec(r->db, r->arena, STMT_MATCH_CANCEL,
			    DB_PARAMS(DB_STR(t->reason), DB_STR(t->match_id)),
			    NULL)) != DB_OK ||
			    (rc = db_exec(r->db, r->arena, STMT_REQUEST_REOPEN,
			    DB_PARAMS(DB_STR(t->request_id)), NULL)) != DB_OK)
				return rc;
			return tell(t, other_party(t), "match.cancelled", t->match_id);
		}
		/* A withdrawal, by the party that started the match only. */
		if (!waiting(status) || strcmp(initiated_by, t->caller_side) != 0)
			return STEP_INVALID;
		if ((rc = db_exec(r->db, r->arena, STMT_MATCH_CANCEL,
		    DB_PARAMS(DB_STR(t->reason), DB_STR(t->match_id)), NULL)) != DB_OK)
			return rc;
		if (strcmp(status, "responded") == 0 &&
		    (rc = db_exec(r->db, r->arena, STMT_REQUEST_RESPONSES_ADD,
		    DB_PARAMS(DB_INT(-1), DB_STR(t->request_id)), NULL)) != DB_OK)
			return rc;
		return tell(t, other_party(t), "match.cancelled", t->match_id);
	}
	return DB_ERROR;
}

static const enum action step_action[] = {
	[STEP_ACCEPT] = ACT_MATCH_ANSWER,
	[STEP_DECLINE] = ACT_MATCH_ANSWER,
	[STEP_COMPLETE] = ACT_MATCH_COMPLETE,
	[STEP_CANCEL] = ACT_MATCH_CANCEL,
};

static void
run_step(struct req *r, struct transition *t)
{
	const char *id = http_param(r, "id");
	struct auth_object obj;
	struct db_rows rows;
	int rc;

	if ((rc = match_load(r, id, &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such match.");
		return;
	}
	obj = match_auth(&rows, 0);
	if (!auth_require(r, step_action[t->step], &obj))
		return;
	t->r = r;
	t->match_id = id;
	t->request_id = db_str(&rows, 0, MC_REQUEST_ID);
	t->caller_side = strcmp(r->who.user_id, db_str(&rows, 0, MC_VOLUNTEER_ID)) == 0 ?
	    "volunteer" : "requester";
	t->owner_id = db_str(&rows, 0, MC_OWNER_ID);
	t->volunteer_id = db_str(&rows, 0, MC_VOLUNTEER_ID);
	t->title = db_str(&rows, 0, MC_REQUEST_TITLE);
	switch (db_txn(r->db, step_txn, t)) {
	case STEP_DONE:
		break;
	case STEP_INVALID:
		problem_send(r, 409, "invalid_transition",
		    "The match cannot take this step from where it is.");
		return;
	case STEP_NOT_OPEN:
		problem_send(r, 409, "conflict", "The request is not open.");
		return;
	case STEP_NOT_MATCHED:
		problem_send(r, 409, "conflict", "The request is no longer matched.");
		return;
	default:
		goto internal;
	}
	match_send(r, id, 200);
	return;
internal:
	problem_internal(r, "match step");
}

void
matches_accept(struct req *r)
{
	struct transition t = { .step = STEP_ACCEPT };

	run_step(r, &t);
}

void
matches_decline(struct req *r)
{
	struct transition t = { .step = STEP_DECLINE };

	run_step(r, &t);
}

void
matches_complete(struct req *r)
{
	struct transition t = { .step = STEP_COMPLETE };
	const char *thanks = json_get_str(r->json, "thanks");
	json_object *h = NULL;
	double hours;

	/* The field table has checked that hours is a number. */
	(void)json_object_object_get_ex(r->json, "hours", &h);
	hours = h != NULL ? json_object_get_double(h) : 0.0;

	/* Kept to a hundredth of an hour, as stored (DECIMAL(5,2)). */
	hours = round(hours * 100.0) / 100.0;
	if (!(hours >= 0.01 && hours <= HOURS_MAX)) {
		problem_field(r, "hours", "out_of_range",
		    "Hours are more than 0 and at most 24 for one occasion (1,5 is one and a half hours).");
		problem_invalid(r);
		return;
	}
	t.hours = hours;
	t.thanks = thanks != NULL && *thanks != '\0' ? thanks : NULL;
	run_step(r, &t);
}

void
matches_cancel(struct req *r)
{
	struct transition t = { .step = STEP_CANCEL };

	t.reason = json_get_str(r->json, "reason");
	run_step(r, &t);
}

/*
 * POST /matches/{id}/hours: the volunteer of an accepted match records the
 * hours they spent, so they are not lost when the requester forgets; the
 * requester confirms or corrects them on completion.
 */
void
matches_hours(struct req *r)
{
	const char *id = http_param(r, "id");
	struct auth_object obj;
	struct db_rows rows;
	json_object *h = NULL;
	double hours;
	int rc;

	(void)json_object_object_get_ex(r->json, "hours", &h);
	hours = h != NULL ? round(json_object_get_double(h) * 100.0) / 100.0 : 0.0;
	if (!(hours >= 0.01 && hours <= HOURS_MAX)) {
		problem_field(r, "hours", "out_of_range",
		    "Hours are more than 0 and at most 24 for one occasion (1,5 is one and a half hours).");
		problem_invalid(r);
		return;
	}
	if ((rc = match_load(r, id, &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such match.");
		return;
	}
	obj = match_auth(&rows, 0);
	if (!auth_require(r, ACT_MATCH_HOURS, &obj))
		return;
	if (db_exec(r->db, r->arena, STMT_MATCH_VOLUNTEER_HOURS,
	    DB_PARAMS(DB_DOUBLE(hours), DB_DOUBLE(hours), DB_STR(id)), NULL) != DB_OK)
		goto internal;
	if (db_affected(r->db) == 0 && strcmp(db_str(&rows, 0, MC_STATUS), "accepted") != 0) {
		problem_send(r, 409, "invalid_transition",
		    "Hours are recorded while the match is accepted.");
		return;
	}
	match_send(r, id, 200);
	return;
internal:
	problem_internal(r, "match hours");
}
