-- Grants for issue 17, parts 1 and 4 (migration 081): the consent of the
-- person a request is for, and the VOG of volunteers. Applied by
-- `burenhulpctl migrate` after the handlers' own files (see accounts.sql).

-- The requests handler records consent and needs_vog, and on a revoke
-- empties the private part; it asks whether a volunteer's VOG holds
-- before showing them the private part of a request that needs one.
GRANT UPDATE (consent_how, consent_recorded_at, consent_recorded_by, consent_revoked_at,
              needs_vog)
  ON requests TO 'bh_requests'@'localhost';
-- Only whether it holds: never the sealed note.
GRANT SELECT (user_id, status, expires_on) ON users_vog TO 'bh_requests'@'localhost';

-- The matches handler refuses responses, invitations and suggestions of
-- volunteers without a VOG on a request that needs one.
GRANT SELECT (needs_vog) ON requests TO 'bh_matches'@'localhost';
GRANT SELECT (user_id, status, expires_on) ON users_vog TO 'bh_matches'@'localhost';

-- The accounts handler keeps the VOG (PUT /me/vog, POST /users/{id}/vog),
-- shows it in GET /me and the export, and erases it with the account.
GRANT SELECT, INSERT, UPDATE, DELETE ON users_vog TO 'bh_accounts'@'localhost';

-- The mailer tells a volunteer once, 30 days before, that their VOG expires.
GRANT SELECT (user_id, status, expires_on, expiry_notified_for) ON users_vog TO 'bh_mailer'@'localhost';
GRANT UPDATE (expiry_notified_for) ON users_vog TO 'bh_mailer'@'localhost';

-- The admin handler lists the VOGs that wait for a moderator (GET
-- /admin/vog): who, and the dates. Never the sealed note.
GRANT SELECT (user_id, status, issued_on, expires_on, submitted_at) ON users_vog TO 'bh_admin'@'localhost';

-- The moderation queue and the check-ins list show that a request posted
-- for someone has that person's consent, and how (issue 17): the first
-- name and the consent columns, nothing more of the person.
GRANT SELECT (on_behalf_of, consent_how, consent_recorded_at, consent_recorded_by)
  ON requests TO 'bh_admin'@'localhost';

-- The monthly reminder of the caregiver's own check (migration 096): the
-- accounts handler keeps the wish (and erases it with the account); the
-- mailer reads who is due, when each last took a check (never the sealed
-- result), and marks a reminder sent.
GRANT SELECT, INSERT, UPDATE, DELETE ON caregiver_check_reminders TO 'bh_accounts'@'localhost';
GRANT SELECT, UPDATE (last_sent_at) ON caregiver_check_reminders TO 'bh_mailer'@'localhost';
GRANT SELECT (user_id, created_at) ON caregiver_checks TO 'bh_mailer'@'localhost';

-- One check-in answer per person per period (handlers/matches/checkin.c):
-- the matches handler finds the caller's answer of the period and replaces
-- its answer and sealed note instead of adding a row.
GRANT SELECT (id, match_id, user_id, answer, created_at), UPDATE (answer, note_ct)
  ON checkins TO 'bh_matches'@'localhost';
