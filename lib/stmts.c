/*
 * stmts.c — the SQL of lib's own statements, by enum lib_stmt.
 */
#include "near.h"
#include "stmts.h"
#include "vog.h"

const char *const lib_stmts[LSTMT__MAX] = {
	/* LSTMT_SESSION_GET: a live session of an active user; whether the
	 * account has confirmed TOTP (struct principal.mfa). */
	"SELECT u.id, u.roles, TIMESTAMPDIFF(SECOND, s.last_seen_at, NOW(3)), u.email_verified, "
	"m.confirmed_at IS NOT NULL "
	"FROM sessions s JOIN users u ON u.id = s.user_id "
	"LEFT JOIN mfa_totp m ON m.user_id = u.id "
	"WHERE s.token_hash = ? AND s.expires_at > NOW(3) AND u.status = 'active'",
	/* LSTMT_SESSION_TOUCH */
	"UPDATE sessions SET last_seen_at = NOW(3) WHERE token_hash = ?",
	/* LSTMT_SESSION_INSERT: token hash, user id, lifetime in seconds. */
	"INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
	"VALUES (?, ?, NOW(3), NOW(3), NOW(3) + INTERVAL ? SECOND)",
	/* LSTMT_SESSION_DELETE */
	"DELETE FROM sessions WHERE token_hash = ?",
	/* LSTMT_SESSIONS_DELETE_USER */
	"DELETE FROM sessions WHERE user_id = ?",
	/* LSTMT_SESSIONS_DELETE_OTHERS: user id, the session to keep. */
	"DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
	/* LSTMT_AUDIT_INSERT: actor, address, action, target type, target id,
	 * detail. */
	"INSERT INTO audit_log (at, actor_id, address, action, target_type, target_id, detail) "
	"VALUES (NOW(3), ?, ?, ?, ?, ?, ?)",
	/* LSTMT_POSTCODE_GET */
	"SELECT pc4, place, municipality, lat, lon FROM postcodes WHERE pc4 = ?",
	/* LSTMT_NEAR_AREAS: lat, lat, lon, pc4 (centre); lat min, lat max, lon
	 * min, lon max; radius in metres; from distance x2, from pc4; limit →
	 * pc4, distance in metres. The postcode areas within the radius from
	 * (and including) an area on, nearest first (postcodes_lat_lon; near.c). */
	"SELECT p.pc4, " NEAR_DISTANCE_M("p") " AS dist_m FROM postcodes p "
	"WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ? "
	"HAVING dist_m <= ? AND (dist_m > ? OR (dist_m = ? AND p.pc4 >= ?)) "
	"ORDER BY dist_m, p.pc4 LIMIT ?",
	/* LSTMT_NOTIFY_RECIPIENT: kind, user id → status, the user's e-mail
	 * setting for the kind (NULL: the default). */
	"SELECT u.status, s.email FROM users u "
	"LEFT JOIN notification_settings s ON s.user_id = u.id AND s.kind = ? "
	"WHERE u.id = ?",
	/* LSTMT_NOTIFY_BUMP: arg, user id, group key: the unread row of the
	 * group stands for one more event (notifications_group). */
	"UPDATE notifications SET bundled = bundled + 1, created_at = NOW(3), arg = ? "
	"WHERE user_id = ? AND group_key = ? AND read_at IS NULL",
	/* LSTMT_NOTIFY_INSERT: id, user id, kind, link, arg, group key, once
	 * key, alert id, e-mail frequency. */
	"INSERT INTO notifications (id, user_id, kind, link, arg, group_key, once_key, "
	"alert_id, email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))",
	/* LSTMT_OUTBOX_NOTIFY: user id, kind, notification id. */
	"INSERT INTO outbox (user_id, kind, notification_id, state, due_at, created_at) "
	"VALUES (?, ?, ?, 'queued', NOW(3), NOW(3))",
	/* LSTMT_OUTBOX_ACCOUNT: user id, kind, sealed "token=..." body. */
	"INSERT INTO outbox (user_id, kind, body_ct, state, due_at, created_at) "
	"VALUES (?, ?, ?, 'queued', NOW(3), NOW(3))",
	/* LSTMT_SUPPORT_NEAR: lat, lat, lon (distance); lat min, lat max, lon
	 * min, lon max (the box on organisations_geo); radius in metres; up
	 * to three category ids (NULL: none); limit. Organisations of those
	 * categories nearest first (support.c). */
	"SELECT o.id, o.name, o.description, o.pc4, p.place, p.municipality, "
	"o.website, o.phone, o.email, " DB_RFC3339("o.created_at") ", "
	DB_RFC3339("o.updated_at") ", "
	"(SELECT GROUP_CONCAT(oc.category_id ORDER BY oc.category_id) "
	"FROM organisation_categories oc WHERE oc.organisation_id = o.id), o.dist_m "
	"FROM (SELECT b.*, ROUND(1000 * 2 * 6371.0088 * ASIN(LEAST(1, SQRT("
	"POW(SIN(RADIANS(b.lat - ?) / 2), 2) + COS(RADIANS(?)) * "
	"COS(RADIANS(b.lat)) * POW(SIN(RADIANS(b.lon - ?) / 2), 2))))) AS dist_m "
	"FROM organisations b WHERE b.active = 1 "
	"AND b.lat BETWEEN ? AND ? AND b.lon BETWEEN ? AND ?) o "
	"JOIN postcodes p ON p.pc4 = o.pc4 "
	"WHERE o.dist_m <= ? AND EXISTS (SELECT 1 FROM organisation_categories f "
	"WHERE f.organisation_id = o.id AND f.category_id IN (?, ?, ?)) "
	"ORDER BY o.dist_m, o.id LIMIT ?",
	/* LSTMT_VOG_REQUEST_NEEDS: request id → 1 when it needs a VOG. */
	"SELECT " VOG_REQUEST_NEEDS("r") " FROM requests r WHERE r.id = ?",
	/* LSTMT_VOG_USER_OK: user id → 1 with a verified, unexpired VOG. */
	"SELECT " VOG_USER_OK("?"),
};
