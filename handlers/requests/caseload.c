/*
 * caseload.c — the desk (issue 18 part 4): GET /me/caseload, what a
 * professional posted for whom with the next step of each, and
 * GET /requests/{id}/letter, the print view of a request's accepted match
 * for a client without internet.
 *
 * The caseload is the caller's own only (docs/desk.md says why): the
 * statement reads requests by owner. Each item names the client by first
 * name and nothing more of them; the next step is a code (the page words
 * it), ranked so that what needs doing comes first:
 *
 *   1 review_response   a volunteer responded: decide
 *   2 tell_client       matched: pass the appointment on to the client
 *   3 record_hours      matched and the agreed time has passed: complete
 *                       the match with the hours
 *   4 call_client       open for caseload_quiet_days without a response:
 *                       call the client, widen the distance
 *   5 revise            rejected or hidden by a moderator
 *   6 repost            expired
 *   7 await_responses   open, waiting for volunteers
 *   8 await_review      pending, waiting for a moderator
 *   9 consent_revoked   nothing more to do; the private part is gone
 *  10 done              completed
 *  11 closed            cancelled
 *
 * Paged by (rank, created_at, id), a cursor of kind "k".
 *
 * The letter shows what the client is to be told: the volunteer's first
 * name (the first word of their display name, which anyone they meet is
 * shown anyway), the agreed time and recurrence, what for, and how to reach
 * the desk (desk_name, desk_phone, desk_hours, desk_hours_en: lib/config.h).
 * Nothing sealed is read for it, so it needs no audit row.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "config.h"
#include "cursor.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "page.h"
#include "problem.h"
#include "requests.h"
#include "valid.h"

#define CASELOAD_LIMIT_DEFAULT	20
/* The first page starts after this key: every rank is 1 or more. */
#define FIRST_STEP		"0"
#define FIRST_CREATED		"1970-01-01 00:00:00.000000"

struct config_desk requests_desk;

/* The next steps by rank (index 0 unused), as in the head comment. */
static const char *const steps[] = {
	NULL, "review_response", "tell_client", "record_hours", "call_client",
	"revise", "repost", "await_responses", "await_review",
	"consent_revoked", "done", "closed", NULL
};
#define STEPS_MAX	11

static const char *const statuses[] = {
	"pending", "open", "matched", "completed", "cancelled", "rejected",
	"hidden", "expired", NULL
};

/* Columns of STMT_CASELOAD, in order. */
enum caseload_col {
	CC_ID, CC_TITLE, CC_CATEGORY, CC_FIRST_NAME, CC_CONSENT_HOW,
	CC_REVOKED, CC_STATUS, CC_WHEN_START, CC_WHEN_END, CC_RECURRENCE,
	CC_CREATED, CC_CREATED_KEY, CC_WAITING, CC_MATCH_ID, CC_DAYS, CC_STEP,
	CC_CREATED_AT
};

static const int caseload_key[] = { CC_STEP, CC_CREATED_KEY, CC_ID };

