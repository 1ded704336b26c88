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
#include "vacancy.h"

/* Filters of the public lists: category (NULL: any), category; day (NULL:
 * any), day; words (NULL: any), words (lib/search.h, on offers_text).
 * The first two probe a primary key per offer. */
#define LIST_FILTERS \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM offer_categories fc " \
	"WHERE fc.offer_id = o.id AND fc.category_id = ?)) " \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM offer_slots fs " \
	"WHERE fs.offer_id = o.id AND fs.day = ?)) " \
	"AND (? IS NULL OR MATCH (o.title, o.description) AGAINST (? IN BOOLEAN MODE)) "

/* Filters of the vacancy lists: talent (NULL: any), talent; category
 * (NULL: any), category; words (NULL: any), words (on vacancies_text). The
 * first two probe a primary key per vacancy. */
#define VACANCY_FILTERS \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM vacancy_talents ft " \
	"WHERE ft.vacancy_id = v.id AND ft.talent_id = ?)) " \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM vacancy_categories fc " \
	"WHERE fc.vacancy_id = v.id AND fc.category_id = ?)) " \
	"AND (? IS NULL OR MATCH (v.title, v.description) AGAINST (? IN BOOLEAN MODE)) "

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
	/* ---- vacancies and talents (issue 18 part 2) ---- */
	/* STMT_TALENTS_LIST: the active talents in their order */
	"SELECT id, name_nl, name_en FROM talents WHERE active = 1 ORDER BY sort_order, id",
	/* STMT_TALENTS_KNOWN: up to VACANCY_LINKS_MAX ids (NULL pads) → those
	 * that exist and are active */
	"SELECT id FROM talents WHERE active = 1 AND id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* STMT_TALENTS_ALL: every talent, for the admin */
	"SELECT id, name_nl, name_en, sort_order, active FROM talents ORDER BY sort_order, id",
	/* STMT_TALENT_GET: id */
	"SELECT id, name_nl, name_en, sort_order, active FROM talents WHERE id = ?",
	/* STMT_TALENT_INSERT: id, name_nl, name_en, sort_order (NULL: after
	 * the last), active */
	"INSERT INTO talents (id, name_nl, name_en, sort_order, active) "
	"SELECT ?, ?, ?, COALESCE(?, COALESCE(MAX(sort_order), 0) + 10), ? FROM talents",
	/* STMT_TALENT_UPDATE: name_nl, name_en, sort_order, active (NULL keeps
	 * each), id */
	"UPDATE talents SET name_nl = COALESCE(?, name_nl), "
	"name_en = COALESCE(?, name_en), sort_order = COALESCE(?, sort_order), "
	"active = COALESCE(?, active) WHERE id = ?",
	/* STMT_ORGANISATION_ACTIVE: id → active */
	"SELECT active FROM organisations WHERE id = ?",
	/* STMT_COORDINATOR_IS: organisation id, user id → a row when the user
	 * coordinates the organisation */
	"SELECT 1 FROM organisation_coordinators WHERE organisation_id = ? AND user_id = ?",
	/* STMT_VACANCY_INSERT: id, organisation id, posted by, title,
	 * description, pc4, lat, lon, hours_per_month, needs_vog, status,
	 * lang (NULL: the poster's locale) */
	"INSERT INTO vacancies (id, organisation_id, posted_by, title, description, "
	"pc4, lat, lon, hours_per_month, needs_vog, status, lang, created_at, updated_at) "
	"SELECT ?, ?, u.id, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, u.locale), NOW(3), NOW(3) "
	"FROM users u WHERE u.id = ?",
	/* STMT_VACANCY_TALENT_INSERT: vacancy id, talent id */
	"INSERT INTO vacancy_talents (vacancy_id, talent_id) VALUES (?, ?)",
	/* STMT_VACANCY_CATEGORY_INSERT: vacancy id, category id */
	"INSERT INTO vacancy_categories (vacancy_id, category_id) VALUES (?, ?)",
	/* STMT_VACANCY_TALENTS_DELETE: vacancy id */
	"DELETE FROM vacancy_talents WHERE vacancy_id = ?",
	/* STMT_VACANCY_CATEGORIES_DELETE: vacancy id */
	"DELETE FROM vacancy_categories WHERE vacancy_id = ?",
	/* STMT_VACANCY_GET: id. Any status. */
	"SELECT " VACANCY_COLUMNS VACANCY_CREATED_KEY VACANCY_FROM "WHERE v.id = ?",
	/* STMT_VACANCY_UPDATE: title, description, pc4, lat, lon (each NULL
	 * keeps); set hours (0/1), hours; needs_vog (NULL keeps); lang (NULL
	 * keeps); status (NULL keeps); clear the moderation reason (0/1); id;
	 * the status it was loaded with (a concurrent change makes it miss). */
	"UPDATE vacancies SET title = COALESCE(?, title), "
	"description = COALESCE(?, description), pc4 = COALESCE(?, pc4), "
	"lat = COALESCE(?, lat), lon = COALESCE(?, lon), "
	"hours_per_month = IF(? = 1, ?, hours_per_month), "
	"needs_vog = COALESCE(?, needs_vog), lang = COALESCE(?, lang), "
	"status = COALESCE(?, status), "
	"moderation_reason = IF(? = 1, NULL, moderation_reason), updated_at = NOW(3) "
	"WHERE id = ? AND status = ?",
	/* STMT_VACANCY_REVIEW: new status, moderation reason (NULL clears), id,
	 * expected status */
	"UPDATE vacancies SET status = ?, moderation_reason = ?, updated_at = NOW(3) "
	"WHERE id = ? AND status = ?",
	/* STMT_VACANCY_MODERATION_INSERT: moderator id, vacancy id, action, reason */
	"INSERT INTO moderation_actions (at, moderator_id, target_type, target_id, "
	"action, reason) VALUES (NOW(3), ?, 'vacancy', ?, ?, ?)",
	/* STMT_VACANCIES_NEAR: lat, lat, lon, pc4 (centre); box lat_min,
	 * lat_max, lon_min, lon_max; talent x2, category x2, words x2; radius
	 * in metres; after distance x2, after pc4 x2, after id; limit; rows
	 * examined at most. The box on vacancies_geo, nearest first; open
	 * vacancies of active organisations only. */
	"SELECT " VACANCY_COLUMNS NEAR_DISTANCE_M("v") " AS dist_m "
	VACANCY_FROM_HINT("FORCE INDEX (vacancies_geo, vacancies_text) ")
	"WHERE v.status = 'open' AND g.active = 1 "
	"AND v.lat BETWEEN ? AND ? AND v.lon BETWEEN ? AND ? "
	VACANCY_FILTERS
	"HAVING dist_m <= ? "
	"AND (dist_m > ? OR (dist_m = ? AND (v.pc4 > ? OR (v.pc4 = ? AND v.id > ?)))) "
	"ORDER BY dist_m, v.pc4, v.id LIMIT ? ROWS EXAMINED ?",
	/* STMT_VACANCIES_NEAR_AREA: lat, lat, lon, pc4 (centre); pc4 of the
	 * area; after id; talent x2, category x2, words x2; radius in metres;
	 * limit. One area's open vacancies in id order on vacancies_area. */
	"SELECT " VACANCY_COLUMNS NEAR_DISTANCE_M("v") " AS dist_m "
	VACANCY_FROM_HINT("FORCE INDEX (vacancies_area, vacancies_text) ")
	"WHERE v.status = 'open' AND g.active = 1 AND v.pc4 = ? AND v.id > ? "
	VACANCY_FILTERS
	"HAVING dist_m <= ? ORDER BY v.id LIMIT ?",
	/* STMT_VACANCIES_RECENT: talent x2, category x2, words x2; cursor
	 * created_at x2, cursor id; limit. Newest first on vacancies_recent. */
	"SELECT " VACANCY_COLUMNS VACANCY_CREATED_KEY VACANCY_FROM
	"WHERE v.status = 'open' AND g.active = 1 "
	VACANCY_FILTERS
	"AND (v.created_at < ? OR (v.created_at = ? AND v.id < ?)) "
	"ORDER BY v.created_at DESC, v.id DESC LIMIT ?",
	/* STMT_VACANCIES_OF_ORG: organisation id; cursor created_at x2,
	 * cursor id; limit. Every status, newest first, on vacancies_org: the
	 * coordinators' list. */
	"SELECT " VACANCY_COLUMNS VACANCY_CREATED_KEY VACANCY_FROM
	"WHERE v.organisation_id = ? "
	"AND (v.created_at < ? OR (v.created_at = ? AND v.id < ?)) "
	"ORDER BY v.created_at DESC, v.id DESC LIMIT ?",
};
