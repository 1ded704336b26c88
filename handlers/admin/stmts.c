/*
 * stmts.c — every SQL statement of the admin handler, by enum stmt.
 * Only ? placeholders; prepared once per worker connection. The comment on
 * each names its parameters in order. What bh_admin may run is fixed by
 * sql/grants/admin.sql: status columns of others' tables, no credentials,
 * no private ciphertext but the body of a reported message.
 */
#include "admin.h"
#include "db.h"

/* The sort key of keyset pages on DATETIME(3) columns. */
#define SORT_KEY(col)	"DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s.%f')"

/* ---- organisation changes (coordinators.c) ---------------------------- */

#define CHANGE_COLUMNS \
	"c.id, c.organisation_id, o.name, c.proposed_by, u.display_name, c.name, " \
	"c.description, c.categories, c.pc4, p.place, p.municipality, c.lat, c.lon, " \
	"c.set_website, c.website, c.set_phone, c.phone, c.set_email, c.email, " \
	"c.status, c.reviewed_by, " DB_RFC3339("c.reviewed_at") ", c.note, " \
	DB_RFC3339("c.created_at") ", " SORT_KEY("c.created_at") " "
#define CHANGE_FROM \
	"FROM organisation_changes c JOIN organisations o ON o.id = c.organisation_id " \
	"LEFT JOIN users u ON u.id = c.proposed_by LEFT JOIN postcodes p ON p.pc4 = c.pc4 "

/* ---- organisations ----------------------------------------------------- */

#define ORG_COLUMNS \
	"o.id, o.name, o.description, o.pc4, p.place, p.municipality, " \
	"o.website, o.phone, o.email, " DB_RFC3339("o.created_at") ", " \
	DB_RFC3339("o.updated_at") ", " \
	"(SELECT GROUP_CONCAT(oc.category_id ORDER BY oc.category_id) " \
	"FROM organisation_categories oc WHERE oc.organisation_id = o.id) "

/* Filters shared by both lists: category (twice), pattern (three times). */
#define ORG_FILTERS \
	"AND (? IS NULL OR EXISTS (SELECT 1 FROM organisation_categories f " \
	"WHERE f.organisation_id = o.id AND f.category_id = ?)) " \
	"AND (? IS NULL OR o.name LIKE ? ESCAPE '!' OR o.description LIKE ? ESCAPE '!') "

/* Great-circle distance in whole metres from (?lat, ?lat, ?lon), the same
 * haversine and Earth radius as lib/geo.c; whole metres make an exact
 * keyset. */
#define DIST_M(lat, lon) \
	"ROUND(1000 * 2 * 6371.0088 * ASIN(LEAST(1, SQRT(" \
	"POW(SIN(RADIANS(" lat " - ?) / 2), 2) + COS(RADIANS(?)) * " \
	"COS(RADIANS(" lat ")) * POW(SIN(RADIANS(" lon " - ?) / 2), 2)))))"

/* ---- the directory in HSDS 3.0 (hsds.c) --------------------------------- */

/* The UUID that hsds.c's hsds_uuid() derives from the text x: SHA-256, its
 * first 128 bits in the 8-4-4-4-12 form with version 8 and variant 8
 * (RFC 9562 section 5.8). The two must agree: the test reads every listed
 * service by its id. */
#define HSDS_UUID_SQL(x) \
	"CONCAT(SUBSTR(SHA2(" x ", 256), 1, 8), '-', SUBSTR(SHA2(" x ", 256), 9, 4), " \
	"'-8', SUBSTR(SHA2(" x ", 256), 14, 3), '-8', SUBSTR(SHA2(" x ", 256), 18, 3), " \
	"'-', SUBSTR(SHA2(" x ", 256), 21, 12))"
#define HSDS_SERVICE_DERIVED \
	HSDS_UUID_SQL("CONCAT('burenhulp:service:', LOWER(o.hsds_id), ':', oc.category_id)")
#define HSDS_TERM_DERIVED \
	HSDS_UUID_SQL("CONCAT('burenhulp:taxonomy_term:', c.id)")

/* enum hsds_col in hsds.c */
#define HSDS_ORG_COLUMNS \
	"o.id, LOWER(o.hsds_id), LOWER(o.hsds_location_id), o.name, o.description, " \
	"o.pc4, p.place, p.municipality, o.lat, o.lon, o.website, o.phone, o.email, " \
	DB_RFC3339("o.updated_at") " "
#define HSDS_SVC_COLUMNS HSDS_ORG_COLUMNS \
	", oc.category_id, c.name_nl, c.name_en, LOWER(s.hsds_id) "
