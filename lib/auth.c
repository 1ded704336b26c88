/*
 * auth.c — sessions, CSRF, roles, and who may see and do what.
 *
 * auth_decide is the only place in the code base that turns "who is asking"
 * and "what is it" into allow or deny. Handlers describe the object; they do
 * not compare roles. The rules follow ../shared/API.md; tests/unit/auth_test.c
 * walks every action for every role.
 */
#include <string.h>

#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "problem.h"
#include "stmts.h"

/*
 * The session cookie. Behind https (cookie_secure = true, the default) it
 * is __Host-bh_session: browsers take a __Host- cookie only when it is
 * Secure, has Path=/ and no Domain, so neither a plain-http page nor a
 * sibling subdomain can set or shadow it. The dev stack on http://localhost
 * (cookie_secure = false) keeps bh_session. Only this file knows the name;
 * the web UI never reads the cookie (it is HttpOnly).
 */
#define SESSION_COOKIE		"bh_session"
#define SESSION_COOKIE_SECURE	"__Host-bh_session"

static bool
cookie_secure(const struct req *r)
{
	return config_bool(r->cfg, "cookie_secure", true);
}

static const char *
session_cookie_name(const struct req *r)
{
	return cookie_secure(r) ? SESSION_COOKIE_SECURE : SESSION_COOKIE;
}

const char *const auth_role_names[] = {
	"resident", "caregiver", "volunteer", "professional", "moderator", "admin",
	NULL
};

unsigned
auth_roles_parse(const char *text)
{
	unsigned roles = 0;
	const char *p = text, *end;
	size_t i, n;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ',');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; auth_role_names[i] != NULL; i++)
			if (strlen(auth_role_names[i]) == n &&
			    memcmp(auth_role_names[i], p, n) == 0)
				roles |= 1u << i;
		p = end != NULL ? end + 1 : NULL;
	}
	return roles;
}

char *
auth_roles_text(struct arena *a, unsigned roles)
{
	char buf[128] = "";
	size_t i;

	for (i = 0; auth_role_names[i] != NULL; i++)
		if (roles & (1u << i)) {
			if (buf[0] != '\0')
				strcat(buf, ",");
			strcat(buf, auth_role_names[i]);
		}
	return arena_strdup(a, buf);
}

json_object *
auth_roles_json(unsigned roles)
{
	json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; auth_role_names[i] != NULL; i++)
		if (roles & (1u << i))
			json_object_array_add(arr, json_object_new_string(auth_role_names[i]));
	return arr;
}

/* A session token as we hand them out: 43 characters of base64url. */
static bool
token_shaped(const char *t)
{
	size_t i;

	if (t == NULL || strlen(t) != CRYPTO_TOKEN_LEN)
		return false;
	for (i = 0; i < CRYPTO_TOKEN_LEN; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= '0' && t[i] <= '9') || t[i] == '-' || t[i] == '_'))
			return false;
	return true;
}

int
auth_session_load(struct req *r)
{
	const char *token = http_cookie(r, session_cookie_name(r));
	struct db_rows rows;
	int rc;

	memset(&r->who, 0, sizeof(r->who));
	if (!token_shaped(token))
		return 0;
	crypto_token_hash(r->who.session_hash, token);
	rc = db_exec_lib(r->db, r->arena, LSTMT_SESSION_GET,
	    DB_PARAMS(DB_BLOB(r->who.session_hash, CRYPTO_HASH_LEN)), &rows);
	if (rc != DB_OK)
		return -1;
	if (rows.nrows != 1)
		return 0;
	/* Idle sessions end (ASVS V7.3): those of moderators and admins, who
	 * can read private parts, after session_idle_staff_s (30 minutes);
	 * everyone else's after session_idle_s (7 days). The absolute lifetime
	 * is the session's expires_at (session_days). An ended session is
	 * deleted, so its cookie is worth nothing any more. */
	if (db_int(&rows, 0, 2) > ((auth_roles_parse(db_str(&rows, 0, 1)) & ROLE__MODERATION) ?
	    config_long(r->cfg, "session_idle_staff_s", 1800) :
	    config_long(r->cfg, "session_idle_s", 7 * 86400L))) {
		if (db_exec_lib(r->db, r->arena, LSTMT_SESSION_DELETE,
		    DB_PARAMS(DB_BLOB(r->who.session_hash, CRYPTO_HASH_LEN)), NULL) != DB_OK)
			log_warn("auth: could not end an idle session");
		memset(&r->who, 0, sizeof(r->who));
		return 0;
	}
	r->who.logged_in = true;
	snprintf(r->who.user_id, sizeof(r->who.user_id), "%s", db_str(&rows, 0, 0));
	r->who.roles = auth_roles_parse(db_str(&rows, 0, 1));
	r->who.email_verified = db_int(&rows, 0, 3) != 0;
	r->who.mfa = db_int(&rows, 0, 4) != 0;
	crypto_csrf_token(r->who.csrf, token);
	/* last_seen is for the user's own overview; once a minute is plenty. */
	if (db_int(&rows, 0, 2) >= 60 &&
	    db_exec_lib(r->db, r->arena, LSTMT_SESSION_TOUCH,
	    DB_PARAMS(DB_BLOB(r->who.session_hash, CRYPTO_HASH_LEN)), NULL) != DB_OK)
		log_warn("auth: could not touch session");
	return 0;
}

