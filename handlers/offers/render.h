/*
 * render.h — the offer object of API.md, and the SQL columns it is made
 * from.
 *
 * Shared by the offers handler and the accounts handler's GDPR export
 * (handlers/accounts/gdpr_offers.c), so that an offer looks the same
 * wherever it is shown. Every statement that returns offers selects
 * OFFER_COLUMNS in the order of enum offer_col, then one last column, its
 * sort key (created_at to the microsecond, or the distance in metres),
 * FROM OFFER_FROM. Categories and weekly slots come along as GROUP_CONCAT
 * text of their primary keys, so a page of offers is one query.
 */
#ifndef BH_OFFERS_RENDER_H
#define BH_OFFERS_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

#include "auth.h"
#include "db.h"

struct req;

#define OFFER_COLUMNS \
	"o.id, o.volunteer_id, u.display_name, o.title, o.description, " \
	"o.pc4, p.place, p.municipality, o.radius_km, o.status, " \
	"o.moderation_reason, " DB_RFC3339("o.created_at") ", o.lat, o.lon, " \
	"(SELECT GROUP_CONCAT(oc.category_id ORDER BY oc.category_id SEPARATOR ',') " \
	"FROM offer_categories oc WHERE oc.offer_id = o.id), " \
	"(SELECT GROUP_CONCAT(CONCAT(os.day, ' ', os.from_min, ' ', os.to_min) " \
	"ORDER BY os.day, os.from_min SEPARATOR ',') " \
	"FROM offer_slots os WHERE os.offer_id = o.id), u.status, o.lang, "
#define OFFER_FROM	OFFER_FROM_HINT("")
/* The same with an index hint on offers: "FORCE INDEX (name) ". */
#define OFFER_FROM_HINT(hint) \
	"FROM offers o " hint "JOIN users u ON u.id = o.volunteer_id " \
	"JOIN postcodes p ON p.pc4 = o.pc4 "
/* The sort key of lists by time: created_at to the microsecond. */
#define OFFER_CREATED_KEY "DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s.%f') "

enum offer_col {
	OC_ID, OC_VOLUNTEER_ID, OC_DISPLAY_NAME, OC_TITLE, OC_DESCRIPTION,
	OC_PC4, OC_PLACE, OC_MUNICIPALITY, OC_RADIUS_KM, OC_STATUS,
	OC_MODERATION_REASON, OC_CREATED, OC_LAT, OC_LON,
	OC_CATEGORIES,		/* "garden,shopping" */
	OC_SLOTS,		/* "0 540 720,2 600 660": day from_min to_min */
	OC_VOLUNTEER_STATUS,	/* users.status */
	OC_LANG,		/* the language it is written in (099) */
	OC_SORT_KEY,
	OC__COUNT
};

/* The languages a post may be written in (the site's; migration 099). */
extern const char *const offer_langs[];

/* Day names "mon".."sun", NULL-terminated; index = day number (0 = Monday). */
extern const char *const offer_days[];
/* "mon" → 0 .. "sun" → 6; -1 otherwise. */
int offer_day_parse(const char *s);

/* The status the authorisation rule should see: the offer's own, except
 * that the offer of a volunteer who is no longer active is not "active". */
const char *offer_visible_status(const struct db_rows *rows, size_t row);

/* The offer of row as r's caller may see it (with moderation {decision,
 * reason} for its owner and moderators when rejected or hidden); with
 * distance_km, rounded to 0.1, when with_distance (from lat, lon). */
json_object *offer_json(struct req *r, const struct db_rows *rows, size_t row,
    bool with_distance, double lat, double lon);

#endif
