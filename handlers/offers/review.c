/*
 * review.c — POST /offers/{id}/review (and, through review_apply, POST
 * /vacancies/{id}/review in vacancies.c): a moderator approves, rejects or
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

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "problem.h"

static const struct review_decision offer_decisions[] = {
	{ "approve",	"active",	{ "pending", "rejected", "hidden", NULL }, false },
	{ "reject",	"rejected",	{ "pending", "active", "paused", NULL }, true },
	{ "hide",	"hidden",	{ "pending", "active", "paused", NULL }, true },
	{ NULL,		NULL,		{ NULL }, false }
};

static const struct review_kind offer_kind = {
	offer_decisions, STMT_OFFER_REVIEW, STMT_MODERATION_INSERT,
	"offer.review", "offer", "an offer", "An offer", "The offer"
};

struct review {
	struct req			*r;
	const struct review_kind	*k;
	const struct review_decision	*d;
	const char			*id, *from, *reason;
};

/* 0 done, 1 the post changed meanwhile, < 0 a database failure. */
static int
review_txn(void *ctx)
{
	struct review *v = ctx;
	struct req *r = v->r;
	int rc;

	if ((rc = db_exec(r->db, r->arena, v->k->update, DB_PARAMS(
	    DB_STR(v->d->to), DB_STR(v->d->needs_reason ? v->reason : NULL),
	    DB_STR(v->id), DB_STR(v->from)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) == 0)
		return 1;
	if ((rc = db_exec(r->db, r->arena, v->k->moderation, DB_PARAMS(
	    DB_STR(r->who.user_id), DB_STR(v->id), DB_STR(v->d->name),
	    DB_STR(v->reason)), NULL)) != DB_OK)
		return rc;
	/* The reason may quote the post; the audit row names only the act. */
	return audit_write(r, v->k->audit_action, v->k->audit_type, v->id,
	    v->d->name) == 0 ? DB_OK : DB_ERROR;
}

bool
review_apply(struct req *r, const struct review_kind *k, const char *id,
    const char *from)
{
	const char *name = json_get_str(r->json, "decision");
	struct review v = { r, k, NULL, id, from, json_get_str(r->json, "reason") };
	const struct review_decision *d;
	bool allowed = false;
	size_t i;
	int rc;

	for (d = k->decisions; d->name != NULL; d++)
		if (name != NULL && strcmp(d->name, name) == 0)
			v.d = d;
	if (v.d == NULL) {	/* the field table allows only these */
		problem_internal(r, "review decision");
		return false;
	}
	if (v.d->needs_reason && v.reason == NULL) {
		problem_field(r, "reason", "required", arena_printf(r->arena,
		    "A reason is required to reject or hide %s.", k->a_noun));
		problem_invalid(r);
		return false;
	}
	for (i = 0; v.d->from[i] != NULL; i++)
		if (strcmp(v.d->from[i], from) == 0)
			allowed = true;
	if (!allowed) {
		problem_send(r, 409, "invalid_transition", arena_printf(r->arena,
		    "%s that is %s cannot be given the decision %s.",
		    k->A_noun, from, v.d->name));
		return false;
	}
	if ((rc = db_txn(r->db, review_txn, &v)) < 0) {
		problem_internal(r, k->audit_action);
		return false;
	}
	if (rc > 0) {
		problem_send(r, 409, "conflict", arena_printf(r->arena,
		    "%s changed meanwhile; load it again.", k->the_noun));
		return false;
	}
	return true;
}

void
offer_review(struct req *r)
{
	struct db_rows rows;

	if (!offer_fetch(r, ACT_MODERATE, &rows))
		return;
	if (review_apply(r, &offer_kind, db_str(&rows, 0, OC_ID), db_str(&rows, 0, OC_STATUS)))
		offer_send(r, db_str(&rows, 0, OC_ID), 200);
}