static void
set_cookie(struct req *r, const char *value, long max_age)
{
	bool secure = cookie_secure(r);

	/* Path=/ and no Domain: what the __Host- prefix demands. */
	http_header(r, "Set-Cookie", arena_printf(r->arena,
	    "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
	    session_cookie_name(r), value, max_age, secure ? "; Secure" : ""));
}

int
auth_session_start(struct req *r, const char *user_id, unsigned roles)
{
	char token[CRYPTO_TOKEN_LEN + 1];
	long lifetime_s = config_long(r->cfg, "session_days", 14) * 86400L;
	int rc = -1;

	crypto_token_new(token);
	memset(&r->who, 0, sizeof(r->who));
	crypto_token_hash(r->who.session_hash, token);
	if (db_exec_lib(r->db, r->arena, LSTMT_SESSION_INSERT,
	    DB_PARAMS(DB_BLOB(r->who.session_hash, CRYPTO_HASH_LEN),
	    DB_STR(user_id), DB_INT(lifetime_s)), NULL) != DB_OK)
		goto out;
	r->who.logged_in = true;
	snprintf(r->who.user_id, sizeof(r->who.user_id), "%s", user_id);
	r->who.roles = roles;
	crypto_csrf_token(r->who.csrf, token);
	set_cookie(r, token, lifetime_s);
	rc = 0;
out:
	sodium_memzero(token, sizeof(token));
	return rc;
}

int
auth_session_drop(struct req *r)
{
	int rc = 0;

	if (r->who.logged_in &&
	    db_exec_lib(r->db, r->arena, LSTMT_SESSION_DELETE,
	    DB_PARAMS(DB_BLOB(r->who.session_hash, CRYPTO_HASH_LEN)), NULL) != DB_OK)
		rc = -1;
	memset(&r->who, 0, sizeof(r->who));
	return rc;
}

int
auth_session_end(struct req *r)
{
	int rc = auth_session_drop(r);

	set_cookie(r, "", 0);
	return rc;
}

int
auth_sessions_revoke(struct req *r, const char *user_id, bool keep_current)
{
	int rc;

	if (keep_current && r->who.logged_in)
		rc = db_exec_lib(r->db, r->arena, LSTMT_SESSIONS_DELETE_OTHERS,
		    DB_PARAMS(DB_STR(user_id),
		    DB_BLOB(r->who.session_hash, CRYPTO_HASH_LEN)), NULL);
	else
		rc = db_exec_lib(r->db, r->arena, LSTMT_SESSIONS_DELETE_USER,
		    DB_PARAMS(DB_STR(user_id)), NULL);
	return rc == DB_OK ? 0 : -1;
}

bool
auth_csrf_ok(const struct req *r)
{
	const char *h = r->csrf_header;

	if (!r->who.logged_in || h == NULL || strlen(h) != CRYPTO_TOKEN_LEN)
		return false;
	return sodium_memcmp(h, r->who.csrf, CRYPTO_TOKEN_LEN) == 0;
}

/* ---- The rules ------------------------------------------------------ */

static bool
is(const struct principal *who, unsigned roles)
{
	return who->logged_in && (who->roles & roles) != 0;
}

static bool
same(const struct principal *who, const char *id)
{
	return who->logged_in && id != NULL && strcmp(who->user_id, id) == 0;
}

