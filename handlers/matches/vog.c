/*
 * vog.c — the VOG rule of issue 17 in the matches handler: a request that
 * needs a VOG takes responses and invitations only of volunteers with a
 * verified, unexpired one, and suggests no others (either way round). The
 * rule is lib/auth.c's (auth_decide_vog); the facts are lib/vog.c's.
 */
#include "auth.h"
#include "db.h"
#include "http.h"
#include "matches.h"
#include "problem.h"
#include "vog.h"

bool
matches_vog_require(struct req *r, enum action act, const struct auth_object *obj,
    const char *request_id, const char *volunteer_id)
{
	struct auth_vog vog = { false, false };

	if (vog_request_needs(r->db, r->arena, request_id, &vog.needed) != DB_OK ||
	    (vog.needed && vog_user_ok(r->db, r->arena, volunteer_id, &vog.ok) != DB_OK)) {
		problem_internal(r, "match vog");
		return false;
	}
	return auth_require_vog(r, act, obj, &vog);
}

int
matches_vog_suggestible(struct req *r, const char *request_id,
    const char *volunteer_id, bool *yes)
{
	struct auth_vog vog = { false, false };
	int rc;

	*yes = false;
	if ((rc = vog_request_needs(r->db, r->arena, request_id, &vog.needed)) != DB_OK)
		return rc;
	if (vog.needed &&
	    (rc = vog_user_ok(r->db, r->arena, volunteer_id, &vog.ok)) != DB_OK)
		return rc;
	*yes = auth_decide_vog(&r->who, ACT_VOG_SUGGESTED, NULL, &vog) == AUTH_ALLOW;
	return DB_OK;
}
