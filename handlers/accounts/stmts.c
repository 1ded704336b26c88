/*
 * stmts.c — every SQL statement of the accounts handler, by enum stmt.
 * Only ? placeholders; prepared once per worker connection.
 */
#include "accounts.h"
#include "db.h"
#include "../offers/render.h"
#include "../requests/render.h"

/* The match and message rows of the GDPR part of matches (gdpr_matches.c). */
#define GDPR_MATCH_COLUMNS \
	"m.id, m.request_id, r.title, r.status, m.volunteer_id, v.display_name, " \
	"m.status, " DB_RFC3339("m.created_at") ", " DB_RFC3339("m.accepted_at") ", " \
	DB_RFC3339("m.completed_at") ", m.hours, m.thanks, r.owner_id, o.display_name, " \
	"m.initiated_by, m.cancel_reason"
#define GDPR_MATCH_JOINS \
	"JOIN requests r ON r.id = m.request_id JOIN users v ON v.id = m.volunteer_id " \
	"JOIN users o ON o.id = r.owner_id "
#define GDPR_MESSAGE_COLUMNS \
	"g.id, g.match_id, g.sender_id, s.display_name, g.body_ct, " DB_RFC3339("g.created_at")

#define USER_COLUMNS \
	"u.id, u.email_ct, u.display_name, u.pc4, p.place, p.municipality, " \
	"u.roles, u.locale, " DB_RFC3339("u.created_at") ", u.phone_ct, u.status, " \
	"u.email_verified "