static bool
status_is(const struct auth_object *o, const char *status)
{
	return o != NULL && o->status != NULL && strcmp(o->status, status) == 0;
}

/* Refusal for someone who is not allowed: anonymous callers are asked to
 * log in; others learn nothing about an object they cannot see. */
static enum auth_verdict
refuse(const struct principal *who, bool visible)
{
	if (!who->logged_in)
		return AUTH_UNAUTHENTICATED;
	return visible ? AUTH_FORBIDDEN : AUTH_NOT_FOUND;
}

static enum auth_verdict
need_role(const struct principal *who, unsigned roles)
{
	if (!who->logged_in)
		return AUTH_UNAUTHENTICATED;
	return is(who, roles) ? AUTH_ALLOW : AUTH_FORBIDDEN;
}

/* Posting and responding wait for a confirmed address; everything else
 * (browsing, the profile, reading one's own matches) does not. */
static enum auth_verdict
verified(const struct principal *who, enum auth_verdict v)
{
	return v == AUTH_ALLOW && !who->email_verified ? AUTH_UNVERIFIED : v;
}

/* The rules as if every staff member had MFA; auth_decide adds that rule. */
static enum auth_verdict
decide(const struct principal *who, enum action act,
    const struct auth_object *obj)
{
	static const struct auth_object none;
	const struct auth_object *o = obj != NULL ? obj : &none;
	bool owner = same(who, o->owner_id);
	bool volunteer = same(who, o->volunteer_id);
	bool moderator = is(who, ROLE__MODERATION);
	bool party = owner || volunteer;

	switch (act) {
	case ACT_USERS_ADMIN:
	case ACT_AUDIT_READ:
	case ACT_CATEGORY_ADMIN:
	case ACT_ORGANISATION_ADMIN:
	case ACT_ORG_COORDINATOR_GRANT:
		return need_role(who, ROLE_ADMIN);
	case ACT_ORG_COORDINATORS_VIEW:
		/* The organisation is public: others learn it exists (403). */
		if (who->logged_in && status_is(o, "coordinator"))
			return AUTH_ALLOW;
		return need_role(who, ROLE_ADMIN);
	case ACT_ORG_CHANGE_PROPOSE:
		if (who->logged_in && status_is(o, "coordinator"))
			return AUTH_ALLOW;
		return refuse(who, true);
	case ACT_ORG_CHANGE_REVIEW:
		return need_role(who, ROLE__MODERATION);
	case ACT_MODERATE:
	case ACT_STATS_READ:
		return need_role(who, ROLE__MODERATION);
	case ACT_REPORT_CREATE:
	case ACT_OFFER_LIST:
		return who->logged_in ? AUTH_ALLOW : AUTH_UNAUTHENTICATED;

	case ACT_REQUEST_CREATE:
		return verified(who, need_role(who, ROLE_RESIDENT | ROLE_CAREGIVER | ROLE_PROFESSIONAL));
	case ACT_REQUEST_VIEW:
		if (status_is(o, "open") || owner || volunteer || moderator)
			return AUTH_ALLOW;
		return AUTH_NOT_FOUND;
	case ACT_REQUEST_VIEW_PRIVATE:
		/* volunteer_id is set only for the volunteer of an accepted
		 * (or completed) match: a mere responder sees nothing private. */
		if (owner || volunteer || moderator)
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "open"));
	case ACT_CONSENT_REVOKE:
		if (owner || moderator)
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "open") || volunteer);
	case ACT_VOG_SUBMIT:
		return need_role(who, ROLE_VOLUNTEER);
	case ACT_VOG_DECIDE:
		/* obj->owner_id: whose VOG. Nobody verifies their own. */
		if (owner && is(who, ROLE__MODERATION))
			return AUTH_FORBIDDEN;
		return need_role(who, ROLE__MODERATION);
	case ACT_VOG_REVIEW:
		return need_role(who, ROLE__MODERATION);
	case ACT_VOG_SUGGESTED:
		return AUTH_ALLOW;	/* the VOG rule below decides */
	case ACT_REQUEST_EDIT:
	case ACT_REQUEST_CANCEL:
		if (owner)
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "open") || moderator || volunteer);
	case ACT_REQUEST_SUGGESTIONS:
		if (owner || moderator || is(who, ROLE_PROFESSIONAL))
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "open") || volunteer);

	case ACT_OFFER_CREATE:
		return verified(who, need_role(who, ROLE_VOLUNTEER));
	case ACT_OFFER_VIEW:
		if (!who->logged_in)
			return AUTH_UNAUTHENTICATED;
		if (status_is(o, "active") || owner || moderator)
			return AUTH_ALLOW;
		return AUTH_NOT_FOUND;
	case ACT_OFFER_EDIT:
		if (owner)
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "active") || moderator);

	case ACT_MATCH_RESPOND:
		if (!who->logged_in)
			return AUTH_UNAUTHENTICATED;
		/* Nobody responds to their own request. */
		if (!is(who, ROLE_VOLUNTEER) || owner)
			return AUTH_FORBIDDEN;
		return verified(who, AUTH_ALLOW);
	case ACT_MATCH_INVITE:
		if (owner)
			return verified(who, AUTH_ALLOW);
		return refuse(who, status_is(o, "open"));
	case ACT_MATCH_VIEW:
		if (party || moderator)
			return AUTH_ALLOW;
		return refuse(who, false);
	case ACT_MATCH_ANSWER:
		/* Only the party that did not start the match answers it. */
		if (!party)
			return refuse(who, false);
		if (status_is(o, "responded"))
			return owner ? AUTH_ALLOW : AUTH_FORBIDDEN;
		if (status_is(o, "invited"))
			return volunteer ? AUTH_ALLOW : AUTH_FORBIDDEN;
		return AUTH_ALLOW;	/* the handler answers 409 invalid_transition */
	case ACT_MATCH_COMPLETE:
		if (owner)
			return AUTH_ALLOW;
		return refuse(who, volunteer);
	case ACT_MATCH_CANCEL:
		return party ? AUTH_ALLOW : refuse(who, false);
	case ACT_MATCH_HOURS:
		if (volunteer && !owner)
			return AUTH_ALLOW;
		return refuse(who, owner);
	case ACT_MATCH_CHECKIN:
		/* Only the two parties; to anyone else the match is not there. */
		return party ? AUTH_ALLOW : refuse(who, false);
	case ACT_MESSAGE_READ:
	case ACT_MESSAGE_WRITE:
		/* A declined volunteer is out of the conversation, as they are
		 * out of the private part: they know the match (403), no more. */
		if (volunteer && !owner && status_is(o, "declined"))
			return AUTH_FORBIDDEN;
		/* Moderators read messages only through a report (admin). */
		if (party)
			return AUTH_ALLOW;
		return refuse(who, moderator);
	case ACT_ME_SUGGESTIONS:
	case ACT_ME_VACANCY_SUGGESTIONS:
		return need_role(who, ROLE_VOLUNTEER);

	case ACT_CASELOAD_READ:
		/* The list holds only the caller's own rows (docs/desk.md: no
		 * colleague sees another's caseload), so the rule is the role. */
		return need_role(who, ROLE_PROFESSIONAL);
	case ACT_REQUEST_LETTER:
		/* Only the professional who posted it, for their client. The
		 * volunteer, moderators and colleagues have their own views of
		 * the request; to them this letter is not there. */
		if (owner && is(who, ROLE_PROFESSIONAL))
			return AUTH_ALLOW;
		return refuse(who, false);
	case ACT_TALENT_ADMIN:
		return need_role(who, ROLE_ADMIN);
	case ACT_VACANCY_CREATE:
		/* The organisation is public: others learn it exists (403). */
		if (who->logged_in && status_is(o, "coordinator"))
			return verified(who, AUTH_ALLOW);
		return refuse(who, true);
	case ACT_VACANCY_VIEW:
		if (status_is(o, "open") || owner || moderator)
			return AUTH_ALLOW;
		return AUTH_NOT_FOUND;
	case ACT_VACANCY_EDIT:
		if (owner)
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "open") || moderator);
	case ACT_VACANCY_RESPOND:
		if (!who->logged_in)
			return AUTH_UNAUTHENTICATED;
		/* A coordinator does not answer their own organisation. */
		if (!is(who, ROLE_VOLUNTEER) || owner)
			return AUTH_FORBIDDEN;
		return verified(who, AUTH_ALLOW);
	case ACT_VACANCY_RESPONSES_VIEW:
		/* Responses are private to the organisation: moderators too
		 * are refused (they know the vacancy: 403). */
		if (owner)
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "open") || moderator);
	case ACT_VACANCY_CONVERSATION:
		/* Like match messages: only the two sides; moderators read a
		 * message only through a report. */
		if (owner || volunteer)
			return AUTH_ALLOW;
		return refuse(who, moderator);
	case ACT_CIRCLE_CREATE:
		return verified(who, need_role(who, ROLE_CAREGIVER | ROLE_PROFESSIONAL));
	case ACT_CIRCLE_VIEW:
		/* Nothing of a circle is public, not even to staff. */
		if (owner || (who->logged_in && status_is(o, "member")))
			return AUTH_ALLOW;
		return refuse(who, false);
	case ACT_CIRCLE_MANAGE:
	case ACT_CIRCLE_POST:
		if (owner)
			return act == ACT_CIRCLE_POST ? verified(who, AUTH_ALLOW) : AUTH_ALLOW;
		return refuse(who, who->logged_in && status_is(o, "member"));
	case ACT_CIRCLE_LEAVE:
		if (!owner && who->logged_in && status_is(o, "member"))
			return AUTH_ALLOW;
		return refuse(who, owner);
	case ACT_CIRCLE_JOIN:
		return who->logged_in ? AUTH_ALLOW : AUTH_UNAUTHENTICATED;
	case ACT_REQUEST_PUBLISH:
		if (owner)
			return AUTH_ALLOW;
		return refuse(who, status_is(o, "open") || moderator || volunteer);
	case ACT__MAX:
		break;
	}
	return AUTH_FORBIDDEN;
}