#define HSDS_SVC_FROM \
	"FROM organisation_categories oc " \
	"JOIN organisations o ON o.id = oc.organisation_id AND o.active = 1 " \
	"JOIN postcodes p ON p.pc4 = o.pc4 JOIN categories c ON c.id = oc.category_id " \
	"LEFT JOIN hsds_services s ON s.organisation_id = oc.organisation_id " \
	"AND s.category_id = oc.category_id "
/* HSDS's search: pattern three times (a LIKE pattern, ESCAPE '!') */
#define HSDS_SEARCH \
	"(? IS NULL OR o.name LIKE ? ESCAPE '!' OR o.description LIKE ? ESCAPE '!') "
/* organization_id twice, taxonomy_term_id twice, then HSDS_SEARCH's */
#define HSDS_SVC_FILTERS \
	"WHERE (? IS NULL OR o.hsds_id = ?) AND (? IS NULL OR " HSDS_TERM_DERIVED " = ?) " \
	"AND " HSDS_SEARCH

/* ---- reports ----------------------------------------------------------- */

#define REPORT_COLUMNS \
	"r.id, r.target_type, r.target_id, r.reason, r.status, r.resolution, " \
	"r.note, " DB_RFC3339("r.created_at") ", " DB_RFC3339("r.resolved_at") ", " \
	"r.reporter_id, ru.display_name, r.target_user_id, tu.display_name, " \
	"tu.status, r.resolved_by, mu.display_name, " SORT_KEY("r.created_at") " "
#define REPORT_FROM \
	"FROM reports r JOIN users ru ON ru.id = r.reporter_id " \
	"LEFT JOIN users tu ON tu.id = r.target_user_id " \
	"LEFT JOIN users mu ON mu.id = r.resolved_by "

/* ---- figures ----------------------------------------------------------- */

/*
 * The figures. Every statement sends one row per person and year: the
 * person, and their requests (or matches) as items separated by spaces,
 * "TO_DAYS(day):category:pc4:flags:response_s:match_s:hours" per request
 * (flags 1 approved, 2 cancelled, 4 expired, 8 completed; '-' for no
 * response or match) and "TO_DAYS(day):category:pc4:completed" per match,
 * then how many items there are. A person's rows come one after the
 * other; stats.c keeps the items whose day lies in the period or the
 * period before, adds them up per bucket, category and area and counts the
 * people behind each number once each.
 *
 * With a municipality (the default view): the rows that migration 071's
 * triggers keep per (municipality, person, year), read in the order of
 * their primary key: a year of Emmen at 1 M requests is 23 000 rows, where
 * grouping its 174 000 requests per owner cost MariaDB most of a second.
 * For all municipalities (a person may have rows in several): the same
 * grouped per person from the fact tables of migration 070 on their
 * (day, ...) keys. Days are DATE 'YYYY-MM-DD', from included, to excluded.
 */
#define STATS_ITEMS \
	"SET STATEMENT group_concat_max_len = 67108864, max_heap_table_size = 268435456, " \
	"tmp_table_size = 268435456 FOR SELECT owner_id, GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), " \
	"category_id, pc4, approved + 2 * cancelled + 4 * expired + 8 * completed, " \
	"COALESCE(first_response_s, '-'), COALESCE(match_s, '-'), hours) SEPARATOR ' '), COUNT(*) " \
	"FROM stats_requests FORCE INDEX (stats_requests_day) " \
	"WHERE day >= ? AND day < ? GROUP BY owner_id"
#define STATS_VOL_ITEMS \
	"SET STATEMENT group_concat_max_len = 67108864, max_heap_table_size = 268435456, " \
	"tmp_table_size = 268435456 FOR SELECT volunteer_id, GROUP_CONCAT(CONCAT_WS(':', " \
	"TO_DAYS(day), category_id, pc4, completed) SEPARATOR ' '), COUNT(*) " \
	"FROM stats_matches FORCE INDEX (stats_matches_day) " \
	"WHERE day >= ? AND day < ? GROUP BY volunteer_id"

