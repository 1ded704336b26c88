/*
 * auth.h — sessions, CSRF, roles, and the one place that decides who may see
 * and do what.
 *
 * Handlers never compare roles themselves. They describe the object at hand in
 * a struct auth_object (whose it is, which volunteer is on it, its status) and
 * ask auth_decide; the rules for every action of the API live in auth.c as one
 * table-like function, tested per role in tests/unit/auth_test.c.
 */
#ifndef BH_AUTH_H
#define BH_AUTH_H

#include <stdbool.h>
#include <json-c/json.h>
#include "crypto.h"

struct arena;
struct req;

enum role {
	ROLE_RESIDENT		= 1u << 0,
	ROLE_CAREGIVER		= 1u << 1,
	ROLE_VOLUNTEER		= 1u << 2,
	ROLE_PROFESSIONAL	= 1u << 3,
	ROLE_MODERATOR		= 1u << 4,
	ROLE_ADMIN		= 1u << 5,
};
#define ROLE__ALL	0x3fu
/* Roles one may choose at registration; the others an admin grants. */
#define ROLE__SELF	(ROLE_RESIDENT | ROLE_CAREGIVER | ROLE_VOLUNTEER)
/* Admins moderate too. */
#define ROLE__MODERATION (ROLE_MODERATOR | ROLE_ADMIN)

extern const char *const auth_role_names[];	/* NULL-terminated, bit order */

struct principal {
	bool		 logged_in;
	char		 user_id[CRYPTO_ID_LEN + 1];
	unsigned	 roles;
	bool		 email_verified;	/* may post and respond (API 1.1) */
	/* The account has confirmed TOTP (mfa_totp.confirmed_at), read with
	 * the session. Such a session was made with both factors: login asks
	 * for the code, and confirming ends every other session. Moderator
	 * and admin powers need it (auth_decide: AUTH_MFA_REQUIRED). */
	bool		 mfa;
	char		 csrf[CRYPTO_TOKEN_LEN + 1];
	unsigned char	 session_hash[CRYPTO_HASH_LEN];
};

/* "resident,volunteer" (MySQL SET text) → bits; unknown names are ignored. */
unsigned auth_roles_parse(const char *set_text);
/* bits → "resident,volunteer" (arena-owned) and → JSON array of names. */
char *auth_roles_text(struct arena *a, unsigned roles);
json_object *auth_roles_json(unsigned roles);

/* Reads the session cookie (__Host-bh_session with cookie_secure, else
 * bh_session; see auth.c) and loads r->who from the sessions table
 * (an expired session or a blocked user counts as none). 0, or -1 on a
 * database failure. Touches last_seen at most once a minute. */
int auth_session_load(struct req *r);
/* Creates a session for user_id, sets the cookie header and fills r->who.
 * 0 or -1. */
int auth_session_start(struct req *r, const char *user_id, unsigned roles);
/* Deletes the current session server-side, leaving the cookie header alone
 * (a new login replaces it). */
int auth_session_drop(struct req *r);
/* Ends the current session (server-side) and clears the cookie. */
int auth_session_end(struct req *r);
/* Ends every session of user_id except the current one when keep_current. */
int auth_sessions_revoke(struct req *r, const char *user_id, bool keep_current);
/* The X-CSRF-Token header matches the session's token (constant time). */
bool auth_csrf_ok(const struct req *r);