/*
 * MFA for staff (ASVS V6.3), decided here once for every action: when a
 * moderator or admin without confirmed TOTP is allowed something, and the
 * same person without their staff roles would not be, it is their staff
 * power that allows it, and that waits for MFA. Their own requests,
 * offers and matches are untouched.
 */
static enum auth_verdict
staff_mfa(const struct principal *who, enum auth_verdict v,
    enum auth_verdict as_plain)
{
	if (v != AUTH_ALLOW || who->mfa || !is(who, ROLE__MODERATION))
		return v;
	return as_plain == AUTH_ALLOW ? AUTH_ALLOW : AUTH_MFA_REQUIRED;
}

static struct principal
without_staff(const struct principal *who)
{
	struct principal p = *who;

	p.roles &= ~(unsigned)ROLE__MODERATION;
	return p;
}

enum auth_verdict
auth_decide(const struct principal *who, enum action act,
    const struct auth_object *obj)
{
	enum auth_verdict v = decide(who, act, obj);
	struct principal plain;

	if (v != AUTH_ALLOW || who->mfa || !is(who, ROLE__MODERATION))
		return v;
	plain = without_staff(who);
	return staff_mfa(who, v, decide(&plain, act, obj));
}

enum auth_verdict
auth_decide_roles(const struct principal *who, unsigned roles)
{
	if (roles == 0)
		return AUTH_ALLOW;
	if (!who->logged_in)
		return AUTH_UNAUTHENTICATED;
	if (!(who->roles & roles))
		return AUTH_FORBIDDEN;
	return staff_mfa(who, AUTH_ALLOW,
	    (who->roles & roles & ~(unsigned)ROLE__MODERATION) ? AUTH_ALLOW : AUTH_FORBIDDEN);
}

