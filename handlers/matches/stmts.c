/*
 * stmts.c — every SQL statement of the matches handler, by enum stmt.
 * Only ? placeholders; prepared once per worker connection.
 *
 * The private columns of requests (*_ct) are never read here: the grants of
 * bh_matches do not even allow it. Message bodies are sealed and opened in C.
 */
#include "db.h"
#include "matches.h"

/* enum match_col, in this order. The sort key keeps microseconds so that a
 * keyset cursor never skips a row created in the same second. */
#define MATCH_COLUMNS \
	"m.id, m.request_id, r.title, r.status, m.volunteer_id, v.display_name, " \
	"m.status, " DB_RFC3339("m.created_at") ", " DB_RFC3339("m.accepted_at") ", " \
	DB_RFC3339("m.completed_at") ", m.hours, m.thanks, r.owner_id, " \
	"o.display_name, m.initiated_by, " \
	"DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i:%s.%f'), m.volunteer_hours "
#define MATCH_JOINS \
	"JOIN requests r ON r.id = m.request_id " \
	"JOIN users v ON v.id = m.volunteer_id " \
	"JOIN users o ON o.id = r.owner_id "
/* Filters every list takes: status (NULL: any), then the cursor's created
 * and id (NULL: first page); newest first. */
#define MATCH_PAGE \
	"AND (? IS NULL OR m.status = ?) " \
	"AND (? IS NULL OR (m.created_at, m.id) < (?, ?)) "
#define MATCH_ORDER "ORDER BY m.created_at DESC, m.id DESC LIMIT ?"

/* enum message_col, in this order. */
#define MESSAGE_COLUMNS \
	"g.id, g.sender_id, s.display_name, g.body_ct, " DB_RFC3339("g.created_at") ", " \
	"DATE_FORMAT(g.created_at, '%Y-%m-%d %H:%i:%s.%f') "

/* An offer's weekly slots as "day:from-to,..." (parsed by rank_slots_parse). */
#define OFFER_SLOTS \
	"(SELECT GROUP_CONCAT(s.day, ':', s.from_min, '-', s.to_min SEPARATOR ',') " \
	"FROM offer_slots s WHERE s.offer_id = o.id) "

/* The postcode areas around a centre, nearest first, as a table a (pc4,
 * km): the box on postcodes_lat_lon, then the exact distance (haversine,
 * the Earth radius of lib/geo.c) within a maximum, at most a number of
 * areas. Params: centre lat, lat, lon; lat min, lat max, lon min, lon max;
 * maximum km; areas limit. The join that follows it keeps this order (it
 * sorts only a, before the join) and stops reading at its LIMIT. */
#define NEAR_AREAS \
	"(SELECT p.pc4, 2 * 6371.0088 * ASIN(LEAST(1, SQRT(" \
	"POW(SIN(RADIANS(p.lat - ?) / 2), 2) + COS(RADIANS(?)) * COS(RADIANS(p.lat)) * " \
	"POW(SIN(RADIANS(p.lon - ?) / 2), 2)))) AS km FROM postcodes p " \
	"WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ? " \
	"HAVING km <= ? ORDER BY km, p.pc4 LIMIT ?) a "

