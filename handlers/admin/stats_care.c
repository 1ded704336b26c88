/*
 * stats_care.c — the one figure of the caregiver checks in GET /admin/stats
 * (issue 17, part 6): how many were taken in the period, and nothing else.
 * Below 5 it is suppressed (null), as the other small figures are, so that
 * nobody can tell that one particular caregiver took one. The sealed
 * answers are not even granted to this handler (sql/grants/admin.sql).
 */
#include "admin.h"
#include "db.h"
#include "http.h"
#include "json.h"

#define CARE_MIN_COUNT	5

int
stats_care_put(struct req *r, json_object *o, long long from, long long to)
{
	struct db_rows rows;
	long long n;

	if (db_exec(r->db, r->arena, STMT_STATS_CAREGIVER_CHECKS,
	    DB_PARAMS(DB_INT(from), DB_INT(to)), &rows) != DB_OK)
		return -1;
	n = rows.nrows == 1 ? db_int(&rows, 0, 0) : 0;
	if (n < CARE_MIN_COUNT)
		json_put(o, "caregiver_checks", NULL);
	else
		json_put_int(o, "caregiver_checks", n);
	return 0;
}