enum auth_verdict
auth_decide_vog(const struct principal *who, enum action act,
    const struct auth_object *obj, const struct auth_vog *vog)
{
	enum auth_verdict v = auth_decide(who, act, obj);

	if (v != AUTH_ALLOW || vog == NULL || !vog->needed || vog->ok)
		return v;
	switch (act) {
	case ACT_MATCH_RESPOND:
	case ACT_MATCH_INVITE:
	case ACT_VOG_SUGGESTED:
		return AUTH_VOG_REQUIRED;
	case ACT_REQUEST_VIEW_PRIVATE:
		/* The owner and moderators read it whatever the VOG; the
		 * volunteer only with a VOG that still holds. */
		if (obj != NULL && !same(who, obj->owner_id) &&
		    !(is(who, ROLE__MODERATION) && who->mfa))
			return AUTH_VOG_REQUIRED;
		return v;
	default:
		return v;
	}
}

/* The circle rule before auth_decide (see auth.h). Staff keep their reach
 * for moderation (auth_decide then asks them for MFA); the owner and the
 * accepted volunteer keep theirs. */
enum auth_verdict
auth_decide_circle(const struct principal *who, enum action act,
    const struct auth_object *obj, const struct auth_circle *c)
{
	bool insider;

	if (c == NULL || !c->circle)
		return auth_decide(who, act, obj);
	insider = (who->logged_in && c->member) ||
	    (obj != NULL && (same(who, obj->owner_id) || same(who, obj->volunteer_id)));
	if (!insider && !is(who, ROLE__MODERATION))
		return who->logged_in ? AUTH_NOT_FOUND : AUTH_UNAUTHENTICATED;
	if (!insider) {
		/* Only their staff role lets them in: that waits for MFA. */
		enum auth_verdict v = auth_decide(who, act, obj);

		return v == AUTH_ALLOW && !who->mfa ? AUTH_MFA_REQUIRED : v;
	}
	switch (act) {
	case ACT_REQUEST_VIEW:
		/* Members see the circle's requests in every status, as an
		 * agenda; the private part stays ACT_REQUEST_VIEW_PRIVATE's. */
		return AUTH_ALLOW;
	case ACT_MATCH_RESPOND:
		/* Family and neighbours need not be volunteers to help. */
		if (same(who, obj != NULL ? obj->owner_id : NULL))
			return AUTH_FORBIDDEN;
		return verified(who, AUTH_ALLOW);
	default:
		return auth_decide(who, act, obj);
	}
}