enum action {
	/* accounts */
	ACT_USERS_ADMIN,		/* list, view, block, grant roles */
	/* requests */
	ACT_REQUEST_CREATE,
	ACT_REQUEST_VIEW,
	ACT_REQUEST_VIEW_PRIVATE,
	ACT_REQUEST_EDIT,
	ACT_REQUEST_CANCEL,
	ACT_REQUEST_SUGGESTIONS,
	ACT_CONSENT_REVOKE,		/* the owner or a moderator (issue 17) */
	ACT_VOG_SUBMIT,			/* PUT /me/vog: a volunteer */
	ACT_VOG_DECIDE,			/* POST /users/{id}/vog: a moderator */
	ACT_VOG_REVIEW,			/* GET /admin/vog: the VOGs to decide on */
	ACT_VOG_SUGGESTED,		/* a candidate of a suggestion (auth_vog) */
	/* offers */
	ACT_OFFER_LIST,
	ACT_OFFER_CREATE,
	ACT_OFFER_VIEW,
	ACT_OFFER_EDIT,			/* patch, delete, pause, resume */
	/* matches */
	ACT_MATCH_RESPOND,		/* obj: the request (owner_id) */
	ACT_MATCH_INVITE,		/* obj: the request (owner_id) */
	ACT_MATCH_VIEW,
	ACT_MATCH_ANSWER,		/* accept / decline: the other party */
	ACT_MATCH_COMPLETE,
	ACT_MATCH_CANCEL,
	ACT_MATCH_HOURS,		/* the volunteer records their hours */
	ACT_MATCH_CHECKIN,		/* either party: how recurring help goes */
	ACT_MESSAGE_READ,
	ACT_MESSAGE_WRITE,
	ACT_ME_SUGGESTIONS,
	ACT_ME_VACANCY_SUGGESTIONS,	/* a volunteer: vacancies that fit (issue 18) */
	/* moderation and administration */
	ACT_MODERATE,			/* review posts, queue, reports */
	ACT_REPORT_CREATE,
	ACT_STATS_READ,
	ACT_AUDIT_READ,
	ACT_CATEGORY_ADMIN,
	ACT_ORGANISATION_ADMIN,
	/* organisation accounts (issue 18 part 1); obj->status is
	 * "coordinator" when the caller coordinates the organisation */
	ACT_ORG_COORDINATOR_GRANT,	/* grant or remove: an admin */
	ACT_ORG_COORDINATORS_VIEW,	/* an admin, or a coordinator of it */
	ACT_ORG_CHANGE_PROPOSE,		/* PATCH by a coordinator of it */
	ACT_ORG_CHANGE_REVIEW,		/* list, approve, reject: a moderator */
	/* the desk (issue 18 part 4) */
	ACT_CASELOAD_READ,		/* GET /me/caseload: a professional, own only */
	ACT_REQUEST_LETTER,		/* the print view of a request's accepted
					 * match: the professional who posted it */
	/* vacancies and talents (issue 18 part 2). For an organisation
	 * (ACT_VACANCY_CREATE) obj->status is "coordinator" as above. For a
	 * vacancy: status is the vacancy's, owner_id the caller's own id when
	 * the caller coordinates the vacancy's organisation (coordinators own
	 * its vacancies together), else NULL. For a response: the same, and
	 * volunteer_id the responding volunteer. */
	ACT_TALENT_ADMIN,		/* add, rename, deactivate: an admin */
	ACT_VACANCY_CREATE,		/* a coordinator of the organisation */
	ACT_VACANCY_VIEW,		/* open: anyone; else its coordinators, moderators */
	ACT_VACANCY_EDIT,		/* patch, close: its coordinators */
	ACT_VACANCY_RESPOND,		/* a volunteer who is not its coordinator */
	ACT_VACANCY_RESPONSES_VIEW,	/* the list of responses: its coordinators */
	ACT_VACANCY_CONVERSATION,	/* read / write: the volunteer, its coordinators */
	/* the circle around a person (issue 18 part 3); obj->owner_id is the
	 * circle's owner, obj->status "member" when the caller is a member */
	ACT_CIRCLE_CREATE,		/* a caregiver or professional */
	ACT_CIRCLE_VIEW,		/* its owner and members; nobody else */
	ACT_CIRCLE_MANAGE,		/* invite, revoke, remove a member: the owner */
	ACT_CIRCLE_LEAVE,		/* a member (not the owner) */
	ACT_CIRCLE_JOIN,		/* accept an invitation: anyone logged in */
	ACT_CIRCLE_POST,		/* post a request to it: the owner */
	ACT_REQUEST_PUBLISH,		/* a circle request to everyone: its owner */
	ACT__MAX
};

/* What the deciding rule needs to know of the object acted on. Fields that do
 * not apply stay NULL. For a match: owner_id is the request's owner,
 * volunteer_id the match's volunteer, status the match's status. For a
 * request: owner_id its owner, volunteer_id the volunteer of its accepted
 * match (if any), status the request's status. For an offer: owner_id is the
 * volunteer. For an organisation: status "coordinator" when the caller is
 * one of its coordinators (organisation_coordinators), else NULL. */
