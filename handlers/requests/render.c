/*
 * render.c — a row of REQUEST_COLUMNS_* as the request object of API.md:
 *
 *   {id, title, description, category, area: {pc4, place, municipality},
 *    distance_km?, when: {start, end} | null, status,
 *    owner: {id, display_name}, on_behalf_of?: {first_name, consent?},
 *    needs_vog,
 *    private?: {care_situation, address, phone}, response_count,
 *    created_at, expires_at}
 *
 * plus, for the owner and moderators, posted_as and moderation: {decision,
 * reason}. Who gets which flags is decided by the callers through lib/auth.c;
 * this file only draws. Linked into the accounts handler too (GDPR export).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "postcode.h"
#include "render.h"

/* Opens private column col of row i; JSON null when the cell is NULL. */
static int
open_private(struct req *r, const struct db_rows *rows, size_t i, int col,
    const char *column, json_object **out)
{
	char *pt;
	size_t len;

	*out = NULL;
	if (db_is_null(rows, i, col))
		return 0;
	if (crypto_field_open(r->arena, &pt, &len, "requests", column,
	    db_str(rows, i, RC_ID), (const unsigned char *)db_str(rows, i, col),
	    db_len(rows, i, col)) != 0) {
		log_error("requests: cannot open requests.%s of %s", column,
		    db_str(rows, i, RC_ID));
		return -1;
	}
	*out = json_object_new_string_len(pt, (int)len);
	return 0;
}

static json_object *
private_json(struct req *r, const struct db_rows *rows, size_t i)
{
	static const struct {
		int		 col;
		const char	*name;
	} fields[] = {
		{ RC_CARE_CT, "care_situation" },
		{ RC_ADDRESS_CT, "address" },
		{ RC_PHONE_CT, "phone" },
	};
	json_object *o = json_object_new_object(), *v;
	size_t k;

	for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		if (open_private(r, rows, i, fields[k].col, fields[k].name, &v) != 0) {
			json_object_put(o);
			return NULL;
		}
		json_put(o, fields[k].name, v);
	}
	return o;
}

/* The decision the owner reads: a rejected or hidden request says so even
 * when the admin handler hid it (it sets status and reason only). */
static json_object *
moderation_json(const struct db_rows *rows, size_t i)
{
	const char *status = db_str(rows, i, RC_STORED_STATUS);
	const char *decision = db_str(rows, i, RC_DECISION);
	json_object *o;

	if (strcmp(status, "rejected") == 0)
		decision = "reject";
	else if (strcmp(status, "hidden") == 0)
		decision = "hide";
	if (decision == NULL)
		return NULL;
	o = json_object_new_object();
	json_put_str(o, "decision", decision);
	json_put_str(o, "reason", db_str(rows, i, RC_REASON));
	return o;
}

/* {how, recorded_at, recorded_by: {id, display_name}} (issue 17). */
static json_object *
request_consent_json(const struct db_rows *rows, size_t i)
{
	json_object *c = json_object_new_object(), *by = json_object_new_object();

	json_put_str(c, "how", db_str(rows, i, RC_CONSENT_HOW));
	json_put_str(c, "recorded_at", db_str(rows, i, RC_CONSENT_AT));
	json_put_str(by, "id", db_str(rows, i, RC_CONSENT_BY));
	json_put_str(by, "display_name", db_str(rows, i, RC_CONSENT_BY_NAME));
	json_put(c, "recorded_by", by);
	return c;
}

json_object *
request_json(struct req *r, const struct db_rows *rows, size_t i, unsigned flags)
{
	struct area area;
	json_object *o, *owner, *when, *behalf, *priv;
	char km[32];

	memset(&area, 0, sizeof(area));
	snprintf(area.pc4, sizeof(area.pc4), "%s", db_str(rows, i, RC_PC4));
	area.place = db_str(rows, i, RC_PLACE);
	area.municipality = db_str(rows, i, RC_MUNICIPALITY);

	o = json_object_new_object();
	json_put_str(o, "id", db_str(rows, i, RC_ID));
	json_put_str(o, "title", db_str(rows, i, RC_TITLE));
	json_put_str(o, "description", db_str(rows, i, RC_DESCRIPTION));
	json_put_str(o, "category", db_str(rows, i, RC_CATEGORY));
	json_put(o, "area", postcode_area_json(&area));
	if ((flags & RENDER_DISTANCE) && !db_is_null(rows, i, RC_DISTANCE_M)) {
		/* Metres to km, rounded to 0.1 km (and written so). */
		double d = round((double)db_int(rows, i, RC_DISTANCE_M) / 100.0) / 10.0;

		snprintf(km, sizeof(km), "%.1f", d);
		json_put(o, "distance_km", json_object_new_double_s(d, km));
	}
	if (db_is_null(rows, i, RC_WHEN_START))
		json_put(o, "when", NULL);
	else {
		when = json_object_new_object();
		json_put_str(when, "start", db_str(rows, i, RC_WHEN_START));
		json_put_str(when, "end", db_str(rows, i, RC_WHEN_END));
		json_put(o, "when", when);
	}
	json_put_str(o, "status", db_str(rows, i, RC_STATUS));
	owner = json_object_new_object();
	json_put_str(owner, "id", db_str(rows, i, RC_OWNER_ID));
	json_put_str(owner, "display_name", db_str(rows, i, RC_OWNER_NAME));
	json_put(o, "owner", owner);
	if (!db_is_null(rows, i, RC_ON_BEHALF_OF)) {
		behalf = json_object_new_object();
		json_put_str(behalf, "first_name", db_str(rows, i, RC_ON_BEHALF_OF));
		if (!db_is_null(rows, i, RC_CONSENT_HOW))
			json_put(behalf, "consent", request_consent_json(rows, i));
		json_put(o, "on_behalf_of", behalf);
	}
	json_put(o, "needs_vog", json_object_new_boolean(db_int(rows, i, RC_NEEDS_VOG) != 0));
	if (flags & RENDER_PRIVATE) {
		if ((priv = private_json(r, rows, i)) == NULL) {
			json_object_put(o);
			return NULL;
		}
		json_put(o, "private", priv);
	}
	if (flags & RENDER_OWNER) {
		json_put_str(o, "posted_as", db_str(rows, i, RC_POSTED_AS));
		json_put(o, "moderation", moderation_json(rows, i));
	}
	json_put_int(o, "response_count", db_int(rows, i, RC_RESPONSES));
	json_put_str(o, "created_at", db_str(rows, i, RC_CREATED));
	json_put_str(o, "expires_at", db_str(rows, i, RC_EXPIRES));
	/* Recurring help (issue 17): absent for help asked once. */
	if (!db_is_null(rows, i, RC_RECURRENCE))
		json_put_str(o, "recurrence", db_str(rows, i, RC_RECURRENCE));
	/* The language of title and description (issue 19). */
	json_put_str(o, "lang", db_str(rows, i, RC_LANG));
	return o;
}

void
request_auth_object(struct auth_object *obj, const struct db_rows *rows, size_t i)
{
	const char *status = db_str(rows, i, RC_STATUS);

	obj->owner_id = db_str(rows, i, RC_OWNER_ID);
	obj->volunteer_id = db_str(rows, i, RC_VOLUNTEER_ID);
	/* "Blocked users' open posts disappear" (API.md): to anyone but
	 * the owner and moderators such a request is not there. */
	if (strcmp(status, "open") == 0 &&
	    strcmp(db_str(rows, i, RC_OWNER_STATUS), "active") != 0)
		status = "withdrawn";
	obj->status = status;
}
