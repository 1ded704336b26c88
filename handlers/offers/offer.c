/*
 * offer.c — one offer: reading and checking an offer body beyond its field
 * table (slots, categories, postcode), and loading an offer for an action.
 * Its JSON view is in render.c; the actions live in write.c, list.c and
 * review.c.
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "postcode.h"
#include "problem.h"
#include "valid.h"

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
	for (i = 0; i < n; i++)
		if (!valid_slug(in->categories[i])) {
			problem_field(r, "categories", "unknown",
			    arena_printf(r->arena, "categories[%zu] is not a known category.", i));
			return 0;
		}
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
		if ((rc = postcode_resolve_served(r, "postcode", raw_pc, &area)) < 0)
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
