/*
 * accounts.h — what the files of the accounts handler share: the statement
 * table, the user view, bounded password hashing, and the GDPR parts.
 */
#ifndef BH_ACCOUNTS_H
#define BH_ACCOUNTS_H

#include <stdbool.h>
#include <json-c/json.h>

#include "crypto.h"

struct req;

enum stmt {
	STMT_USER_INSERT,
	STMT_CREDENTIALS_INSERT,
	STMT_USER_BY_ID,
	STMT_USER_BY_EMAIL,
	STMT_CREDENTIALS_GET,
	STMT_CREDENTIALS_SET,
	STMT_USER_UPDATE_PROFILE,
	STMT_USER_SET_PHONE,
	STMT_ATTEMPTS_COUNT,
	STMT_ATTEMPT_INSERT,
	STMT_ATTEMPTS_CLEAR,
	STMT_ATTEMPTS_PRUNE,
	STMT_RESET_INSERT,
	STMT_RESET_GET,
	STMT_RESET_USE,
	STMT_OUTBOX_INSERT,
	STMT_USER_ERASE,
	STMT_CREDENTIALS_DELETE,
	STMT_RESETS_DELETE,
	STMT_USERS_LIST,
	STMT_USER_ADMIN_SET,
	/* GDPR part of the help requests (gdpr_requests.c, issue 3) */
	STMT_GDPR_REQUESTS_EXPORT,
	STMT_GDPR_REQUESTS_WITHDRAW,
	STMT_GDPR_REQUESTS_DESTROY,
	/* GDPR part of matches and messages (gdpr_matches.c, issue 5) */
	STMT_GDPR_MATCHES_EXPORT,
	STMT_GDPR_MESSAGES_EXPORT,
	STMT_GDPR_RESPONSES_UNCOUNT,
	STMT_GDPR_MATCHES_REOPEN,
	STMT_GDPR_MATCHES_END_VOLUNTEER,
	STMT_GDPR_MATCHES_END_OWNER,
	STMT_GDPR_MESSAGES_DELETE,
	/* GDPR part of the offers (gdpr_offers.c, issue 4) */
	STMT_GDPR_OFFERS_EXPORT,
	STMT_GDPR_OFFER_SLOTS_DELETE,
	STMT_GDPR_OFFER_CATEGORIES_DELETE,
	STMT_GDPR_OFFERS_WITHDRAW,
	/* GDPR part of the reports (gdpr_reports.c, issue 6) */
	STMT_GDPR_REPORTS_EXPORT,
	STMT_GDPR_REPORTS_DELETE_RESOLVED,
	/* GDPR part of organisation accounts (gdpr_organisations.c, issue 18) */
	STMT_GDPR_ORGS_EXPORT,
	STMT_GDPR_ORG_CHANGES_EXPORT,
	STMT_GDPR_COORDINATORS_DELETE,
	STMT_GDPR_COORDINATORS_UNGRANT,
	STMT_GDPR_ORG_CHANGES_UNLINK,
	/* notifications, settings, unsubscribe (notifications.c, issue 13) */
	STMT_NOTIFS_LIST,
	STMT_NOTIFS_UNREAD_COUNT,
	STMT_QUEUE_COUNT,
	STMT_NOTIFS_READ_ALL,
	STMT_NOTIF_OWNED,
	STMT_NOTIF_READ,
	STMT_SETTINGS_GET,
	STMT_SETTING_PUT,
	STMT_UNSUB_GET,
	STMT_UNSUB_USE,
	/* alerts (alerts.c) */
	STMT_ALERTS_LIST,
	STMT_ALERT_GET,
	STMT_ALERTS_COUNT,
	STMT_ALERT_INSERT,
	STMT_ALERT_TARGET_INSERT,
	STMT_VALERT_TARGET_INSERT,
	STMT_ALERT_TALENT_INSERT,
	STMT_TALENT_ACTIVE,
	STMT_ALERT_DELETE,
	STMT_CATEGORY_ACTIVE,
	STMT_OFFER_OWNED,
	/* e-mail verification (verify.c) */
	STMT_VERIFY_INSERT,
	STMT_VERIFY_STATE,
	STMT_VERIFY_GET,
	STMT_VERIFY_USE,
	STMT_USER_VERIFIED,
	STMT_USER_SET_ROLES,
	STMT_RESET_LIVE,
	/* GDPR part of notifications (gdpr_notifications.c) */
	STMT_GDPR_NOTIFS_EXPORT,
	STMT_GDPR_ALERTS_EXPORT,
	STMT_GDPR_OUTBOX_DROP,
	STMT_GDPR_NOTIFS_DELETE,
	STMT_GDPR_SETTINGS_DELETE,
	STMT_GDPR_ALERTS_DELETE,
	STMT_GDPR_UNSUB_DELETE,
	STMT_GDPR_VERIFY_DELETE,
	/* MFA (mfa.c) and the session overview (sessions_list.c), issue 16 */
	STMT_MFA_TOTP_GET,
	STMT_MFA_TOTP_LOCK,
	STMT_MFA_TOTP_PUT,
	STMT_MFA_TOTP_CONFIRM,
	STMT_MFA_TOTP_STEP,
	STMT_MFA_TOTP_DELETE,
	STMT_MFA_RECOVERY_DELETE,
	STMT_MFA_RECOVERY_INSERT,
	STMT_MFA_RECOVERY_USE,
	STMT_MFA_RECOVERY_LEFT,
	STMT_SESSIONS_OF_USER,
	STMT_SESSION_DELETE_OWN,
	/* the caregiver's own check (caregiver_check.c), issue 17 */
	STMT_CGC_INSERT,
	STMT_CGC_LIST,
	STMT_CGC_EXPORT,
	STMT_CGC_DELETE,
	STMT_CGC_RECENT,		/* a double click: the same answers again */
	STMT_CGC_REMINDER_GET,		/* the monthly reminder (migration 096) */
	STMT_CGC_REMINDER_ON,
	STMT_CGC_REMINDER_OFF,
	/* GDPR part of the check-ins (gdpr_checkins.c), issue 17 */
	STMT_GDPR_CHECKINS_EXPORT,
	STMT_GDPR_CHECKINS_FORGET,
	/* the VOG (vog.c, issue 17) */
	STMT_VOG_GET,
	STMT_VOG_SUBMIT,
	STMT_VOG_DECIDE,
	STMT_VOG_DELETE,
	/* talents and responses to vacancies (talents.c, issue 18 part 2) */
	STMT_TALENTS_KNOWN,
	STMT_USER_TALENTS,
	STMT_USER_TALENTS_DELETE,
	STMT_USER_TALENT_INSERT,
	STMT_GDPR_VR_EXPORT,
	STMT_GDPR_VM_EXPORT,
	STMT_GDPR_VR_DELETE,
	STMT_GDPR_VM_DELETE,
	STMT_GDPR_VACANCIES_POSTED,
	STMT_GDPR_VACANCIES_FORGET,
	STMT_GDPR_CIRCLES_EXPORT,	/* gdpr_circles.c, issue 18 part 3 */
	STMT_GDPR_CIRCLE_MEMBERS,
	STMT_GDPR_CIRCLE_INVITATIONS,
	STMT_GDPR_CIRCLES_LEAVE,
	STMT_GDPR_CIRCLES_DELETE,
	STMT__MAX
};

