/*
 * review.c — POST /requests/{id}/review: a moderator approves, rejects or
 * hides a request.
 *
 *   approve  pending → open; hidden → open again (unhide), or matched /
 *            completed when it has such a match
 *   reject   pending → rejected            (reason required)
 *   hide     pending, open, matched, expired → hidden   (reason required)
 *
 * Anything else is 409 invalid_transition. The decision and its reason are
 * kept on the request (the owner reads them as `moderation`) and recorded in
 * moderation_actions and the audit log, in one transaction with the change.
 */
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "notify.h"
#include "postcode.h"
#include "problem.h"
#include "requests.h"

struct review {
	struct req	*r;
	const char	*id, *decision, *reason, *from, *to;
	const char	*owner_id, *title, *category;
	struct area	 area;
};

/* DB_OK, 1 when the request changed meanwhile, or a db_status. */
static int
apply_review(void *ctx)
{
	struct review *v = ctx;
	struct req *r = v->r;
	int rc;

	rc = db_exec(r->db, r->arena, STMT_REQUEST_REVIEW, DB_PARAMS(
	    DB_STR(v->to), DB_STR(v->decision), DB_STR(v->reason),
	    DB_STR(v->to), DB_STR(v->to), DB_INT(requests_settings.expiry_days),
	    DB_STR(v->id), DB_STR(v->from)), NULL);
	if (rc != DB_OK)
		return rc;
	if (db_affected(r->db) == 0)
		return 1;
	rc = db_exec(r->db, r->arena, STMT_MODERATION_INSERT, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(v->id), DB_STR(v->decision),
	    DB_STR(v->reason)), NULL);
	if (rc != DB_OK)
		return rc;
	/* The owner hears the verdict on a new request; a new public request
	 * reaches the volunteers' alerts. */
	if (strcmp(v->from, "pending") == 0) {
		bool approved = strcmp(v->to, "open") == 0;
		const char *link = arena_printf(r->arena, "/hulpvraag.html?id=%s", v->id);

		if ((rc = notify(r->db, r->arena, v->owner_id,
		    approved ? "request.approved" : "request.rejected", link, v->title,
		    NULL, NULL, -1)) != DB_OK)
			return rc;
		if (approved && (rc = requests_gone_public(r, v->id, v->owner_id,
		    v->title, v->category, v->area.lat, v->area.lon)) != DB_OK)
			return rc;
	}
	return audit_write(r, arena_printf(r->arena, "request.%s", v->decision),
	    "request", v->id, arena_printf(r->arena, "%s -> %s", v->from, v->to)) == 0 ?
	    DB_OK : DB_ERROR;
}

/* Where an unhidden request returns to: its match decides. NULL on failure. */
static const char *
unhidden_status(struct req *r, const char *id)
{
	struct db_rows rows;
	const char *to = "open";
	size_t i;

	if (db_exec(r->db, r->arena, STMT_ACCEPTED_MATCH, DB_PARAMS(DB_STR(id)),
	    &rows) != DB_OK)
		return NULL;
	for (i = 0; i < rows.nrows; i++) {
		if (strcmp(db_str(&rows, i, 0), "completed") == 0)
			return "completed";
		to = "matched";
	}
	return to;
}

void
requests_review(struct req *r)
{
	struct review v;
	struct db_rows rows;
	const char *status;
	int rc;

	memset(&v, 0, sizeof(v));
	v.r = r;
	if (!auth_require(r, ACT_MODERATE, NULL))
		return;
	if ((rc = request_load(r, http_param(r, "id"), &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	v.id = db_str(&rows, 0, RC_ID);
	v.decision = json_get_str(r->json, "decision");
	v.reason = json_get_str(r->json, "reason");
	v.from = db_str(&rows, 0, RC_STORED_STATUS);
	v.owner_id = db_str(&rows, 0, RC_OWNER_ID);
	v.title = db_str(&rows, 0, RC_TITLE);
	v.category = db_str(&rows, 0, RC_CATEGORY);
	if ((rc = postcode_lookup(r, db_str(&rows, 0, RC_PC4), &v.area)) < 0)
		goto internal;
	status = db_str(&rows, 0, RC_STATUS);
	if (strcmp(v.decision, "approve") != 0 && v.reason == NULL) {
		problem_field(r, "reason", "required",
		    "A reason is required to reject or hide; the owner reads it.");
		problem_invalid(r);
		return;
	}

	if (strcmp(v.decision, "approve") == 0) {
		if (strcmp(v.from, "pending") == 0)
			v.to = "open";
		else if (strcmp(v.from, "hidden") == 0 &&
		    (v.to = unhidden_status(r, v.id)) == NULL)
			goto internal;
	} else if (strcmp(v.decision, "reject") == 0) {
		if (strcmp(v.from, "pending") == 0)
			v.to = "rejected";
	} else if (strcmp(status, "pending") == 0 || strcmp(status, "open") == 0 ||
	    strcmp(status, "matched") == 0 || strcmp(status, "expired") == 0)
		v.to = "hidden";
	if (v.to == NULL) {
		problem_send(r, 409, "invalid_transition", arena_printf(r->arena,
		    "A %s request cannot be %s.", status,
		    strcmp(v.decision, "approve") == 0 ? "approved" :
		    strcmp(v.decision, "reject") == 0 ? "rejected" : "hidden"));
		return;
	}

	rc = db_txn(r->db, apply_review, &v);
	if (rc == 1) {
		problem_send(r, 409, "conflict",
		    "The request changed meanwhile; load it and review again.");
		return;
	}
	if (rc != DB_OK)
		goto internal;
	/* The answer leaves the private part out: reading it is a separate,
	 * audited GET. */
	request_send_fresh(r, v.id, 200, false);
	return;
internal:
	problem_internal(r, "request review");
}
