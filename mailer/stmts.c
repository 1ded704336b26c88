/*
 * stmts.c — every statement the mailer runs, by enum mailer_stmt
 * (mailer.h). Only ? placeholders. burenhulpctl links this table too, for
 * `digest --now` (digest.c). What bh_mailer may run is sql/grants/mailer.sql.
 */
#include "mailer.h"

/* A reminder row r is due: asked for, last reminded, and last checked
 * more than a month ago (or never). */
#define CGC_REMIND_DUE \
	"AND r.created_at < NOW(3) - INTERVAL 1 MONTH " \
	"AND (r.last_sent_at IS NULL OR r.last_sent_at < NOW(3) - INTERVAL 1 MONTH) " \
	"AND NOT EXISTS (SELECT 1 FROM caregiver_checks c WHERE c.user_id = r.user_id " \
	"AND c.created_at >= NOW(3) - INTERVAL 1 MONTH) "

const char *const mailer_stmts[MSTMT__MAX] = {
	/* MSTMT_CLAIM_SELECT: batch size. The due rows, oldest first, that
	 * no other mailer holds (SKIP LOCKED: two mailers never wait for,
	 * nor take, each other's claims). Served by outbox_due. */
	"SELECT id FROM outbox WHERE state = 'queued' AND due_at <= NOW(3) "
	"ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
	/* MSTMT_CLAIM_LEASE: lease in seconds, id. */
	"UPDATE outbox SET due_at = NOW(3) + INTERVAL ? SECOND, attempts = attempts + 1 "
	"WHERE id = ? AND state = 'queued'",
	/* MSTMT_ROW_GET: id. One claimed row with its recipient and its event. */
	"SELECT o.id, o.user_id, o.kind, o.to_ct, o.subject, o.body_ct, "
	"FLOOR(UNIX_TIMESTAMP(o.created_at)), o.attempts, "
	"u.email_ct, u.display_name, u.locale, u.status, u.email_bounced_at IS NOT NULL, "
	"n.kind, n.link, n.arg, n.bundled, n.alert_id "
	"FROM outbox o LEFT JOIN users u ON u.id = o.user_id "
	"LEFT JOIN notifications n ON n.id = o.notification_id WHERE o.id = ?",
	/* MSTMT_DIGEST_ITEMS: outbox id of a digest. Its events, oldest first
	 * (notifications_daily serves email, digest_id). */
	"SELECT kind, arg, link, bundled FROM notifications "
	"WHERE email = 'daily' AND digest_id = ? ORDER BY created_at, id LIMIT 100",
	/* MSTMT_UNSUB_INSERT: token hash, user id, kind, alert id. */
	"INSERT INTO unsubscribe_tokens (token_hash, user_id, kind, alert_id, created_at) "
	"VALUES (?, ?, ?, ?, NOW(3))",
	/* MSTMT_MARK_SENT: id. */
	"UPDATE outbox SET state = 'sent', sent_at = NOW(3), last_error = NULL "
	"WHERE id = ? AND state = 'queued'",
	/* MSTMT_MARK_RETRY: error text, max attempts (three times), back-off
	 * base and ceiling in seconds, id. Queued again after
	 * min(base * 2^(attempts-1), ceiling), or failed once max attempts
	 * were made. SET runs left to right: attempts is read unchanged. */
	"UPDATE outbox SET last_error = ?, "
	"failed_at = IF(attempts >= ?, NOW(3), NULL), "
	"state = IF(attempts >= ?, 'failed', 'queued'), "
	"due_at = IF(attempts >= ?, due_at, "
	"NOW(3) + INTERVAL LEAST(? * POW(2, GREATEST(attempts, 1) - 1), ?) SECOND) "
	"WHERE id = ? AND state = 'queued'",
	/* MSTMT_MARK_FAILED: error text, id. */
	"UPDATE outbox SET state = 'failed', failed_at = NOW(3), last_error = ? "
	"WHERE id = ? AND state = 'queued'",
	/* MSTMT_RELEASE: id. A claim given back unsent (stopping, or its
	 * lease running short): due at once, the attempt not counted. */
	"UPDATE outbox SET due_at = NOW(3), attempts = GREATEST(attempts - 1, 0) "
	"WHERE id = ? AND state = 'queued'",
	/* MSTMT_USER_BOUNCED: user id. */
	"UPDATE users SET email_bounced_at = NOW(3) WHERE id = ?",

	/* MSTMT_STATE_GET: job. Today's run of a daily job (UTC: the
	 * connection's time zone): its cutoff and whether it finished. */
	"SELECT DATE_FORMAT(cutoff, '%Y-%m-%d %H:%i:%s.%f'), finished_at IS NOT NULL "
	"FROM mailer_runs WHERE job = ? AND day = CURDATE()",
	/* MSTMT_STATE_START: job. Today's run begins (once: a run begun
	 * today keeps its cutoff, so a restart resumes it). */
	"INSERT INTO mailer_runs (job, day, cutoff, finished_at) "
	"VALUES (?, CURDATE(), NOW(3), NULL) ON DUPLICATE KEY UPDATE "
	"cutoff = IF(day < VALUES(day), VALUES(cutoff), cutoff), "
	"finished_at = IF(day < VALUES(day), NULL, finished_at), "
	"day = GREATEST(day, VALUES(day))",
	/* MSTMT_STATE_FINISH: job. */
	"UPDATE mailer_runs SET finished_at = NOW(3) WHERE job = ? AND day = CURDATE()",
	/* MSTMT_NOW: the database's clock, as a cutoff. */
	"SELECT DATE_FORMAT(NOW(3), '%Y-%m-%d %H:%i:%s.%f')",
	/* MSTMT_DIGEST_USERS: after this user id, cutoff. The next users with
	 * daily events not yet in a digest (an index range on
	 * notifications_daily: email, digest_id, user_id). */
	"SELECT DISTINCT user_id FROM notifications WHERE email = 'daily' "
	"AND digest_id IS NULL AND user_id > ? AND created_at <= ? "
	"ORDER BY user_id LIMIT 1000",
	/* MSTMT_DIGEST_INSERT: stamp, first user id (exclusive), last
	 * (inclusive), cutoff. One digest row per user of the range. */
	"INSERT INTO outbox (user_id, kind, state, due_at, attempts, created_at) "
	"SELECT user_id, 'digest', 'queued', NOW(3), 0, ? FROM notifications "
	"WHERE email = 'daily' AND digest_id IS NULL AND user_id > ? AND user_id <= ? "
	"AND created_at <= ? GROUP BY user_id",
	/* MSTMT_DIGEST_LINK: stamp, first user id (exclusive), last
	 * (inclusive), cutoff. Each event joins its user's new digest row. */
	"UPDATE notifications n JOIN outbox o ON o.user_id = n.user_id "
	"AND o.kind = 'digest' AND o.created_at = ? "
	"SET n.digest_id = o.id WHERE n.email = 'daily' AND n.digest_id IS NULL "
	"AND n.user_id > ? AND n.user_id <= ? AND n.created_at <= ?",

	/* MSTMT_REMINDER_DUE: seconds since acceptance. Accepted matches not
	 * completed that long after, not reminded yet (matches_reminder). */
	"SELECT m.id, r.owner_id, r.title FROM matches m "
	"JOIN requests r ON r.id = m.request_id "
	"WHERE m.status = 'accepted' AND m.reminded_at IS NULL "
	"AND m.accepted_at <= NOW(3) - INTERVAL ? SECOND "
	"ORDER BY m.accepted_at LIMIT 100",
	/* MSTMT_REMINDER_MARK: match id. */
	"UPDATE matches SET reminded_at = NOW(3) "
	"WHERE id = ? AND status = 'accepted' AND reminded_at IS NULL",
	/* MSTMT_CHECKIN_DUE: interval seconds x2 → match, owner, volunteer,
	 * title: accepted recurring help due for its check-in (checkins.c) */
	"SELECT m.id, r.owner_id, m.volunteer_id, r.title FROM matches m "
	"JOIN requests r ON r.id = m.request_id "
	"LEFT JOIN checkin_state s ON s.match_id = m.id "
	"WHERE m.status = 'accepted' AND r.recurrence IS NOT NULL AND "
	"((s.match_id IS NULL AND m.accepted_at <= NOW(3) - INTERVAL ? SECOND) OR "
	"s.asked_at <= NOW(3) - INTERVAL ? SECOND) ORDER BY m.accepted_at LIMIT 100",
	/* MSTMT_CHECKIN_ASK: match, interval seconds. Asks now, unless asked
	 * within the interval meanwhile (affected rows 0). */
	"INSERT INTO checkin_state (match_id, asked_at) VALUES (?, NOW(3)) "
	"ON DUPLICATE KEY UPDATE asked_at = IF(asked_at <= NOW(3) - INTERVAL ? SECOND, "
	"VALUES(asked_at), asked_at)",

	/* MSTMT_VOG_DUE: days ahead. Verified VOGs that expire within that
	 * many days (and have not expired), not told for this expiry date
	 * (users_vog_expiry). */
	"SELECT user_id, DATE_FORMAT(expires_on, '%Y-%m-%d') FROM users_vog "
	"WHERE status = 'verified' AND expires_on >= UTC_DATE() "
	"AND expires_on <= UTC_DATE() + INTERVAL ? DAY "
	"AND (expiry_notified_for IS NULL OR expiry_notified_for <> expires_on) "
	"ORDER BY expires_on LIMIT 100",
	/* MSTMT_VOG_MARK: expiry date, user id, expiry date. */
	"UPDATE users_vog SET expiry_notified_for = ? WHERE user_id = ? "
	"AND status = 'verified' AND expires_on = ? "
	"AND (expiry_notified_for IS NULL OR expiry_notified_for <> expires_on)",
	/* MSTMT_CGC_REMIND_DUE → user, last sent (sort-key text or NULL): the
	 * caregivers who asked for a monthly reminder of their own check more
	 * than a month ago, not reminded and not checked in the last month
	 * (caregiver_check.c; a small table, caregiver_checks_user). */
	"SELECT r.user_id, DATE_FORMAT(r.last_sent_at, '%Y-%m-%d %H:%i:%s.%f') "
	"FROM caregiver_check_reminders r JOIN users u ON u.id = r.user_id "
	"WHERE u.status = 'active' " CGC_REMIND_DUE
	"ORDER BY r.user_id LIMIT 100",
	/* MSTMT_CGC_REMIND_MARK: user, last sent as read. Still due and not
	 * reminded meanwhile: one row. */
	"UPDATE caregiver_check_reminders r SET r.last_sent_at = NOW(3) "
	"WHERE r.user_id = ? AND r.last_sent_at <=> ? " CGC_REMIND_DUE,
	/* MSTMT_VALERT_DUE: limit → id, title, lat, lon, posted_by of
	 * published vacancies not told yet, on vacancies_alert_due (status,
	 * alerted_at); see vacancy_alerts.c */
	"SELECT v.id, v.title, v.lat, v.lon, v.posted_by "
	"FROM vacancies v FORCE INDEX (vacancies_alert_due) "
	"JOIN organisations g ON g.id = v.organisation_id "
	"WHERE v.status = 'open' AND v.alerted_at IS NULL AND g.active = 1 LIMIT ?",
	/* MSTMT_VALERT_MARK: id. Told: only while still open and not told. */
	"UPDATE vacancies SET alerted_at = NOW(3) "
	"WHERE id = ? AND status = 'open' AND alerted_at IS NULL",
	/* MSTMT_VALERT_FIT: vacancy id; box lat min, max, lon min, max (the
	 * largest radius an alert may have); poster (never told); centre
	 * lat, lat, lon; vacancy id → user, alert, frequency of every fitting
	 * alert of kind vacancies, by user, then alert. The targets of the
	 * vacancy's categories and of "any" are two index ranges on
	 * vacancy_alert_targets_geo (category_id, lat, lon, ...) that also
	 * carry the distance test; the talents are probed per target, on the
	 * primary keys (scalar subqueries: as NOT EXISTS, MariaDB would read
	 * every alert's talents into a temporary table). */
	"SELECT t.user_id, t.alert_id, t.frequency "
	"FROM (SELECT vc.category_id FROM vacancy_categories vc WHERE vc.vacancy_id = ? "
	"UNION SELECT '') c "
	"STRAIGHT_JOIN vacancy_alert_targets t FORCE INDEX (vacancy_alert_targets_geo) "
	"ON t.category_id = c.category_id AND t.lat BETWEEN ? AND ? AND t.lon BETWEEN ? AND ? "
	"WHERE t.user_id <> ? AND 2 * 6371.0088 * ASIN(LEAST(1, SQRT("
	"POW(SIN(RADIANS(t.lat - ?) / 2), 2) + COS(RADIANS(?)) * COS(RADIANS(t.lat)) * "
	"POW(SIN(RADIANS(t.lon - ?) / 2), 2)))) <= t.radius_km "
	"AND ((SELECT COUNT(*) FROM alert_talents x WHERE x.alert_id = t.alert_id) = 0 "
	"OR (SELECT COUNT(*) FROM alert_talents x JOIN vacancy_talents y "
	"ON y.vacancy_id = ? AND y.talent_id = x.talent_id WHERE x.alert_id = t.alert_id) > 0) "
	"ORDER BY t.user_id, t.alert_id",
	/* MSTMT_CIRCLE_UNTIL_DUE: open circle requests whose circle_until
	 * has passed and whose poster was not told yet → id, owner, title
	 * (requests_circle_until: audience, circle_told_at, circle_until). */
	"SELECT r.id, r.owner_id, r.title FROM requests r "
	"WHERE r.audience = 'circle' AND r.circle_told_at IS NULL "
	"AND r.circle_until <= NOW(3) AND r.status = 'open' AND r.expires_at > NOW(3) "
	"ORDER BY r.circle_until LIMIT 100",
	/* MSTMT_CIRCLE_UNTIL_MARK: id. Still an open circle request not told:
	 * one row. */
	"UPDATE requests SET circle_told_at = NOW(3) WHERE id = ? AND circle_told_at IS NULL "
	"AND audience = 'circle' AND status = 'open'",
};