extern const char *const accounts_stmts[STMT__MAX];

/* The row of STMT_USER_BY_ID / STMT_USER_BY_EMAIL, columns in this order. */
enum user_col {
	UC_ID, UC_EMAIL_CT, UC_DISPLAY_NAME, UC_PC4, UC_PLACE, UC_MUNICIPALITY,
	UC_ROLES, UC_LOCALE, UC_CREATED, UC_PHONE_CT, UC_STATUS, UC_EMAIL_VERIFIED,
	UC__COUNT,	/* a statement's own extra columns start here */
};

struct db_rows;

/* The user as its owner (or an admin) sees it, from row r of rows; decrypts
 * e-mail and phone. NULL on a decryption failure (logged). */
json_object *user_own_json(struct req *req, const struct db_rows *rows, size_t r);
/* {"user": user}, as API.md answers a user (takes ownership of user). */
json_object *user_envelope(json_object *user);
/* Loads the user by id into rows: 0 found, 1 none, -1 failure. */
int user_load(struct req *req, const char *id, struct db_rows *rows);

/* Argon2id with a bounded number of hashes in flight per process. */
void pw_init(long concurrency);
int pw_hash(char *out, const char *pw);
int pw_verify(const char *hash, const char *pw);
/* Verifies against a fixed dummy hash, so that an unknown e-mail costs as
 * much time as a wrong password. Always fails. */
void pw_verify_dummy(const char *pw);
/* me.c: the caller's own password: 0 right, 1 wrong, -1 failure. */
int check_own_password(struct req *r, const char *password);

