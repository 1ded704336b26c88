/*
 * stmts.h — lib's own statements (sessions, audit, postcodes), run with
 * db_exec_lib. Every handler's database user is granted what these need
 * (see TEAM facts in README: SELECT on postcodes and categories, the session
 * columns, INSERT on audit_log); a handler that tells people what happened
 * (lib/notify.c) also reads notification_settings and writes notifications
 * and outbox.
 */
#ifndef BH_STMTS_H
#define BH_STMTS_H

enum lib_stmt {
	LSTMT_SESSION_GET,
	LSTMT_SESSION_TOUCH,
	LSTMT_SESSION_INSERT,
	LSTMT_SESSION_DELETE,
	LSTMT_SESSIONS_DELETE_USER,
	LSTMT_SESSIONS_DELETE_OTHERS,
	LSTMT_AUDIT_INSERT,
	LSTMT_POSTCODE_GET,
	LSTMT_NEAR_AREAS,
	LSTMT_NOTIFY_RECIPIENT,
	LSTMT_NOTIFY_BUMP,
	LSTMT_NOTIFY_INSERT,
	LSTMT_OUTBOX_NOTIFY,
	LSTMT_OUTBOX_ACCOUNT,
	LSTMT_SUPPORT_NEAR,
	LSTMT_VOG_REQUEST_NEEDS,	/* lib/vog.c */
	LSTMT_VOG_USER_OK,
	LSTMT__MAX
};

extern const char *const lib_stmts[LSTMT__MAX];

#endif