bool
auth_require_circle(struct req *r, enum action act, const struct auth_object *obj,
    const struct auth_circle *c)
{
	enum auth_verdict v = auth_decide_circle(&r->who, act, obj, c);

	if (v == AUTH_ALLOW)
		return true;
	auth_refuse(r, v, "action", "circle_request");
	return false;
}

/* Names of the actions, for the audit log of refusals. */
static const char *const action_names[ACT__MAX] = {
	[ACT_USERS_ADMIN] = "users_admin",
	[ACT_REQUEST_CREATE] = "request_create",
	[ACT_REQUEST_VIEW] = "request_view",
	[ACT_REQUEST_VIEW_PRIVATE] = "request_view_private",
	[ACT_REQUEST_EDIT] = "request_edit",
	[ACT_REQUEST_CANCEL] = "request_cancel",
	[ACT_REQUEST_SUGGESTIONS] = "request_suggestions",
	[ACT_CONSENT_REVOKE] = "consent_revoke",
	[ACT_VOG_SUBMIT] = "vog_submit",
	[ACT_VOG_DECIDE] = "vog_decide",
	[ACT_VOG_REVIEW] = "vog_review",
	[ACT_VOG_SUGGESTED] = "vog_suggested",
	[ACT_OFFER_LIST] = "offer_list",
	[ACT_OFFER_CREATE] = "offer_create",
	[ACT_OFFER_VIEW] = "offer_view",
	[ACT_OFFER_EDIT] = "offer_edit",
	[ACT_MATCH_RESPOND] = "match_respond",
	[ACT_MATCH_INVITE] = "match_invite",
	[ACT_MATCH_VIEW] = "match_view",
	[ACT_MATCH_ANSWER] = "match_answer",
	[ACT_MATCH_COMPLETE] = "match_complete",
	[ACT_MATCH_CANCEL] = "match_cancel",
	[ACT_MATCH_HOURS] = "match_hours",
	[ACT_MATCH_CHECKIN] = "match_checkin",
	[ACT_MESSAGE_READ] = "message_read",
	[ACT_MESSAGE_WRITE] = "message_write",
	[ACT_ME_SUGGESTIONS] = "me_suggestions",
	[ACT_ME_VACANCY_SUGGESTIONS] = "me_vacancy_suggestions",
	[ACT_MODERATE] = "moderate",
	[ACT_REPORT_CREATE] = "report_create",
	[ACT_STATS_READ] = "stats_read",
	[ACT_AUDIT_READ] = "audit_read",
	[ACT_CATEGORY_ADMIN] = "category_admin",
	[ACT_ORGANISATION_ADMIN] = "organisation_admin",
	[ACT_ORG_COORDINATOR_GRANT] = "org_coordinator_grant",
	[ACT_ORG_COORDINATORS_VIEW] = "org_coordinators_view",
	[ACT_ORG_CHANGE_PROPOSE] = "org_change_propose",
	[ACT_ORG_CHANGE_REVIEW] = "org_change_review",
	[ACT_CASELOAD_READ] = "caseload_read",
	[ACT_REQUEST_LETTER] = "request_letter",
	[ACT_TALENT_ADMIN] = "talent_admin",
	[ACT_VACANCY_CREATE] = "vacancy_create",
	[ACT_VACANCY_VIEW] = "vacancy_view",
	[ACT_VACANCY_EDIT] = "vacancy_edit",
	[ACT_VACANCY_RESPOND] = "vacancy_respond",
	[ACT_VACANCY_RESPONSES_VIEW] = "vacancy_responses_view",
	[ACT_VACANCY_CONVERSATION] = "vacancy_conversation",
	[ACT_CIRCLE_CREATE] = "circle_create",
	[ACT_CIRCLE_VIEW] = "circle_view",
	[ACT_CIRCLE_MANAGE] = "circle_manage",
	[ACT_CIRCLE_LEAVE] = "circle_leave",
	[ACT_CIRCLE_JOIN] = "circle_join",
	[ACT_CIRCLE_POST] = "circle_post",
	[ACT_REQUEST_PUBLISH] = "request_publish",
};

