/*
 * offer.c — one offer: reading and checking an offer body beyond its field
 * table (slots, categories, postcode), loading an offer, and its JSON view.
 * The actions that use these live in write.c, list.c and review.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "postcode.h"
#include "problem.h"
#include "valid.h"

const char *const offer_days[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL
};

int
offer_day_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && offer_days[i] != NULL; i++)
		if (strcmp(offer_days[i], s) == 0)
			return i;
	return -1;
}

/* ---- Reading a body ------------------------------------------------- */

/* availability: the field table checked the shape (day, from, to present
 * and well-formed, at most OFFER_SLOTS_MAX); here each slot must end after
 * it starts and no two slots of one day may overlap (touching is fine). */
static void
read_slots(struct req *r, json_object *arr, struct offer_input *in)
{
	size_t n = json_object_array_length(arr), i, j;
	json_object *e;
	struct slot *s;
	char field[48];

	in->has_slots = true;
	in->nslots = 0;
	for (i = 0; i < n && i < OFFER_SLOTS_MAX; i++) {
		e = json_object_array_get_idx(arr, i);
		s = &in->slots[i];
		s->day = offer_day_parse(json_get_str(e, "day"));
		if (s->day < 0 ||
		    valid_hhmm(json_get_str(e, "from"), &s->from_min) != NULL ||
		    valid_hhmm(json_get_str(e, "to"), &s->to_min) != NULL)
			return;	/* cannot happen after the field table */
		if (s->to_min <= s->from_min) {
			snprintf(field, sizeof(field), "availability[%zu].to", i);
			problem_field(r, field, "out_of_range",
			    "The slot must end after it starts.");
		}
		in->nslots++;
	}
	for (i = 0; i < in->nslots; i++) {
		const struct slot *a = &in->slots[i];

		if (a->to_min <= a->from_min)
			continue;
		for (j = 0; j < i; j++) {
			const struct slot *b = &in->slots[j];

			if (b->to_min <= b->from_min || a->day != b->day)
				continue;
			if (a->from_min < b->to_min && b->from_min < a->to_min) {
				snprintf(field, sizeof(field), "availability[%zu]", i);
				problem_field(r, field, "invalid", arena_printf(r->arena,
				    "This slot overlaps availability[%zu] on the same day.", j));
				break;
			}
		}
	}
}

/* categories: distinct strings (field table); each must name an active
 * category. */
static int
read_categories(struct req *r, json_object *arr, struct offer_input *in)
{
	struct db_param p[OFFER_CATEGORIES_MAX];
	struct db_rows rows;
	size_t n = json_object_array_length(arr), i, j;
	bool found;

	in->has_categories = true;
	in->ncategories = 0;
	if (n == 0 || n > OFFER_CATEGORIES_MAX)
		return 0;	/* reported by the field table */
	for (i = 0; i < OFFER_CATEGORIES_MAX; i++) {
		in->categories[i] = i < n ?
		    json_object_get_string(json_object_array_get_idx(arr, i)) : NULL;
		p[i] = DB_STR(in->categories[i]);
	}
	in->ncategories = n;
	if (db_exec(r->db, r->arena, STMT_CATEGORIES_KNOWN, p, OFFER_CATEGORIES_MAX,
	    &rows) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		found = false;
		for (j = 0; j < rows.nrows; j++)
			if (strcmp(db_str(&rows, j, 0), in->categories[i]) == 0)
				found = true;
		if (!found) {
			problem_field(r, "categories", "unknown",
			    arena_printf(r->arena, "categories[%zu] is not a known category.", i));
			break;
		}
	}
	return 0;
}

int
offer_input_read(struct req *r, struct offer_input *in)
{
	const char *raw_pc = json_get_str(r->json, "postcode");
	json_object *arr;
	long long radius;
	struct area area;
	int rc;

	memset(in, 0, sizeof(*in));
	in->title = json_get_str(r->json, "title");
	in->description = json_get_str(r->json, "description");
	if (json_get_int(r->json, "radius_km", &radius)) {
		in->has_radius = true;
		in->radius_km = (long)radius;
	}
	if ((arr = json_get_arr(r->json, "availability")) != NULL)
		read_slots(r, arr, in);
	if ((arr = json_get_arr(r->json, "categories")) != NULL &&
	    read_categories(r, arr, in) != 0)
		return -1;
	if (raw_pc != NULL) {
		if ((rc = postcode_resolve(r, "postcode", raw_pc, &area)) < 0)
			return -1;
		if (rc == 0) {
			in->has_pc4 = true;
			memcpy(in->pc4, area.pc4, sizeof(in->pc4));
			in->lat = area.lat;
			in->lon = area.lon;
		}
	}
	return problem_count(r) > 0 ? 1 : 0;
}

int
offer_links_insert(struct req *r, const char *id, const struct offer_input *in)
{
	size_t i;
	int rc;

	for (i = 0; in->has_categories && i < in->ncategories; i++)
		if ((rc = db_exec(r->db, r->arena, STMT_OFFER_CATEGORY_INSERT,
		    DB_PARAMS(DB_STR(id), DB_STR(in->categories[i])), NULL)) != DB_OK)
			return rc;
	for (i = 0; in->has_slots && i < in->nslots; i++)
		if ((rc = db_exec(r->db, r->arena, STMT_OFFER_SLOT_INSERT,
		    DB_PARAMS(DB_STR(id), DB_INT(in->slots[i].day),
		    DB_INT(in->slots[i].from_min), DB_INT(in->slots[i].to_min)),
		    NULL)) != DB_OK)
			return rc;
	return DB_OK;
}

/* ---- Loading and showing ---------------------------------------------- */

