-- Grants of bh_admin, the admin handler (health, categories, the directory
-- of organisations, reports, the moderation queue, audit and figures).
-- Applied by `burenhulpctl migrate`; see accounts.sql for how.
--
-- Least privilege: of other handlers' tables it may change only status
-- columns (hide a post, block a user), delete only a reported message
-- (hide_target) and the sessions of a user it blocks. It never reads
-- credentials, password resets, e-mail or phone ciphertexts, the private
-- parts of requests, or any message body but that of a reported message
-- (read for the moderator, audited). Session tokens: only lib's session
-- look-up (WHERE token_hash = ?) touches that column.

-- What every handler needs (TEAM.md).
GRANT SELECT ON postcodes TO 'bh_admin'@'localhost';
GRANT SELECT (id, display_name, roles, status, pc4, email_verified) ON users TO 'bh_admin'@'localhost';
GRANT SELECT, UPDATE (last_seen_at), DELETE ON sessions TO 'bh_admin'@'localhost';
-- lib's session look-up: whether the account has confirmed TOTP (staff need it).
GRANT SELECT (user_id, confirmed_at) ON mfa_totp TO 'bh_admin'@'localhost';
GRANT INSERT ON audit_log TO 'bh_admin'@'localhost';

-- Own tables. Categories are deleted only when nothing uses them (the
-- foreign keys of requests, offer_categories and organisation_categories
-- refuse otherwise); reports and moderation actions are never deleted.
GRANT SELECT, INSERT, UPDATE, DELETE ON categories TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT, DELETE ON organisation_categories TO 'bh_admin'@'localhost';
-- Organisation accounts (issue 18 part 1, migration 100): coordinators
-- granted and removed by an admin, the pending changes they propose.
GRANT SELECT, INSERT, DELETE ON organisation_coordinators TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT, UPDATE ON organisation_changes TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT, UPDATE ON reports TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT ON moderation_actions TO 'bh_admin'@'localhost';
-- GET /admin/audit.
GRANT SELECT ON audit_log TO 'bh_admin'@'localhost';

-- Moderation: block users (and end their sessions: DELETE on sessions
-- above), hide posts — status columns only. moderation_decision (migration
-- 010) tells the owner of a hidden request why, as a review would.
GRANT SELECT (created_at) ON users TO 'bh_admin'@'localhost';
GRANT UPDATE (status, updated_at) ON users TO 'bh_admin'@'localhost';
GRANT SELECT (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
              when_start, when_end, status, moderation_reason, response_count,
              created_at, updated_at, expires_at, closed_at)
  ON requests TO 'bh_admin'@'localhost';
GRANT UPDATE (status, moderation_decision, moderation_reason, updated_at)
  ON requests TO 'bh_admin'@'localhost';
GRANT SELECT (id, volunteer_id, title, description, pc4, lat, lon, radius_km, status,
              moderation_reason, created_at, updated_at)
  ON offers TO 'bh_admin'@'localhost';
GRANT UPDATE (status, moderation_reason, updated_at) ON offers TO 'bh_admin'@'localhost';
GRANT SELECT ON offer_categories TO 'bh_admin'@'localhost';

-- Figures (aggregates) and report targets: match times, hours, status;
-- not thanks or cancel reasons.
GRANT SELECT (id, request_id, volunteer_id, initiated_by, status, hours,
              created_at, accepted_at, completed_at, updated_at)
  ON matches TO 'bh_admin'@'localhost';
-- A reported message: whose it is and, for the moderator, its body
-- (GET /admin/reports shows it, writing message.private_read first);
-- hide_target deletes it.
GRANT SELECT (id, match_id, sender_id, body_ct, created_at), DELETE
  ON messages TO 'bh_admin'@'localhost';

-- GET /health: is mail stuck in the queue? Only when and whether a mail is
-- due, never to whom or what (outbox_due serves it).
GRANT SELECT (state, due_at) ON outbox TO 'bh_admin'@'localhost';
-- Figures: the fact tables of migration 070, kept by triggers (read only).
GRANT SELECT ON stats_requests TO 'bh_admin'@'localhost';
GRANT SELECT ON stats_matches TO 'bh_admin'@'localhost';
-- and each person's items per year of migration 071 (read only).
GRANT SELECT ON stats_owner_items TO 'bh_admin'@'localhost';
GRANT SELECT ON stats_volunteer_items TO 'bh_admin'@'localhost';

-- Check-ins of recurring help (checkins.c, issue 17): the attention list,
-- the parties' sealed notes (opened for moderators, audited), the
-- coordinator's note. The caregiver checks: a count of rows only (the
-- sealed result column is not granted).
GRANT SELECT, UPDATE (note, note_by, note_at) ON checkin_state TO 'bh_admin'@'localhost';
GRANT SELECT ON checkins TO 'bh_admin'@'localhost';
GRANT SELECT (id, user_id, created_at) ON caregiver_checks TO 'bh_admin'@'localhost';

-- The moderation queue lists pending vacancies too (queue.c, issue 18
-- part 2); the decision is POST /vacancies/{id}/review in the offers
-- handler.
GRANT SELECT (id, organisation_id, posted_by, title, description, pc4, status, created_at)
  ON vacancies TO 'bh_admin'@'localhost';
GRANT SELECT ON vacancy_categories TO 'bh_admin'@'localhost';
