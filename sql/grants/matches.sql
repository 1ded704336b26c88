-- Grants of bh_matches, the matches handler (responses, invitations, the
-- match life cycle, messages, suggestions). Applied by `burenhulpctl
-- migrate`; see accounts.sql for how.

-- What every handler needs (TEAM.md).
GRANT SELECT ON postcodes TO 'bh_matches'@'localhost';
GRANT SELECT ON categories TO 'bh_matches'@'localhost';
GRANT SELECT (id, display_name, roles, status, pc4, email_verified) ON users TO 'bh_matches'@'localhost';
-- Reasons of suggestions come in the caller's language.
GRANT SELECT (locale) ON users TO 'bh_matches'@'localhost';
GRANT SELECT, UPDATE (last_seen_at), DELETE ON sessions TO 'bh_matches'@'localhost';
-- lib's session look-up: whether the account has confirmed TOTP (staff need it).
GRANT SELECT (user_id, confirmed_at) ON mfa_totp TO 'bh_matches'@'localhost';
GRANT INSERT ON audit_log TO 'bh_matches'@'localhost';

-- Own tables. Matches end in a status and messages are never edited, so
-- neither needs DELETE here (erasure is the accounts handler's).
GRANT SELECT, INSERT, UPDATE ON matches TO 'bh_matches'@'localhost';
GRANT SELECT, INSERT ON messages TO 'bh_matches'@'localhost';

-- A match moves its request: accepted → matched, completed, cancelled →
-- open again; responses are counted. The private part is not read here
-- (no *_ct column); on_behalf_of is public, shown in GET /me/suggestions.
GRANT SELECT (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
              when_start, when_end, on_behalf_of, status, response_count, created_at,
              updated_at, expires_at, closed_at)
  ON requests TO 'bh_matches'@'localhost';
GRANT UPDATE (status, response_count, updated_at, closed_at) ON requests TO 'bh_matches'@'localhost';

-- Suggestions rank offers against requests.
GRANT SELECT ON offers TO 'bh_matches'@'localhost';
GRANT SELECT ON offer_categories TO 'bh_matches'@'localhost';
GRANT SELECT ON offer_slots TO 'bh_matches'@'localhost';

-- Telling people what happened (lib/notify.c, issue 13): the recipient's
-- setting, the notification (bundled into an unread one of its group), and
-- a mail for the mailer to send.
GRANT SELECT ON notification_settings TO 'bh_matches'@'localhost';
GRANT SELECT, INSERT, UPDATE (bundled, created_at, arg) ON notifications TO 'bh_matches'@'localhost';
GRANT INSERT ON outbox TO 'bh_matches'@'localhost';

-- Check-ins of recurring help (checkin.c, issue 17): the answers (notes
-- sealed) and the per-match state the attention list reads; a recurring
-- request's hours add up per occasion.
GRANT INSERT ON checkins TO 'bh_matches'@'localhost';
GRANT SELECT, INSERT, UPDATE ON checkin_state TO 'bh_matches'@'localhost';
GRANT SELECT (recurrence) ON requests TO 'bh_matches'@'localhost';

-- Responses to vacancies and their sealed conversation (issue 18 part 2,
-- vacancy_responses.c): the vacancy's title and status, who coordinates
-- its organisation (they read the responses and are notified).
GRANT SELECT (id, title, status, organisation_id) ON vacancies TO 'bh_matches'@'localhost';
GRANT SELECT (id, name, active) ON organisations TO 'bh_matches'@'localhost';
GRANT SELECT ON organisation_coordinators TO 'bh_matches'@'localhost';
GRANT SELECT, INSERT, UPDATE (updated_at) ON vacancy_responses TO 'bh_matches'@'localhost';
GRANT SELECT, INSERT ON vacancy_messages TO 'bh_matches'@'localhost';
-- The circle around a person (issue 18 part 3): a circle request is seen,
-- responded to and suggested only within its circle (lib/auth.c).
GRANT SELECT (audience, circle_id) ON requests TO 'bh_matches'@'localhost';
GRANT SELECT (id, owner_id) ON circles TO 'bh_matches'@'localhost';
GRANT SELECT (circle_id, user_id) ON circle_members TO 'bh_matches'@'localhost';
