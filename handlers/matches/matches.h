/*
 * matches.h — what the files of the matches handler share: the statement
 * table, the columns of its rows, loading a match or a request for the
 * authorisation rules, and the match view.
 *
 * The life cycle of a match (see transition.c for why each step locks what):
 *
 *   responded ──accept (owner)────> accepted ──complete (owner)──> completed
 *   invited ───accept (volunteer)─┘    │
 *      │  └─decline (other party)─> declined
 *      └──cancel (own initiator: a withdrawal)─> cancelled <─cancel (either)─┘
 *
 * Everything else is 409 invalid_transition.
 */
#ifndef BH_MATCHES_H
#define BH_MATCHES_H

#include <stdbool.h>
#include <json-c/json.h>

#include "auth.h"
#include "crypto.h"

struct req;
struct db_rows;

enum stmt {
	STMT_REQUEST_GET,
	STMT_REQUEST_LOCK,
	STMT_REQUEST_RESPONSES_ADD,
	STMT_REQUEST_MATCHED,
	STMT_REQUEST_COMPLETED,
	STMT_REQUEST_REOPEN,
	STMT_USER_VOLUNTEER,
	STMT_USER_LOCALE,
	STMT_MATCH_INSERT,
	STMT_MATCH_GET,
	STMT_MATCH_LOCK,
	STMT_MATCH_ACCEPT,
	STMT_MATCHES_DECLINE_OTHERS,
	STMT_MATCH_DECLINE,
	STMT_MATCH_COMPLETE,
	STMT_MATCH_CANCEL,
	STMT_MATCHES_AS_VOLUNTEER,
	STMT_MATCHES_AS_REQUESTER,
	STMT_MATCHES_MINE,
	STMT_MESSAGE_INSERT,
	STMT_MESSAGE_GET,
	STMT_MESSAGES_LIST,
	STMT_MATCH_INTRODUCTION,
	STMT_SUGGEST_OFFERS,
	STMT_MY_OFFERS,
	STMT_SUGGEST_REQUESTS,
	STMT_VS_TALENTS,		/* vacancy_suggest.c (issue 18) */
	STMT_VS_CATEGORIES,
	STMT_VS_PLACES,
	STMT_VS_HOME,
	STMT_VS_TALENT_NAMES,
	STMT_VS_CATEGORY_NAMES,
	STMT_SUGGEST_VACANCIES,
	STMT_MATCHES_WAITING_OTHERS,
	STMT_MATCH_VOLUNTEER_HOURS,
	STMT_MATCH_REVIVE,
	STMT_MATCH_OF_PAIR,
	/* check-ins of recurring help (checkin.c), issue 17 */
	STMT_CHECKIN_INSERT,
	STMT_CHECKIN_STATE_ANSWER,
	STMT_CHECKIN_OWN_IN_PERIOD,
	STMT_CHECKIN_REPLACE,
	/* responses to vacancies and their conversation (issue 18 part 2,
	 * vacancy_responses.c) */
	STMT_VR_VACANCY_GET,
	STMT_VR_COORDINATOR_IS,
	STMT_VR_COORDINATORS,
	STMT_VR_INSERT,
	STMT_VR_OF_PAIR,
	STMT_VR_GET,
	STMT_VR_OF_VACANCY,
	STMT_VR_MINE,
	STMT_VR_TOUCH,
	STMT_VR_MESSAGE_INSERT,
	STMT_VR_MESSAGE_GET,
	STMT_VR_MESSAGES_LIST,
	STMT_REQUEST_CIRCLE,		/* issue 18 part 3 */
	STMT_CIRCLE_HAS_MEMBER,
	STMT__MAX
};

extern const char *const matches_stmts[STMT__MAX];

/* Columns of STMT_REQUEST_GET. */
enum request_col {
	RQ_ID, RQ_OWNER, RQ_TITLE, RQ_STATUS, RQ_EXPIRED, RQ_VOLUNTEER,
	RQ_CATEGORY, RQ_LAT, RQ_LON, RQ_WHEN_START, RQ_WHEN_END,
	RQ_CAT_NL, RQ_CAT_EN,
};

/* Columns of STMT_MATCH_GET and the three list statements. */
enum match_col {
	MC_ID, MC_REQUEST_ID, MC_REQUEST_TITLE, MC_REQUEST_STATUS,
	MC_VOLUNTEER_ID, MC_VOLUNTEER_NAME, MC_STATUS, MC_CREATED,
	MC_ACCEPTED, MC_COMPLETED, MC_HOURS, MC_THANKS, MC_OWNER_ID,
	MC_OWNER_NAME, MC_INITIATED_BY, MC_SORT_KEY, MC_VOLUNTEER_HOURS,
};

/* Columns of STMT_MESSAGE_GET and STMT_MESSAGES_LIST. */
enum message_col {
	MS_ID, MS_SENDER_ID, MS_SENDER_NAME, MS_BODY_CT, MS_CREATED, MS_SORT_KEY,
};

/* A response to a vacancy (STMT_VR_GET and the lists), enum vr_col. The
 * first message (the response's own) comes along, sealed. */
#define VR_COLUMNS \
	"vr.id, vr.vacancy_id, v.title, v.status, v.organisation_id, g.name, " \
	"vr.volunteer_id, u.display_name, " DB_RFC3339("vr.created_at") ", " \
	"(SELECT m.id FROM vacancy_messages m WHERE m.response_id = vr.id " \
	"ORDER BY m.created_at, m.id LIMIT 1), " \
	"(SELECT m.body_ct FROM vacancy_messages m WHERE m.response_id = vr.id " \
	"ORDER BY m.created_at, m.id LIMIT 1), g.active, " \
	"DATE_FORMAT(vr.created_at, '%Y-%m-%d %H:%i:%s.%f') "
