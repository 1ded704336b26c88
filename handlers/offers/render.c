/*
 * render.c — the offer object of API.md from a row of OFFER_COLUMNS; see
 * render.h. Also linked into the accounts handler (GDPR export).
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
#include "postcode.h"
#include "render.h"

const char *const offer_langs[] = { "nl", "en", "tr", "ar", "pl", "uk", NULL };

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
	/* The language of title and description (issue 19). */
	json_put_str(o, "lang", db_str(rows, row, OC_LANG));
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

