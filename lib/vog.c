/*
 * vog.c — the VOG facts handlers share; see vog.h. Two of lib's own
 * statements (LSTMT_VOG_*), prepared only by the handlers that ask.
 */
#include "config.h"
#include "db.h"
#include "stmts.h"
#include "vog.h"

long
vog_valid_years(const struct config *cfg)
{
	long y = config_long(cfg, "vog_valid_years", 3);

	return y < 1 || y > 10 ? 3 : y;
}

int
vog_request_needs(struct db *db, struct arena *a, const char *request_id,
    bool *needed)
{
	struct db_rows rows;
	int rc;

	*needed = false;
	if ((rc = db_exec_lib(db, a, LSTMT_VOG_REQUEST_NEEDS,
	    DB_PARAMS(DB_STR(request_id)), &rows)) != DB_OK)
		return rc;
	*needed = rows.nrows == 1 && db_int(&rows, 0, 0) != 0;
	return DB_OK;
}

int
vog_user_ok(struct db *db, struct arena *a, const char *user_id, bool *ok)
{
	struct db_rows rows;
	int rc;

	*ok = false;
	if ((rc = db_exec_lib(db, a, LSTMT_VOG_USER_OK,
	    DB_PARAMS(DB_STR(user_id)), &rows)) != DB_OK)
		return rc;
	*ok = rows.nrows == 1 && db_int(&rows, 0, 0) != 0;
	return DB_OK;
}
