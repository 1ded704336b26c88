/*
 * write.c — POST /offers, GET/PATCH/DELETE /offers/{id}, and pausing and
 * resuming: a volunteer's own offers. Reading and checking the body is in
 * offer.c; moderation is in review.c.
 *
 * Status rules (the statuses of API.md, plus 'deleted', which nobody sees):
 *   new offer          pending (pre-moderation, the default) or active
 *                      (config `moderation = post`)
 *   pause / resume     active ⇄ paused; pausing a paused or resuming an
 *                      active offer changes nothing; anything else is 409
 *   PATCH              a new title or description goes back to moderation:
 *                      an active or paused offer becomes pending under
 *                      pre-moderation; a rejected or hidden offer becomes
 *                      pending in either mode (the owner resubmits it)
 *   DELETE             any status → deleted (gone from every list, 404)
 */
#include <stdbool.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "problem.h"

/* The language of the offer (issue 19): the body's lang, else on a new
 * offer the volunteer's locale; a PATCH without lang leaves it. Stored by
 * its own statement, so the offer's own statements stay as they are. */
static int
offer_lang_store(struct req *r, const char *id, bool creating)
{
	const char *lang = NULL;

	if (r->json != NULL && json_object_object_get_ex(r->json, "lang", NULL))
		lang = json_get_str(r->json, "lang");
	if (lang == NULL && !creating)
		return DB_OK;
	return db_exec(r->db, r->arena, STMT_OFFER_SET_LANG, DB_PARAMS(
	    DB_STR(lang), DB_STR(id)), NULL);
}

static bool
post_moderation(const struct req *r)
{
	return strcmp(config_str(r->cfg, "moderation", "pre"), "post") == 0;
}

static bool
is(const char *status, const char *want)
{
	return status != NULL && strcmp(status, want) == 0;
}

/* ---- POST /offers ------------------------------------------------------ */

struct create {
	struct req			*r;
	const char			*id;
	const char			*status;
	const struct offer_input	*in;
};

static int
create_txn(void *ctx)
{
	struct create *c = ctx;
	struct req *r = c->r;
	const struct offer_input *in = c->in;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_OFFER_INSERT, DB_PARAMS(
	    DB_STR(c->id), DB_STR(r->who.user_id), DB_STR(in->title),
	    DB_STR(in->description), DB_STR(in->pc4), DB_DOUBLE(in->lat),
	    DB_DOUBLE(in->lon), DB_INT(in->radius_km), DB_STR(c->status)),
	    NULL)) != DB_OK)
		return rc;
	if ((rc = offer_lang_store(r, c->id, true)) != DB_OK)
		return rc;
	return offer_links_insert(r, c->id, in);
}

void
offer_create(struct req *r)
{
	struct offer_input in;
	char id[CRYPTO_ID_LEN + 1];
	struct create c = { r, id, NULL, &in };
	int rc;

	if (!auth_require(r, ACT_OFFER_CREATE, NULL))
		return;
	if ((rc = offer_input_read(r, &in)) < 0)
		goto internal;
	if (rc > 0) {
		problem_invalid(r);
		return;
	}
	crypto_id_new(id);
	c.status = post_moderation(r) ? "active" : "pending";
	if (db_txn(r->db, create_txn, &c) != DB_OK)
		goto internal;
	offer_send_checked(r, id, 201);
	return;
internal:
	problem_internal(r, "offer create");
}

/* ---- GET /offers/{id} ---------------------------------------------------- */

void
offer_get(struct req *r)
{
	struct db_rows rows;
	json_object *body;

	if (!offer_fetch(r, ACT_OFFER_VIEW, &rows))
		return;
	body = json_object_new_object();
	json_put(body, "offer", offer_json(r, &rows, 0, false, 0, 0));
	http_send_json(r, 200, body);
}

/* ---- PATCH /offers/{id} -------------------------------------------------- */

struct patch {
	struct req			*r;
	const char			*id;
	const char			*old_status, *new_status;
	const struct offer_input	*in;
};