bool
auth_require(struct req *r, enum action act, const struct auth_object *obj)
{
	return auth_require_vog(r, act, obj, NULL);
}

bool
auth_require_vog(struct req *r, enum action act, const struct auth_object *obj,
    const struct auth_vog *vog)
{
	enum auth_verdict v = auth_decide_vog(&r->who, act, obj, vog);

	if (v == AUTH_ALLOW)
		return true;
	auth_refuse(r, v, "action", (unsigned)act < ACT__MAX && action_names[act] != NULL ?
	    action_names[act] : "unknown");
	return false;
}

void
auth_refuse(struct req *r, enum auth_verdict v, const char *kind, const char *what)
{
	/* Every refusal of someone logged in is on the record (ASVS V16):
	 * who, from where, which action. An anonymous 401 is not: it is
	 * what every visitor gets first. */
	if (v != AUTH_ALLOW && r->who.logged_in)
		(void)audit_write(r, "auth.refused", kind, NULL, what);
	switch (v) {
	case AUTH_ALLOW:
		return;
	case AUTH_UNAUTHENTICATED:
		problem_send(r, 401, "unauthenticated", "Log in first.");
		return;
	case AUTH_FORBIDDEN:
		problem_send(r, 403, "forbidden", "You may not do this.");
		return;
	case AUTH_NOT_FOUND:
		problem_send(r, 404, "not_found", "No such resource.");
		return;
	case AUTH_UNVERIFIED:
		problem_send(r, 403, "email_unverified",
		    "Confirm your e-mail address first: follow the link in the mail we sent.");
		return;
	case AUTH_VOG_REQUIRED:
		problem_send(r, 403, "vog_required",
		    "This request needs a verified VOG (certificate of conduct) that has not expired.");
		return;
	case AUTH_MFA_REQUIRED:
		problem_send(r, 403, "mfa_required",
		    "Moderators and admins need two-step login: turn it on first (POST /me/mfa/totp).");
		return;
	}
}

bool
auth_read_is_audited(const struct principal *who, const struct auth_object *obj)
{
	return is(who, ROLE__MODERATION) && obj != NULL &&
	    !same(who, obj->owner_id) && !same(who, obj->volunteer_id);
}

int
audit_write(struct req *r, const char *action, const char *target_type,
    const char *target_id, const char *detail)
{
	const char *actor = r != NULL && r->who.logged_in ? r->who.user_id : NULL;

	const char *address = r != NULL && r->remote_addr != NULL && *r->remote_addr != '\0' ?
	    r->remote_addr : NULL;

	if (db_exec_lib(r->db, r->arena, LSTMT_AUDIT_INSERT,
	    DB_PARAMS(DB_STR(actor), DB_STR(address), DB_STR(action), DB_STR(target_type),
	    DB_STR(target_id), DB_STR(detail)), NULL) != DB_OK) {
		log_error("audit: could not write %s", action);
		return -1;
	}
	return 0;
}
