/*
 * admin.h — what the files of the admin handler share: the statement table,
 * a few helpers for lists and numbers, and the route functions.
 *
 * The admin handler serves health, categories, the directory of
 * organisations, reports and their resolution, the moderation queue, the
 * audit log and the aggregate figures. The decisions on single posts
 * (POST /requests/{id}/review, /offers/{id}/review) live in the requests and
 * offers handlers.
 */
#ifndef BH_ADMIN_H
#define BH_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

struct req;

enum stmt {
	/* categories.c */
	STMT_CATEGORIES_ACTIVE,
	STMT_CATEGORIES_ALL,
	STMT_CATEGORY_GET,
	STMT_CATEGORY_INSERT,
	STMT_CATEGORY_UPDATE,
	STMT_CATEGORY_USES,
	STMT_CATEGORY_DELETE,
	/* organisations.c */
	STMT_ORG_GET,
	STMT_ORG_LIST,
	STMT_ORG_NEAR,
	STMT_ORG_COUNT,
	STMT_ORG_NEAR_COUNT,
	STMT_ORG_INSERT,
	STMT_ORG_UPDATE,
	STMT_ORG_CATS_CLEAR,
	STMT_ORG_CAT_ADD,
	STMT_ORG_DELETE,
	/* reports.c */
	STMT_REPORTS_RECENT,
	STMT_TARGET_REQUEST,
	STMT_TARGET_OFFER,
	STMT_TARGET_MESSAGE,
	STMT_TARGET_USER,
	STMT_REPORT_INSERT,
	STMT_REPORT_GET,
	STMT_REPORTS_LIST,
	STMT_CONTENT_REQUEST,
	STMT_CONTENT_OFFER,
	STMT_CONTENT_MESSAGE,
	STMT_CONTENT_USER,
	/* resolve.c */
	STMT_REPORT_LOCK,
	STMT_REPORT_RESOLVE,
	STMT_REQUEST_HIDE,
	STMT_OFFER_HIDE,
	STMT_MESSAGE_DELETE,
	STMT_USER_BLOCK,
	STMT_MODERATION_INSERT,
	/* queue.c */
	STMT_QUEUE,
	/* audit.c */
	STMT_AUDIT_LIST,
	/* stats.c: each STMT_STATS_X (one municipality) is followed by
	 * STMT_STATS_X_ALL (all of them) */
	STMT_STATS_OWNERS,
	STMT_STATS_OWNERS_ALL,
	STMT_STATS_VOLUNTEERS,
	STMT_STATS_VOLUNTEERS_ALL,
	STMT_STATS_PLACES,
	STMT_STATS_MUNICIPALITIES,
	STMT_STATS_MUNICIPALITY_KNOWN,
	/* health.c */
	STMT_HEALTH_MAIL_STUCK,
	/* metrics.c */
	STMT_METRICS_OUTBOX,
	/* check-ins of recurring help (checkins.c), issue 17 */
	STMT_CHECKINS_LIST,
	STMT_CHECKINS_OF_MATCH,
	STMT_CHECKIN_NOTE_SET,
	STMT_CHECKIN_STATE_EXISTS,
	/* the caregiver checks taken, a count (stats_care.c), issue 17 */
	STMT_STATS_CAREGIVER_CHECKS,
	STMT_STATS_VACANCIES,		/* stats_vacancies.c (issue 18) */
	STMT_STATS_VACANCY_RESPONSES,
	STMT_STATS_VACANCY_RESPONDERS,
	STMT_CATEGORY_VOG_SET,		/* issue 17 */
	STMT_VOG_LIST,			/* vog.c, issue 17 */
	/* coordinators.c: organisation accounts, issue 18 part 1 */
	STMT_COORD_INSERT,
	STMT_COORD_DELETE,
	STMT_COORD_LIST,
	STMT_COORD_IS,
	STMT_COORD_MINE,
	STMT_CHANGE_INSERT,
	STMT_CHANGE_GET,
	STMT_CHANGE_SAME_PENDING,	/* a repeated click (issue 18) */
	STMT_CHANGE_LOCK,
	STMT_CHANGES_LIST,
	STMT_CHANGE_DECIDE,
	/* hsds.c: the directory in Open Referral HSDS 3.0, issue 18 part 5 */
	STMT_HSDS_ORG_COUNT,
	STMT_HSDS_ORG_PAGE,
	STMT_HSDS_ORG_GET,
	STMT_HSDS_ORG_SERVICES,
	STMT_HSDS_SVC_COUNT,
	STMT_HSDS_SVC_PAGE,
	STMT_HSDS_SVC_GET,
	STMT__MAX
};

extern const char *const admin_stmts[STMT__MAX];

struct arena;
/* health.c: one FastCGI GET of uri on the handler socket at path, within
 * timeout_ms: 0 when answered (its STDOUT in *out_text when out_text is
 * not NULL, arena-owned), -1 otherwise. */
int admin_fcgi_get(const char *path, const char *uri, long timeout_ms,
    struct arena *a, char **out_text);

/* ---- helpers (util.c) ---------------------------------------------- */

/* ?limit= (1–100, default 20) into *limit; a bad value adds a field problem
 * named "limit" (the caller answers 422 when problem_count > 0). */
void admin_limit(struct req *r, long *limit);
/* Decodes ?cursor= into n parts; the first must pass check (NULL: any), and
 * with n > 1 the last must be an id. Returns 0 (parts NULL when no cursor was given), or -1 after answering
 * 400 bad_request. */
