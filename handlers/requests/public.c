/*
 * public.c — what happens when a request goes public (approved by a
 * moderator, or posted under post-moderation): every volunteer whose alert
 * it fits is told, once, in the same transaction as the status change.
 *
 * An alert fits when the request's category is one of the alert's (or the
 * alert takes any) and the request's area lies within the alert's radius
 * of the alert's area. alert_targets holds one row per (alert, category),
 * '' for any, so finding them is two index ranges on (category, lat, lon)
 * bounded by the largest radius an alert may have; the exact distance is
 * checked on those rows only. A user with two fitting alerts hears of the
 * request once (the once key: notifications_once).
 *
 * The events are written by MariaDB, set-based: one INSERT ... SELECT of
 * the notifications and one of the instant mails, whatever the number of
 * fitting alerts. In a town thousands of alerts fit one request; a
 * statement or three per alert, as notify() would take, cost about a
 * second there (tests/bench, docs/performance.md). The rules are
 * notify()'s for alert.request (lib/notify.c): only active users, the
 * alert's frequency unless the user turned the kind off (then the event is
 * kept, without mail), a mail for each instant one.
 */
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "geo.h"
#include "http.h"
#include "requests.h"

#define ALERT_RADIUS_MAX_KM	50	/* POST /me/alerts takes 1..50 */

int
requests_gone_public(struct req *r, const char *id, const char *owner_id,
    const char *title, const char *category, double lat, double lon)
{
	struct geo_box box = geo_box_around(lat, lon, ALERT_RADIUS_MAX_KM);
	const char *link = arena_printf(r->arena, "/hulpvraag.html?id=%s", id);
	const char *once = arena_printf(r->arena, "alert:%s", id);
	char salt[CRYPTO_ID_LEN + 1];
	struct request_circle circle;
	int rc;

	/* A circle request reaches no alert, whatever made it go open. */
	if (request_circle_load(r, id, &circle) != 0)
		return DB_ERROR;
	if (circle.c.circle)
		return DB_OK;

#define FIT_PARAMS \
	DB_STR(category), DB_DOUBLE(box.lat_min), DB_DOUBLE(box.lat_max), \
	DB_DOUBLE(box.lon_min), DB_DOUBLE(box.lon_max), DB_STR(owner_id), \
	DB_DOUBLE(lat), DB_DOUBLE(lat), DB_DOUBLE(lon)
	crypto_id_new(salt);
	if ((rc = db_exec(r->db, r->arena, STMT_ALERTS_NOTIFY, DB_PARAMS(
	    DB_STR(salt), DB_STR(link), DB_STR(title), DB_STR(once), FIT_PARAMS),
	    NULL)) != DB_OK)
		return rc;
	/* Nobody told: no mail to look for. */
	if (db_affected(r->db) == 0)
		return DB_OK;
	return db_exec(r->db, r->arena, STMT_ALERTS_MAIL, DB_PARAMS(
	    DB_STR(salt), FIT_PARAMS), NULL);
#undef FIT_PARAMS
}
