/*
 * requests.h — what the files of the requests handler share: the statement
 * table, the handler's settings, loading one request, and the route
 * functions.
 */
#ifndef BH_REQUESTS_H
#define BH_REQUESTS_H

#include <stdbool.h>
#include <time.h>

#include "config.h"
#include "render.h"

struct req;
struct db_rows;

enum stmt {
	STMT_CATEGORY_GET,
	STMT_REQUEST_INSERT,
	STMT_REQUEST_GET,
	STMT_REQUEST_UPDATE,
	STMT_REQUEST_CANCEL,
	STMT_MATCHES_CLOSE,
	STMT_REQUEST_REVIEW,
	STMT_ACCEPTED_MATCH,
	STMT_MODERATION_INSERT,
	STMT_LIST_NEAR,
	STMT_LIST_NEAR_CAT,
	STMT_LIST_NEAR_Q,
	STMT_LIST_NEAR_CAT_Q,
	STMT_NEAR_AREA,
	STMT_NEAR_AREA_CAT,
	STMT_LIST_RECENT,
	STMT_LIST_RECENT_CAT,
	STMT_LIST_RECENT_Q,
	STMT_LIST_RECENT_CAT_Q,
	STMT_LIST_OWN,
	STMT_EXPIRE_SWEEP,
	STMT_ALERTS_NOTIFY,
	STMT_ALERTS_MAIL,
	STMT_REQUEST_SET_RECURRENCE,	/* recurrence.c, issue 17 */
	STMT_REQUEST_SET_LANG,		/* lang.c, issue 19 */
	/* consent and VOG (consent.c, issue 17) */
	STMT_CARE_SET,
	STMT_CONSENT_REVOKE,
	STMT_CONSENT_MATCHES_LIVE,
	STMT_CONSENT_MATCHES_CANCEL,
	/* the desk (caseload.c, issue 18 part 4) */
	STMT_CASELOAD,
	STMT_LETTER_MATCH,
	/* the circle around a person (circles.c, issue 18 part 3) */
	STMT_CIRCLE_INSERT,
	STMT_CIRCLE_GET,
	STMT_CIRCLES_MINE,
	STMT_CIRCLE_MEMBERS,
	STMT_CIRCLE_INVITATIONS,
	STMT_CIRCLE_AGENDA,
	STMT_INVITATION_INSERT,
	STMT_INVITATION_BY_TOKEN,
	STMT_INVITATION_ACCEPT,
	STMT_INVITATION_REVOKE,
	STMT_MEMBER_INSERT,
	STMT_MEMBER_DELETE,
	STMT_OUTBOX_INVITATION,
	STMT_REQUEST_CIRCLE,
	STMT_REQUEST_SET_CIRCLE,
	STMT_REQUEST_PUBLISH,
	STMT__MAX
};

extern const char *const requests_stmts[STMT__MAX];

/* Recurring help (recurrence.c): the choices of the recurrence field, and
 * storing what the body says of it (absent: nothing). A db_status. */
extern const char *const requests_recurrences[];
struct req;
int requests_recurrence_store(struct req *r, const char *id)
	__attribute__((warn_unused_result));

/* The language a request is written in (lang.c): the choices of the lang
 * field, and storing it; absent from a new request: the poster's locale,
 * absent from a PATCH: unchanged. A db_status. */
extern const char *const requests_langs[];
int requests_lang_store(struct req *r, const char *id, bool creating)
	__attribute__((warn_unused_result));

/* Settings from the config, read once at start-up (main.c). */
struct requests_settings {
	bool	post_moderation;	/* moderation = post: open at once */
	long	expiry_days;		/* request_expiry_days */
	long	caseload_quiet_days;	/* open this long without a response:
					 * the desk calls the client */
};
extern struct requests_settings requests_settings;
/* How clients reach the desk, for the letter (caseload.c); from the config. */
extern struct config_desk requests_desk;

/* Loads request id with everything (private columns, accepted volunteer)
 * into rows: 0 found, 1 none (or not an id), -1 failure. */
int request_load(struct req *r, const char *id, struct db_rows *rows);
/* Sends row 0 of rows as {request}, as the caller may see it: the private
 * part when may_show_private and auth_decide allow it (every read of it by
 * someone other than the owner audited first; a moderator's review answer
 * passes false and needs no audit). Status 200 or 201. */
void request_send(struct req *r, const struct db_rows *rows, int status,
    bool may_show_private);
/* Loads id again and sends it (after a change). */
void request_send_fresh(struct req *r, const char *id, int status,
    bool may_show_private);
/* The body request_send sends ({request}), or NULL when it has sent a
 * problem instead. The caller owns the body. */
json_object *request_body(struct req *r, const struct db_rows *rows,
    bool may_show_private);
/* check.c: loads id again and sends it with the `warnings` and
 * `suggested_organisations` of its public text (after POST and PATCH). */
void requests_send_checked(struct req *r, const char *id, int status);
void requests_check(struct req *r);

/* "2026-11-23 10:00:00" (UTC) for a DATETIME parameter. out: 20 bytes. */
void request_datetime(char *out, size_t size, time_t t);

/* Route functions. */
/* A request that just went public (id, owner, title, category, centroid)
 * reaches every fitting alert once; inside the caller's transaction.
 * Returns a db_status. */
int requests_gone_public(struct req *r, const char *id, const char *owner_id,
    const char *title, const char *category, double lat, double lon)
	__attribute__((warn_unused_result));

/* Records what the body says of consent (on_behalf_of.consent.how) and
 * needs_vog for request id, by the caller (consent.c); nothing when it says
 * neither. Returns a db_status. */
int request_care_write(struct req *r, const char *id)
	__attribute__((warn_unused_result));

/* What the circle rule (lib/auth.c) needs of request id for the caller:
 * whether it is a circle request and whether the caller is its circle's
 * owner or a member; circle_id and circle_until (arena-owned, NULL for a
 * public request). 0, or -1 on a database failure. */
struct request_circle {
	struct auth_circle	 c;
	const char		*circle_id, *circle_until;
};
int request_circle_load(struct req *r, const char *id, struct request_circle *out)
	__attribute__((warn_unused_result));
/* Reads audience, circle_id, circle_until/circle_hours of a new request
 * (field problems added to r) into *out; 0, or -1 on a database failure. */
int request_circle_input(struct req *r, struct request_circle *out)
	__attribute__((warn_unused_result));
/* Makes the new request id a circle request and tells each member
 * (circle.request); inside the caller's transaction. A db_status. */
int request_circle_store(struct req *r, const char *id, const char *title,
    const struct request_circle *in) __attribute__((warn_unused_result));

/* auth_require with the circle rule for the request in row 0 of rows. */
bool request_require(struct req *r, enum action act, const struct db_rows *rows,
    const struct auth_object *obj);

void circles_create(struct req *r);
void circles_mine(struct req *r);
void circles_get(struct req *r);
void circles_invite(struct req *r);
void circles_invitation_revoke(struct req *r);
void circles_accept(struct req *r);
void circles_member_remove(struct req *r);
void requests_publish(struct req *r);

void requests_list(struct req *r);
void requests_own(struct req *r);
void requests_create(struct req *r);
void requests_get(struct req *r);
void requests_patch(struct req *r);
void requests_cancel(struct req *r);
void requests_review(struct req *r);
void requests_consent_revoke(struct req *r);
void requests_caseload(struct req *r);
void requests_letter(struct req *r);

#endif
