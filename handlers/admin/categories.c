/*
 * categories.c — GET /categories: the active categories in their order.
 */
#include "admin.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"

void
categories_list(struct req *r)
{
	struct db_rows rows;
	json_object *arr, *c;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_CATEGORIES_ACTIVE, NULL, 0, &rows) != DB_OK) {
		problem_internal(r, "categories");
		return;
	}
	arr = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		c = json_object_new_object();
		json_put_str(c, "id", db_str(&rows, i, 0));
		json_put_str(c, "name_nl", db_str(&rows, i, 1));
		json_put_str(c, "name_en", db_str(&rows, i, 2));
		json_put_int(c, "sort_order", db_int(&rows, i, 3));
		json_object_array_add(arr, c);
	}
	http_send_json(r, 200, arr);
}
