/*
 * support.c — directory entries that give professional support near a
 * place (see support.h). One statement (LSTMT_SUPPORT_NEAR): a box on the
 * indexed lat/lon of organisations (organisations_geo), filtered on the
 * exact distance and on a category of the kinds asked for, nearest first.
 * Nothing here writes; the directory itself is handlers/admin's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "stmts.h"
#include "support.h"

/* Columns of LSTMT_SUPPORT_NEAR. */
enum support_col {
	SC_ID, SC_NAME, SC_DESCRIPTION, SC_PC4, SC_PLACE, SC_MUNICIPALITY,
	SC_WEBSITE, SC_PHONE, SC_EMAIL, SC_CREATED, SC_UPDATED, SC_CATEGORIES,
	SC_DIST_M,
};

static const struct {
	enum support_kind	 kind;
	const char		*category;
} kinds_table[] = {
	{ SUPPORT_HOME_CARE, "home-care" },
	{ SUPPORT_RESPITE, "respite" },
	{ SUPPORT_CAREGIVER, "caregiver-support" },
};

#define NKINDS	(sizeof(kinds_table) / sizeof(kinds_table[0]))

const char *
support_kind_category(enum support_kind kind)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds_table[i].kind == kind)
			return kinds_table[i].category;
	return NULL;
}

/* "a,b,c" (GROUP_CONCAT) → ["a","b","c"]; NULL or "" → []. */
static json_object *
csv_array(const char *list)
{
	json_object *arr = json_object_new_array();
	const char *p = list, *comma;

	while (p != NULL && *p != '\0') {
		comma = strchr(p, ',');
		json_object_array_add(arr, json_object_new_string_len(p,
		    comma != NULL ? (int)(comma - p) : (int)strlen(p)));
		p = comma != NULL ? comma + 1 : NULL;
	}
	return arr;
}

/* Kilometres with one decimal, written as such ("2.0", not "2"). */
static json_object *
km_json(double metres)
{
	char buf[32];
	double km = round(metres / 100.0) / 10.0;

	snprintf(buf, sizeof(buf), "%.1f", km);
	return json_object_new_double_s(km, buf);
}

static json_object *
item_json(const struct db_rows *rows, size_t i)
{
	json_object *o = json_object_new_object();
	struct area area;

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, i, SC_PC4));
	area.place = db_str(rows, i, SC_PLACE);
	area.municipality = db_str(rows, i, SC_MUNICIPALITY);
	json_put_str(o, "id", db_str(rows, i, SC_ID));
	json_put_str(o, "name", db_str(rows, i, SC_NAME));
	json_put_str(o, "description", db_str(rows, i, SC_DESCRIPTION));
	json_put(o, "categories", csv_array(db_str(rows, i, SC_CATEGORIES)));
	json_put(o, "area", postcode_area_json(&area));
	json_put(o, "distance_km", km_json(db_double(rows, i, SC_DIST_M)));
	json_put_str(o, "website", db_str(rows, i, SC_WEBSITE));
	json_put_str(o, "phone", db_str(rows, i, SC_PHONE));
	json_put_str(o, "email", db_str(rows, i, SC_EMAIL));
	json_put_str(o, "created_at", db_str(rows, i, SC_CREATED));
	json_put_str(o, "updated_at", db_str(rows, i, SC_UPDATED));
	return o;
}

json_object *
support_near(struct req *r, double lat, double lon, unsigned kinds,
    double radius_km, int limit)
{
	struct geo_box box = geo_box_around(lat, lon, radius_km);
	const char *cat[NKINDS];
	struct db_rows rows;
	json_object *items;
	size_t i;

	if (limit < 1)
		limit = 1;
	if (limit > SUPPORT_LIMIT_MAX)
		limit = SUPPORT_LIMIT_MAX;
	for (i = 0; i < NKINDS; i++)
		cat[i] = (kinds & kinds_table[i].kind) != 0 ? kinds_table[i].category : NULL;
	if (db_exec_lib(r->db, r->arena, LSTMT_SUPPORT_NEAR, DB_PARAMS(
	    DB_DOUBLE(lat), DB_DOUBLE(lat), DB_DOUBLE(lon),
	    DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max),
	    DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max),
	    DB_INT((long long)(radius_km * 1000.0 + 0.5)),
	    DB_STR(cat[0]), DB_STR(cat[1]), DB_STR(cat[2]),
	    DB_INT(limit)), &rows) != DB_OK)
		return NULL;
	items = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(items, item_json(&rows, i));
	return items;
}

json_object *
support_near_pc4(struct req *r, const char *pc4, unsigned kinds, int limit)
{
	struct area area;
	int rc;

	if ((rc = postcode_lookup(r, pc4, &area)) < 0)
		return NULL;
	if (rc > 0)
		return json_object_new_array();
	return support_near(r, area.lat, area.lon, kinds, SUPPORT_RADIUS_KM, limit);
}
