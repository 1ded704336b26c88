/*
 * stmts.c — every SQL statement of the requests handler, by enum stmt.
 * Only ? placeholders; prepared once per worker connection.
 *
 * The public lists come in eight fixed variants (near or newest first, with
 * or without category, with or without text) rather than one statement full
 * of "? IS NULL OR ...", so that each is a plain query the optimizer serves
 * from its index, and tests/api/requests_explain.test.mjs can EXPLAIN each.
 * Keyset paging needs no NULL case either: the first page starts after a
 * key that sorts before everything (distance -1, created_at in year 9999).
 */
#include "requests.h"
#include "db.h"
#include "near.h"

/* Public lists never select the sealed columns, nor the volunteer. */
#define PUBLIC_LIST_COLUMNS \
	"SELECT " REQUEST_COLUMNS_PUBLIC REQUEST_COLUMNS_NO_PRIVATE \
	REQUEST_COLUMNS_STATE "NULL, "

/* Only open, unexpired requests of active owners are public. */
#define PUBLIC_WHERE \
	"WHERE r.status = 'open' AND r.expires_at > NOW(3) AND u.status = 'active' " \
	"AND r.audience = 'public' "

/* Distances in whole metres: NEAR_DISTANCE_M (lib/near.h), computed on
 * the request's own point (it lies on its area's centroid). */
#define DISTANCE_M(t)	NEAR_DISTANCE_M(t)

#define AND_CATEGORY	"AND r.category_id = ? "
/* ?recurrence= (issue 17): any (0, NULL) or one (1, weekly/fortnightly/
 * monthly, or NULL for help asked once). A filter on the rows the list's
 * own index yields, not an index of its own: the near lists stop at their
 * rows examined as before, the newest-first lists read open requests
 * until the page is full. */
#define AND_RECURRENCE	"AND (? = 0 OR r.recurrence <=> ?) "
/* Boolean mode; the words come from list.c, each "+word*". */
#define AND_TEXT	"AND MATCH (r.title, r.description) AGAINST (? IN BOOLEAN MODE) "

/*
 * Radius search sorts on (distance, pc4, id): near first, then area by
 * area, then by id. lib/near.c reads the first area (the centre's, or the
 * cursor's) on its own, and goes on, if the page is not full, with the box
 * and, where the box holds too many requests for that, the walk (its list
 * of areas is lib's LSTMT_NEAR_AREAS); all give the same order. Their statements name their index: MariaDB's optimizer,
 * weighing the dozen indexes of requests by diving into each, took longer
 * (0.5-1 ms) than the queries themselves (0.3-0.5 ms, ANALYZE FORMAT=JSON).
 * Distances of requests are computed on r, not on the joined postcode: an
 * ORDER BY on the first table alone sorts without a temporary table (which
 * with the TEXT columns went to Aria: 1.3 ms against 0.6 ms for 40 rows).
 *
 * The box. Params: lat, lat, lon, pc4 (centre); lat min, lat max, lon min,
 * lon max (box); [category]; [text]; recurrence (any?, value); radius in
 * metres; after distance x2,
 * after pc4 x2, after id; limit; [rows examined at most]. The box runs on
 * requests_geo / requests_cat_geo (status, [category_id,] lat, lon); the
 * exact distance filters what it lets through, and every row in it is read
 * and sorted: cheap where the box holds few requests. Without text it
 * stops past a number of rows examined (DB_TOO_BIG; list.c walks the areas
 * instead); text search is always the box, on the FULLTEXT index.
 */
#define LIST_NEAR(hint, category, text, examined) \
	PUBLIC_LIST_COLUMNS DISTANCE_M("r") " AS dist_m" REQUEST_FROM_HINT(hint) \
	PUBLIC_WHERE "AND r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ? " \
	category text AND_RECURRENCE \
	"HAVING dist_m <= ? AND (dist_m > ? OR (dist_m = ? AND " \
	"(r.pc4 > ? OR (r.pc4 = ? AND r.id > ?)))) " \
	"ORDER BY dist_m, r.pc4, r.id LIMIT ?" examined