int admin_cursor(struct req *r, char **parts, size_t n,
    bool (*check)(const char *part));
/* "2026-11-23 09:15:00.123000", the sort key lists page on. */
bool admin_sortkey_ok(const char *s);
/* A decimal number without sign, as made by a cursor ("1234"). */
bool admin_digits_ok(const char *s);
/* A category slug: a-z, 0-9 and '-', starting with a letter or digit, at
 * most 32 characters. */
bool admin_slug_ok(const char *s);
/* v rounded to decimals places, written as exactly that decimal text (json-c
 * would print 2.3 as 2.2999999999999998). */
json_object *admin_number(double v, int decimals);
/* {id, display_name}; JSON null when id is NULL. */
json_object *admin_user_json(const char *id, const char *display_name);
struct db_rows;
/* on_behalf_of of a request posted for someone (issue 17): the first name
 * in column col, then how consent was given, when (RFC 3339), by whom (id,
 * display name) in the four after it → {first_name, consent: {how,
 * recorded_at, recorded_by}}; NULL when col is NULL (not posted for
 * someone, or the consent was revoked and the name emptied). Never more of
 * the person than the first name. */
json_object *admin_behalf_json(const struct db_rows *rows, size_t i, size_t col);
/* "a,b,c" (GROUP_CONCAT) → ["a","b","c"]; NULL or "" → []. */
json_object *admin_csv_array(const char *list);
/* s with LIKE's wildcards escaped (db_like_escape: the statement says ESCAPE '!'), wrapped in '%' (arena-owned). */
char *admin_like_pattern(struct req *r, const char *s);

/* ---- route functions ----------------------------------------------- */

void health_get(struct req *r);
void metrics_get(struct req *r);

void categories_list(struct req *r);
void categories_create(struct req *r);
void categories_patch(struct req *r);
void categories_delete(struct req *r);

void organisations_list(struct req *r);
void organisations_get(struct req *r);
void organisations_create(struct req *r);
void organisations_patch(struct req *r);
void organisations_delete(struct req *r);

void reports_create(struct req *r);
void reports_list(struct req *r);
void reports_resolve(struct req *r);

void queue_list(struct req *r);
void audit_list(struct req *r);
void stats_get(struct req *r);
void checkins_list(struct req *r);
/* Adds caregiver_checks (the number of caregiver checks taken in [from,
 * to), null below 5) to the figures o (stats_care.c). 0 or -1. */
int stats_care_put(struct req *r, json_object *o, long long from, long long to);

/* The vacancies and responses per organisation of GET /admin/stats
 * (stats_vacancies.c, issue 18): counts rounded to 5, a count of
 * responses with 1 to 4 volunteers behind it suppressed (and the next
 * smallest of the breakdown with it). Arena-owned. */
struct stats_vac_row {
	const char	*id, *name;		/* organisation; NULL for the total */
	double		 posted, responses;
	long long	 volunteers;
	bool		 responses_suppressed;
};
struct stats_vac {
	struct stats_vac_row	 total;
	struct stats_vac_row	*orgs;		/* by name */
	size_t			 norgs;
};
/* Reads and protects the figures of [from, to) (Unix seconds) in
 * municipality (NULL: all). 0, or -1 on a database failure. */
int stats_vacancies_read(struct req *r, long long from, long long to,
    const char *municipality, struct stats_vac *out);
/* As JSON: {vacancies_posted, vacancy_responses, suppressed_fields,
 * per_organisation: [...]}. */
json_object *stats_vacancies_json(const struct stats_vac *v);
void checkins_note_put(struct req *r);
void vog_list(struct req *r);

/* coordinators.c: organisation accounts (issue 18 part 1) */
void coordinators_list(struct req *r);
void coordinators_mine(struct req *r);
void coordinators_add(struct req *r);
void coordinators_remove(struct req *r);
void changes_list(struct req *r);
void changes_review(struct req *r);
/* hsds.c: the directory in Open Referral HSDS 3.0 (issue 18 part 5) */
void hsds_meta(struct req *r);
void hsds_organizations_list(struct req *r);
void hsds_organization_get(struct req *r);
void hsds_services_list(struct req *r);
void hsds_service_get(struct req *r);
/* 1 when the caller coordinates organisation org_id (an id), 0 when not,
 * -1 on a failure. */
int admin_org_coordinator(struct req *r, const char *org_id);
/* Row i of STMT_CHANGE_GET / _LIST as the API's organisation change. */
json_object *admin_change_json(const struct db_rows *rows, size_t i);

/* ---- shared between reports.c and resolve.c ------------------------- */

struct db_rows;

/* Columns of STMT_REPORT_GET / STMT_REPORTS_LIST, in this order. */
enum report_col {
	RC_ID, RC_TARGET_TYPE, RC_TARGET_ID, RC_REASON, RC_STATUS,
	RC_RESOLUTION, RC_NOTE, RC_CREATED, RC_RESOLVED, RC_REPORTER_ID,
	RC_REPORTER_NAME, RC_TARGET_USER_ID, RC_TARGET_USER_NAME,
	RC_TARGET_USER_STATUS, RC_RESOLVED_BY, RC_RESOLVED_BY_NAME,
	RC_SORT_KEY,
};

/* The report of row i as a moderator sees it (reporter, author of the
 * target, who resolved it); without the reported content. */
json_object *report_moderator_json(const struct db_rows *rows, size_t i);

#endif
