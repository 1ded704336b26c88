/*
 * resolve.c — POST /admin/reports/{id}/resolve: a moderator dismisses a
 * report, hides its target, or blocks the user behind it.
 *
 *  - dismiss: nothing happens to the target.
 *  - hide_target: a request or offer gets status `hidden` (with the note as
 *    its moderation reason); a message is deleted, since messages have no
 *    status and a hidden one must vanish from the conversation. Users are
 *    blocked, not hidden: hide_target on a user is a 422.
 *  - block_user: the author of the target (the user reported, or the owner
 *    of the request, the volunteer of the offer, the sender of the message)
 *    gets status `blocked` and every session of theirs ends at once. Their
 *    posts keep their own status: the other handlers' lists show only posts
 *    of active users, so they vanish everywhere, and an admin's unblocking
 *    (PATCH /users/{id}) brings back what was not hidden by hand.
 *
 * All of it happens in one transaction that first locks the report, so two
 * moderators resolving it at once get one 200 and one 409. Every step is
 * recorded in moderation_actions (who, when, what, why) and the audit log.
 */
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"

struct resolve {
	struct req	*r;
	const char	*id;		/* the report */
	const char	*action;	/* dismiss, hide_target, block_user */
	const char	*note;		/* may be NULL */
	const char	*target_type;
	const char	*target_id;
	const char	*author;	/* may be NULL */
};

enum { RESOLVED_ALREADY = 1 };

static int
record(struct resolve *s, const char *type, const char *id, const char *what)
{
	struct req *r = s->r;
	int rc;

	rc = db_exec(r->db, r->arena, STMT_MODERATION_INSERT, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(type), DB_STR(id), DB_STR(what),
	    DB_STR(s->note)), NULL);
	if (rc != DB_OK)
		return rc;
	/* The audit log carries no free text (the note may name people):
	 * the detail points at the report instead. */
	if (audit_write(r, arena_printf(r->arena, "%s.%s", type, what), type, id,
	    arena_printf(r->arena, "report %s", s->id)) != 0)
		return DB_ERROR;
	return DB_OK;
}

static int
resolve_txn(void *arg)
{
	struct resolve *s = arg;
	struct req *r = s->r;
	struct db_rows rows;
	int rc, idx;

	if ((rc = db_exec(r->db, r->arena, STMT_REPORT_LOCK, DB_PARAMS(DB_STR(s->id)),
	    &rows)) != DB_OK)
		return rc;
	if (rows.nrows != 1 || strcmp(db_str(&rows, 0, 0), "open") != 0)
		return RESOLVED_ALREADY;

	if (strcmp(s->action, "hide_target") == 0) {
		if (strcmp(s->target_type, "message") == 0)
			rc = db_exec(r->db, r->arena, STMT_MESSAGE_DELETE,
			    DB_PARAMS(DB_STR(s->target_id)), NULL);
		else {
			idx = strcmp(s->target_type, "request") == 0 ?
			    STMT_REQUEST_HIDE : STMT_OFFER_HIDE;
			rc = db_exec(r->db, r->arena, idx, DB_PARAMS(DB_STR(s->note),
			    DB_STR(s->target_id)), NULL);
		}
		if (rc != DB_OK)
			return rc;
		rc = record(s, s->target_type, s->target_id,
		    strcmp(s->target_type, "message") == 0 ? "delete" : "hide");
		if (rc != DB_OK)
			return rc;
	} else if (strcmp(s->action, "block_user") == 0) {
		if ((rc = db_exec(r->db, r->arena, STMT_USER_BLOCK,
		    DB_PARAMS(DB_STR(s->author)), NULL)) != DB_OK)
			return rc;
		/* At once: the next request of the blocked user is a 401. */
		if (auth_sessions_revoke(r, s->author, false) != 0)
			return DB_ERROR;
		if ((rc = record(s, "user", s->author, "block")) != DB_OK)
			return rc;
	}

	if ((rc = db_exec(r->db, r->arena, STMT_REPORT_RESOLVE, DB_PARAMS(
	    DB_STR(s->action), DB_STR(s->note), DB_STR(r->who.user_id),
	    DB_STR(s->id)), NULL)) != DB_OK)
		return rc;
	return record(s, "report", s->id, s->action);
}

void
reports_resolve(struct req *r)
{
	struct resolve s = { .r = r, .id = http_param(r, "id") };
	struct db_rows rows, target;
	json_object *body;
	int rc;

	if (!auth_require(r, ACT_MODERATE, NULL))
		return;
	if (valid_id(s.id) != NULL)
		goto not_found;
	if (db_exec(r->db, r->arena, STMT_REPORT_GET, DB_PARAMS(DB_STR(s.id)),
	    &rows) != DB_OK)
		goto internal;
	if (rows.nrows != 1)
		goto not_found;
	if (strcmp(db_str(&rows, 0, RC_STATUS), "open") != 0)
		goto conflict;
	s.action = json_get_str(r->json, "action");
	s.note = json_get_str(r->json, "note");
	if (s.note != NULL && *s.note == '\0')
		s.note = NULL;
	s.target_type = db_str(&rows, 0, RC_TARGET_TYPE);
	s.target_id = db_str(&rows, 0, RC_TARGET_ID);
	s.author = db_str(&rows, 0, RC_TARGET_USER_ID);

	if (strcmp(s.action, "hide_target") == 0 && strcmp(s.target_type, "user") == 0)
		problem_field(r, "action", "not_allowed",
		    "A user is not hidden but blocked (block_user).");
	if (strcmp(s.action, "block_user") == 0) {
		if (s.author == NULL ||
		    db_exec(r->db, r->arena, STMT_TARGET_USER,
		    DB_PARAMS(DB_STR(s.author)), &target) != DB_OK)
			goto internal;
		if (target.nrows != 1)
			problem_field(r, "action", "not_allowed",
			    "The author of the target no longer exists.");
		else if (strcmp(s.author, r->who.user_id) == 0)
			problem_field(r, "action", "not_allowed", "You cannot block yourself.");
		else if (auth_roles_parse(db_str(&target, 0, 2)) & ROLE_ADMIN)
			problem_field(r, "action", "not_allowed",
			    "An admin is blocked only by another admin, in user management.");
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}

	rc = db_txn(r->db, resolve_txn, &s);
	if (rc == RESOLVED_ALREADY)
		goto conflict;
	if (rc != DB_OK)
		goto internal;
	if (db_exec(r->db, r->arena, STMT_REPORT_GET, DB_PARAMS(DB_STR(s.id)),
	    &rows) != DB_OK || rows.nrows != 1)
		goto internal;
	body = json_object_new_object();
	json_put(body, "report", report_moderator_json(&rows, 0));
	http_send_json(r, 200, body);
	return;
not_found:
	problem_send(r, 404, "not_found", "No such report.");
	return;
conflict:
	problem_send(r, 409, "conflict", "This report has been resolved already.");
	return;
internal:
	problem_internal(r, "report resolve");
}