/* One area (requests_area / requests_cat_area: status, [category_id,] pc4,
 * id), reading only as many rows as the page still needs: the first area
 * of a page, and the walk. Params: lat, lat, lon, pc4 (centre); pc4 of the
 * area; [category]; recurrence (any?, value); after id; radius in metres;
 * limit. */
#define NEAR_AREA(index, category) \
	PUBLIC_LIST_COLUMNS DISTANCE_M("r") " AS dist_m" \
	REQUEST_FROM_HINT("FORCE INDEX (" index ") ") \
	PUBLIC_WHERE "AND r.pc4 = ? " category AND_RECURRENCE "AND r.id > ? " \
	"HAVING dist_m <= ? ORDER BY r.id LIMIT ?"

/* Params: [category]; [text]; recurrence (any?, value); after created_at,
 * after created_at, after id; limit. Newest first on requests_recent / requests_cat_recent
 * (status, [category_id,] created_at, id), or the FULLTEXT index. */
#define LIST_RECENT(category, text) \
	PUBLIC_LIST_COLUMNS "NULL" REQUEST_FROM PUBLIC_WHERE category text AND_RECURRENCE \
	"AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?)) " \
	"ORDER BY r.created_at DESC, r.id DESC LIMIT ?"

/* The alert targets a new public request fits: its category or any,
 * within the box of the largest radius an alert may have (a range on
 * alert_targets_geo), the owner's own left out, then the exact distance
 * against each alert's radius. Parameters: category; box lat min, max,
 * lon min, max; owner; centre lat, lat, lon. */
#define ALERTS_FIT \
	"t.category_id IN (?, '') AND t.lat BETWEEN ? AND ? AND t.lon BETWEEN ? AND ? " \
	"AND t.user_id <> ? AND 2 * 6371.0088 * ASIN(LEAST(1, SQRT(" \
	"POW(SIN(RADIANS(t.lat - ?) / 2), 2) + COS(RADIANS(?)) * COS(RADIANS(t.lat)) * " \
	"POW(SIN(RADIANS(t.lon - ?) / 2), 2)))) <= t.radius_km"

/* The id of the event of user_col for one new request: 22 characters of
 * base64url (as crypto_id_new) of SHA-256(salt, user id), the salt (one
 * parameter) a fresh crypto_id_new per request. Unguessable as a random
 * id, and STMT_ALERTS_MAIL finds the rows of this event by it, on the
 * primary key: in ascii_bin like the column, or the key cannot serve. */
#define ALERT_EVENT_ID(user_col) \
	"CONVERT(REPLACE(REPLACE(LEFT(TO_BASE64(UNHEX(SHA2(CONCAT(?, " user_col "), 256))), 22), " \
	"'+', '-'), '/', '_') USING ascii) COLLATE ascii_bin"

/*
 * The caseload of a professional (caseload.c, issue 18 part 4): the
 * requests they posted for someone else (consent recorded: on_behalf_of
 * with consent; the consent columns stay after a revocation, so a revoked
 * one stays on the list as done), each with its next step as a rank, 1
 * first (caseload.c names them). The inner query reads only the caller's
 * own rows, on requests_owner (owner_id, created_at, id), and each row's
 * matches on matches_request (request_id, status); the ranks are sorted
 * in a filesort of that one caseload (tests/api/caseload.test.mjs
 * EXPLAINs it). Params: quiet days; owner; status (NULL: any) x2; step
 * (0: any) x2; after step x2, after created x2, after id; limit.
 */
#define CASELOAD_OPEN \
	"(r.status = 'open' AND r.expires_at > NOW(3))"
#define CASELOAD_WAITING \
	"(SELECT COUNT(*) FROM matches m FORCE INDEX (matches_request) " \
	"WHERE m.request_id = r.id AND m.status = 'responded')"