/* Route functions. */
void accounts_register(struct req *r);
void session_login(struct req *r);
void session_get(struct req *r);
void session_logout(struct req *r);
void me_get(struct req *r);
void me_patch(struct req *r);
void me_password(struct req *r);
void me_export(struct req *r);
void me_delete(struct req *r);
void reset_request(struct req *r);
void reset_confirm(struct req *r);
void users_list(struct req *r);
void users_search(struct req *r);
void users_get(struct req *r);
void users_patch(struct req *r);
/* DELETE /users/{id}/sessions: an admin logs a user out everywhere. */
void users_sessions_delete(struct req *r);
void notifications_list(struct req *r);
void notifications_read(struct req *r);
void settings_get(struct req *r);
void settings_put(struct req *r);
void unsubscribe(struct req *r);
void alerts_list(struct req *r);
void alerts_create(struct req *r);
void alerts_delete(struct req *r);
void verify_confirm(struct req *r);
void verify_resend(struct req *r);

/* A verification token for user_id and its mail in the outbox, inside the
 * caller's transaction (registration, resend). Returns a db_status. */
int verification_queue(struct req *r, const char *user_id)
	__attribute__((warn_unused_result));

/* GDPR: each part adds its data to the export document, or destroys and
 * withdraws it on erasure (inside the erasure transaction). Other issues add
 * their parts to the tables in gdpr.c. Each returns 0 or -1. */
struct gdpr_part {
	const char	*name;
	int		(*export_fn)(struct req *r, const char *user_id, json_object *doc);
	int		(*erase_fn)(struct req *r, const char *user_id);
};
extern const struct gdpr_part gdpr_parts[];
extern const size_t gdpr_nparts;

/* The VOG (vog.c): puts "vog" (or null) of user_id into user; 0 or -1.
 * The routes: PUT /me/vog, POST /users/{id}/vog. */
int vog_put_json(struct req *r, json_object *user, const char *user_id);
void vog_submit(struct req *r);
void vog_decide(struct req *r);
int gdpr_vog_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_vog_erase(struct req *r, const char *user_id);

/* The parts, one file each. */
int gdpr_requests_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_requests_erase(struct req *r, const char *user_id);
int gdpr_matches_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_matches_erase(struct req *r, const char *user_id);
int gdpr_offers_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_offers_erase(struct req *r, const char *user_id);
int gdpr_reports_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_reports_erase(struct req *r, const char *user_id);
int gdpr_notifications_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_notifications_erase(struct req *r, const char *user_id);
int gdpr_organisations_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_organisations_erase(struct req *r, const char *user_id);

/* The caregiver's own check (caregiver_check.c, issue 17). */
void caregiver_check_create(struct req *r);
void caregiver_check_list(struct req *r);
int gdpr_caregiver_checks_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_caregiver_checks_erase(struct req *r, const char *user_id);
/* GET/PUT /me/caregiver-check/reminder {monthly}: the wish for a monthly
 * reminder (no row: none), in the export and gone with the account. */
void caregiver_reminder_get(struct req *r);
void caregiver_reminder_put(struct req *r);
int gdpr_caregiver_reminder_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_caregiver_reminder_erase(struct req *r, const char *user_id);
int gdpr_checkins_export(struct req *r, const char *user_id, json_object *doc);
/* Talents and responses to vacancies (talents.c, issue 18 part 2). */
int gdpr_talents_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_talents_erase(struct req *r, const char *user_id);
int gdpr_vacancy_responses_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_vacancy_responses_erase(struct req *r, const char *user_id);
/* The user's talents as a JSON array on u ("talents"): 0, -1 failure. */
int user_talents_put_json(struct req *r, json_object *u, const char *user_id);
/* PATCH /me {talents}: checks the field (volunteers only, known and active
 * talents; problems added on r) into ids/n. 0 good or absent (*has false),
 * 1 problem added, 2 the caller is no volunteer (nor becomes one in the
 * same PATCH): 403, -1 failure. */
#define ME_TALENTS_MAX	20
int me_talents_read(struct req *r, bool *has, const char **ids, size_t *n);
/* Replaces the caller's talents with ids. A db_status. */
int me_talents_store(struct req *r, const char *const *ids, size_t n);
int gdpr_checkins_erase(struct req *r, const char *user_id);
int gdpr_circles_export(struct req *r, const char *user_id, json_object *doc);
int gdpr_circles_erase(struct req *r, const char *user_id);

#endif
