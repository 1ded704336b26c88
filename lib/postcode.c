/*
 * postcode.c — PC4 areas; see postcode.h.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "problem.h"
#include "stmts.h"
#include "valid.h"

int
postcode_lookup(struct req *r, const char *pc4, struct area *out)
{
	struct db_rows rows;

	if (db_exec_lib(r->db, r->arena, LSTMT_POSTCODE_GET,
	    DB_PARAMS(DB_STR(pc4)), &rows) != DB_OK)
		return -1;
	if (rows.nrows == 0)
		return 1;
	snprintf(out->pc4, sizeof(out->pc4), "%s", db_str(&rows, 0, 0));
	out->place = db_str(&rows, 0, 1);
	out->municipality = db_str(&rows, 0, 2);
	out->lat = db_double(&rows, 0, 3);
	out->lon = db_double(&rows, 0, 4);
	return 0;
}

json_object *
postcode_area_json(const struct area *a)
{
	json_object *o = json_object_new_object();

	json_put_str(o, "pc4", a->pc4);
	json_put_str(o, "place", a->place);
	json_put_str(o, "municipality", a->municipality);
	return o;
}

int
postcode_resolve(struct req *r, const char *field, const char *raw,
    struct area *out)
{
	char pc4[5];
	int rc;

	if (raw == NULL || valid_postcode(raw, pc4) != NULL) {
		problem_field(r, field, "invalid", "Not a Dutch postcode (1234 AB).");
		return 1;
	}
	rc = postcode_lookup(r, pc4, out);
	if (rc == 1)
		problem_field(r, field, "unknown_postcode", "This postcode area is not known.");
	return rc;
}