const char *const matches_stmts[STMT__MAX] = {
	/* STMT_REQUEST_GET: id → enum request_col. The volunteer is the one of
	 * the accepted (or completed) match, for the rules in lib/auth.c. */
	"SELECT r.id, r.owner_id, r.title, r.status, r.expires_at <= NOW(3), "
	"(SELECT a.volunteer_id FROM matches a WHERE a.request_id = r.id "
	"AND a.status IN ('accepted', 'completed') ORDER BY a.accepted_at DESC LIMIT 1), "
	"r.category_id, r.lat, r.lon, UNIX_TIMESTAMP(r.when_start), "
	"UNIX_TIMESTAMP(r.when_end), c.name_nl, c.name_en "
	"FROM requests r JOIN categories c ON c.id = r.category_id WHERE r.id = ?",
	/* STMT_REQUEST_LOCK: id → status, expired. Every transaction that moves
	 * a request takes this row lock first, so they run one after another. */
	"SELECT status, expires_at <= NOW(3) FROM requests WHERE id = ? FOR UPDATE",
	/* STMT_REQUEST_RESPONSES_ADD: +1 or -1, id */
	"UPDATE requests SET response_count = GREATEST(response_count + ?, 0), "
	"updated_at = NOW(3) WHERE id = ?",
	/* STMT_REQUEST_MATCHED: id */
	"UPDATE requests SET status = 'matched', updated_at = NOW(3) "
	"WHERE id = ? AND status = 'open'",
	/* STMT_REQUEST_COMPLETED: id */
	"UPDATE requests SET status = 'completed', updated_at = NOW(3), "
	"closed_at = NOW(3) WHERE id = ? AND status = 'matched'",
	/* STMT_REQUEST_REOPEN: id. Open again, unless its time ran out
	 * meanwhile: then it is expired (and closed) like any other. */
	"UPDATE requests SET status = IF(expires_at > NOW(3), 'open', 'expired'), "
	"closed_at = IF(expires_at > NOW(3), NULL, NOW(3)), updated_at = NOW(3) "
	"WHERE id = ? AND status = 'matched'",
	/* STMT_USER_VOLUNTEER: id → the id of an active volunteer */
	"SELECT id FROM users WHERE id = ? AND status = 'active' "
	"AND FIND_IN_SET('volunteer', roles) > 0",
	/* STMT_USER_LOCALE: id → locale */
	"SELECT locale FROM users WHERE id = ?",
	/* STMT_MATCH_INSERT: id, request id, volunteer id, initiated_by, status */
	"INSERT INTO matches (id, request_id, volunteer_id, initiated_by, status, "
	"created_at, updated_at) VALUES (?, ?, ?, ?, ?, NOW(3), NOW(3))",
	/* STMT_MATCH_GET: id → enum match_col */
	"SELECT " MATCH_COLUMNS "FROM matches m " MATCH_JOINS "WHERE m.id = ?",
	/* STMT_MATCH_LOCK: id → status, initiated_by. Taken after the request's
	 * lock, never before (one lock order: no deadlock between us). */
	"SELECT status, initiated_by FROM matches WHERE id = ? FOR UPDATE",
	/* STMT_MATCH_ACCEPT: id */
	"UPDATE matches SET status = 'accepted', accepted_at = NOW(3), "
	"updated_at = NOW(3) WHERE id = ?",
	/* STMT_MATCHES_DECLINE_OTHERS: request id, the accepted match's id */
	"UPDATE matches SET status = 'declined', updated_at = NOW(3) "
	"WHERE request_id = ? AND id <> ? AND status IN ('responded', 'invited')",
	/* STMT_MATCH_DECLINE: id */
	"UPDATE matches SET status = 'declined', updated_at = NOW(3) WHERE id = ?",
	/* STMT_MATCH_COMPLETE: hours, thanks (NULL: none), id */
	"UPDATE matches SET status = 'completed', hours = ?, thanks = ?, "
	"completed_at = NOW(3), updated_at = NOW(3) WHERE id = ?",
	/* STMT_MATCH_CANCEL: reason, id */
	"UPDATE matches SET status = 'cancelled', cancel_reason = ?, "
	"updated_at = NOW(3) WHERE id = ?",
	/* STMT_MATCHES_AS_VOLUNTEER: me, status, status, created, created, id,
	 * limit. Served by matches_volunteer (volunteer_id, created_at, id). */
	"SELECT " MATCH_COLUMNS "FROM matches m " MATCH_JOINS
	"WHERE m.volunteer_id = ? " MATCH_PAGE MATCH_ORDER,
	/* STMT_MATCHES_AS_REQUESTER: me, status, status, created, created, id,
	 * limit. requests_owner finds the requests, matches_request their
	 * matches. */
	"SELECT " MATCH_COLUMNS "FROM matches m " MATCH_JOINS
	"WHERE r.owner_id = ? " MATCH_PAGE MATCH_ORDER,
	/* STMT_MATCHES_MINE: both sides. Each side is paged on its own index
	 * (me, status x2, created x2, id, limit for each), the union sorted
	 * again and cut at the limit. */
	"SELECT " MATCH_COLUMNS "FROM ("
	"(SELECT m.id, m.created_at FROM matches m WHERE m.volunteer_id = ? "
	MATCH_PAGE MATCH_ORDER ") UNION "
	"(SELECT m.id, m.created_at FROM requests r JOIN matches m ON m.request_id = r.id "
	"WHERE r.owner_id = ? " MATCH_PAGE MATCH_ORDER ")) k "
	"JOIN matches m ON m.id = k.id " MATCH_JOINS MATCH_ORDER,
	/* STMT_MESSAGE_INSERT: id, match id, sender id, sealed body */
	"INSERT INTO messages (id, match_id, sender_id, body_ct, created_at) "
	"VALUES (?, ?, ?, ?, NOW(3))",
	/* STMT_MESSAGE_GET: id → enum message_col */
	"SELECT " MESSAGE_COLUMNS "FROM messages g JOIN users s ON s.id = g.sender_id "
	"WHERE g.id = ?",
	/* STMT_MESSAGES_LIST: match id, created, created, id, limit. Oldest
	 * first, on messages_match (match_id, created_at, id). */
	"SELECT " MESSAGE_COLUMNS "FROM messages g JOIN users s ON s.id = g.sender_id "
	"WHERE g.match_id = ? AND (? IS NULL OR (g.created_at, g.id) > (?, ?)) "
	"ORDER BY g.created_at, g.id LIMIT ?",
	/* STMT_MATCH_INTRODUCTION: match id, sender id. The first message of
	 * whoever began the match: the volunteer's introduction with their
	 * response (issue 15.8), or the owner's invitation. On messages_match. */
	"SELECT " MESSAGE_COLUMNS "FROM messages g JOIN users s ON s.id = g.sender_id "
	"WHERE g.match_id = ? AND g.sender_id = ? ORDER BY g.created_at, g.id LIMIT 1",
	/* STMT_SUGGEST_OFFERS: centre lat, lat, lon; lat min, lat max, lon min,
	 * lon max (box); maximum km; areas limit; category, request owner,
	 * request id, limit → offer id, volunteer id, display name, lat, lon,
	 * radius_km, slots, completed matches of the volunteer, created_at.
	 * Candidates only:
	 * active offers of active volunteers in the request's category, not the
	 * owner's own, not already on the request, whose radius reaches the
	 * request. Every offer lies on its area's centroid, so the areas are
	 * walked nearest first (NEAR_AREAS, sorted before the join) and each
	 * area's offers read on offers_area_newest (status, pc4, created_at
	 * DESC, volunteer_id, radius_km, lat, lon) newest first — ids are
	 * random, so id order could keep a new offer in a crowded area out of
	 * every answer (migration 112) — from the key alone until the
	 * category and the volunteer pass; the join stops at the limit, so the
	 * rows read do not grow with the number of offers around. The radius
	 * test here is on the area's distance, with a metre to spare; suggest.c
	 * measures every candidate exactly. Ranking is done in C (rank.c). The
	 * count of completed matches runs on matches_volunteer_status. */
	"SELECT o.id, o.volunteer_id, u.display_name, o.lat, o.lon, o.radius_km, "
	OFFER_SLOTS ", "
	"(SELECT COUNT(*) FROM matches h WHERE h.volunteer_id = o.volunteer_id "
	"AND h.status = 'completed'), " DB_RFC3339("o.created_at") " "
	"FROM " NEAR_AREAS
	"STRAIGHT_JOIN offers o FORCE INDEX (offers_area_newest) "
	"ON o.status = 'active' AND o.pc4 = a.pc4 AND o.radius_km >= a.km - 0.001 "
	"STRAIGHT_JOIN offer_categories oc ON oc.offer_id = o.id AND oc.category_id = ? "
	"STRAIGHT_JOIN users u ON u.id = o.volunteer_id "
	"WHERE u.status = 'active' AND FIND_IN_SET('volunteer', u.roles) > 0 "
	"AND o.volunteer_id <> ? "
	"AND NOT EXISTS (SELECT 1 FROM matches x WHERE x.request_id = ? "
	"AND x.volunteer_id = o.volunteer_id) "
	"ORDER BY a.km, a.pc4 LIMIT ?",
	/* STMT_MY_OFFERS: volunteer → offer id, lat, lon, radius_km, slots.
	 * The newest 20 active offers (offers_volunteer). */
	"SELECT o.id, o.lat, o.lon, o.radius_km, " OFFER_SLOTS
	"FROM offers o WHERE o.volunteer_id = ? AND o.status = 'active' "
	"ORDER BY o.created_at DESC, o.id DESC LIMIT 20",
	/* STMT_SUGGEST_REQUESTS: centre lat, lat, lon; lat min, lat max, lon
	 * min, lon max (box); reach in km; areas limit; offer id, me, me, limit
	 * → the public request (see suggest.c for the columns). Open requests in
	 * one of the offer's categories, not the volunteer's own, not already
	 * answered by them, area by area nearest first as STMT_SUGGEST_OFFERS
	 * does, each area's requests of a category read newest first on
	 * requests_cat_area_newest (status, category_id, pc4, created_at DESC;
	 * migration 112: in id order, which is random, a new request in an
	 * area with more than the limit stayed out); the join stops at the
	 * limit. */
	"SELECT r.id, r.title, r.description, r.category_id, c.name_nl, c.name_en, "
	"r.pc4, p.place, p.municipality, r.lat, r.lon, "
	"UNIX_TIMESTAMP(r.when_start), UNIX_TIMESTAMP(r.when_end), "
	DB_RFC3339("r.when_start") ", " DB_RFC3339("r.when_end") ", "
	"r.status, r.owner_id, u.display_name, r.on_behalf_of, r.response_count, "
	DB_RFC3339("r.created_at") ", " DB_RFC3339("r.expires_at") " "
	"FROM " NEAR_AREAS
	"STRAIGHT_JOIN offer_categories oc "
	"STRAIGHT_JOIN requests r FORCE INDEX (requests_cat_area_newest) "
	"ON r.status = 'open' AND r.category_id = oc.category_id AND r.pc4 = a.pc4 "
	"AND r.audience = 'public' "
	"STRAIGHT_JOIN categories c ON c.id = r.category_id "
	"STRAIGHT_JOIN postcodes p ON p.pc4 = r.pc4 "
	"STRAIGHT_JOIN users u ON u.id = r.owner_id "
	"WHERE oc.offer_id = ? AND r.expires_at > NOW(3) "
	"AND r.owner_id <> ? AND u.status = 'active' "
	"AND NOT EXISTS (SELECT 1 FROM matches x WHERE x.request_id = r.id "
	"AND x.volunteer_id = ?) "
	"ORDER BY a.km, a.pc4 LIMIT ?",
	/* STMT_VS_TALENTS: volunteer → their talents (user_talents' key) */
	"SELECT talent_id FROM user_talents WHERE user_id = ? ORDER BY talent_id",
	/* STMT_VS_CATEGORIES: volunteer → the categories of their active
	 * offers, once each */
	"SELECT DISTINCT oc.category_id FROM offers o "
	"JOIN offer_categories oc ON oc.offer_id = o.id "
	"WHERE o.volunteer_id = ? AND o.status = 'active' ORDER BY oc.category_id",
	/* STMT_VS_PLACES: volunteer → lat, lon, radius_km of their newest 20
	 * active offers (offers_volunteer): where they help. */
	"SELECT o.lat, o.lon, o.radius_km FROM offers o "
	"WHERE o.volunteer_id = ? AND o.status = 'active' "
	"ORDER BY o.created_at DESC, o.id DESC LIMIT 20",
	/* STMT_VS_HOME: user → lat, lon of their account's postcode area (a
	 * volunteer with no active offer yet) */
	"SELECT p.lat, p.lon FROM users u JOIN postcodes p ON p.pc4 = u.pc4 "
	"WHERE u.id = ?",
	/* STMT_VS_TALENT_NAMES: → id, name_nl, name_en of every talent */
	"SELECT id, name_nl, name_en FROM talents",
	/* STMT_VS_CATEGORY_NAMES: → id, name_nl, name_en of every category */
	"SELECT id, name_nl, name_en FROM categories",
	/* STMT_SUGGEST_VACANCIES: centre lat, lat, lon; lat min, lat max, lon
	 * min, lon max (box); reach in km; areas limit; me, me; limit → a
	 * published vacancy (see vacancy_suggest.c for the columns): open, of
	 * an active organisation, not one the volunteer answered already nor
	 * one of an organisation they coordinate,
	 * area by area nearest first as STMT_SUGGEST_REQUESTS does, each
	 * area's open vacancies read on vacancies_area (status, pc4, id); the
	 * join stops at the limit. */
	"SELECT v.id, v.organisation_id, g.name, v.title, v.description, v.pc4, "
	"p.place, p.municipality, v.hours_per_month, v.needs_vog, v.status, "
	DB_RFC3339("v.created_at") ", v.lat, v.lon, "
	"(SELECT GROUP_CONCAT(vt.talent_id ORDER BY vt.talent_id SEPARATOR ',') "
	"FROM vacancy_talents vt WHERE vt.vacancy_id = v.id), "
	"(SELECT GROUP_CONCAT(vc.category_id ORDER BY vc.category_id SEPARATOR ',') "
	"FROM vacancy_categories vc WHERE vc.vacancy_id = v.id), v.lang "
	"FROM " NEAR_AREAS
	"STRAIGHT_JOIN vacancies v FORCE INDEX (vacancies_area) "
	"ON v.status = 'open' AND v.pc4 = a.pc4 "
	"STRAIGHT_JOIN organisations g FORCE INDEX (PRIMARY) ON g.id = v.organisation_id "
	"STRAIGHT_JOIN postcodes p ON p.pc4 = v.pc4 "
	"WHERE g.active = 1 "
	"AND NOT EXISTS (SELECT 1 FROM vacancy_responses x "
	"WHERE x.vacancy_id = v.id AND x.volunteer_id = ?) "
	"AND NOT EXISTS (SELECT 1 FROM organisation_coordinators oc "
	"WHERE oc.organisation_id = v.organisation_id AND oc.user_id = ?) "
	"ORDER BY a.km, a.pc4 LIMIT ?",
	/* STMT_MATCHES_WAITING_OTHERS: request, the match accepted → id,
	 * volunteer of every other match still waiting (matches_request) */
	"SELECT m.id, m.volunteer_id FROM matches m WHERE m.request_id = ? AND m.id <> ? "
	"AND m.status IN ('responded', 'invited')",
	/* STMT_MATCH_VOLUNTEER_HOURS: hours x2, match (accepted only). On
	 * recurring help (082) each occasion adds its hours (each ≤ 24). */
	"UPDATE matches m JOIN requests r ON r.id = m.request_id "
	"SET m.volunteer_hours = IF(r.recurrence IS NULL, ?, COALESCE(m.volunteer_hours, 0) + ?), "
	"m.updated_at = NOW(3) WHERE m.id = ? AND m.status = 'accepted'",
	/* STMT_MATCH_REVIVE: status, initiated_by, request, volunteer: a
	 * declined pair starts again (create.c); a cancelled one does not —
	 * one of the two ended it on purpose. */
	"UPDATE matches SET status = ?, initiated_by = ?, cancel_reason = NULL, "
	"accepted_at = NULL, completed_at = NULL, hours = NULL, thanks = NULL, "
	"volunteer_hours = NULL, reminded_at = NULL, created_at = NOW(3), updated_at = NOW(3) "
	"WHERE request_id = ? AND volunteer_id = ? AND status = 'declined'",
	/* STMT_MATCH_OF_PAIR: request, volunteer → id */
	"SELECT id FROM matches WHERE request_id = ? AND volunteer_id = ?",
	/* STMT_CHECKIN_INSERT: id, match, user, answer, sealed note (NULL) */
	"INSERT INTO checkins (id, match_id, user_id, answer, note_ct, created_at) "
	"VALUES (?, ?, ?, ?, ?, NOW(3))",
	/* STMT_CHECKIN_STATE_ANSWER: match, answer, attention (0/1). An answer
	 * before the first question counts as asked now. */
	"INSERT INTO checkin_state (match_id, asked_at, answered_at, last_answer, attention) "
	"VALUES (?, NOW(3), NOW(3), ?, ?) ON DUPLICATE KEY UPDATE "
	"answered_at = VALUES(answered_at), last_answer = VALUES(last_answer), "
	"attention = VALUES(attention)",
	/* STMT_CHECKIN_OWN_IN_PERIOD: match, user, match → id, answer of the
	 * user's answer since the match was last asked (checkins_match) */
	"SELECT c.id, c.answer FROM checkins c WHERE c.match_id = ? AND c.user_id = ? "
	"AND c.created_at >= (SELECT s.asked_at FROM checkin_state s WHERE s.match_id = ?) "
	"ORDER BY c.created_at DESC, c.id DESC LIMIT 1",
	/* STMT_CHECKIN_REPLACE: answer, sealed note (NULL), id */
	"UPDATE checkins SET answer = ?, note_ct = ? WHERE id = ?",
	/* ---- responses to vacancies (issue 18 part 2) ---- */
	/* STMT_VR_VACANCY_GET: vacancy id → id, title, status, organisation
	 * id, organisation name, organisation active */
	"SELECT v.id, v.title, v.status, v.organisation_id, g.name, g.active "
	"FROM vacancies v JOIN organisations g ON g.id = v.organisation_id WHERE v.id = ?",
	/* STMT_VR_COORDINATOR_IS: organisation id, user id → a row when the
	 * user coordinates it */
	"SELECT 1 FROM organisation_coordinators WHERE organisation_id = ? AND user_id = ?",
	/* STMT_VR_COORDINATORS: organisation id → its coordinators' ids */
	"SELECT user_id FROM organisation_coordinators WHERE organisation_id = ? "
	"ORDER BY user_id LIMIT 100",
	/* STMT_VR_INSERT: id, vacancy id, volunteer id */
	"INSERT INTO vacancy_responses (id, vacancy_id, volunteer_id, created_at, updated_at) "
	"VALUES (?, ?, ?, NOW(3), NOW(3))",
	/* STMT_VR_OF_PAIR: vacancy id, volunteer id → id (the unique key) */
	"SELECT id FROM vacancy_responses WHERE vacancy_id = ? AND volunteer_id = ?",
	/* STMT_VR_GET: id → VR_COLUMNS */
	"SELECT " VR_COLUMNS VR_FROM "WHERE vr.id = ?",
	/* STMT_VR_OF_VACANCY: vacancy id; cursor created x2, cursor id; limit.
	 * Newest first on vacancy_responses_vacancy. */
	"SELECT " VR_COLUMNS VR_FROM "WHERE vr.vacancy_id = ? "
	"AND (vr.created_at < ? OR (vr.created_at = ? AND vr.id < ?)) "
	"ORDER BY vr.created_at DESC, vr.id DESC LIMIT ?",
	/* STMT_VR_MINE: volunteer id; cursor created x2, cursor id; limit.
	 * Newest first on vacancy_responses_volunteer. */
	"SELECT " VR_COLUMNS VR_FROM "WHERE vr.volunteer_id = ? "
	"AND (vr.created_at < ? OR (vr.created_at = ? AND vr.id < ?)) "
	"ORDER BY vr.created_at DESC, vr.id DESC LIMIT ?",
	/* STMT_VR_TOUCH: id (a new message) */
	"UPDATE vacancy_responses SET updated_at = NOW(3) WHERE id = ?",
	/* STMT_VR_MESSAGE_INSERT: id, response id, sender id, sealed body */
	"INSERT INTO vacancy_messages (id, response_id, sender_id, body_ct, created_at) "
	"VALUES (?, ?, ?, ?, NOW(3))",
	/* STMT_VR_MESSAGE_GET: id → VM_COLUMNS */
	"SELECT " VM_COLUMNS VM_FROM "WHERE g.id = ?",
	/* STMT_VR_MESSAGES_LIST: response id, created, created, id, limit.
	 * Oldest first on vacancy_messages_response. */
	"SELECT " VM_COLUMNS VM_FROM
	"WHERE g.response_id = ? AND (? IS NULL OR (g.created_at, g.id) > (?, ?)) "
	"ORDER BY g.created_at, g.id LIMIT ?",
	/* STMT_REQUEST_CIRCLE: me, me, request → audience, circle id, the
	 * caller is the circle's owner or a member (issue 18 part 3) */
	"SELECT r.audience, r.circle_id, (c.owner_id = ? OR EXISTS (SELECT 1 FROM circle_members m "
	"WHERE m.circle_id = r.circle_id AND m.user_id = ?)) "
	"FROM requests r LEFT JOIN circles c ON c.id = r.circle_id WHERE r.id = ?",
	/* STMT_CIRCLE_HAS_MEMBER: circle, user → a row when a member */
	"SELECT 1 FROM circle_members WHERE circle_id = ? AND user_id = ?",
};