/* The index of s in list (NULL-terminated), or -1. */
static int
lookup(const char *const *list, size_t from, const char *s)
{
	size_t i;

	for (i = from; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return (int)i;
	return -1;
}

static json_object *
render_item(struct req *r, const struct db_rows *rows, size_t i,
    const void *ctx)
{
	json_object *o = json_object_new_object(), *client, *consent, *when, *step;
	long long rank = db_int(rows, i, CC_STEP);

	(void)r;
	(void)ctx;
	if (o == NULL || rank < 1 || rank > STEPS_MAX)
		return NULL;
	json_put_str(o, "id", db_str(rows, i, CC_ID));
	json_put_str(o, "title", db_str(rows, i, CC_TITLE));
	json_put_str(o, "category", db_str(rows, i, CC_CATEGORY));
	json_put_str(o, "status", db_str(rows, i, CC_STATUS));
	json_put_str(o, "created_at", db_str(rows, i, CC_CREATED));
	/* The client: the first name only (emptied when consent was revoked). */
	client = json_object_new_object();
	if (db_is_null(rows, i, CC_FIRST_NAME))
		json_put(client, "first_name", NULL);
	else
		json_put_str(client, "first_name", db_str(rows, i, CC_FIRST_NAME));
	json_put(o, "client", client);
	consent = json_object_new_object();
	json_put_str(consent, "how", db_str(rows, i, CC_CONSENT_HOW));
	json_put_bool(consent, "revoked", db_int(rows, i, CC_REVOKED) != 0);
	json_put(o, "consent", consent);
	if (!db_is_null(rows, i, CC_WHEN_START)) {
		when = json_object_new_object();
		json_put_str(when, "start", db_str(rows, i, CC_WHEN_START));
		json_put_str(when, "end", db_str(rows, i, CC_WHEN_END));
		json_put(o, "when", when);
	} else
		json_put(o, "when", NULL);
	if (db_is_null(rows, i, CC_RECURRENCE))
		json_put(o, "recurrence", NULL);
	else
		json_put_str(o, "recurrence", db_str(rows, i, CC_RECURRENCE));
	json_put_int(o, "responses_waiting", db_int(rows, i, CC_WAITING));
	if (db_is_null(rows, i, CC_MATCH_ID))
		json_put(o, "match_id", NULL);
	else
		json_put_str(o, "match_id", db_str(rows, i, CC_MATCH_ID));
	step = json_object_new_object();
	json_put_str(step, "code", steps[rank]);
	json_put_int(step, "rank", rank);
	json_put_int(step, "days_open", db_int(rows, i, CC_DAYS));
	json_put(o, "next_step", step);
	return o;
}

/* Decodes a caseload cursor into rank, created key and id; false when it
 * is not one of ours. */
static bool
read_cursor(struct req *r, const char *s, const char **rank,
    const char **created, const char **id)
{
	char *parts[4];
	long n;

	if (cursor_decode(r->arena, s, parts, 4) != 0 || strcmp(parts[0], "k") != 0 ||
	    valid_long(parts[1], 1, STEPS_MAX, &n) != NULL ||
	    !cursor_time_key_ok(parts[2]) || valid_id(parts[3]) != NULL)
		return false;
	*rank = parts[1];
	*created = parts[2];
	*id = parts[3];
	return true;
}

void
requests_caseload(struct req *r)
{
	const char *status = http_query(r, "status"), *step = http_query(r, "next_step");
	const char *limit_s = http_query(r, "limit"), *cur = http_query(r, "cursor");
	const char *after_rank = FIRST_STEP, *after_created = FIRST_CREATED, *after_id = "";
	struct db_rows rows;
	struct page pg;
	long limit = CASELOAD_LIMIT_DEFAULT;
	int rank = 0;

	if (!auth_require(r, ACT_CASELOAD_READ, NULL))
		return;
	if (limit_s != NULL && valid_long(limit_s, 1, 100, &limit) != NULL)
		problem_field(r, "limit", "out_of_range", "limit is 1 to 100.");
	if (status != NULL && lookup(statuses, 0, status) < 0)
		problem_field(r, "status", "not_allowed", "Not a request status.");
	if (step != NULL && (rank = lookup(steps, 1, step)) < 0)
		problem_field(r, "next_step", "not_allowed", "Not a next step.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (cur != NULL && !read_cursor(r, cur, &after_rank, &after_created, &after_id)) {
		problem_send(r, 400, "bad_request", "The cursor is not valid.");
		return;
	}
	if (db_exec(r->db, r->arena, STMT_CASELOAD, DB_PARAMS(
	    DB_INT(requests_settings.caseload_quiet_days), DB_STR(r->who.user_id),
	    DB_STR(status), DB_STR(status), DB_INT(rank), DB_INT(rank),
	    DB_STR(after_rank), DB_STR(after_rank), DB_STR(after_created),
	    DB_STR(after_created), DB_STR(after_id), DB_INT(limit + 1)),
	    &rows) != DB_OK) {
		problem_internal(r, "caseload");
		return;
	}
	page_init(&pg, limit, render_item, NULL);
	if (page_add(r, &pg, &rows) != 0) {
		page_drop(&pg);
		problem_internal(r, "caseload render");
		return;
	}
	page_send(r, &pg, "k", caseload_key, 3);
}

/* The first word of a display name: what the client is told of who
 * comes. Arena-owned. */
static const char *
first_word(struct req *r, const char *name)
{
	size_t n = strcspn(name, " \t");

	return arena_strndup(r->arena, name, n > 0 ? n : strlen(name));
}

void
requests_letter(struct req *r)
{
	struct db_rows rows, match;
	struct auth_object obj;
	json_object *body, *letter, *req, *who, *desk, *m, *when;
	int rc = request_load(r, http_param(r, "id"), &rows);

	if (rc < 0)
		goto internal;
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	request_auth_object(&obj, &rows, 0);
	if (!auth_require(r, ACT_REQUEST_LETTER, &obj))
		return;
	if (db_exec(r->db, r->arena, STMT_LETTER_MATCH,
	    DB_PARAMS(DB_STR(db_str(&rows, 0, RC_ID))), &match) != DB_OK)
		goto internal;
	if (match.nrows == 0 || db_is_null(&rows, 0, RC_ON_BEHALF_OF)) {
		problem_send(r, 409, "conflict",
		    "This request has no accepted match for a client yet: there is nothing to send.");
		return;
	}
	body = json_object_new_object();
	letter = json_object_new_object();
	req = json_object_new_object();
	json_put_str(req, "id", db_str(&rows, 0, RC_ID));
	json_put_str(req, "title", db_str(&rows, 0, RC_TITLE));
	json_put_str(req, "description", db_str(&rows, 0, RC_DESCRIPTION));
	json_put_str(req, "category", db_str(&rows, 0, RC_CATEGORY));
	json_put_str(req, "status", db_str(&rows, 0, RC_STATUS));
	if (!db_is_null(&rows, 0, RC_WHEN_START)) {
		when = json_object_new_object();
		json_put_str(when, "start", db_str(&rows, 0, RC_WHEN_START));
		json_put_str(when, "end", db_str(&rows, 0, RC_WHEN_END));
		json_put(req, "when", when);
	} else
		json_put(req, "when", NULL);
	if (db_is_null(&rows, 0, RC_RECURRENCE))
		json_put(req, "recurrence", NULL);
	else
		json_put_str(req, "recurrence", db_str(&rows, 0, RC_RECURRENCE));
	json_put_str(req, "place", db_str(&rows, 0, RC_PLACE));
	json_put(letter, "request", req);
	who = json_object_new_object();
	json_put_str(who, "first_name", db_str(&rows, 0, RC_ON_BEHALF_OF));
	json_put(letter, "client", who);
	who = json_object_new_object();
	json_put_str(who, "first_name", first_word(r, db_str(&match, 0, 3)));
	json_put(letter, "volunteer", who);
	m = json_object_new_object();
	json_put_str(m, "id", db_str(&match, 0, 0));
	json_put_str(m, "status", db_str(&match, 0, 1));
	json_put_str(m, "accepted_at", db_str(&match, 0, 2));
	json_put(letter, "match", m);
	desk = json_object_new_object();
	json_put_str(desk, "name", requests_desk.name);
	json_put_str(desk, "phone", requests_desk.phone);
	json_put_str(desk, "hours", requests_desk.hours);
	json_put_str(desk, "hours_en", requests_desk.hours_en);
	json_put(letter, "desk", desk);
	json_put(body, "letter", letter);
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "letter");
}
