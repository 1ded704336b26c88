/*
 * stmts.c — every SQL statement of the admin handler, by enum stmt.
 */
#include "admin.h"

const char *const admin_stmts[STMT__MAX] = {
	/* STMT_CATEGORIES_ACTIVE */
	"SELECT id, name_nl, name_en, sort_order FROM categories "
	"WHERE active = 1 ORDER BY sort_order, id",
};