const char *const admin_stmts[STMT__MAX] = {
	/* ---- categories ---- */
	/* STMT_CATEGORIES_ACTIVE */
	"SELECT id, name_nl, name_en, sort_order, active, needs_vog FROM categories "
	"WHERE active = 1 ORDER BY sort_order, id",
	/* STMT_CATEGORIES_ALL */
	"SELECT id, name_nl, name_en, sort_order, active, needs_vog FROM categories "
	"ORDER BY sort_order, id",
	/* STMT_CATEGORY_GET: id */
	"SELECT id, name_nl, name_en, sort_order, active, needs_vog FROM categories WHERE id = ?",
	/* STMT_CATEGORY_INSERT: id, name_nl, name_en, sort_order (NULL: after
	 * the last), active. */
	"INSERT INTO categories (id, name_nl, name_en, sort_order, active) "
	"SELECT ?, ?, ?, COALESCE(?, COALESCE(MAX(sort_order), 0) + 10), ? FROM categories",
	/* STMT_CATEGORY_UPDATE: name_nl, name_en, sort_order, active (NULL
	 * keeps each), id */
	"UPDATE categories SET name_nl = COALESCE(?, name_nl), "
	"name_en = COALESCE(?, name_en), sort_order = COALESCE(?, sort_order), "
	"active = COALESCE(?, active) WHERE id = ?",
	/* STMT_CATEGORY_USES: id, id, id → requests, offers, organisations */
	"SELECT (SELECT COUNT(*) FROM requests WHERE category_id = ?), "
	"(SELECT COUNT(*) FROM offer_categories WHERE category_id = ?), "
	"(SELECT COUNT(*) FROM organisation_categories WHERE category_id = ?)",
	/* STMT_CATEGORY_DELETE: id (the foreign keys refuse one in use) */
	"DELETE FROM categories WHERE id = ?",

	/* ---- organisations ---- */
	/* STMT_ORG_GET: id */
	"SELECT " ORG_COLUMNS "FROM organisations o JOIN postcodes p ON p.pc4 = o.pc4 "
	"WHERE o.id = ? AND o.active = 1",
	/* STMT_ORG_LIST: category, category, pattern, pattern, pattern,
	 * cursor name, cursor name, cursor name, cursor id, limit. By name. */
	"SELECT " ORG_COLUMNS ", o.name "
	"FROM organisations o JOIN postcodes p ON p.pc4 = o.pc4 "
	"WHERE o.active = 1 " ORG_FILTERS
	"AND (? IS NULL OR o.name > ? OR (o.name = ? AND o.id > ?)) "
	"ORDER BY o.name, o.id LIMIT ?",
	/* STMT_ORG_NEAR: lat, lat, lon (distance), lat_min, lat_max, lon_min,
	 * lon_max (the box on the indexed columns), radius in metres,
	 * category, category, pattern, pattern, pattern, cursor metres,
	 * cursor metres, cursor metres, cursor id, limit. Nearest first. */
	"SELECT " ORG_COLUMNS ", o.dist_m FROM ("
	"SELECT b.*, " DIST_M("b.lat", "b.lon") " AS dist_m FROM organisations b "
	"WHERE b.active = 1 AND b.lat BETWEEN ? AND ? AND b.lon BETWEEN ? AND ?"
	") o JOIN postcodes p ON p.pc4 = o.pc4 "
	"WHERE o.dist_m <= ? " ORG_FILTERS
	"AND (? IS NULL OR o.dist_m > ? OR (o.dist_m = ? AND o.id > ?)) "
	"ORDER BY o.dist_m, o.id LIMIT ?",
	/* STMT_ORG_COUNT: category, category, pattern, pattern, pattern. The
	 * total of STMT_ORG_LIST's result (issue 15.5: the page said 10 of 13). */
	"SELECT COUNT(*) FROM organisations o "
	"WHERE o.active = 1 " ORG_FILTERS,
	/* STMT_ORG_NEAR_COUNT: as STMT_ORG_NEAR up to its filters. */
	"SELECT COUNT(*) FROM ("
	"SELECT b.*, " DIST_M("b.lat", "b.lon") " AS dist_m FROM organisations b "
	"WHERE b.active = 1 AND b.lat BETWEEN ? AND ? AND b.lon BETWEEN ? AND ?"
	") o WHERE o.dist_m <= ? " ORG_FILTERS,
	/* STMT_ORG_INSERT: id, name, description, pc4, lat, lon, website,
	 * phone, email */
	"INSERT INTO organisations (id, name, description, pc4, lat, lon, website, "
	"phone, email, active, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NOW(3), NOW(3))",
	/* STMT_ORG_UPDATE: name, description, pc4, lat, lon (NULL keeps each),
	 * set website?, website, set phone?, phone, set email?, email, id */
	"UPDATE organisations SET name = COALESCE(?, name), "
	"description = COALESCE(?, description), pc4 = COALESCE(?, pc4), "
	"lat = COALESCE(?, lat), lon = COALESCE(?, lon), "
	"website = IF(?, ?, website), phone = IF(?, ?, phone), email = IF(?, ?, email), "
	"updated_at = NOW(3) WHERE id = ? AND active = 1",
	/* STMT_ORG_CATS_CLEAR: organisation id */
	"DELETE FROM organisation_categories WHERE organisation_id = ?",
	/* STMT_ORG_CAT_ADD: organisation id, category id */
	"INSERT INTO organisation_categories (organisation_id, category_id) VALUES (?, ?)",
	/* STMT_ORG_DELETE: id (its categories go with it: ON DELETE CASCADE) */
	"DELETE FROM organisations WHERE id = ?",

	/* ---- reports ---- */
	/* STMT_REPORTS_RECENT: reporter id → reports made in the last hour */
	"SELECT COUNT(*) FROM reports "
	"WHERE reporter_id = ? AND created_at > NOW(3) - INTERVAL 1 HOUR",
	/* STMT_TARGET_REQUEST: id → owner, status, volunteer of the accepted
	 * (or completed) match */
	"SELECT r.owner_id, r.status, (SELECT m.volunteer_id FROM matches m "
	"WHERE m.request_id = r.id AND m.status IN ('accepted', 'completed') "
	"ORDER BY m.accepted_at LIMIT 1) FROM requests r WHERE r.id = ?",
	/* STMT_TARGET_OFFER: id → volunteer, status */
	"SELECT volunteer_id, status FROM offers WHERE id = ? AND status <> 'deleted'",
	/* STMT_TARGET_MESSAGE: id → sender, the match's volunteer, the
	 * request's owner */
	"SELECT g.sender_id, m.volunteer_id, r.owner_id FROM messages g "
	"JOIN matches m ON m.id = g.match_id JOIN requests r ON r.id = m.request_id "
	"WHERE g.id = ?",
	/* STMT_TARGET_USER: id → id, status, roles */
	"SELECT id, status, roles FROM users WHERE id = ? AND status <> 'erased'",
	/* STMT_REPORT_INSERT: id, reporter, target type, target id, author of
	 * the target, reason */
	"INSERT INTO reports (id, reporter_id, target_type, target_id, target_user_id, "
	"reason, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', NOW(3))",
	/* STMT_REPORT_GET: id */
	"SELECT " REPORT_COLUMNS REPORT_FROM "WHERE r.id = ?",
	/* STMT_REPORTS_LIST: status, cursor key, cursor key, cursor key,
	 * cursor id, limit. Oldest first. */
	"SELECT " REPORT_COLUMNS REPORT_FROM
	"WHERE r.status = ? AND (? IS NULL OR r.created_at > ? OR "
	"(r.created_at = ? AND r.id > ?)) ORDER BY r.created_at, r.id LIMIT ?",
	/* STMT_CONTENT_REQUEST: id → the public part of a request */
	"SELECT r.title, r.description, r.category_id, r.status, r.pc4, p.place, "
	"p.municipality, " DB_RFC3339("r.created_at") " FROM requests r "
	"JOIN postcodes p ON p.pc4 = r.pc4 WHERE r.id = ?",
	/* STMT_CONTENT_OFFER: id → the public part of an offer */
	"SELECT o.title, o.description, (SELECT GROUP_CONCAT(oc.category_id "
	"ORDER BY oc.category_id) FROM offer_categories oc WHERE oc.offer_id = o.id), "
	"o.status, o.pc4, p.place, p.municipality, " DB_RFC3339("o.created_at")
	" FROM offers o JOIN postcodes p ON p.pc4 = o.pc4 WHERE o.id = ?",
	/* STMT_CONTENT_MESSAGE: id → match, sender, sealed body, sent */
	"SELECT g.match_id, g.sender_id, u.display_name, g.body_ct, "
	DB_RFC3339("g.created_at") " FROM messages g "
	"JOIN users u ON u.id = g.sender_id WHERE g.id = ?",
	/* STMT_CONTENT_USER: id → what the public sees, and the status */
	"SELECT display_name, status, " DB_RFC3339("created_at")
	" FROM users WHERE id = ?",

	/* ---- resolving ---- */
	/* STMT_REPORT_LOCK: id */
	"SELECT status FROM reports WHERE id = ? FOR UPDATE",
	/* STMT_REPORT_RESOLVE: resolution, note, moderator, id */
	"UPDATE reports SET status = 'resolved', resolution = ?, note = ?, "
	"resolved_by = ?, resolved_at = NOW(3) WHERE id = ? AND status = 'open'",
	/* STMT_REQUEST_HIDE: reason, id */
	"UPDATE requests SET status = 'hidden', moderation_decision = 'hide', "
	"moderation_reason = ?, updated_at = NOW(3) WHERE id = ?",
	/* STMT_OFFER_HIDE: reason, id */
	"UPDATE offers SET status = 'hidden', moderation_reason = ?, "
	"updated_at = NOW(3) WHERE id = ? AND status <> 'deleted'",
	/* STMT_MESSAGE_DELETE: id */
	"DELETE FROM messages WHERE id = ?",
	/* STMT_USER_BLOCK: id */
	"UPDATE users SET status = 'blocked', updated_at = NOW(3) "
	"WHERE id = ? AND status = 'active'",
	/* STMT_MODERATION_INSERT: moderator, target type, target id, action,
	 * reason */
	"INSERT INTO moderation_actions (at, moderator_id, target_type, target_id, "
	"action, reason) VALUES (NOW(3), ?, ?, ?, ?, ?)",

	/* ---- queue ---- */
	/* STMT_QUEUE: (cursor key, cursor key, cursor key, cursor id, limit)
	 * for requests, the same five for offers, the same five for vacancies
	 * (of organisations in the directory; issue 18 part 2), limit. Pending posts of
	 * active users, oldest first; each branch runs on its (status,
	 * created_at, id) index. A request posted for someone carries that
	 * first name and how consent was recorded, when and by whom. */
	"SELECT q.type, q.id, q.title, q.description, q.cats, q.pc4, p.place, "
	"p.municipality, q.user_id, u.display_name, " DB_RFC3339("q.created_at") ", "
	SORT_KEY("q.created_at") ", q.radius_km, q.behalf, q.consent_how, "
	DB_RFC3339("q.consent_at") ", q.consent_by, cb.display_name, q.org_id, g.name FROM ("
	"(SELECT 'request' AS type, r.id, r.title, r.description, "
	"r.category_id AS cats, r.pc4, r.owner_id AS user_id, r.created_at, "
	"NULL AS radius_km, r.on_behalf_of AS behalf, r.consent_how, "
	"r.consent_recorded_at AS consent_at, r.consent_recorded_by AS consent_by, "
	"NULL AS org_id "
	"FROM requests r JOIN users ou ON ou.id = r.owner_id "
	"WHERE r.status = 'pending' AND ou.status = 'active' AND (? IS NULL OR "
	"r.created_at > ? OR (r.created_at = ? AND r.id > ?)) "
	"ORDER BY r.created_at, r.id LIMIT ?) "
	"UNION ALL "
	"(SELECT 'offer', o.id, o.title, o.description, (SELECT "
	"GROUP_CONCAT(oc.category_id ORDER BY oc.category_id) FROM offer_categories oc "
	"WHERE oc.offer_id = o.id), o.pc4, o.volunteer_id, o.created_at, o.radius_km, "
	"NULL, NULL, NULL, NULL, NULL "
	"FROM offers o JOIN users ov ON ov.id = o.volunteer_id "
	"WHERE o.status = 'pending' AND ov.status = 'active' AND (? IS NULL OR "
	"o.created_at > ? OR (o.created_at = ? AND o.id > ?)) "
	"ORDER BY o.created_at, o.id LIMIT ?) "
	"UNION ALL "
	"(SELECT 'vacancy', v.id, v.title, v.description, (SELECT "
	"GROUP_CONCAT(vc.category_id ORDER BY vc.category_id) FROM vacancy_categories vc "
	"WHERE vc.vacancy_id = v.id), v.pc4, v.posted_by, v.created_at, NULL, "
	"NULL, NULL, NULL, NULL, v.organisation_id "
	"FROM vacancies v JOIN organisations vg ON vg.id = v.organisation_id "
	"WHERE v.status = 'pending' AND vg.active = 1 AND (? IS NULL OR "
	"v.created_at > ? OR (v.created_at = ? AND v.id > ?)) "
	"ORDER BY v.created_at, v.id LIMIT ?)"
	") q LEFT JOIN users u ON u.id = q.user_id JOIN postcodes p ON p.pc4 = q.pc4 "
	"LEFT JOIN users cb ON cb.id = q.consent_by "
	"LEFT JOIN organisations g ON g.id = q.org_id "
	"ORDER BY q.created_at, q.id LIMIT ?",

	/* ---- audit ---- */
	/* STMT_AUDIT_LIST: actor, actor, target, target, cursor id, cursor
	 * id, limit. Newest first. */
	"SELECT a.id, " DB_RFC3339("a.at") ", a.actor_id, u.display_name, a.action, "
	"a.target_type, a.target_id, a.detail FROM audit_log a "
	"LEFT JOIN users u ON u.id = a.actor_id "
	"WHERE (? IS NULL OR a.actor_id = ?) AND (? IS NULL OR a.target_id = ?) "
	"AND (? IS NULL OR a.id < ?) ORDER BY a.id DESC LIMIT ?",

	/* ---- figures: from, to, from, to unless said otherwise ---- */
	/* STMT_STATS_OWNERS (municipality, first year, last year) → a row per
	 * person who posted and year: person, items, count */
	"SELECT owner_id, items, n FROM stats_owner_items "
	"WHERE municipality = ? AND year >= ? AND year <= ? AND n > 0 ORDER BY owner_id, year",
	/* STMT_STATS_OWNERS_ALL (from, to) → a row per person */
	STATS_ITEMS,
	/* STMT_STATS_VOLUNTEERS (municipality, first year, last year) → a row
	 * per volunteer with a match on the requests of the years, and year */
	"SELECT volunteer_id, items, n FROM stats_volunteer_items "
	"WHERE municipality = ? AND year >= ? AND year <= ? AND n > 0 ORDER BY volunteer_id, year",
	/* STMT_STATS_VOLUNTEERS_ALL (from, to) */
	STATS_VOL_ITEMS,
	/* STMT_STATS_PLACES → every PC4 and its place */
	"SELECT pc4, place FROM postcodes",
	/* STMT_STATS_MUNICIPALITIES → the municipalities of the postcode table
	 * (4 064 rows; a DISTINCT over stats_requests, prepared, read the whole
	 * key: 1 s per answer at 1 M requests) */
	"SELECT DISTINCT municipality FROM postcodes ORDER BY municipality",
	/* STMT_STATS_MUNICIPALITY_KNOWN (name) → a row when the postcode table
	 * knows it */
	"SELECT municipality FROM postcodes WHERE municipality = ? LIMIT 1",
	/* STMT_HEALTH_MAIL_STUCK (max overdue seconds) → seconds the oldest
	 * queued mail is overdue beyond that, NULL when none is (outbox_due) */
	"SELECT TIMESTAMPDIFF(SECOND, MIN(due_at), NOW(3)) FROM outbox "
	"WHERE state = 'queued' AND due_at < NOW(3) - INTERVAL ? SECOND",
	/* STMT_METRICS_OUTBOX (overdue seconds) → queued mails, and of those
	 * overdue longer (outbox_due) */
	"SELECT COUNT(*), COALESCE(SUM(due_at < NOW(3) - INTERVAL ? SECOND), 0) "
	"FROM outbox WHERE state = 'queued'",
	/* STMT_CHECKINS_LIST: days, attention only (0/1), days, cursor match
	 * x2, limit → match, request, title, volunteer id and name, owner id
	 * and name, asked, answered, last answer, unanswered (0/1), coordinator
	 * note, its time, the request's first name of the person it is for and
	 * its consent: how, when, by (id, name) (checkins.c; checkin_state's
	 * primary key) */
	"SELECT s.match_id, m.request_id, r.title, m.volunteer_id, v.display_name, "
	"r.owner_id, o.display_name, " DB_RFC3339("s.asked_at") ", "
	DB_RFC3339("s.answered_at") ", s.last_answer, "
	"(s.answered_at IS NULL OR s.answered_at < s.asked_at) AND s.asked_at < NOW(3) - INTERVAL ? DAY, "
	"s.note, " DB_RFC3339("s.note_at") ", r.on_behalf_of, r.consent_how, "
	DB_RFC3339("r.consent_recorded_at") ", r.consent_recorded_by, cb.display_name"
	" FROM checkin_state s JOIN matches m ON m.id = s.match_id "
	"JOIN requests r ON r.id = m.request_id JOIN users v ON v.id = m.volunteer_id "
	"JOIN users o ON o.id = r.owner_id LEFT JOIN users cb ON cb.id = r.consent_recorded_by "
	"WHERE (? = 0 OR s.attention = 1 OR ((s.answered_at IS NULL OR s.answered_at < s.asked_at) "
	"AND s.asked_at < NOW(3) - INTERVAL ? DAY)) AND (? IS NULL OR s.match_id > ?) "
	"AND m.status = 'accepted' ORDER BY s.match_id LIMIT ?",
	/* STMT_CHECKINS_OF_MATCH: match, limit → id, user, name, answer, sealed
	 * note, created; newest first (checkins_match) */
	"SELECT c.id, c.user_id, u.display_name, c.answer, c.note_ct, "
	DB_RFC3339("c.created_at") " FROM checkins c JOIN users u ON u.id = c.user_id "
	"WHERE c.match_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?",
	/* STMT_CHECKIN_NOTE_SET: note (NULL clears), moderator, match */
	"UPDATE checkin_state SET note = ?, note_by = ?, note_at = NOW(3) WHERE match_id = ?",
	/* STMT_CHECKIN_STATE_EXISTS: match */
	"SELECT 1 FROM checkin_state WHERE match_id = ?",
	/* STMT_STATS_CAREGIVER_CHECKS: from, to (Unix seconds, to excluded) →
	 * checks taken; rows only, never their sealed content (stats_care.c) */
	"SELECT COUNT(*) FROM caregiver_checks WHERE created_at >= FROM_UNIXTIME(?) "
	"AND created_at < FROM_UNIXTIME(?)",
	/* STMT_STATS_VACANCIES: from, to (Unix seconds, to excluded);
	 * municipality (NULL: all) x2 → organisation id, name, vacancies
	 * posted in the period (any status); the period as seconds after 1970
	 * (TIMESTAMPADD, which, unlike FROM_UNIXTIME, takes the years before
	 * it that the figures allow). A range of vacancies_recent
	 * (status, created_at, id) per status (stats_vacancies.c). */
	"SELECT g.id, g.name, COUNT(*) FROM vacancies v FORCE INDEX (vacancies_recent) "
	"JOIN organisations g ON g.id = v.organisation_id "
	"JOIN postcodes p ON p.pc4 = v.pc4 "
	"WHERE v.status IN ('pending', 'open', 'closed', 'rejected', 'hidden') "
	"AND v.created_at >= TIMESTAMPADD(SECOND, ?, '1970-01-01') AND v.created_at < TIMESTAMPADD(SECOND, ?, '1970-01-01') "
	"AND (? IS NULL OR p.municipality = ?) GROUP BY g.id, g.name",
	/* STMT_STATS_VACANCY_RESPONSES: from, to; municipality x2 →
	 * organisation id, name, responses made in the period, distinct
	 * volunteers behind them. A range of vacancy_responses_created (104). */
	"SELECT g.id, g.name, COUNT(*), COUNT(DISTINCT x.volunteer_id) "
	"FROM vacancy_responses x FORCE INDEX (vacancy_responses_created) "
	"JOIN vacancies v ON v.id = x.vacancy_id "
	"JOIN organisations g ON g.id = v.organisation_id "
	"JOIN postcodes p ON p.pc4 = v.pc4 "
	"WHERE x.created_at >= TIMESTAMPADD(SECOND, ?, '1970-01-01') AND x.created_at < TIMESTAMPADD(SECOND, ?, '1970-01-01') "
	"AND (? IS NULL OR p.municipality = ?) GROUP BY g.id, g.name",
	/* STMT_STATS_VACANCY_RESPONDERS: as STMT_STATS_VACANCY_RESPONSES, over
	 * all organisations → responses, distinct volunteers */
	"SELECT COUNT(*), COUNT(DISTINCT x.volunteer_id) "
	"FROM vacancy_responses x FORCE INDEX (vacancy_responses_created) "
	"JOIN vacancies v ON v.id = x.vacancy_id "
	"JOIN postcodes p ON p.pc4 = v.pc4 "
	"WHERE x.created_at >= TIMESTAMPADD(SECOND, ?, '1970-01-01') AND x.created_at < TIMESTAMPADD(SECOND, ?, '1970-01-01') "
	"AND (? IS NULL OR p.municipality = ?)",
	/* STMT_CATEGORY_VOG_SET: needs_vog, id (issue 17). */
	"UPDATE categories SET needs_vog = ? WHERE id = ?",
	/* STMT_VOG_LIST: stored status, cursor key x3, cursor user, limit →
	 * user, display name, effective status, issued, expires, submitted,
	 * sort key; oldest recorded first, named on users_vog_pending
	 * (migration 095): on a small table the optimizer would sort it whole.
	 * Never note_ct. */
	"SELECT v.user_id, u.display_name, "
	"IF(v.status = 'verified' AND v.expires_on < UTC_DATE(), 'expired', v.status), "
	"DATE_FORMAT(v.issued_on, '%Y-%m-%d'), DATE_FORMAT(v.expires_on, '%Y-%m-%d'), "
	DB_RFC3339("v.submitted_at") ", " SORT_KEY("v.submitted_at")
	" FROM users_vog v FORCE INDEX (users_vog_pending) JOIN users u ON u.id = v.user_id "
	"WHERE v.status = ? AND u.status = 'active' AND (? IS NULL OR "
	"v.submitted_at > ? OR (v.submitted_at = ? AND v.user_id > ?)) "
	"ORDER BY v.submitted_at, v.user_id LIMIT ?",

	/* ---- organisation accounts (coordinators.c, issue 18 part 1) ---- */
	/* STMT_COORD_INSERT: organisation, user, granted by; a second grant
	 * changes nothing (affected rows 0) */
	"INSERT IGNORE INTO organisation_coordinators (organisation_id, user_id, "
	"granted_by, created_at) VALUES (?, ?, ?, NOW(3))",
	/* STMT_COORD_DELETE: organisation, user */
	"DELETE FROM organisation_coordinators WHERE organisation_id = ? AND user_id = ?",
	/* STMT_COORD_LIST: organisation → user, display name, since; at most
	 * 200, oldest grant first */
	"SELECT c.user_id, u.display_name, " DB_RFC3339("c.created_at")
	" FROM organisation_coordinators c JOIN users u ON u.id = c.user_id "
	"WHERE c.organisation_id = ? AND u.status <> 'erased' "
	"ORDER BY c.created_at, c.user_id LIMIT 200",
	/* STMT_COORD_IS: organisation, user → a row when the user coordinates
	 * it */
	"SELECT 1 FROM organisation_coordinators c JOIN users u ON u.id = c.user_id "
	"WHERE c.organisation_id = ? AND c.user_id = ? AND u.status = 'active'",
	/* STMT_COORD_MINE: user → the organisations they coordinate, as
	 * STMT_ORG_GET's columns; by name, at most 100 */
	"SELECT " ORG_COLUMNS "FROM organisation_coordinators c "
	"JOIN organisations o ON o.id = c.organisation_id JOIN postcodes p ON p.pc4 = o.pc4 "
	"WHERE c.user_id = ? AND o.active = 1 ORDER BY o.name, o.id LIMIT 100",
	/* STMT_CHANGE_INSERT: id, organisation, proposed by, name,
	 * description, categories (CSV), pc4, lat, lon, set website?, website,
	 * set phone?, phone, set email?, email (NULL keeps each) */
	"INSERT INTO organisation_changes (id, organisation_id, proposed_by, name, "
	"description, categories, pc4, lat, lon, set_website, website, set_phone, phone, "
	"set_email, email, status, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', NOW(3))",
	/* STMT_CHANGE_GET: id */
	"SELECT " CHANGE_COLUMNS CHANGE_FROM "WHERE c.id = ?",
	/* STMT_CHANGE_SAME_PENDING: organisation, proposed by, then
	 * STMT_CHANGE_INSERT's name .. email → id of a pending change that
	 * asks exactly this (organisation_changes_org), oldest first */
	"SELECT c.id FROM organisation_changes c WHERE c.organisation_id = ? "
	"AND c.status = 'pending' AND c.proposed_by <=> ? AND c.name <=> ? "
	"AND c.description <=> ? AND c.categories <=> ? AND c.pc4 <=> ? "
	"AND c.set_website = ? AND c.website <=> ? AND c.set_phone = ? AND c.phone <=> ? "
	"AND c.set_email = ? AND c.email <=> ? ORDER BY c.created_at, c.id LIMIT 1",
	/* STMT_CHANGE_LOCK: id → the change, locked for its review */
	"SELECT " CHANGE_COLUMNS CHANGE_FROM "WHERE c.id = ? FOR UPDATE",
	/* STMT_CHANGES_LIST: status, cursor key x3, cursor id, limit; oldest
	 * first on organisation_changes_status */
	"SELECT " CHANGE_COLUMNS CHANGE_FROM
	"WHERE c.status = ? AND (? IS NULL OR c.created_at > ? OR "
	"(c.created_at = ? AND c.id > ?)) ORDER BY c.created_at, c.id LIMIT ?",
	/* STMT_CHANGE_DECIDE: status, reviewer, note, id */
	"UPDATE organisation_changes SET status = ?, reviewed_by = ?, note = ?, "
	"reviewed_at = NOW(3) WHERE id = ? AND status = 'pending'",

	/* ---- the directory in HSDS 3.0 (hsds.c) ---- */
	/* STMT_HSDS_ORG_COUNT: HSDS_SEARCH's pattern ×3 */
	"SELECT COUNT(*) FROM organisations o WHERE o.active = 1 AND " HSDS_SEARCH,
	/* STMT_HSDS_ORG_PAGE: pattern ×3, limit, offset. By name, as GET
	 * /organisations. */
	"SELECT " HSDS_ORG_COLUMNS "FROM organisations o JOIN postcodes p ON p.pc4 = o.pc4 "
	"WHERE o.active = 1 AND " HSDS_SEARCH "ORDER BY o.name, o.id LIMIT ? OFFSET ?",
	/* STMT_HSDS_ORG_GET: hsds id */
	"SELECT " HSDS_ORG_COLUMNS "FROM organisations o JOIN postcodes p ON p.pc4 = o.pc4 "
	"WHERE o.hsds_id = ? AND o.active = 1",
	/* STMT_HSDS_ORG_SERVICES: organisation id → its services (categories) */
	"SELECT " HSDS_SVC_COLUMNS HSDS_SVC_FROM "WHERE oc.organisation_id = ? "
	"ORDER BY c.sort_order, c.id",
	/* STMT_HSDS_SVC_COUNT: organization_id, organization_id,
	 * taxonomy_term_id, taxonomy_term_id, pattern ×3 */
	"SELECT COUNT(*) " HSDS_SVC_FROM HSDS_SVC_FILTERS,
	/* STMT_HSDS_SVC_PAGE: as STMT_HSDS_SVC_COUNT, then limit, offset */
	"SELECT " HSDS_SVC_COLUMNS HSDS_SVC_FROM HSDS_SVC_FILTERS
	"ORDER BY o.name, o.id, c.sort_order, c.id LIMIT ? OFFSET ?",
	/* STMT_HSDS_SVC_GET: service id, service id. An imported id, or the
	 * derived one of a service without it (a scan of the active
	 * directory's services: hundreds, not millions). */
	"SELECT " HSDS_SVC_COLUMNS HSDS_SVC_FROM
	"WHERE s.hsds_id = ? OR (s.hsds_id IS NULL AND " HSDS_SERVICE_DERIVED " = ?) "
	"LIMIT 1",
};
