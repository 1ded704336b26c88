-- Grants of bh_mailer, the mailer (mailer/: the outbox over SMTP, the
-- daily digests, the follow-ups). Applied by `burenhulpctl migrate`; see
-- accounts.sql for how. Not a FastCGI handler, and not one of "every
-- handler": no sessions, no audit, no postcodes. It holds the master key
-- to open sealed addresses, so what it may read is kept to what a mail
-- needs: never a password hash, a private part of a request, a message.

-- The outbox: read the rows, move their state; insert digests (and what
-- lib/notify writes for a reminder).
GRANT SELECT (id, user_id, kind, notification_id, to_ct, subject, body_ct, state,
              due_at, attempts, created_at, sent_at, failed_at, last_error)
  ON outbox TO 'bh_mailer'@'localhost';
GRANT UPDATE (state, due_at, attempts, sent_at, failed_at, last_error)
  ON outbox TO 'bh_mailer'@'localhost';
GRANT INSERT ON outbox TO 'bh_mailer'@'localhost';

-- The recipient: address (sealed), name and language; bounces recorded.
GRANT SELECT (id, email_ct, display_name, locale, status, email_bounced_at)
  ON users TO 'bh_mailer'@'localhost';
GRANT UPDATE (email_bounced_at) ON users TO 'bh_mailer'@'localhost';

-- The events a mail tells of; digests link them (digest_id), reminders
-- write them (lib/notify: a new row, or an unread one bumped).
GRANT SELECT, INSERT ON notifications TO 'bh_mailer'@'localhost';
GRANT UPDATE (digest_id, bundled, created_at, arg)
  ON notifications TO 'bh_mailer'@'localhost';
GRANT SELECT ON notification_settings TO 'bh_mailer'@'localhost';

-- The one-click unsubscribe link of each mail.
GRANT INSERT ON unsubscribe_tokens TO 'bh_mailer'@'localhost';

-- Follow-ups: accepted matches not completed, their request's public title.
GRANT SELECT (id, request_id, volunteer_id, status, accepted_at, reminded_at)
  ON matches TO 'bh_mailer'@'localhost';
GRANT UPDATE (reminded_at) ON matches TO 'bh_mailer'@'localhost';
GRANT SELECT (id, owner_id, title, status) ON requests TO 'bh_mailer'@'localhost';

-- Its own memory of the daily runs (061).
GRANT SELECT, INSERT, UPDATE ON mailer_runs TO 'bh_mailer'@'localhost';

-- Check-ins of recurring help (checkins.c, issue 17): which requests recur,
-- and the per-match state of the questions asked.
GRANT SELECT (recurrence) ON requests TO 'bh_mailer'@'localhost';
-- (INSERT ... ON DUPLICATE KEY UPDATE needs UPDATE on the key column too.)
GRANT SELECT, INSERT, UPDATE (match_id, asked_at) ON checkin_state TO 'bh_mailer'@'localhost';

-- The circle job (circles.c, issue 18 part 3): circle requests nobody took
-- by their circle_until; their poster is told once.
GRANT SELECT (audience, circle_until, circle_told_at, expires_at) ON requests TO 'bh_mailer'@'localhost';
GRANT UPDATE (circle_told_at) ON requests TO 'bh_mailer'@'localhost';