/* 0 done, 1 the offer changed meanwhile, < 0 a database failure. */
static int
patch_txn(void *ctx)
{
	struct patch *p = ctx;
	struct req *r = p->r;
	const struct offer_input *in = p->in;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_OFFER_UPDATE, DB_PARAMS(
	    DB_STR(in->title), DB_STR(in->description),
	    DB_STR(in->has_pc4 ? in->pc4 : NULL),
	    in->has_pc4 ? DB_DOUBLE(in->lat) : DB_NULL,
	    in->has_pc4 ? DB_DOUBLE(in->lon) : DB_NULL,
	    in->has_radius ? DB_INT(in->radius_km) : DB_NULL,
	    DB_STR(p->new_status), DB_INT(is(p->new_status, "pending")),
	    DB_STR(p->id), DB_STR(p->old_status)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) == 0)
		return 1;
	if ((rc = offer_lang_store(r, p->id, false)) != DB_OK)
		return rc;
	if (in->has_categories && (rc = db_exec(r->db, r->arena,
	    STMT_OFFER_CATEGORIES_DELETE, DB_PARAMS(DB_STR(p->id)), NULL)) != DB_OK)
		return rc;
	if (in->has_slots && (rc = db_exec(r->db, r->arena,
	    STMT_OFFER_SLOTS_DELETE, DB_PARAMS(DB_STR(p->id)), NULL)) != DB_OK)
		return rc;
	return offer_links_insert(r, p->id, in);
}

static bool
changed(const char *new_value, const char *old_value)
{
	return new_value != NULL && strcmp(new_value, old_value) != 0;
}

void
offer_patch(struct req *r)
{
	struct offer_input in;
	struct db_rows rows;
	struct patch p = { r, NULL, NULL, NULL, &in };
	const char *s;
	bool text;
	int rc;

	if (!offer_fetch(r, ACT_OFFER_EDIT, &rows))
		return;
	if ((rc = offer_input_read(r, &in)) < 0)
		goto internal;
	if (rc > 0) {
		problem_invalid(r);
		return;
	}
	p.id = db_str(&rows, 0, OC_ID);
	p.old_status = s = db_str(&rows, 0, OC_STATUS);
	text = changed(in.title, db_str(&rows, 0, OC_TITLE)) ||
	    changed(in.description, db_str(&rows, 0, OC_DESCRIPTION));
	if (text && (is(s, "rejected") || is(s, "hidden") ||
	    (!post_moderation(r) && (is(s, "active") || is(s, "paused")))))
		p.new_status = "pending";
	if ((rc = db_txn(r->db, patch_txn, &p)) < 0)
		goto internal;
	if (rc > 0) {
		problem_send(r, 409, "conflict", "The offer changed meanwhile; load it again.");
		return;
	}
	offer_send_checked(r, p.id, 200);
	return;
internal:
	problem_internal(r, "offer patch");
}

/* ---- DELETE, pause, resume ---------------------------------------------- */

/* Moves the loaded offer from its status to status to; 0 done, 1 it
 * changed meanwhile (409 sent), -1 failure (500 sent). */
static int
set_status(struct req *r, const struct db_rows *rows, const char *to)
{
	if (db_exec(r->db, r->arena, STMT_OFFER_SET_STATUS, DB_PARAMS(DB_STR(to),
	    DB_STR(db_str(rows, 0, OC_ID)), DB_STR(db_str(rows, 0, OC_STATUS))),
	    NULL) != DB_OK) {
		problem_internal(r, "offer status");
		return -1;
	}
	if (db_affected(r->db) == 0) {
		problem_send(r, 409, "conflict", "The offer changed meanwhile; load it again.");
		return 1;
	}
	return 0;
}

void
offer_delete(struct req *r)
{
	struct db_rows rows;

	if (!offer_fetch(r, ACT_OFFER_EDIT, &rows))
		return;
	if (set_status(r, &rows, "deleted") == 0)
		http_send_empty(r, 204);
}

/* from → to; an offer already in to stays as it is (200). */
static void
transition(struct req *r, const char *from, const char *to)
{
	struct db_rows rows;
	const char *s;

	if (!offer_fetch(r, ACT_OFFER_EDIT, &rows))
		return;
	s = db_str(&rows, 0, OC_STATUS);
	if (is(s, to)) {
		offer_send(r, db_str(&rows, 0, OC_ID), 200);
		return;
	}
	if (!is(s, from)) {
		problem_send(r, 409, "invalid_transition", arena_printf(r->arena,
		    "Only an offer that is %s can be made %s.", from, to));
		return;
	}
	if (set_status(r, &rows, to) == 0)
		offer_send(r, db_str(&rows, 0, OC_ID), 200);
}

void
offer_pause(struct req *r)
{
	transition(r, "active", "paused");
}

void
offer_resume(struct req *r)
{
	transition(r, "paused", "active");
}
