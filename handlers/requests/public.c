/*
 * public.c — what happens when a request goes public (approved by a
 * moderator, or posted under post-moderation): every volunteer whose alert
 * it fits is told, once, in the same transaction as the status change.
 *
 * An alert fits when the request's category is one of the alert's (or the
 * alert takes any) and the request's area lies within the alert's radius
 * of the alert's area. alert_targets holds one row per (alert, category),
 * '' for any, so the statement is two index ranges on (category, lat, lon)
 * bounded by the largest radius an alert may have; the exact distance is
 * checked on those rows only. A user with two fitting alerts hears of the
 * request once (notify's once_key).
 */
#include <string.h>

#include "db.h"
#include "geo.h"
#include "http.h"
#include "notify.h"
#include "requests.h"

#define ALERT_RADIUS_MAX_KM	50	/* POST /me/alerts takes 1..50 */

int
requests_gone_public(struct req *r, const char *id, const char *owner_id,
    const char *title, const char *category, double lat, double lon)
{
	struct geo_box box = geo_box_around(lat, lon, ALERT_RADIUS_MAX_KM);
	const char *link = arena_printf(r->arena, "/hulpvraag.html?id=%s", id);
	const char *once = arena_printf(r->arena, "alert:%s", id);
	struct db_rows fit;
	size_t i;
	int rc;

	if ((rc = db_exec(r->db, r->arena, STMT_ALERTS_FITTING, DB_PARAMS(
	    DB_STR(category), DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max),
	    DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max), DB_STR(owner_id),
	    DB_DOUBLE(lat), DB_DOUBLE(lat), DB_DOUBLE(lon)), &fit)) != DB_OK)
		return rc;
	for (i = 0; i < fit.nrows; i++)
		if ((rc = notify_alert(r->db, r->arena, db_str(&fit, i, 0),
		    db_str(&fit, i, 1), link, title, once,
		    notify_freq_parse(db_str(&fit, i, 2)))) != DB_OK)
			return rc;
	return DB_OK;
}