#define VR_FROM \
	"FROM vacancy_responses vr JOIN vacancies v ON v.id = vr.vacancy_id " \
	"JOIN organisations g ON g.id = v.organisation_id " \
	"JOIN users u ON u.id = vr.volunteer_id "
enum vr_col {
	VR_ID, VR_VACANCY_ID, VR_TITLE, VR_VACANCY_STATUS, VR_ORG_ID, VR_ORG_NAME,
	VR_VOLUNTEER_ID, VR_VOLUNTEER_NAME, VR_CREATED, VR_FIRST_ID, VR_FIRST_CT,
	VR_ORG_ACTIVE, VR_SORT_KEY,
};
/* A message of a response's conversation; the sender NULL once erased. */
#define VM_COLUMNS \
	"g.id, g.sender_id, s.display_name, g.body_ct, " DB_RFC3339("g.created_at") ", " \
	"DATE_FORMAT(g.created_at, '%Y-%m-%d %H:%i:%s.%f'), r.volunteer_id "
#define VM_FROM \
	"FROM vacancy_messages g JOIN vacancy_responses r ON r.id = g.response_id " \
	"LEFT JOIN users s ON s.id = g.sender_id "
enum vm_col {
	VM_ID, VM_SENDER_ID, VM_SENDER_NAME, VM_BODY_CT, VM_CREATED, VM_SORT_KEY,
	VM_VOLUNTEER_ID,
};

/* Loads a request by id into rows (STMT_REQUEST_GET): 0 found, 1 none
 * (also for an id that is not an id), -1 failure. */
int request_load(struct req *r, const char *id, struct db_rows *rows);
/* The request of row 0 as auth_decide sees it (owner, accepted volunteer,
 * status); pointers into rows. */
struct auth_object request_auth(const struct db_rows *rows);

/* POST /matches/{id}/checkin (checkin.c). */
void matches_checkin(struct req *r);
/* The VOG rule (vog.c, issue 17). matches_vog_require: auth_require_vog for
 * act on request_id with volunteer_id as the volunteer concerned; false
 * when refused (answer sent, or 500 on a database failure).
 * matches_vog_suggestible: *yes when volunteer_id may be suggested for
 * request_id; returns a db_status. */
bool matches_vog_require(struct req *r, enum action act,
    const struct auth_object *obj, const char *request_id,
    const char *volunteer_id);
int matches_vog_suggestible(struct req *r, const char *request_id,
    const char *volunteer_id, bool *yes) __attribute__((warn_unused_result));

/* Loads a match by id into rows (STMT_MATCH_GET): 0, 1 none, -1 failure. */
int match_load(struct req *r, const char *id, struct db_rows *rows);
/* The match of row i as auth_decide sees it: owner = the request's owner,
 * volunteer = the match's volunteer, status = the match's status. */
struct auth_object match_auth(const struct db_rows *rows, size_t i);
/* The match object of API.md from row i. */
json_object *match_json(const struct db_rows *rows, size_t i);
/* Loads match id and answers status {match}; 500 when it is gone. */
void match_send(struct req *r, const char *id, int status);

/* A message row rendered {id, sender, body, created_at}, the body opened
 * with AD (messages, body, id). NULL when it cannot be opened (logged). */
json_object *message_json(struct req *r, const struct db_rows *rows, size_t i);

/* A JSON number written with the given decimals (no 2.1000000000000001). */
json_object *json_decimal(double v, int decimals);
/* Checks a ?limit= value (NULL: def) within 1..max; adds a field problem
 * and returns -1 when it is not. */
int query_limit(struct req *r, long def, long max, long *out);
/* True when s is a sort key we make: "YYYY-MM-DD HH:MM:SS.ffffff". */
bool sort_key_ok(const char *s);

/* Route functions. */
void matches_create(struct req *r);
void matches_list(struct req *r);
void matches_get(struct req *r);
void matches_accept(struct req *r);
void matches_decline(struct req *r);
void matches_complete(struct req *r);
void matches_cancel(struct req *r);
void matches_hours(struct req *r);
void messages_list(struct req *r);
void messages_create(struct req *r);
/* vacancy_responses.c (issue 18 part 2) */
void vacancy_responses_create(struct req *r);
void vacancy_responses_list(struct req *r);
void vacancy_responses_mine(struct req *r);
void vacancy_response_get(struct req *r);
void vacancy_messages_list(struct req *r);
void vacancy_messages_create(struct req *r);
void suggestions_for_request(struct req *r);
void suggestions_for_me(struct req *r);
/* GET /me/vacancy-suggestions (vacancy_suggest.c, issue 18). */
void vacancy_suggestions(struct req *r);
/* What the suggestion endpoints read from the query (suggest.c): limit
 * (1..50, default 20) and the language of the reasons (?lang=, else the
 * caller's locale). 0, or 1 when an answer (422, 500) was sent. */
int suggest_read_query(struct req *r, long *limit, bool *english);

/* The circle rule (lib/auth.c) for request_id and the caller: whether it
 * is a circle request, whether the caller is its circle's owner or a
 * member; *circle_id (arena-owned) its circle or NULL. 0 or -1. */
int matches_request_circle(struct req *r, const char *request_id,
    struct auth_circle *out, const char **circle_id)
	__attribute__((warn_unused_result));

#endif