#define CASELOAD \
	"SELECT c.* FROM (SELECT r.id, r.title, r.category_id, r.on_behalf_of, " \
	"r.consent_how, r.consent_revoked_at IS NOT NULL AS revoked, " \
	REQUEST_EFFECTIVE_STATUS " AS status, " \
	DB_RFC3339("r.when_start") " AS when_start, " DB_RFC3339("r.when_end") " AS when_end, " \
	"r.recurrence, " DB_RFC3339("r.created_at") " AS created, " \
	"DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s.%f') AS created_key, " \
	CASELOAD_WAITING " AS waiting, " \
	"(SELECT m.id FROM matches m FORCE INDEX (matches_request) WHERE m.request_id = r.id " \
	"AND m.status IN ('accepted', 'completed') LIMIT 1) AS match_id, " \
	"TIMESTAMPDIFF(DAY, r.created_at, NOW(3)) AS days, " \
	"CASE WHEN r.consent_revoked_at IS NOT NULL THEN 9 " \
	"WHEN " CASELOAD_OPEN " AND " CASELOAD_WAITING " > 0 THEN 1 " \
	"WHEN r.status = 'matched' AND r.when_end IS NOT NULL AND r.when_end <= NOW() THEN 3 " \
	"WHEN r.status = 'matched' THEN 2 " \
	"WHEN " CASELOAD_OPEN " AND r.created_at <= NOW(3) - INTERVAL ? DAY THEN 4 " \
	"WHEN r.status IN ('rejected', 'hidden') THEN 5 " \
	"WHEN r.status = 'expired' OR r.status = 'open' AND r.expires_at <= NOW(3) THEN 6 " \
	"WHEN r.status = 'open' THEN 7 " \
	"WHEN r.status = 'pending' THEN 8 " \
	"WHEN r.status = 'completed' THEN 10 " \
	"ELSE 11 END AS step, r.created_at " \
	"FROM requests r FORCE INDEX (requests_owner) " \
	"WHERE r.owner_id = ? AND r.consent_how IS NOT NULL) c " \
	"WHERE (? IS NULL OR c.status = ?) AND (? = 0 OR c.step = ?) " \
	"AND (c.step > ? OR (c.step = ? AND (c.created_at > ? OR " \
	"(c.created_at = ? AND c.id > ?)))) " \
	"ORDER BY c.step, c.created_at, c.id LIMIT ?"

