/*
 * postcode.c — PC4 areas; see postcode.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
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

/* One item of a service area: "7800-7899" or "7811" (PC4), else a
 * municipality's name, case-insensitive; n is its length, trimmed. */
static bool
item_holds(const char *item, size_t n, const char *pc4, const char *municipality)
{
	char buf[128];
	long lo, hi, v = strtol(pc4, NULL, 10);
	char *end;

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, item, n);
	buf[n] = '\0';
	if (isdigit((unsigned char)buf[0])) {
		lo = strtol(buf, &end, 10);
		hi = lo;
		if (*end == '-')
			hi = strtol(end + 1, &end, 10);
		return *end == '\0' && v >= lo && v <= hi;
	}
	return municipality != NULL && strcasecmp(buf, municipality) == 0;
}

bool
postcode_in_area(const char *spec, const char *pc4, const char *municipality)
{
	const char *p = spec, *end;
	size_t n;

	if (spec == NULL)
		return true;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return true;		/* none: the whole country */
	for (; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strcspn(p, ",");
		n = (size_t)(end - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (item_holds(p, n, pc4, municipality))
			return true;
	}
	return false;
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

int
postcode_resolve_served(struct req *r, const char *field, const char *raw,
    struct area *out)
{
	int rc = postcode_resolve(r, field, raw, out);

	if (rc == 0 && !postcode_in_area(config_str(r->cfg, "service_area", ""),
	    out->pc4, out->municipality)) {
		problem_field(r, field, "outside_service_area",
		    "This postcode lies outside the area this site serves.");
		return 1;
	}
	return rc;
}