const char *const accounts_stmts[STMT__MAX] = {
	/* STMT_USER_INSERT: id, email_ct, email_bidx, display_name, pc4, roles, locale */
	"INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, locale, "
	"status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', NOW(3), NOW(3))",
	/* STMT_CREDENTIALS_INSERT: user id, hash */
	"INSERT INTO credentials (user_id, password_hash, changed_at) VALUES (?, ?, NOW(3))",
	/* STMT_USER_BY_ID */
	"SELECT " USER_COLUMNS "FROM users u JOIN postcodes p ON p.pc4 = u.pc4 "
	"WHERE u.id = ? AND u.status <> 'erased'",
	/* STMT_USER_BY_EMAIL: blind index */
	"SELECT " USER_COLUMNS "FROM users u JOIN postcodes p ON p.pc4 = u.pc4 "
	"WHERE u.email_bidx = ? AND u.status <> 'erased'",
	/* STMT_CREDENTIALS_GET: user → hash, when it was set (session.c keys its
	 * throttle on it, so a new password starts the count afresh) */
	"SELECT password_hash, DATE_FORMAT(changed_at, '%Y-%m-%d %H:%i:%s.%f') "
	"FROM credentials WHERE user_id = ?",
	/* STMT_CREDENTIALS_SET: hash, user id */
	"UPDATE credentials SET password_hash = ?, changed_at = NOW(3) WHERE user_id = ?",
	/* STMT_USER_UPDATE_PROFILE: display_name, pc4, locale (NULL keeps), id */
	"UPDATE users SET display_name = COALESCE(?, display_name), pc4 = COALESCE(?, pc4), "
	"locale = COALESCE(?, locale), updated_at = NOW(3) WHERE id = ?",
	/* STMT_USER_SET_PHONE: phone_ct (NULL clears), id */
	"UPDATE users SET phone_ct = ?, updated_at = NOW(3) WHERE id = ?",
	/* STMT_ATTEMPTS_COUNT: bucket, window seconds → failures, seconds since
	 * the oldest, seconds since the newest */
	"SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(at), NOW(3)), 0), "
	"COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), NOW(3)), 0) "
	"FROM login_attempts WHERE bucket = ? AND at > NOW(3) - INTERVAL ? SECOND",
	/* STMT_ATTEMPT_INSERT: bucket */
	"INSERT INTO login_attempts (bucket, at) VALUES (?, NOW(3))",
	/* STMT_ATTEMPTS_CLEAR: bucket */
	"DELETE FROM login_attempts WHERE bucket = ?",
	/* STMT_ATTEMPTS_PRUNE: older than seconds */
	"DELETE FROM login_attempts WHERE at < NOW(3) - INTERVAL ? SECOND LIMIT 1000",
	/* STMT_RESET_INSERT: token hash, user id */
	"INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) "
	"VALUES (?, ?, NOW(3), NOW(3) + INTERVAL 1 HOUR)",
	/* STMT_RESET_GET: token hash → user id of a live, unused token */
	"SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id "
	"WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > NOW(3) "
	"AND u.status = 'active' FOR UPDATE",
	/* STMT_RESET_USE: token hash */
	"UPDATE password_resets SET used_at = NOW(3) WHERE token_hash = ?",
	/* STMT_OUTBOX_INSERT: user id, kind, to_ct, subject, body_ct */
	"INSERT INTO outbox (user_id, kind, to_ct, subject, body_ct, created_at) "
	"VALUES (?, ?, ?, ?, ?, NOW(3))",
	/* STMT_USER_ERASE: random blind index, id. The row stays (posts refer
	 * to it) but says nothing about the person any more. */
	"UPDATE users SET status = 'erased', email_ct = '', email_bidx = ?, "
	"display_name = 'Verwijderd', phone_ct = NULL, updated_at = NOW(3) WHERE id = ?",
	/* STMT_CREDENTIALS_DELETE */
	"DELETE FROM credentials WHERE user_id = ?",
	/* STMT_RESETS_DELETE */
	"DELETE FROM password_resets WHERE user_id = ?",
	/* STMT_USERS_LIST: bidx (NULL: any), name fragment (NULL: any; its
	 * wildcards escaped with db_like_escape), role
	 * (NULL: any), status (NULL: any but erased), cursor created, cursor id,
	 * limit. Newest first, keyset on (created_at, id). */
	"SELECT " USER_COLUMNS ", DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i:%s.%f') "
	"FROM users u JOIN postcodes p ON p.pc4 = u.pc4 "
	"WHERE (? IS NULL OR u.email_bidx = ?) "
	"AND (? IS NULL OR u.display_name LIKE CONCAT('%', ?, '%') ESCAPE '!') "
	"AND (? IS NULL OR FIND_IN_SET(?, u.roles) > 0) "
	"AND ((? IS NULL AND u.status <> 'erased') OR u.status = ?) "
	"AND (? IS NULL OR (u.created_at, u.id) < (?, ?)) "
	"ORDER BY u.created_at DESC, u.id DESC LIMIT ?",
	/* STMT_USER_ADMIN_SET: status (NULL keeps), roles (NULL keeps), id */
	"UPDATE users SET status = COALESCE(?, status), roles = COALESCE(?, roles), "
	"updated_at = NOW(3) WHERE id = ? AND status <> 'erased'",
	/* STMT_GDPR_REQUESTS_EXPORT: owner → every own request, newest first,
	 * in the columns of handlers/requests/render.h */
	"SELECT " REQUEST_COLUMNS_PUBLIC REQUEST_COLUMNS_PRIVATE REQUEST_COLUMNS_STATE
	"NULL, NULL" REQUEST_FROM "WHERE r.owner_id = ? ORDER BY r.created_at DESC, r.id DESC",
	/* STMT_GDPR_REQUESTS_WITHDRAW: owner. What is still live is withdrawn. */
	"UPDATE requests SET status = 'cancelled', closed_at = NOW(3), updated_at = NOW(3) "
	"WHERE owner_id = ? AND status IN ('pending', 'open', 'matched')",
	/* STMT_GDPR_REQUESTS_DESTROY: owner. The private part and the name of
	 * the person cared for go, on every request. */
	"UPDATE requests SET care_situation_ct = NULL, address_ct = NULL, phone_ct = NULL, "
	"on_behalf_of = NULL, updated_at = NOW(3) WHERE owner_id = ?",
	/* STMT_GDPR_MATCHES_EXPORT: user as volunteer, user as request owner →
	 * the columns of gdpr_matches.c (enum gdpr_match_col), oldest first */
	"(SELECT " GDPR_MATCH_COLUMNS ", m.created_at AS sort_at, m.id AS sort_id "
	"FROM matches m " GDPR_MATCH_JOINS "WHERE m.volunteer_id = ?) UNION ALL "
	"(SELECT " GDPR_MATCH_COLUMNS ", m.created_at, m.id "
	"FROM matches m " GDPR_MATCH_JOINS "WHERE r.owner_id = ?) ORDER BY sort_at, sort_id",
	/* STMT_GDPR_MESSAGES_EXPORT: user as volunteer, user as request owner →
	 * id, match id, sender id, sender name, sealed body, created; the
	 * messages of every own match, except those a declined volunteer may no
	 * longer read (lib/auth.c) */
	"(SELECT " GDPR_MESSAGE_COLUMNS ", g.created_at AS sort_at, g.id AS sort_id "
	"FROM messages g JOIN matches m ON m.id = g.match_id JOIN users s ON s.id = g.sender_id "
	"WHERE m.volunteer_id = ? AND m.status <> 'declined') UNION ALL "
	"(SELECT " GDPR_MESSAGE_COLUMNS ", g.created_at, g.id "
	"FROM messages g JOIN matches m ON m.id = g.match_id JOIN users s ON s.id = g.sender_id "
	"JOIN requests r ON r.id = m.request_id WHERE r.owner_id = ?) ORDER BY sort_at, sort_id",
	/* STMT_GDPR_RESPONSES_UNCOUNT: volunteer. Their open responses are
	 * withdrawn below and no longer count on the request. */
	"UPDATE requests r JOIN matches m ON m.request_id = r.id "
	"SET r.response_count = GREATEST(r.response_count - 1, 0), r.updated_at = NOW(3) "
	"WHERE m.volunteer_id = ? AND m.status = 'responded'",
	/* STMT_GDPR_MATCHES_REOPEN: volunteer. A request they were accepted on
	 * is open again (expired when its time ran out), as after a cancel. */
	"UPDATE requests r JOIN matches m ON m.request_id = r.id "
	"SET r.status = IF(r.expires_at > NOW(3), 'open', 'expired'), "
	"r.closed_at = IF(r.expires_at > NOW(3), NULL, NOW(3)), r.updated_at = NOW(3) "
	"WHERE m.volunteer_id = ? AND m.status = 'accepted' AND r.status = 'matched'",
	/* STMT_GDPR_MATCHES_END_VOLUNTEER: volunteer. Live matches end
	 * (cancelled); cancel reasons on their matches are forgotten. */
	"UPDATE matches SET status = IF(status IN ('responded', 'invited', 'accepted'), "
	"'cancelled', status), cancel_reason = NULL, updated_at = NOW(3) WHERE volunteer_id = ?",
	/* STMT_GDPR_MATCHES_END_OWNER: owner. Live matches on their (withdrawn)
	 * requests end; their thank-you notes and cancel reasons are forgotten. */
	"UPDATE matches m JOIN requests r ON r.id = m.request_id "
	"SET m.status = IF(m.status IN ('responded', 'invited', 'accepted'), 'cancelled', m.status), "
	"m.thanks = NULL, m.cancel_reason = NULL, m.updated_at = NOW(3) WHERE r.owner_id = ?",
	/* STMT_GDPR_MESSAGES_DELETE: sender. What they wrote is destroyed
	 * (messages_sender, migration 030). */
	"DELETE FROM messages WHERE sender_id = ?",
	/* STMT_GDPR_OFFERS_EXPORT: volunteer → every own offer, deleted ones
	 * too, oldest first, in the columns of handlers/offers/render.h */
	"SELECT " OFFER_COLUMNS OFFER_CREATED_KEY OFFER_FROM
	"WHERE o.volunteer_id = ? ORDER BY o.created_at, o.id",
	/* STMT_GDPR_OFFER_SLOTS_DELETE: volunteer. Their weekly availability goes. */
	"DELETE FROM offer_slots WHERE offer_id IN "
	"(SELECT id FROM offers WHERE volunteer_id = ?)",
	/* STMT_GDPR_OFFER_CATEGORIES_DELETE: volunteer */
	"DELETE FROM offer_categories WHERE offer_id IN "
	"(SELECT id FROM offers WHERE volunteer_id = ?)",
	/* STMT_GDPR_OFFERS_WITHDRAW: volunteer. Every offer is deleted and its
	 * text and moderation reason destroyed; the row stays for the
	 * moderation history that names it. */
	"UPDATE offers SET status = 'deleted', title = '', description = '', "
	"moderation_reason = NULL, updated_at = NOW(3) WHERE volunteer_id = ?",
	/* STMT_GDPR_REPORTS_EXPORT: reporter → the reports they made, oldest
	 * first (gdpr_reports.c) */
	"SELECT id, target_type, target_id, reason, status, " DB_RFC3339("created_at")
	", " DB_RFC3339("resolved_at") " FROM reports WHERE reporter_id = ? "
	"ORDER BY created_at, id",
	/* STMT_GDPR_REPORTS_DELETE_RESOLVED: reporter. Resolved reports go with
	 * their reasons; open ones wait for a moderator. */
	"DELETE FROM reports WHERE reporter_id = ? AND status = 'resolved'",
	/* STMT_GDPR_ORGS_EXPORT: user → organisation id, name, since: the
	 * organisations they coordinate (organisation_coordinators_user) */
	"SELECT o.id, o.name, " DB_RFC3339("c.created_at") " "
	"FROM organisation_coordinators c JOIN organisations o ON o.id = c.organisation_id "
	"WHERE c.user_id = ? ORDER BY c.created_at, o.id",
	/* STMT_GDPR_ORG_CHANGES_EXPORT: proposer → the changes they proposed,
	 * oldest first (organisation_changes_proposer): id, organisation id,
	 * name, status, created, reviewed, then the proposed fields */
	"SELECT c.id, c.organisation_id, o.name, c.status, " DB_RFC3339("c.created_at") ", "
	DB_RFC3339("c.reviewed_at") ", c.name, c.description, c.categories, c.pc4, "
	"c.set_website, c.website, c.set_phone, c.phone, c.set_email, c.email "
	"FROM organisation_changes c JOIN organisations o ON o.id = c.organisation_id "
	"WHERE c.proposed_by = ? ORDER BY c.created_at, c.id",
	/* STMT_GDPR_COORDINATORS_DELETE: user. They coordinate nothing now. */
	"DELETE FROM organisation_coordinators WHERE user_id = ?",
	/* STMT_GDPR_COORDINATORS_UNGRANT: user. Grants they made as an admin
	 * stay, granted by nobody. */
	"UPDATE organisation_coordinators SET granted_by = NULL WHERE granted_by = ?",
	/* STMT_GDPR_ORG_CHANGES_UNLINK: proposer. Their changes stay with the
	 * organisation's history, proposed by nobody. */
	"UPDATE organisation_changes SET proposed_by = NULL WHERE proposed_by = ?",
	/* STMT_NOTIFS_LIST: user, unread only (0/1), cursor created x2, id,
	 * limit; newest first on notifications_user. */
	"SELECT n.id, n.kind, n.link, n.arg, n.bundled, " DB_RFC3339("n.created_at") ", "
	DB_RFC3339("n.read_at") ", DATE_FORMAT(n.created_at, '%Y-%m-%d %H:%i:%s.%f') "
	"FROM notifications n FORCE INDEX (notifications_user) WHERE n.user_id = ? "
	"AND (? = 0 OR n.read_at IS NULL) "
	"AND (? IS NULL OR (n.created_at, n.id) < (?, ?)) "
	"ORDER BY n.created_at DESC, n.id DESC LIMIT ?",
	/* STMT_NOTIFS_UNREAD_COUNT: user (notifications_unread) */
	"SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
	/* STMT_QUEUE_COUNT: posts waiting for a moderator (requests_recent,
	 * offers_recent) */
	"SELECT (SELECT COUNT(*) FROM requests WHERE status = 'pending') + "
	"(SELECT COUNT(*) FROM offers WHERE status = 'pending')",
	/* STMT_NOTIFS_READ_ALL: user */
	"UPDATE notifications SET read_at = NOW(3) WHERE user_id = ? AND read_at IS NULL",
	/* STMT_NOTIF_OWNED: id, user */
	"SELECT id FROM notifications WHERE id = ? AND user_id = ?",
	/* STMT_NOTIF_READ: id, user (a second read keeps the first time) */
	"UPDATE notifications SET read_at = COALESCE(read_at, NOW(3)) WHERE id = ? AND user_id = ?",
	/* STMT_SETTINGS_GET: user → kind, email */
	"SELECT kind, email FROM notification_settings WHERE user_id = ?",
	/* STMT_SETTING_PUT: user, kind, email */
	"INSERT INTO notification_settings (user_id, kind, email) VALUES (?, ?, ?) "
	"ON DUPLICATE KEY UPDATE email = VALUES(email)",
	/* STMT_UNSUB_GET: token hash → user, kind, alert (unused tokens only) */
	"SELECT user_id, kind, alert_id FROM unsubscribe_tokens "
	"WHERE token_hash = ? AND used_at IS NULL FOR UPDATE",
	/* STMT_UNSUB_USE: token hash */
	"UPDATE unsubscribe_tokens SET used_at = NOW(3) WHERE token_hash = ?",
	/* STMT_ALERTS_LIST: user, cursor created x2, id, limit */
	"SELECT a.id, a.pc4, p.place, p.municipality, a.radius_km, a.frequency, a.offer_id, "
	DB_RFC3339("a.created_at") ", IF(a.kind = 'vacancies', "
	"(SELECT GROUP_CONCAT(t.category_id ORDER BY t.category_id) "
	"FROM vacancy_alert_targets t WHERE t.alert_id = a.id), "
	"(SELECT GROUP_CONCAT(t.category_id ORDER BY t.category_id) "
	"FROM alert_targets t WHERE t.alert_id = a.id)), "
	"DATE_FORMAT(a.created_at, '%Y-%m-%d %H:%i:%s.%f'), a.kind, "
	"(SELECT GROUP_CONCAT(x.talent_id ORDER BY x.talent_id) "
	"FROM alert_talents x WHERE x.alert_id = a.id) "
	"FROM alerts a JOIN postcodes p ON p.pc4 = a.pc4 WHERE a.user_id = ? "
	"AND (? IS NULL OR (a.created_at, a.id) < (?, ?)) "
	"ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
	/* STMT_ALERT_GET: id, user */
	"SELECT a.id, a.pc4, p.place, p.municipality, a.radius_km, a.frequency, a.offer_id, "
	DB_RFC3339("a.created_at") ", IF(a.kind = 'vacancies', "
	"(SELECT GROUP_CONCAT(t.category_id ORDER BY t.category_id) "
	"FROM vacancy_alert_targets t WHERE t.alert_id = a.id), "
	"(SELECT GROUP_CONCAT(t.category_id ORDER BY t.category_id) "
	"FROM alert_targets t WHERE t.alert_id = a.id)), "
	"DATE_FORMAT(a.created_at, '%Y-%m-%d %H:%i:%s.%f'), a.kind, "
	"(SELECT GROUP_CONCAT(x.talent_id ORDER BY x.talent_id) "
	"FROM alert_talents x WHERE x.alert_id = a.id) "
	"FROM alerts a JOIN postcodes p ON p.pc4 = a.pc4 WHERE a.id = ? AND a.user_id = ?",
	/* STMT_ALERTS_COUNT: user */
	"SELECT COUNT(*) FROM alerts WHERE user_id = ?",
	/* STMT_ALERT_INSERT: id, user, kind, pc4, lat, lon, radius, frequency,
	 * offer */
	"INSERT INTO alerts (id, user_id, kind, pc4, lat, lon, radius_km, frequency, offer_id, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))",
	/* STMT_ALERT_TARGET_INSERT: alert, category ('' any), user, lat, lon,
	 * radius, frequency */
	"INSERT INTO alert_targets (alert_id, category_id, user_id, lat, lon, radius_km, frequency) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* STMT_VALERT_TARGET_INSERT: as STMT_ALERT_TARGET_INSERT, for an
	 * alert of kind vacancies (104) */
	"INSERT INTO vacancy_alert_targets (alert_id, category_id, user_id, lat, lon, radius_km, frequency) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)",
	/* STMT_ALERT_TALENT_INSERT: alert, talent */
	"INSERT INTO alert_talents (alert_id, talent_id) VALUES (?, ?)",
	/* STMT_TALENT_ACTIVE: id → id of an active talent */
	"SELECT id FROM talents WHERE id = ? AND active = 1",
	/* STMT_ALERT_DELETE: id, user (its targets go by cascade) */
	"DELETE FROM alerts WHERE id = ? AND user_id = ?",
	/* STMT_CATEGORY_ACTIVE */
	"SELECT id FROM categories WHERE id = ? AND active = 1",
	/* STMT_OFFER_OWNED: offer, volunteer */
	"SELECT id FROM offers WHERE id = ? AND volunteer_id = ? AND status <> 'deleted'",
	/* STMT_VERIFY_INSERT: token hash, user; a week to click */
	"INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at) "
	"VALUES (?, ?, NOW(3), NOW(3) + INTERVAL 7 DAY)",
	/* STMT_VERIFY_STATE: user → verified, mails in the last hour */
	"SELECT u.email_verified, (SELECT COUNT(*) FROM email_verifications v "
	"WHERE v.user_id = u.id AND v.created_at > NOW(3) - INTERVAL 1 HOUR) "
	"FROM users u WHERE u.id = ? FOR UPDATE",
	/* STMT_VERIFY_GET: token hash → user (live, unused tokens only) */
	"SELECT user_id FROM email_verifications WHERE token_hash = ? AND used_at IS NULL "
	"AND expires_at > NOW(3) FOR UPDATE",
	/* STMT_VERIFY_USE */
	"UPDATE email_verifications SET used_at = NOW(3) WHERE token_hash = ?",
	/* STMT_USER_VERIFIED */
	"UPDATE users SET email_verified = 1, updated_at = NOW(3) WHERE id = ? AND status = 'active'",
	/* STMT_USER_SET_ROLES: roles (SET text), id */
	"UPDATE users SET roles = ?, updated_at = NOW(3) WHERE id = ?",
	/* STMT_RESET_LIVE: token hash → user id of a live, unused token (no
	 * lock: the check before any hashing) */
	"SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id "
	"WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > NOW(3) "
	"AND u.status = 'active'",
	/* STMT_GDPR_NOTIFS_EXPORT: user → id, kind, link, created, read */
	"SELECT id, kind, link, " DB_RFC3339("created_at") ", " DB_RFC3339("read_at") " "
	"FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC",
	/* STMT_GDPR_ALERTS_EXPORT: user → id, pc4, radius, frequency, created,
	 * kind, talents */
	"SELECT a.id, a.pc4, a.radius_km, a.frequency, " DB_RFC3339("a.created_at") ", a.kind, "
	"(SELECT GROUP_CONCAT(x.talent_id ORDER BY x.talent_id) FROM alert_talents x "
	"WHERE x.alert_id = a.id) "
	"FROM alerts a WHERE a.user_id = ? ORDER BY a.created_at DESC, a.id DESC",
	/* STMT_GDPR_OUTBOX_DROP: user; unsent mail to them is never sent */
	"UPDATE outbox SET state = 'failed', failed_at = NOW(3), last_error = 'account erased', "
	"body_ct = NULL, to_ct = NULL WHERE user_id = ? AND state = 'queued'",
	/* STMT_GDPR_NOTIFS_DELETE */
	"DELETE FROM notifications WHERE user_id = ?",
	/* STMT_GDPR_SETTINGS_DELETE */
	"DELETE FROM notification_settings WHERE user_id = ?",
	/* STMT_GDPR_ALERTS_DELETE (targets by cascade) */
	"DELETE FROM alerts WHERE user_id = ?",
	/* STMT_GDPR_UNSUB_DELETE */
	"DELETE FROM unsubscribe_tokens WHERE user_id = ?",
	/* STMT_GDPR_VERIFY_DELETE */
	"DELETE FROM email_verifications WHERE user_id = ?",
	/* STMT_MFA_TOTP_GET: user → sealed secret, confirmed (0/1), last
	 * accepted step, confirmed_at (mfa_totp, 062) */
	"SELECT secret_ct, confirmed_at IS NOT NULL, last_step, " DB_RFC3339("confirmed_at")
	" FROM mfa_totp WHERE user_id = ?",
	/* STMT_MFA_TOTP_LOCK: user → confirmed (0/1); locks the row (or its gap) */
	"SELECT confirmed_at IS NOT NULL FROM mfa_totp WHERE user_id = ? FOR UPDATE",
	/* STMT_MFA_TOTP_PUT: user, sealed secret. A new, unconfirmed enrolment
	 * (the caller has checked under lock that none is confirmed). */
	"INSERT INTO mfa_totp (user_id, secret_ct, created_at, confirmed_at, last_step) "
	"VALUES (?, ?, NOW(3), NULL, 0) ON DUPLICATE KEY UPDATE secret_ct = VALUES(secret_ct), "
	"created_at = VALUES(created_at), confirmed_at = NULL, last_step = 0",
	/* STMT_MFA_TOTP_CONFIRM: step, user, sealed secret the code was checked
	 * against, step. Changes nothing when the enrolment was replaced or
	 * confirmed meanwhile, or the step was used. */
	"UPDATE mfa_totp SET confirmed_at = NOW(3), last_step = ? WHERE user_id = ? "
	"AND confirmed_at IS NULL AND secret_ct = ? AND last_step < ?",
	/* STMT_MFA_TOTP_STEP: step, user, step. The replay check: only a later
	 * step than the last accepted one moves it (affected rows 1). */
	"UPDATE mfa_totp SET last_step = ? WHERE user_id = ? AND confirmed_at IS NOT NULL "
	"AND last_step < ?",
	/* STMT_MFA_TOTP_DELETE: user */
	"DELETE FROM mfa_totp WHERE user_id = ?",
	/* STMT_MFA_RECOVERY_DELETE: user */
	"DELETE FROM mfa_recovery_codes WHERE user_id = ?",
	/* STMT_MFA_RECOVERY_INSERT: user, keyed hash */
	"INSERT INTO mfa_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, NOW(3))",
	/* STMT_MFA_RECOVERY_USE: user, keyed hash. Spends an unused code
	 * (affected rows 1), once. */
	"UPDATE mfa_recovery_codes SET used_at = NOW(3) WHERE user_id = ? AND code_hash = ? "
	"AND used_at IS NULL",
	/* STMT_MFA_RECOVERY_LEFT: user → unused recovery codes */
	"SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL",
	/* STMT_SESSIONS_OF_USER: user → token hash, created, last seen; the live
	 * sessions, last seen first (sessions_user) */
	"SELECT token_hash, " DB_RFC3339("created_at") ", " DB_RFC3339("last_seen_at")
	" FROM sessions WHERE user_id = ? AND expires_at > NOW(3) "
	"ORDER BY last_seen_at DESC, created_at DESC",
	/* STMT_SESSION_DELETE_OWN: token hash, user */
	"DELETE FROM sessions WHERE token_hash = ? AND user_id = ?",
	/* STMT_CGC_INSERT: id, user, sealed result (caregiver_check.c) */
	"INSERT INTO caregiver_checks (id, user_id, result_ct, created_at) "
	"VALUES (?, ?, ?, NOW(3))",
	/* STMT_CGC_LIST: user, cursor created x3, id, limit → id, sealed
	 * result, created, sort key; newest first (caregiver_checks_user) */
	"SELECT id, result_ct, " DB_RFC3339("created_at") ", "
	"DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') FROM caregiver_checks "
	"WHERE user_id = ? AND (? IS NULL OR created_at < ? OR (created_at = ? AND id < ?)) "
	"ORDER BY created_at DESC, id DESC LIMIT ?",
	/* STMT_CGC_EXPORT: user → as STMT_CGC_LIST, every check, oldest first */
	"SELECT id, result_ct, " DB_RFC3339("created_at") ", '' FROM caregiver_checks "
	"WHERE user_id = ? ORDER BY created_at, id",
	/* STMT_CGC_DELETE: user (erasure) */
	"DELETE FROM caregiver_checks WHERE user_id = ?",
	/* STMT_CGC_RECENT: user, seconds → id, sealed result of the checks
	 * taken that recently, newest first; share-locked (caregiver_check.c,
	 * caregiver_checks_user) */
	"SELECT id, result_ct FROM caregiver_checks WHERE user_id = ? "
	"AND created_at >= NOW(3) - INTERVAL ? SECOND "
	"ORDER BY created_at DESC, id DESC LOCK IN SHARE MODE",
	/* STMT_CGC_REMINDER_GET: user → since, last sent (RFC 3339) */
	"SELECT " DB_RFC3339("created_at") ", " DB_RFC3339("last_sent_at")
	" FROM caregiver_check_reminders WHERE user_id = ?",
	/* STMT_CGC_REMINDER_ON: user; asking again keeps the first date */
	"INSERT INTO caregiver_check_reminders (user_id, created_at) VALUES (?, NOW(3)) "
	"ON DUPLICATE KEY UPDATE user_id = user_id",
	/* STMT_CGC_REMINDER_OFF: user (also the erasure) */
	"DELETE FROM caregiver_check_reminders WHERE user_id = ?",
	/* STMT_GDPR_CHECKINS_EXPORT: user → id, match, answer, sealed note,
	 * created; oldest first (checkins_user) */
	"SELECT id, match_id, answer, note_ct, " DB_RFC3339("created_at")
	" FROM checkins WHERE user_id = ? ORDER BY created_at, id",
	/* STMT_GDPR_CHECKINS_FORGET: user (erasure): their notes go */
	"UPDATE checkins SET note_ct = NULL WHERE user_id = ?",
	/* STMT_VOG_GET: user id → effective status, issued, expires, note. */
	"SELECT IF(status = 'verified' AND expires_on < UTC_DATE(), 'expired', status), "
	"DATE_FORMAT(issued_on, '%Y-%m-%d'), DATE_FORMAT(expires_on, '%Y-%m-%d'), note_ct "
	"FROM users_vog WHERE user_id = ?",
	/* STMT_VOG_SUBMIT: user id, issue date. A new date waits for a
	 * moderator again. */
	"INSERT INTO users_vog (user_id, issued_on, status, submitted_at) "
	"VALUES (?, ?, 'submitted', NOW(3)) ON DUPLICATE KEY UPDATE "
	"issued_on = VALUES(issued_on), status = 'submitted', expires_on = NULL, "
	"note_ct = NULL, submitted_at = NOW(3), decided_at = NULL, decided_by = NULL",
	/* STMT_VOG_DECIDE: status, verified?, valid years, sealed note,
	 * moderator, user id. */
	"UPDATE users_vog SET status = ?, "
	"expires_on = IF(?, DATE_ADD(issued_on, INTERVAL ? YEAR), NULL), note_ct = ?, "
	"decided_at = NOW(3), decided_by = ? WHERE user_id = ?",
	/* STMT_VOG_DELETE: user id (erasure). */
	"DELETE FROM users_vog WHERE user_id = ?",
	/* ---- talents and responses to vacancies (issue 18 part 2) ---- */
	/* STMT_TALENTS_KNOWN: up to ME_TALENTS_MAX ids (NULL pads) → those
	 * that exist and are active */
	"SELECT id FROM talents WHERE active = 1 AND id IN "
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* STMT_USER_TALENTS: user id → talent ids in the list's order */
	"SELECT ut.talent_id FROM user_talents ut JOIN talents t ON t.id = ut.talent_id "
	"WHERE ut.user_id = ? ORDER BY t.sort_order, t.id",
	/* STMT_USER_TALENTS_DELETE: user id (PATCH /me, erasure) */
	"DELETE FROM user_talents WHERE user_id = ?",
	/* STMT_USER_TALENT_INSERT: user id, talent id */
	"INSERT INTO user_talents (user_id, talent_id) VALUES (?, ?)",
	/* STMT_GDPR_VR_EXPORT: user id → the user's responses: id, vacancy
	 * id, title, organisation id, name, created */
	"SELECT vr.id, vr.vacancy_id, v.title, v.organisation_id, g.name, "
	DB_RFC3339("vr.created_at") " FROM vacancy_responses vr "
	"JOIN vacancies v ON v.id = vr.vacancy_id "
	"JOIN organisations g ON g.id = v.organisation_id "
	"WHERE vr.volunteer_id = ? ORDER BY vr.created_at, vr.id",
	/* STMT_GDPR_VM_EXPORT: user id, user id → the messages of the user's
	 * own conversations and every message they wrote in others' (as a
	 * coordinator): id, response id, sender id, sealed body, created */
	"SELECT m.id, m.response_id, m.sender_id, m.body_ct, " DB_RFC3339("m.created_at") " "
	"FROM vacancy_messages m JOIN vacancy_responses vr ON vr.id = m.response_id "
	"WHERE vr.volunteer_id = ? OR m.sender_id = ? ORDER BY m.created_at, m.id",
	/* STMT_GDPR_VR_DELETE: user id. Their responses go, and with them
	 * (ON DELETE CASCADE) the conversations. */
	"DELETE FROM vacancy_responses WHERE volunteer_id = ?",
	/* STMT_GDPR_VM_DELETE: user id. What they wrote as a coordinator. */
	"DELETE FROM vacancy_messages WHERE sender_id = ?",
	/* STMT_GDPR_VACANCIES_POSTED: user id → the vacancies they posted as a
	 * coordinator: id, organisation id, title, status, created */
	"SELECT v.id, v.organisation_id, v.title, v.status, " DB_RFC3339("v.created_at") " "
	"FROM vacancies v WHERE v.posted_by = ? ORDER BY v.created_at, v.id",
	/* STMT_GDPR_VACANCIES_FORGET: user id. The vacancy is the
	 * organisation's and stays; who posted it is forgotten. */
	"UPDATE vacancies SET posted_by = NULL WHERE posted_by = ?",
	/* STMT_GDPR_CIRCLES_EXPORT: user, user, user → id, first name, role,
	 * created of the circles the user owns or is in */
	"SELECT c.id, c.first_name, IF(c.owner_id = ?, 'owner', 'member'), "
	DB_RFC3339("c.created_at") " FROM circles c WHERE c.owner_id = ? "
	"OR c.id IN (SELECT m.circle_id FROM circle_members m WHERE m.user_id = ?) "
	"ORDER BY c.created_at, c.id",
	/* STMT_GDPR_CIRCLE_MEMBERS: circle → display name, joined */
	"SELECT u.display_name, " DB_RFC3339("m.created_at") " FROM circle_members m "
	"JOIN users u ON u.id = m.user_id WHERE m.circle_id = ? ORDER BY m.created_at",
	/* STMT_GDPR_CIRCLE_INVITATIONS: circle → id, sealed address, created
	 * of the invitations that still hold an address */
	"SELECT id, email_ct, " DB_RFC3339("created_at") " FROM circle_invitations "
	"WHERE circle_id = ? AND email_ct IS NOT NULL ORDER BY created_at, id",
	/* STMT_GDPR_CIRCLES_LEAVE: user */
	"DELETE FROM circle_members WHERE user_id = ?",
	/* STMT_GDPR_CIRCLES_DELETE: owner. Members and invitations cascade. */
	"DELETE FROM circles WHERE owner_id = ?",
};