int
offer_load(struct req *r, const char *id, struct db_rows *rows)
{
	if (valid_id(id) != NULL)
		return 1;
	if (db_exec(r->db, r->arena, STMT_OFFER_GET, DB_PARAMS(DB_STR(id)), rows) != DB_OK)
		return -1;
	return rows->nrows == 1 ? 0 : 1;
}

const char *
offer_visible_status(const struct db_rows *rows, size_t row)
{
	const char *status = db_str(rows, row, OC_STATUS);

	if (strcmp(status, "active") == 0 &&
	    strcmp(db_str(rows, row, OC_VOLUNTEER_STATUS), "active") != 0)
		return "withdrawn";
	return status;
}

/* "HH:MM" of minutes since midnight. */
static json_object *
hhmm_json(int minutes)
{
	char buf[8];

	snprintf(buf, sizeof(buf), "%02d:%02d", minutes / 60 % 100, minutes % 60);
	return json_object_new_string(buf);
}

/* "shopping,transport" → ["shopping", "transport"] */
static json_object *
categories_json(const char *text)
{
	json_object *arr = json_object_new_array();
	const char *p = text, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ',');
		json_object_array_add(arr, json_object_new_string_len(p,
		    end != NULL ? (int)(end - p) : (int)strlen(p)));
		p = end != NULL ? end + 1 : NULL;
	}
	return arr;
}

/* "0 540 720,2 600 660" → [{day, from, to}, ...] */
static json_object *
slots_json(const char *text)
{
	json_object *arr = json_object_new_array(), *o;
	const char *p = text;
	int day, from, to, used;

	while (p != NULL && *p != '\0' &&
	    sscanf(p, "%d %d %d%n", &day, &from, &to, &used) == 3) {
		if (day >= 0 && day <= 6) {
			o = json_object_new_object();
			json_put_str(o, "day", offer_days[day]);
			json_put(o, "from", hhmm_json(from));
			json_put(o, "to", hhmm_json(to));
			json_object_array_add(arr, o);
		}
		p += used;
		p = *p == ',' ? p + 1 : NULL;
	}
	return arr;
}

json_object *
offer_json(struct req *r, const struct db_rows *rows, size_t row,
    bool with_distance, double lat, double lon)
{
	const char *status = db_str(rows, row, OC_STATUS);
	struct auth_object obj = { db_str(rows, row, OC_VOLUNTEER_ID), NULL, status };
	json_object *o = json_object_new_object(), *v, *m;
	struct area area;
	char km[32];
	double d;

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, row, OC_PC4));
	area.place = db_str(rows, row, OC_PLACE);
	area.municipality = db_str(rows, row, OC_MUNICIPALITY);

	json_put_str(o, "id", db_str(rows, row, OC_ID));
	json_put_str(o, "title", db_str(rows, row, OC_TITLE));
	json_put_str(o, "description", db_str(rows, row, OC_DESCRIPTION));
	json_put(o, "categories", categories_json(db_str(rows, row, OC_CATEGORIES)));
	json_put(o, "area", postcode_area_json(&area));
	if (with_distance) {
		d = geo_distance_km(lat, lon, db_double(rows, row, OC_LAT),
		    db_double(rows, row, OC_LON));
		/* Rounded to 100 m, and written so (json-c would print
		 * 3.1000000000000001). */
		snprintf(km, sizeof(km), "%.1f", round(d * 10.0) / 10.0);
		json_put(o, "distance_km", json_object_new_double_s(strtod(km, NULL), km));
	}
	json_put_int(o, "radius_km", db_int(rows, row, OC_RADIUS_KM));
	json_put(o, "availability", slots_json(db_str(rows, row, OC_SLOTS)));
	json_put_str(o, "status", status);
	v = json_object_new_object();
	json_put_str(v, "id", db_str(rows, row, OC_VOLUNTEER_ID));
	json_put_str(v, "display_name", db_str(rows, row, OC_DISPLAY_NAME));
	json_put(o, "volunteer", v);
	json_put_str(o, "created_at", db_str(rows, row, OC_CREATED));
	/* Why it is not shown: for its owner, and for moderators. */
	if ((strcmp(status, "rejected") == 0 || strcmp(status, "hidden") == 0) &&
	    (auth_decide(&r->who, ACT_OFFER_EDIT, &obj) == AUTH_ALLOW ||
	    auth_decide(&r->who, ACT_MODERATE, NULL) == AUTH_ALLOW)) {
		m = json_object_new_object();
		json_put_str(m, "decision", strcmp(status, "rejected") == 0 ?
		    "reject" : "hide");
		json_put_str(m, "reason", db_str(rows, row, OC_MODERATION_REASON));
		json_put(o, "moderation", m);
	}
	return o;
}

void
offer_send(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body;
	int rc = offer_load(r, id, &rows);

	if (rc != 0) {
		/* It was there a moment ago: only a failure lands here. */
		problem_internal(r, "offer reload");
		return;
	}
	body = json_object_new_object();
	json_put(body, "offer", offer_json(r, &rows, 0, false, 0, 0));
	http_send_json(r, status, body);
}

bool
offer_fetch(struct req *r, enum action act, struct db_rows *rows)
{
	struct auth_object obj;
	int rc = offer_load(r, http_param(r, "id"), rows);

	if (rc < 0) {
		problem_internal(r, "offer load");
		return false;
	}
	if (rc > 0) {
		problem_send(r, 404, "not_found", "No such offer.");
		return false;
	}
	obj.owner_id = db_str(rows, 0, OC_VOLUNTEER_ID);
	obj.volunteer_id = NULL;
	obj.status = offer_visible_status(rows, 0);
	return auth_require(r, act, &obj);
}
