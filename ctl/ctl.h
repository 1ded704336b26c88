/*
 * ctl.h — what the parts of burenhulpctl share.
 *
 * burenhulpctl is the operator's command line. It reads the same kind of
 * config as the handlers (db_*, master_key, session_key, plus sql_dir and
 * retention_days) and logs in as bh_ctl, which holds every privilege on the
 * Burenhulp database. Two connections: lib's struct db for everything that
 * takes a value (prepared statements from the table in stmts.c), and a plain
 * MYSQL connection for the project's own SQL files (migrations, grants, demo
 * data), which hold no outside input and are sent as they are.
 */
#ifndef BH_CTL_H
#define BH_CTL_H

#include <stddef.h>
#include <mysql.h>

#include "arena.h"

struct config;
struct db;

struct ctl {
	const char	*config_path;
	struct config	*cfg;
	struct db	*db;		/* prepared statements (stmts.c) */
	MYSQL		*raw;		/* SQL files; opened on first need */
	struct arena	 a;		/* freed when the command ends */
};

enum ctl_stmt {
	STMT_MIGRATIONS_CREATE,
	STMT_MIGRATIONS_LIST,
	STMT_MIGRATION_RECORD,
	STMT_USER_BY_BIDX,
	STMT_USER_INSERT,
	STMT_CREDENTIAL_INSERT,
	STMT_POSTCODE_UPSERT,
	STMT_POSTCODE_UPSERT_KEEP_MUNICIPALITY,
	STMT_AREA_MOVE_REQUESTS,
	STMT_AREA_MOVE_OFFERS,
	STMT_POSTCODE_EXISTS,
	STMT_PURGE_REQUEST_PRIVATE,
	STMT_PURGE_MESSAGES,
	STMT_PURGE_SESSIONS,
	STMT_PURGE_LOGIN_ATTEMPTS,
	STMT_PURGE_PASSWORD_RESETS,
	STMT_PURGE_OUTBOX,
	STMT_PURGE_CHECKIN_NOTES,
	STMT_PURGE_COORDINATOR_NOTES,
	STMT_PURGE_VACANCY_MESSAGES,
	/* rotate.c: per sealed column, a page of rows, and a compare-and-set. */
	STMT_ROTATE_USERS_EMAIL_GET,
	STMT_ROTATE_USERS_EMAIL_SET,
	STMT_ROTATE_USERS_PHONE_GET,
	STMT_ROTATE_USERS_PHONE_SET,
	STMT_ROTATE_REQUESTS_CARE_GET,
	STMT_ROTATE_REQUESTS_CARE_SET,
	STMT_ROTATE_REQUESTS_ADDRESS_GET,
	STMT_ROTATE_REQUESTS_ADDRESS_SET,
	STMT_ROTATE_REQUESTS_PHONE_GET,
	STMT_ROTATE_REQUESTS_PHONE_SET,
	STMT_ROTATE_MESSAGES_BODY_GET,
	STMT_ROTATE_MESSAGES_BODY_SET,
	STMT_ROTATE_OUTBOX_TO_GET,
	STMT_ROTATE_OUTBOX_TO_SET,
	STMT_ROTATE_OUTBOX_BODY_GET,
	STMT_ROTATE_OUTBOX_BODY_SET,
	STMT_ROTATE_MFA_SECRET_GET,
	STMT_ROTATE_MFA_SECRET_SET,
	STMT_ROTATE_CGC_RESULT_GET,
	STMT_ROTATE_CGC_RESULT_SET,
	STMT_ROTATE_CHECKINS_NOTE_GET,
	STMT_ROTATE_CHECKINS_NOTE_SET,
	STMT_ROTATE_VOG_NOTE_GET,
	STMT_ROTATE_VOG_NOTE_SET,
	STMT_ROTATE_VACANCY_MESSAGES_BODY_GET,
	STMT_ROTATE_VACANCY_MESSAGES_BODY_SET,
	STMT_ROTATE_CIRCLE_EMAIL_GET,	/* issue 18 part 3 */
	STMT_ROTATE_CIRCLE_EMAIL_SET,
	STMT_OUTBOX_LAST_RESET,
	/* audit_export.c */
	STMT_AUDIT_CURSOR_INIT,
	STMT_AUDIT_CURSOR_GET,
	STMT_AUDIT_AFTER,
	STMT_AUDIT_CURSOR_SET,
	STMT_DEMO_TOTP_PUT,		/* users.c: the demo staff's TOTP */
	/* hsds_import.c: import-hsds, issue 18 part 5 */
	STMT_HSDS_CATEGORIES,
	STMT_HSDS_ORG_BY_ID,
	STMT_HSDS_ORG_INSERT,
	STMT_HSDS_ORG_UPDATE,
	STMT_HSDS_CATS_CLEAR,
	STMT_HSDS_CAT_ADD,
	STMT_HSDS_SERVICES_CLEAR,
	STMT_HSDS_SERVICE_ADD,
	STMT__MAX
};
extern const char *const ctl_stmts[STMT__MAX];

/* Commands: argv holds the command's own arguments (after its name).
 * Each returns the process exit status: 0 done, 1 failed, 2 usage. */
int cmd_migrate(struct ctl *c, int argc, char **argv);
int cmd_user(struct ctl *c, int argc, char **argv);
int cmd_import_postcodes(struct ctl *c, int argc, char **argv);
int cmd_seed_demo(struct ctl *c, int argc, char **argv);
int cmd_purge(struct ctl *c, int argc, char **argv);
int cmd_rotate_key(struct ctl *c, int argc, char **argv);
int cmd_seed_bench(struct ctl *c, int argc, char **argv);	/* seed_bench.c */
int cmd_outbox_token(struct ctl *c, int argc, char **argv);
int cmd_digest(struct ctl *c, int argc, char **argv);	/* digest.c */
int cmd_audit_export(struct ctl *c, int argc, char **argv);	/* audit_export.c */
int cmd_import_hsds(struct ctl *c, int argc, char **argv);	/* hsds_import.c */
/* backup.c: mariadb-backup; c->db is NULL (no connection of their own). */
int cmd_backup(struct ctl *c, int argc, char **argv);
int cmd_restore(struct ctl *c, int argc, char **argv);

/* Connects c->raw when not yet connected. 0 or -1 (printed). */
int ctl_raw_connect(struct ctl *c);
/* Runs the SQL file at path statement by statement on c->raw (see
 * sqlfile.c for how a file is split). 0, or -1 after printing which
 * statement of which file failed and why. */
int ctl_sql_file(struct ctl *c, const char *path);
/* Runs every *.sql file of directory dir in name order. 0 or -1; a missing
 * directory is no error. */
int ctl_sql_dir(struct ctl *c, const char *dir);
/* The project's sql/ folder (config key sql_dir). */
const char *ctl_sql_root(const struct ctl *c);

/* Creates a user with a password, in one transaction. roles is SET text
 * ("resident,volunteer"), already checked. Returns 1 when created, 0 when
 * the e-mail address is taken (nothing changed), -1 on failure (printed). */
int ctl_user_create(struct ctl *c, const char *email, const char *name,
    const char *roles, const char *pc4, const char *password);

#endif