const char *const requests_stmts[STMT__MAX] = {
	/* STMT_CATEGORY_GET: id → active */
	"SELECT active FROM categories WHERE id = ?",
	/* STMT_REQUEST_INSERT: id, owner, posted_as, title, description,
	 * category, pc4, lat, lon, when start, when end, on_behalf_of,
	 * care_situation_ct, address_ct, phone_ct, status, expiry days */
	"INSERT INTO requests (id, owner_id, posted_as, title, description, "
	"category_id, pc4, lat, lon, when_start, when_end, on_behalf_of, "
	"care_situation_ct, address_ct, phone_ct, status, response_count, "
	"created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	"?, ?, ?, ?, ?, ?, 0, NOW(3), NOW(3), NOW(3) + INTERVAL ? DAY)",
	/* STMT_REQUEST_GET: id → everything, with the accepted volunteer */
	"SELECT " REQUEST_COLUMNS_PUBLIC REQUEST_COLUMNS_PRIVATE REQUEST_COLUMNS_STATE
	REQUEST_COLUMN_VOLUNTEER ", NULL" REQUEST_FROM "WHERE r.id = ?",
	/* STMT_REQUEST_UPDATE: title, description, category, pc4, lat, lon
	 * (NULL keeps each); change when?, start, change when?, end; change
	 * on_behalf_of?, on_behalf_of; posted_as (NULL keeps); change care?,
	 * care_situation_ct; change address?, address_ct; change phone?,
	 * phone_ct; new status; id; the stored status it was read in (a
	 * concurrent change makes this touch no row). */
	"UPDATE requests SET title = COALESCE(?, title), "
	"description = COALESCE(?, description), category_id = COALESCE(?, category_id), "
	"pc4 = COALESCE(?, pc4), lat = COALESCE(?, lat), lon = COALESCE(?, lon), "
	"when_start = IF(?, ?, when_start), when_end = IF(?, ?, when_end), "
	"on_behalf_of = IF(?, ?, on_behalf_of), posted_as = COALESCE(?, posted_as), "
	"care_situation_ct = IF(?, ?, care_situation_ct), "
	"address_ct = IF(?, ?, address_ct), phone_ct = IF(?, ?, phone_ct), "
	"status = ?, updated_at = NOW(3) WHERE id = ? AND status = ?",
	/* STMT_REQUEST_CANCEL: id */
	"UPDATE requests SET status = 'cancelled', closed_at = NOW(3), "
	"updated_at = NOW(3) WHERE id = ? "
	"AND status IN ('pending', 'open', 'matched', 'expired')",
	/* STMT_MATCHES_CLOSE: request id. A cancelled request takes its
	 * matches with it: the accepted one is cancelled (the volunteer stops
	 * seeing the private part), waiting ones are declined. cancel_reason is
	 * set before status, as MariaDB assigns left to right. */
	"UPDATE matches SET cancel_reason = IF(status = 'accepted', "
	"'De hulpvraag is ingetrokken.', cancel_reason), "
	"status = IF(status = 'accepted', 'cancelled', 'declined'), updated_at = NOW(3) "
	"WHERE request_id = ? AND status IN ('responded', 'invited', 'accepted')",
	/* STMT_REQUEST_REVIEW: new status, decision, reason, new status, new
	 * status, expiry days, id, the stored status it was read in. An
	 * approved request is open for at least the expiry period from now. */
	"UPDATE requests SET status = ?, moderation_decision = ?, "
	"moderation_reason = ?, closed_at = IF(? IN ('open', 'matched'), NULL, NOW(3)), "
	"expires_at = IF(? = 'open', GREATEST(expires_at, NOW(3) + INTERVAL ? DAY), "
	"expires_at), updated_at = NOW(3) WHERE id = ? AND status = ?",
	/* STMT_ACCEPTED_MATCH: request id → statuses of its accepted or
	 * completed matches (what an unhidden request returns to) */
	"SELECT status FROM matches WHERE request_id = ? "
	"AND status IN ('accepted', 'completed')",
	/* STMT_MODERATION_INSERT: moderator, request id, action, reason */
	"INSERT INTO moderation_actions (at, moderator_id, target_type, target_id, "
	"action, reason) VALUES (NOW(3), ?, 'request', ?, ?, ?)",
	/* STMT_LIST_NEAR */
	LIST_NEAR("FORCE INDEX (requests_geo) ", "", "", " ROWS EXAMINED ?"),
	/* STMT_LIST_NEAR_CAT */
	LIST_NEAR("FORCE INDEX (requests_cat_geo) ", AND_CATEGORY, "", " ROWS EXAMINED ?"),
	/* STMT_LIST_NEAR_Q */
	LIST_NEAR("", "", AND_TEXT, ""),
	/* STMT_LIST_NEAR_CAT_Q */
	LIST_NEAR("", AND_CATEGORY, AND_TEXT, ""),
	/* STMT_NEAR_AREA */
	NEAR_AREA("requests_area", ""),
	/* STMT_NEAR_AREA_CAT */
	NEAR_AREA("requests_cat_area", AND_CATEGORY),
	/* STMT_LIST_RECENT */
	LIST_RECENT("", ""),
	/* STMT_LIST_RECENT_CAT */
	LIST_RECENT(AND_CATEGORY, ""),
	/* STMT_LIST_RECENT_Q */
	LIST_RECENT("", AND_TEXT),
	/* STMT_LIST_RECENT_CAT_Q */
	LIST_RECENT(AND_CATEGORY, AND_TEXT),
	/* STMT_LIST_OWN: owner, status (NULL: any), status, after created_at,
	 * after created_at, after id, limit. Newest first on requests_owner
	 * (owner_id, created_at, id); the status filter reads only the
	 * owner's own rows. */
	"SELECT " REQUEST_COLUMNS_PUBLIC REQUEST_COLUMNS_PRIVATE REQUEST_COLUMNS_STATE
	"NULL, NULL" REQUEST_FROM "WHERE r.owner_id = ? "
	"AND (? IS NULL OR " REQUEST_EFFECTIVE_STATUS " = ?) "
	"AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?)) "
	"ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
	/* STMT_EXPIRE_SWEEP: at most n rows. Reads show a passed request as
	 * expired anyway; storing it keeps the public indexes free of dead
	 * rows and lets `burenhulpctl purge` find it (requests_expiry). */
	"UPDATE requests SET status = 'expired', closed_at = expires_at, "
	"updated_at = NOW(3) WHERE status = 'open' AND expires_at <= NOW(3) "
	"ORDER BY expires_at LIMIT ?",
	/* STMT_ALERTS_NOTIFY: event salt, link, title, once key; then
	 * ALERTS_FIT's (category; box lat min, max, lon min, max; owner;
	 * centre lat, lat, lon). One alert.request event per active user with
	 * a fitting alert, written by MariaDB in one statement (public.c):
	 * the first of a user's fitting alerts by id, its frequency unless
	 * the user turned the kind off; a user told of this request before
	 * (once key: notifications_once) is left alone. IGNORE, not ON
	 * DUPLICATE KEY UPDATE, which would need bh_requests to hold UPDATE
	 * on every column; the values are the database's own, so a duplicate
	 * key is the one thing it can pass over. */
	"INSERT IGNORE INTO notifications (id, user_id, kind, link, arg, once_key, alert_id, "
	"email, created_at) "
	"SELECT " ALERT_EVENT_ID("t.user_id") ", t.user_id, 'alert.request', ?, ?, ?, "
	"t.alert_id, IF(s.email = 'off', 'off', t.frequency), NOW(3) "
	"FROM alert_targets t FORCE INDEX (alert_targets_geo) "
	"JOIN users u ON u.id = t.user_id AND u.status = 'active' "
	"LEFT JOIN notification_settings s ON s.user_id = t.user_id "
	"AND s.kind = 'alert.request' "
	"WHERE " ALERTS_FIT " ORDER BY t.user_id, t.alert_id",
	/* STMT_ALERTS_MAIL: event salt; then ALERTS_FIT's. The mail of each
	 * instant event STMT_ALERTS_NOTIFY just wrote: its ids are made of
	 * this event's salt, so only those rows join, one primary-key read
	 * each (named: on a small table the optimizer would rather read all
	 * instant events on notifications_daily per target). */
	"INSERT INTO outbox (user_id, kind, notification_id, state, due_at, created_at) "
	"SELECT DISTINCT n.user_id, 'alert.request', n.id, 'queued', NOW(3), NOW(3) "
	"FROM alert_targets t FORCE INDEX (alert_targets_geo) "
	"JOIN notifications n FORCE INDEX (PRIMARY) ON n.id = " ALERT_EVENT_ID("t.user_id") " "
	"WHERE " ALERTS_FIT " AND n.email = 'instant'",
	/* STMT_REQUEST_SET_RECURRENCE: recurrence (NULL: once), id */
	"UPDATE requests SET recurrence = ? WHERE id = ?",
	/* STMT_REQUEST_SET_LANG: lang (NULL: the poster's locale), id */
	"UPDATE requests r JOIN users u ON u.id = r.owner_id "
	"SET r.lang = COALESCE(?, u.locale) WHERE r.id = ?",

	/* STMT_CARE_SET: set consent?, how; set consent?, how; set consent?,
	 * recorded by (NULL with no how); needs_vog (NULL keeps); id. */
	"UPDATE requests SET consent_how = IF(?, ?, consent_how), "
	"consent_recorded_at = IF(?, IF(? IS NULL, NULL, NOW(3)), consent_recorded_at), "
	"consent_recorded_by = IF(?, ?, consent_recorded_by), "
	"needs_vog = COALESCE(?, needs_vog) WHERE id = ?",
	/* STMT_CONSENT_REVOKE: id. Withdrawn and its private part destroyed
	 * at once; a completed (or moderated) request keeps its status. The
	 * consent columns stay as the record of what was agreed and revoked. */
	"UPDATE requests SET status = IF(status IN ('pending', 'open', 'matched', 'expired'), "
	"'cancelled', status), closed_at = COALESCE(closed_at, NOW(3)), "
	"care_situation_ct = NULL, address_ct = NULL, phone_ct = NULL, on_behalf_of = NULL, "
	"consent_revoked_at = NOW(3), updated_at = NOW(3) "
	"WHERE id = ? AND consent_how IS NOT NULL AND consent_revoked_at IS NULL",
	/* STMT_CONSENT_MATCHES_LIVE: request id → match id, volunteer id of
	 * its live matches (to be told). */
	"SELECT id, volunteer_id FROM matches WHERE request_id = ? "
	"AND status IN ('responded', 'invited', 'accepted')",
	/* STMT_CONSENT_MATCHES_CANCEL: request id. */
	"UPDATE matches SET cancel_reason = 'De toestemming voor deze hulpvraag is ingetrokken.', "
	"status = 'cancelled', updated_at = NOW(3) "
	"WHERE request_id = ? AND status IN ('responded', 'invited', 'accepted')",

	/* STMT_CASELOAD: see CASELOAD above. */
	CASELOAD,
	/* STMT_LETTER_MATCH: request id → match id, status, accepted at,
	 * the volunteer's display name: the accepted (or completed) match of
	 * the request, newest first. */
	"SELECT m.id, m.status, " DB_RFC3339("m.accepted_at") ", u.display_name "
	"FROM matches m FORCE INDEX (matches_request) JOIN users u ON u.id = m.volunteer_id "
	"WHERE m.request_id = ? AND m.status IN ('accepted', 'completed') "
	"ORDER BY m.accepted_at DESC LIMIT 1",
	/* ---- circles.c (issue 18 part 3) ---- */
	/* STMT_CIRCLE_INSERT: id, owner, first name */
	"INSERT INTO circles (id, owner_id, first_name, created_at) VALUES (?, ?, ?, NOW(3))",
	/* STMT_CIRCLE_GET: me, id → id, owner, owner's name, first name,
	 * created_at, the caller is a member */
	"SELECT c.id, c.owner_id, u.display_name, c.first_name, " DB_RFC3339("c.created_at") ", "
	"EXISTS (SELECT 1 FROM circle_members m WHERE m.circle_id = c.id AND m.user_id = ?) "
	"FROM circles c JOIN users u ON u.id = c.owner_id WHERE c.id = ?",
	/* STMT_CIRCLES_MINE: me, me, me → as STMT_CIRCLE_GET; the circles
	 * the caller owns or is in, newest first (circles_owner,
	 * circle_members_user). */
	"SELECT c.id, c.owner_id, u.display_name, c.first_name, " DB_RFC3339("c.created_at") ", "
	"EXISTS (SELECT 1 FROM circle_members m WHERE m.circle_id = c.id AND m.user_id = ?) "
	"FROM circles c JOIN users u ON u.id = c.owner_id "
	"WHERE c.owner_id = ? OR c.id IN (SELECT circle_id FROM circle_members WHERE user_id = ?) "
	"ORDER BY c.created_at DESC, c.id DESC LIMIT 100",
	/* STMT_CIRCLE_MEMBERS: circle → user id, display name, joined */
	"SELECT m.user_id, u.display_name, " DB_RFC3339("m.created_at") " "
	"FROM circle_members m JOIN users u ON u.id = m.user_id "
	"WHERE m.circle_id = ? AND u.status = 'active' ORDER BY m.created_at, m.user_id LIMIT 500",
	/* STMT_CIRCLE_INVITATIONS: circle → id, sealed address, created,
	 * expires of the invitations still waiting */
	"SELECT id, email_ct, " DB_RFC3339("created_at") ", " DB_RFC3339("expires_at") " "
	"FROM circle_invitations WHERE circle_id = ? AND accepted_at IS NULL "
	"AND revoked_at IS NULL AND expires_at > NOW(3) ORDER BY created_at, id LIMIT 500",
	/* STMT_CIRCLE_AGENDA: circle → id, title, effective status, audience,
	 * when start, when end, created, circle_until of the circle's open
	 * and accepted requests (requests_circle) */
	"SELECT r.id, r.title, " REQUEST_EFFECTIVE_STATUS ", r.audience, "
	DB_RFC3339("r.when_start") ", " DB_RFC3339("r.when_end") ", "
	DB_RFC3339("r.created_at") ", " DB_RFC3339("r.circle_until") ", r.owner_id "
	"FROM requests r WHERE r.circle_id = ? AND r.status IN ('pending', 'open', 'matched') "
	"ORDER BY COALESCE(r.when_start, r.created_at), r.id LIMIT 200",
	/* STMT_INVITATION_INSERT: id, circle, sealed address, token hash,
	 * invited by, days valid */
	"INSERT INTO circle_invitations (id, circle_id, email_ct, token_hash, invited_by, "
	"created_at, expires_at) VALUES (?, ?, ?, ?, ?, NOW(3), NOW(3) + INTERVAL ? DAY)",
	/* STMT_INVITATION_BY_TOKEN: token hash → id, circle, still valid,
	 * accepted_by, revoked, the circle's owner (locked) */
	"SELECT i.id, i.circle_id, i.expires_at > NOW(3), i.accepted_by, "
	"i.revoked_at IS NOT NULL, c.owner_id, i.accepted_at IS NOT NULL "
	"FROM circle_invitations i JOIN circles c ON c.id = i.circle_id "
	"WHERE i.token_hash = ? FOR UPDATE",
	/* STMT_INVITATION_ACCEPT: accepted by, id (once) */
	"UPDATE circle_invitations SET accepted_at = NOW(3), accepted_by = ?, email_ct = NULL "
	"WHERE id = ? AND accepted_at IS NULL",
	/* STMT_INVITATION_REVOKE: id, circle. The address goes with it. */
	"UPDATE circle_invitations SET revoked_at = COALESCE(revoked_at, NOW(3)), email_ct = NULL "
	"WHERE id = ? AND circle_id = ? AND accepted_at IS NULL",
	/* STMT_MEMBER_INSERT: circle, user, invitation */
	"INSERT IGNORE INTO circle_members (circle_id, user_id, invitation_id, created_at) "
	"VALUES (?, ?, ?, NOW(3))",
	/* STMT_MEMBER_DELETE: circle, user */
	"DELETE FROM circle_members WHERE circle_id = ? AND user_id = ?",
	/* STMT_OUTBOX_INVITATION: the inviting owner (whose row it is), the
	 * sealed address (outbox.to), the sealed "token=..." (outbox.body).
	 * The mailer words it in the owner's language (mailer/render.c). */
	"INSERT INTO outbox (user_id, kind, to_ct, body_ct, state, due_at, created_at) "
	"VALUES (?, 'circle.invitation', ?, ?, 'queued', NOW(3), NOW(3))",
	/* STMT_REQUEST_CIRCLE: me, me, request → audience, circle id,
	 * circle_until, the caller is the circle's owner or a member */
	"SELECT r.audience, r.circle_id, " DB_RFC3339("r.circle_until") ", "
	"(c.owner_id = ? OR EXISTS (SELECT 1 FROM circle_members m "
	"WHERE m.circle_id = r.circle_id AND m.user_id = ?)) "
	"FROM requests r LEFT JOIN circles c ON c.id = r.circle_id WHERE r.id = ?",
	/* STMT_REQUEST_SET_CIRCLE: circle, circle_until, id */
	"UPDATE requests SET audience = 'circle', circle_id = ?, circle_until = ? WHERE id = ?",
	/* STMT_REQUEST_PUBLISH: new status, id. To everyone after all: the
	 * circle keeps it on its agenda (circle_id stays). */
	"UPDATE requests SET audience = 'public', status = ?, updated_at = NOW(3) "
	"WHERE id = ? AND audience = 'circle' AND status = 'open'",
};
