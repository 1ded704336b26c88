/*
 * consent.c — the care parts of a request (issue 17, API.md "Care"): the
 * consent of the person it is posted for, whether it needs a VOG, and
 * POST /requests/{id}/consent/revoke.
 *
 * Consent is recorded with the request: on_behalf_of carries
 * {first_name, consent: {how}} (main.c's field table requires consent
 * whenever on_behalf_of is given), and the request keeps how, when and by
 * whom. Revoking it withdraws the request at once: cancelled, its private
 * part (the sealed columns) and the first name emptied there and then, not
 * at the retention purge; its live matches cancelled, each volunteer told
 * (lib/notify.c); an audit row. The optional reason is not stored: it is
 * free text about a person cared for, and nothing needs it.
 */
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "notify.h"
#include "problem.h"
#include "requests.h"

int
request_care_write(struct req *r, const char *id)
{
	json_object *behalf, *consent, *v;
	const char *how = NULL;
	bool set_consent = false;
	int needs_vog = -1;

	if (json_has(r->json, "on_behalf_of")) {
		set_consent = true;
		if ((behalf = json_get_obj(r->json, "on_behalf_of")) != NULL &&
		    (consent = json_get_obj(behalf, "consent")) != NULL)
			how = json_get_str(consent, "how");
	}
	if (json_object_object_get_ex(r->json, "needs_vog", &v) &&
	    json_object_is_type(v, json_type_boolean))
		needs_vog = json_object_get_boolean(v) ? 1 : 0;
	if (!set_consent && needs_vog < 0)
		return DB_OK;
	return db_exec(r->db, r->arena, STMT_CARE_SET, DB_PARAMS(
	    DB_INT(set_consent), DB_STR(how),
	    DB_INT(set_consent), DB_STR(how),
	    DB_INT(set_consent), DB_STR(how != NULL ? r->who.user_id : NULL),
	    needs_vog >= 0 ? DB_INT(needs_vog) : DB_NULL, DB_STR(id)), NULL);
}

struct revoke {
	struct req	*r;
	const char	*id, *title;
	bool		 revoked;
};

static int
revoke_txn(void *ctx)
{
	struct revoke *c = ctx;
	struct req *r = c->r;
	struct db_rows live;
	size_t i;
	int rc;

	c->revoked = false;
	if ((rc = db_exec(r->db, r->arena, STMT_CONSENT_REVOKE,
	    DB_PARAMS(DB_STR(c->id)), NULL)) != DB_OK)
		return rc;
	if (db_affected(r->db) == 0)
		return DB_OK;	/* revoked meanwhile */
	c->revoked = true;
	if ((rc = db_exec(r->db, r->arena, STMT_CONSENT_MATCHES_LIVE,
	    DB_PARAMS(DB_STR(c->id)), &live)) != DB_OK)
		return rc;
	if ((rc = db_exec(r->db, r->arena, STMT_CONSENT_MATCHES_CANCEL,
	    DB_PARAMS(DB_STR(c->id)), NULL)) != DB_OK)
		return rc;
	for (i = 0; i < live.nrows; i++)
		if ((rc = notify(r->db, r->arena, db_str(&live, i, 1),
		    "match.cancelled", arena_printf(r->arena, "/match.html?id=%s",
		    db_str(&live, i, 0)), c->title, NULL, NULL, -1)) != DB_OK)
			return rc;
	return DB_OK;
}

void
requests_consent_revoke(struct req *r)
{
	struct revoke c = { .r = r };
	struct db_rows rows;
	struct auth_object obj;
	const char *id;
	int rc;

	if ((rc = request_load(r, http_param(r, "id"), &rows)) != 0) {
		if (rc < 0)
			goto internal;
		problem_send(r, 404, "not_found", "No such request.");
		return;
	}
	request_auth_object(&obj, &rows, 0);
	if (!request_require(r, ACT_CONSENT_REVOKE, &rows, &obj))
		return;
	id = db_str(&rows, 0, RC_ID);
	if (db_is_null(&rows, 0, RC_CONSENT_HOW)) {
		problem_send(r, 409, "invalid_transition",
		    "This request was not posted on behalf of someone: there is no consent to revoke.");
		return;
	}
	c.id = id;
	c.title = db_str(&rows, 0, RC_TITLE);
	if (db_txn(r->db, revoke_txn, &c) != DB_OK)
		goto internal;
	if (c.revoked)
		(void)audit_write(r, "request.consent_revoke", "request", id,
		    strcmp(obj.owner_id, r->who.user_id) == 0 ? "owner" : "moderator");
	/* Revoked before (a retried click) answers the same. */
	request_send_fresh(r, id, 200, true);
	return;
internal:
	problem_internal(r, "consent revoke");
}
