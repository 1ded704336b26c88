/*
 * review.c — POST /offers/{id}/review: a moderator approves, rejects or
 * hides an offer. Each decision is one moderation_actions row and one
 * audit_log row, written in the same transaction as the status change.
 *
 *   approve   pending, rejected, hidden → active
 *   reject    pending, active, paused   → rejected   (reason required)
 *   hide      pending, active, paused   → hidden     (reason required)
 *
 * Anything else is 409 invalid_transition. The reason of a rejection or
 * hiding is shown to the owner (offer.moderation); approval clears it.
 */
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "problem.h"

static const struct decision {
	const char	*name;
	const char	*to;
	const char	*from[4];	/* NULL-terminated */
	bool		 needs_reason;
} decisions[] = {
	{ "approve",	"active",	{ "pending", "rejected", "hidden", NULL }, false },
	{ "reject",	"rejected",	{ "pending", "active", "paused", NULL }, true },
	{ "hide",	"hidden",	{ "pending", "active", "paused", NULL }, true },
};

struct review {
	struct req		*r;
	const struct decision	*d;
	const char		*id, *from, *reason;
};

/* 0 done, 1 the offer changed meanwhile, < 0 a database failure. */
static int
review_txn(void *ctx)
{
	struct review *v = ctx;
	struct req *r = v->r;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_OFFER_REVIEW, DB_PARAMS(
	    DB_STR(v->d->to), DB_STR(v->d->needs_reason ? v->reason : NULL),
	    DB_STR(v->id), DB_STR(v->from)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) == 0)
		return 1;
	if ((rc = db_exec(r->db, r->arena, STMT_MODERATION_INSERT, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(v->id), DB_STR(v->d->name),
	    DB_STR(v->reason)), NULL)) != DB_OK)
		return rc;
	/* The reason may quote the post; the audit row names only the act. */
	return audit_write(r, "offer.review", "offer", v->id, v->d->name) == 0 ?
	    DB_OK : DB_ERROR;
}

void
offer_review(struct req *r)
{
	const char *name = json_get_str(r->json, "decision");
	struct review v = { r, NULL, NULL, NULL, json_get_str(r->json, "reason") };
	struct db_rows rows;
	size_t i;
	bool allowed = false;
	int rc;

	if (!offer_fetch(r, ACT_MODERATE, &rows))
		return;
	for (i = 0; i < sizeof(decisions) / sizeof(decisions[0]); i++)
		if (name != NULL && strcmp(decisions[i].name, name) == 0)
			v.d = &decisions[i];
	if (v.d == NULL) {	/* the field table allows only these */
		problem_internal(r, "review decision");
		return;
	}
	if (v.d->needs_reason && v.reason == NULL) {
		problem_field(r, "reason", "required",
		    "A reason is required to reject or hide an offer.");
		problem_invalid(r);
		return;
	}
	v.id = db_str(&rows, 0, OC_ID);
	v.from = db_str(&rows, 0, OC_STATUS);
	for (i = 0; v.d->from[i] != NULL; i++)
		if (strcmp(v.d->from[i], v.from) == 0)
			allowed = true;
	if (!allowed) {
		problem_send(r, 409, "invalid_transition", arena_printf(r->arena,
		    "An offer that is %s cannot be given the decision %s.",
		    v.from, v.d->name));
		return;
	}
	if ((rc = db_txn(r->db, review_txn, &v)) < 0) {
		problem_internal(r, "offer review");
		return;
	}
	if (rc > 0) {
		problem_send(r, 409, "conflict", "The offer changed meanwhile; load it again.");
		return;
	}
	offer_send(r, v.id, 200);
}
