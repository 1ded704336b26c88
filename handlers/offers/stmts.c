/*
 * stmts.c — every SQL statement of the offers handler, by enum stmt.
 * Only ? placeholders; prepared once per worker connection.
 *
 * Lists are index-served and keyset-paged (tests/api/offers.test.mjs
 * EXPLAINs them): near a postcode in the order of lib/near.c, sorted on
 * (distance, pc4, id): the area the page starts in on offers_area (status,
 * pc4, id, ...), else the box on offers_geo (status, lat, lon) read whole
 * but with LIMIT ROWS EXAMINED, or where the box is too full for that the
 * areas nearest first; otherwise on offers_recent
 * (status, created_at, id) or offers_volunteer (volunteer_id, created_at,
 * id). A first page passes a cursor beyond every row (distance -1, or
 * created_at 9999-12-31 and id ""), so one statement serves every page and
 * the range on the index is always usable. The columns of an offer are
 * OFFER_COLUMNS (render.h).
 */
#include "db.h"
#include "near.h"
#include "offers.h"
#include "render.h"

/* Filters of the public lists: category (NULL: any), category; day (NULL:
 * any), day; words (NULL: any), words (lib/search.h, on offers_text).
 * The first two probe a primary key per offer. */
#define LIST_FILTERS \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM offer_categories fc " \
	"WHERE fc.offer_id = o.id AND fc.category_id = ?)) " \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM offer_slots fs " \
	"WHERE fs.offer_id = o.id AND fs.day = ?)) " \
	"AND (? IS NULL OR MATCH (o.title, o.description) AGAINST (? IN BOOLEAN MODE)) "

/* Distance in whole metres from the centre (lat, lat, lon, pc4): lib/near.h,
 * on the offer's own point (it lies on its area's centroid). */
#define DISTANCE_M	NEAR_DISTANCE_M("o") " "