struct auth_object {
	const char	*owner_id;
	const char	*volunteer_id;
	const char	*status;
};

enum auth_verdict {
	AUTH_ALLOW = 0,
	AUTH_UNAUTHENTICATED,	/* 401: log in first */
	AUTH_FORBIDDEN,		/* 403: you know it exists, but may not */
	AUTH_NOT_FOUND,		/* 404: you may not even know it exists */
	AUTH_UNVERIFIED,	/* 403 email_unverified: confirm the address first */
	AUTH_VOG_REQUIRED,	/* 403 vog_required: a verified VOG first */
	AUTH_MFA_REQUIRED,	/* 403 mfa_required: staff powers need confirmed TOTP */
};

/* The rules. obj may be NULL for actions on no particular object.
 * Whatever a caller may do only because they are a moderator or an admin
 * (every staff action, and a staff member's reach into others' objects)
 * is AUTH_MFA_REQUIRED until their account has confirmed TOTP (ASVS V6.3);
 * what they may do as anyone else (their own posts, their profile,
 * enrolling) is not touched. */
enum auth_verdict auth_decide(const struct principal *who, enum action act,
    const struct auth_object *obj);
/* A route's role list (struct route.roles, checked by lib/server.c before
 * the handler runs): allowed when the caller holds one of roles, under the
 * same MFA rule: holding only staff roles of the list needs confirmed TOTP. */
enum auth_verdict auth_decide_roles(const struct principal *who, unsigned roles);
/* Sends the problem+json of a refusal (v != AUTH_ALLOW) and writes the
 * auth.refused audit row for a logged-in caller: kind ("action",
 * "route") and what (the action's or route's name) as its target type
 * and detail. */
void auth_refuse(struct req *r, enum auth_verdict v, const char *kind,
    const char *what);
/*
 * A request that needs a VOG (issue 17; its own flag or its category's) is
 * only for volunteers with a verified, unexpired one: responding, being
 * invited, reading the private part as its volunteer, being suggested.
 * needed: the request needs one; ok: the volunteer concerned has one (the
 * caller when responding or reading, the invitee when inviting, the
 * candidate of a suggestion).
 */
struct auth_vog {
	bool	needed;
	bool	ok;
};
/* auth_decide, then the VOG rule; vog NULL: no VOG needed. */
enum auth_verdict auth_decide_vog(const struct principal *who, enum action act,
    const struct auth_object *obj, const struct auth_vog *vog);
/*
 * A request for a circle (audience "circle") exists only for the circle's
 * owner and members, the request's owner, its accepted volunteer and staff
 * (moderation, with MFA): to anyone else every action on it is 404, as if
 * it were not there. A member may respond to it without being a volunteer.
 * circle: the request is a circle request; member: the caller is the
 * circle's owner or one of its members.
 */
struct auth_circle {
	bool	circle;
	bool	member;
};
/* auth_decide, then the circle rule; c NULL or !c->circle: a public
 * request, auth_decide alone. */
enum auth_verdict auth_decide_circle(const struct principal *who, enum action act,
    const struct auth_object *obj, const struct auth_circle *c);
/* auth_decide_circle, and on refusal the problem+json (as auth_require). */
bool auth_require_circle(struct req *r, enum action act,
    const struct auth_object *obj, const struct auth_circle *c);

/* auth_require with the VOG rule (403 vog_required). */
bool auth_require_vog(struct req *r, enum action act,
    const struct auth_object *obj, const struct auth_vog *vog);

/* auth_decide, and on refusal sends the matching problem+json. Returns true
 * when allowed (nothing sent), false when refused (answer sent). */
bool auth_require(struct req *r, enum action act, const struct auth_object *obj);
/* True when the principal is a moderator reading someone else's data, i.e. a
 * read that must be audited. */
bool auth_read_is_audited(const struct principal *who, const struct auth_object *obj);

/* Writes an audit row: actor (r->who, or NULL for none), action, target type
 * and id, a short non-private detail. 0 or -1. */
int audit_write(struct req *r, const char *action, const char *target_type,
    const char *target_id, const char *detail);

#endif
