/*
 * stmts.c — every statement burenhulpctl runs with values, by enum
 * ctl_stmt. Only ? placeholders; the SQL files it runs (migrations, grants,
 * demo data) are the project's own and live in sql/.
 */
#include "ctl.h"

const char *const ctl_stmts[STMT__MAX] = {
	/* STMT_MIGRATIONS_CREATE: one row per applied sql/migrations file. */
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INT UNSIGNED NOT NULL PRIMARY KEY,"
	" name VARCHAR(200) NOT NULL,"
	" checksum CHAR(64) CHARACTER SET ascii NOT NULL,"
	" applied_at DATETIME(3) NOT NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
	/* STMT_MIGRATIONS_LIST */
	"SELECT version, name, checksum FROM schema_migrations ORDER BY version",
	/* STMT_MIGRATION_RECORD: version, file name, SHA-256 of the file. */
	"INSERT INTO schema_migrations (version, name, checksum, applied_at) "
	"VALUES (?, ?, ?, NOW(3))",
	/* STMT_USER_BY_BIDX: e-mail blind index. */
	"SELECT id FROM users WHERE email_bidx = ?",
	/* STMT_USER_INSERT: id, e-mail ciphertext, blind index, name, pc4, roles.
	 * The operator vouches for the address (API.md: verified). */
	"INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, "
	"locale, status, email_verified, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, 'nl', 'active', 1, NOW(3), NOW(3))",
	/* STMT_CREDENTIAL_INSERT: user id, Argon2id hash string. */
	"INSERT INTO credentials (user_id, password_hash, changed_at) "
	"VALUES (?, ?, NOW(3))",
	/* STMT_POSTCODE_UPSERT: pc4, place, municipality, lat, lon. */
	"INSERT INTO postcodes (pc4, place, municipality, lat, lon) "
	"VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE place = VALUES(place), "
	"municipality = VALUES(municipality), lat = VALUES(lat), lon = VALUES(lon)",
	/* STMT_POSTCODE_UPSERT_KEEP_MUNICIPALITY: the same for a file without a
	 * municipality column: a new row takes the place name, a known row
	 * keeps the municipality it has (set by demo data or an earlier file). */
	"INSERT INTO postcodes (pc4, place, municipality, lat, lon) "
	"VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE place = VALUES(place), "
	"lat = VALUES(lat), lon = VALUES(lon)",
	/* STMT_AREA_MOVE_REQUESTS, STMT_AREA_MOVE_OFFERS: lat, lon, pc4, lat,
	 * lon. A request and an offer lie on their area's centroid (radius
	 * search and suggestions walk the areas and rely on it), so when an
	 * import moves a centroid they move along (requests_pc4, offers_pc4). */
	"UPDATE requests SET lat = ?, lon = ? WHERE pc4 = ? AND (lat <> ? OR lon <> ?)",
	"UPDATE offers SET lat = ?, lon = ? WHERE pc4 = ? AND (lat <> ? OR lon <> ?)",
	/* STMT_POSTCODE_EXISTS: pc4. */
	"SELECT 1 FROM postcodes WHERE pc4 = ?",
	/* STMT_PURGE_REQUEST_PRIVATE: retention in days. The private part of a
	 * request that closed longer ago than that is destroyed. */
	"UPDATE requests SET care_situation_ct = NULL, address_ct = NULL, "
	"phone_ct = NULL WHERE status IN "
	"('completed','cancelled','rejected','hidden','expired') "
	"AND COALESCE(closed_at, updated_at) < NOW(3) - INTERVAL ? DAY "
	"AND (care_situation_ct IS NOT NULL OR address_ct IS NOT NULL "
	"OR phone_ct IS NOT NULL)",
	/* STMT_PURGE_MESSAGES: retention in days; messages about a request that
	 * closed longer ago. */
	"DELETE m FROM messages m JOIN matches x ON x.id = m.match_id "
	"JOIN requests r ON r.id = x.request_id WHERE r.status IN "
	"('completed','cancelled','rejected','hidden','expired') "
	"AND COALESCE(r.closed_at, r.updated_at) < NOW(3) - INTERVAL ? DAY",
	/* STMT_PURGE_SESSIONS */
	"DELETE FROM sessions WHERE expires_at < NOW(3)",
	/* STMT_PURGE_LOGIN_ATTEMPTS: older than any throttling window. */
	"DELETE FROM login_attempts WHERE at < NOW(3) - INTERVAL 1 DAY",
	/* STMT_PURGE_PASSWORD_RESETS */
	"DELETE FROM password_resets WHERE expires_at < NOW(3)",
	/* STMT_PURGE_OUTBOX: retention in days; sent or not, old mail goes. */
	"DELETE FROM outbox WHERE created_at < NOW(3) - INTERVAL ? DAY",
	/* STMT_PURGE_CHECKIN_NOTES: retention in days. The parties' notes of
	 * check-ins (sealed, read only by moderators) older than that; the
	 * answers stay. A check-in is answered on a match going on, so a note
	 * about a request that closed that long ago is older still
	 * (checkins_created, migration 097). */
	"UPDATE checkins SET note_ct = NULL WHERE created_at < NOW(3) - INTERVAL ? DAY "
	"AND note_ct IS NOT NULL",
	/* STMT_PURGE_COORDINATOR_NOTES: retention in days. The moderators' own
	 * note on a match whose request closed longer ago. */
	"UPDATE checkin_state s JOIN matches m ON m.id = s.match_id "
	"JOIN requests r ON r.id = m.request_id SET s.note = NULL, s.note_by = NULL, "
	"s.note_at = NULL WHERE s.note IS NOT NULL AND r.status IN "
	"('completed','cancelled','rejected','hidden','expired') "
	"AND COALESCE(r.closed_at, r.updated_at) < NOW(3) - INTERVAL ? DAY",
	/* STMT_PURGE_VACANCY_MESSAGES: retention in days; the conversations
	 * of responses to a vacancy that closed (or a moderator took down)
	 * longer ago (issue 18 part 2). The responses stay: that someone
	 * responded is counted in the figures; what was said goes. */
	"DELETE m FROM vacancy_messages m JOIN vacancy_responses r ON r.id = m.response_id "
	"JOIN vacancies v ON v.id = r.vacancy_id WHERE v.status IN ('closed','rejected','hidden') "
	"AND v.updated_at < NOW(3) - INTERVAL ? DAY",
	/* STMT_ROTATE_*_GET: the last id seen (keyset); a page of (id, the row
	 * id the value is bound to, sealed value). Outbox mail is bound to its
	 * user, everything else to its own row.
	 * STMT_ROTATE_*_SET: new ciphertext, id, the ciphertext read (so that a
	 * value changed meanwhile is left alone). */
	/* STMT_ROTATE_USERS_EMAIL_GET. An erased account's email_ct is ''
	 * (STMT_USER_ERASE): nothing sealed, nothing to reseal. */
	"SELECT id, id, email_ct FROM users WHERE email_ct IS NOT NULL AND email_ct <> '' AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_USERS_EMAIL_SET */
	"UPDATE users SET email_ct = ? WHERE id = ? AND email_ct = ?",
	/* STMT_ROTATE_USERS_PHONE_GET */
	"SELECT id, id, phone_ct FROM users WHERE phone_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_USERS_PHONE_SET */
	"UPDATE users SET phone_ct = ? WHERE id = ? AND phone_ct = ?",
	/* STMT_ROTATE_REQUESTS_CARE_GET */
	"SELECT id, id, care_situation_ct FROM requests WHERE care_situation_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_REQUESTS_CARE_SET */
	"UPDATE requests SET care_situation_ct = ? WHERE id = ? AND care_situation_ct = ?",
	/* STMT_ROTATE_REQUESTS_ADDRESS_GET */
	"SELECT id, id, address_ct FROM requests WHERE address_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_REQUESTS_ADDRESS_SET */
	"UPDATE requests SET address_ct = ? WHERE id = ? AND address_ct = ?",
	/* STMT_ROTATE_REQUESTS_PHONE_GET */
	"SELECT id, id, phone_ct FROM requests WHERE phone_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_REQUESTS_PHONE_SET */
	"UPDATE requests SET phone_ct = ? WHERE id = ? AND phone_ct = ?",
	/* STMT_ROTATE_MESSAGES_BODY_GET */
	"SELECT id, id, body_ct FROM messages WHERE body_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_MESSAGES_BODY_SET */
	"UPDATE messages SET body_ct = ? WHERE id = ? AND body_ct = ?",
	/* STMT_ROTATE_OUTBOX_TO_GET */
	"SELECT id, user_id, to_ct FROM outbox WHERE to_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_OUTBOX_TO_SET */
	"UPDATE outbox SET to_ct = ? WHERE id = ? AND to_ct = ?",
	/* STMT_ROTATE_OUTBOX_BODY_GET */
	"SELECT id, user_id, body_ct FROM outbox WHERE body_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_OUTBOX_BODY_SET */
	"UPDATE outbox SET body_ct = ? WHERE id = ? AND body_ct = ?",
	/* STMT_ROTATE_MFA_SECRET_GET: the TOTP secret, bound to its user
	 * (migration 062). A reseal between enrolment and confirmation makes
	 * the confirmation fail once (it compares secret_ct); the user asks
	 * for a new code. */
	"SELECT user_id, user_id, secret_ct FROM mfa_totp WHERE user_id > ? "
	"ORDER BY user_id LIMIT 500",
	/* STMT_ROTATE_MFA_SECRET_SET */
	"UPDATE mfa_totp SET secret_ct = ? WHERE user_id = ? AND secret_ct = ?",
	/* STMT_ROTATE_CGC_RESULT_GET: a caregiver check, bound to its id (082) */
	"SELECT id, id, result_ct FROM caregiver_checks WHERE id > ? ORDER BY id LIMIT 500",
	/* STMT_ROTATE_CGC_RESULT_SET */
	"UPDATE caregiver_checks SET result_ct = ? WHERE id = ? AND result_ct = ?",
	/* STMT_ROTATE_CHECKINS_NOTE_GET: a check-in's note, bound to its id (082) */
	"SELECT id, id, note_ct FROM checkins WHERE note_ct IS NOT NULL AND id > ? "
	"ORDER BY id LIMIT 500",
	/* STMT_ROTATE_CHECKINS_NOTE_SET */
	"UPDATE checkins SET note_ct = ? WHERE id = ? AND note_ct = ?",
	/* STMT_ROTATE_VOG_NOTE_GET: a VOG's note, bound to its user (081) */
	"SELECT user_id, user_id, note_ct FROM users_vog WHERE note_ct IS NOT NULL "
	"AND user_id > ? ORDER BY user_id LIMIT 500",
	/* STMT_ROTATE_VOG_NOTE_SET */
	"UPDATE users_vog SET note_ct = ? WHERE user_id = ? AND note_ct = ?",
	/* STMT_ROTATE_VACANCY_MESSAGES_BODY_GET: a message of a response to a
	 * vacancy, bound to its own id (103) */
	"SELECT id, id, body_ct FROM vacancy_messages WHERE id > ? ORDER BY id LIMIT 500",
	/* STMT_ROTATE_VACANCY_MESSAGES_BODY_SET */
	"UPDATE vacancy_messages SET body_ct = ? WHERE id = ? AND body_ct = ?",
	/* STMT_ROTATE_CIRCLE_EMAIL_GET: an invitation's address, bound to its
	 * id (105) */
	"SELECT id, id, email_ct FROM circle_invitations WHERE email_ct IS NOT NULL "
	"AND id > ? ORDER BY id LIMIT 500",
	/* STMT_ROTATE_CIRCLE_EMAIL_SET */
	"UPDATE circle_invitations SET email_ct = ? WHERE id = ? AND email_ct = ?",
	/* STMT_OUTBOX_LAST_RESET: user id, kind; the newest account mail of
	 * that kind to them (outbox_user). */
	"SELECT user_id, body_ct FROM outbox WHERE user_id = ? "
	"AND kind = ? ORDER BY id DESC LIMIT 1",
	/* STMT_AUDIT_CURSOR_INIT: cursor name. A new cursor starts before the
	 * first audit row (audit_export_cursor, migration 093). */
	"INSERT IGNORE INTO audit_export_cursor (name, last_id, updated_at) "
	"VALUES (?, 0, NOW(3))",
	/* STMT_AUDIT_CURSOR_GET: cursor name → last id written */
	"SELECT last_id FROM audit_export_cursor WHERE name = ?",
	/* STMT_AUDIT_AFTER: last id, limit → the next rows in id order (the
	 * primary key): id, time (RFC 3339, milliseconds), actor, address,
	 * action, target type, target id, detail, age in ms by the server's
	 * clock (how long a hole before it has been waited for). */
	"SELECT id, CONCAT(LEFT(DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z'), actor_id, address, action, "
	"target_type, target_id, detail, TIMESTAMPDIFF(MICROSECOND, at, NOW(3)) DIV 1000 "
	"FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
	/* STMT_AUDIT_CURSOR_SET: new last id, cursor name, the last id read
	 * (compare-and-set: a second exporter on the cursor changes nothing). */
	"UPDATE audit_export_cursor SET last_id = ?, updated_at = NOW(3) "
	"WHERE name = ? AND last_id = ?",
	/* STMT_DEMO_TOTP_PUT: user id, sealed secret. A confirmed enrolment
	 * (seed-demo); one there already is left as it is. */
	"INSERT IGNORE INTO mfa_totp (user_id, secret_ct, created_at, confirmed_at, last_step) "
	"VALUES (?, ?, NOW(3), NOW(3), 0)",
	/* ---- import-hsds (hsds_import.c) ---- */
	/* STMT_HSDS_CATEGORIES: what a taxonomy term may name */
	"SELECT id, name_nl, name_en FROM categories ORDER BY id",
	/* STMT_HSDS_ORG_BY_ID: hsds id → our id (locked: the upsert follows) */
	"SELECT id FROM organisations WHERE hsds_id = ? FOR UPDATE",
	/* STMT_HSDS_ORG_INSERT: id, hsds id, location id, name, description,
	 * website, phone, email, pc4 (its centroid from postcodes) */
	"INSERT INTO organisations (id, hsds_id, hsds_location_id, name, description, "
	"pc4, lat, lon, website, phone, email, active, created_at, updated_at) "
	"SELECT ?, ?, ?, ?, ?, p.pc4, p.lat, p.lon, ?, ?, ?, 1, NOW(3), NOW(3) "
	"FROM postcodes p WHERE p.pc4 = ?",
	/* STMT_HSDS_ORG_UPDATE: pc4, location id, name, description, website,
	 * phone, email, id. Whether it is active stays as it is. */
	"UPDATE organisations o JOIN postcodes p ON p.pc4 = ? "
	"SET o.hsds_location_id = ?, o.name = ?, o.description = ?, o.pc4 = p.pc4, "
	"o.lat = p.lat, o.lon = p.lon, o.website = ?, o.phone = ?, o.email = ?, "
	"o.updated_at = NOW(3) WHERE o.id = ?",
	/* STMT_HSDS_CATS_CLEAR: organisation id */
	"DELETE FROM organisation_categories WHERE organisation_id = ?",
	/* STMT_HSDS_CAT_ADD: organisation id, category id */
	"INSERT INTO organisation_categories (organisation_id, category_id) VALUES (?, ?)",
	/* STMT_HSDS_SERVICES_CLEAR: organisation id */
	"DELETE FROM hsds_services WHERE organisation_id = ?",
	/* STMT_HSDS_SERVICE_ADD: organisation id, category id, service hsds id */
	"INSERT INTO hsds_services (organisation_id, category_id, hsds_id) VALUES (?, ?, ?)",
};