const char *const offers_stmts[STMT__MAX] = {
	/* STMT_OFFER_INSERT: id, volunteer id, title, description, pc4, lat,
	 * lon, radius_km, status */
	"INSERT INTO offers (id, volunteer_id, title, description, pc4, lat, lon, "
	"radius_km, status, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), NOW(3))",
	/* STMT_OFFER_CATEGORY_INSERT: offer id, category id */
	"INSERT INTO offer_categories (offer_id, category_id) VALUES (?, ?)",
	/* STMT_OFFER_SLOT_INSERT: offer id, day, from_min, to_min */
	"INSERT INTO offer_slots (offer_id, day, from_min, to_min) VALUES (?, ?, ?, ?)",
	/* STMT_OFFER_CATEGORIES_DELETE: offer id */
	"DELETE FROM offer_categories WHERE offer_id = ?",
	/* STMT_OFFER_SLOTS_DELETE: offer id */
	"DELETE FROM offer_slots WHERE offer_id = ?",
	/* STMT_OFFER_GET: id. Any status but deleted; the sort key is created_at. */
	"SELECT " OFFER_COLUMNS OFFER_CREATED_KEY OFFER_FROM
	"WHERE o.id = ? AND o.status <> 'deleted'",
	/* STMT_OFFER_UPDATE: title, description, pc4, lat, lon, radius_km,
	 * status (each NULL keeps), clear the moderation reason (0/1), id,
	 * the status it was loaded with (a concurrent change makes it miss). */
	"UPDATE offers SET title = COALESCE(?, title), "
	"description = COALESCE(?, description), pc4 = COALESCE(?, pc4), "
	"lat = COALESCE(?, lat), lon = COALESCE(?, lon), "
	"radius_km = COALESCE(?, radius_km), status = COALESCE(?, status), "
	"moderation_reason = IF(? = 1, NULL, moderation_reason), updated_at = NOW(3) "
	"WHERE id = ? AND status = ?",
	/* STMT_OFFER_SET_STATUS: new status, id, expected status */
	"UPDATE offers SET status = ?, updated_at = NOW(3) WHERE id = ? AND status = ?",
	/* STMT_OFFER_REVIEW: new status, moderation reason (NULL clears), id,
	 * expected status */
	"UPDATE offers SET status = ?, moderation_reason = ?, updated_at = NOW(3) "
	"WHERE id = ? AND status = ?",
	/* STMT_MODERATION_INSERT: moderator id, offer id, action, reason */
	"INSERT INTO moderation_actions (at, moderator_id, target_type, target_id, "
	"action, reason) VALUES (NOW(3), ?, 'offer', ?, ?, ?)",
	/* STMT_CATEGORIES_KNOWN: up to OFFER_CATEGORIES_MAX ids (NULL pads) →
	 * those that exist and are active */
	"SELECT id FROM categories WHERE active = 1 AND id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* (offers_text is named beside the walk's index so that MATCH may run:
	 * FORCE INDEX alone hides the FULLTEXT index, error 1191.)
	 * STMT_OFFERS_NEAR: lat, lat, lon, pc4 (centre); box lat_min,
	 * lat_max, lon_min, lon_max; category, category; day, day; words, words; search
	 * radius in metres; after distance x2, after pc4 x2, after id; limit;
	 * rows examined at most (DB_TOO_BIG past it). The box, nearest first;
	 * an offer is listed only within the volunteer's own travel radius
	 * too. Active offers of active volunteers only. */
	"SELECT " OFFER_COLUMNS DISTANCE_M "AS dist_m "
	OFFER_FROM_HINT("FORCE INDEX (offers_geo, offers_text) ")
	"WHERE o.status = 'active' AND u.status = 'active' "
	"AND o.lat BETWEEN ? AND ? AND o.lon BETWEEN ? AND ? "
	LIST_FILTERS
	"HAVING dist_m <= LEAST(?, o.radius_km * 1000) "
	"AND (dist_m > ? OR (dist_m = ? AND (o.pc4 > ? OR (o.pc4 = ? AND o.id > ?)))) "
	"ORDER BY dist_m, o.pc4, o.id LIMIT ? ROWS EXAMINED ?",
	/* STMT_OFFERS_NEAR_AREA: lat, lat, lon, pc4 (centre); pc4 of the area;
	 * after id; category, category; day, day; words, words; search radius in metres;
	 * limit. One area's offers in id order on offers_area, as many as the
	 * page still wants. */
	"SELECT " OFFER_COLUMNS DISTANCE_M "AS dist_m "
	OFFER_FROM_HINT("FORCE INDEX (offers_area, offers_text) ")
	"WHERE o.status = 'active' AND u.status = 'active' AND o.pc4 = ? AND o.id > ? "
	LIST_FILTERS
	"HAVING dist_m <= LEAST(?, o.radius_km * 1000) ORDER BY o.id LIMIT ?",
	/* STMT_OFFERS_RECENT: category, category; day, day; words, words; cursor created_at,
	 * the same again, cursor id; limit. Newest first. */
	"SELECT " OFFER_COLUMNS OFFER_CREATED_KEY OFFER_FROM
	"WHERE o.status = 'active' AND u.status = 'active' "
	LIST_FILTERS
	"AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?)) "
	"ORDER BY o.created_at DESC, o.id DESC LIMIT ?",
	/* STMT_OFFERS_MINE: volunteer id; cursor created_at, the same again,
	 * cursor id; limit. Every status but deleted, newest first. */
	"SELECT " OFFER_COLUMNS OFFER_CREATED_KEY OFFER_FROM
	"WHERE o.volunteer_id = ? AND o.status <> 'deleted' "
	"AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?)) "
	"ORDER BY o.created_at DESC, o.id DESC LIMIT ?",
	/* STMT_OFFER_SET_LANG: lang (NULL: the volunteer's locale), id */
	"UPDATE offers o JOIN users u ON u.id = o.volunteer_id "
	"SET o.lang = COALESCE(?, u.locale) WHERE o.id = ?",
};
