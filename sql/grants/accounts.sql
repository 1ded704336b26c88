-- Grants of bh_accounts, the accounts handler (registration, sessions,
-- profile, password reset, admin user management, export and erasure).
-- Applied by `burenhulpctl migrate` after the migrations, connected to the
-- Burenhulp database: table names are unqualified on purpose (db_name may
-- differ). GRANT is idempotent; scripts/up revokes everything first whenever
-- a grants file changed, so each file is the whole truth for its user.
-- The only user that reads password hashes.

-- What every handler needs (TEAM.md).
GRANT SELECT ON postcodes TO 'bh_accounts'@'localhost';
GRANT SELECT ON categories TO 'bh_accounts'@'localhost';
GRANT INSERT ON audit_log TO 'bh_accounts'@'localhost';

-- Own tables.
GRANT SELECT, INSERT, UPDATE ON users TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON credentials TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, DELETE ON login_attempts TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO 'bh_accounts'@'localhost';
GRANT SELECT (id, user_id, state), INSERT ON outbox TO 'bh_accounts'@'localhost';

-- GET /me/export reads the account's posts, matches, messages and reports.
GRANT SELECT ON requests TO 'bh_accounts'@'localhost';
GRANT SELECT ON offers TO 'bh_accounts'@'localhost';
GRANT SELECT ON offer_categories TO 'bh_accounts'@'localhost';
GRANT SELECT ON offer_slots TO 'bh_accounts'@'localhost';
GRANT SELECT ON matches TO 'bh_accounts'@'localhost';
GRANT SELECT ON messages TO 'bh_accounts'@'localhost';
GRANT SELECT (id, reporter_id, target_type, target_id, reason, status, created_at, resolved_at)
  ON reports TO 'bh_accounts'@'localhost';
-- DELETE /me deletes the resolved reports the user made (gdpr_reports.c).
GRANT DELETE ON reports TO 'bh_accounts'@'localhost';

-- DELETE /me withdraws public posts and destroys private parts.
-- (requests: gdpr_requests.c also clears on_behalf_of, the first name of
-- the person cared for.)
GRANT UPDATE (status, care_situation_ct, address_ct, phone_ct, on_behalf_of,
              updated_at, closed_at)
  ON requests TO 'bh_accounts'@'localhost';
-- (offers: gdpr_offers.c deletes every offer of the user, destroys its text
-- and moderation reason, and removes its weekly slots and categories.)
GRANT UPDATE (status, title, description, moderation_reason, updated_at)
  ON offers TO 'bh_accounts'@'localhost';
GRANT DELETE ON offer_slots TO 'bh_accounts'@'localhost';
GRANT DELETE ON offer_categories TO 'bh_accounts'@'localhost';
GRANT DELETE ON messages TO 'bh_accounts'@'localhost';
-- (matches: gdpr_matches.c ends the user's live matches, forgets the cancel
-- reasons and thank-you notes they wrote, reopens a request they were the
-- accepted volunteer on and uncounts their open responses.)
GRANT UPDATE (status, thanks, cancel_reason, updated_at) ON matches TO 'bh_accounts'@'localhost';
GRANT UPDATE (response_count) ON requests TO 'bh_accounts'@'localhost';

-- Notifications, their settings, one-click unsubscribe, alerts and e-mail
-- verification (issue 13). lib/notify.c writes notifications and outbox
-- rows for the account mails; the mailer sends them.
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_settings TO 'bh_accounts'@'localhost';
GRANT SELECT, UPDATE, DELETE ON unsubscribe_tokens TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, DELETE ON alerts TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, DELETE ON alert_targets TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON email_verifications TO 'bh_accounts'@'localhost';
GRANT UPDATE (state, failed_at, last_error, body_ct, to_ct) ON outbox TO 'bh_accounts'@'localhost';

-- MFA (issue 16, 062_mfa.sql): the TOTP enrolment (sealed secret, replay
-- step) and the keyed hashes of the recovery codes. GET /me/sessions and
-- DELETE /me/sessions/{id} use the sessions grant above.
GRANT SELECT, INSERT, UPDATE, DELETE ON mfa_totp TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON mfa_recovery_codes TO 'bh_accounts'@'localhost';

-- Professional support near a place (lib/support.c, issue 17): the public
-- directory, read only.
GRANT SELECT ON organisations TO 'bh_accounts'@'localhost';
GRANT SELECT ON organisation_categories TO 'bh_accounts'@'localhost';

-- The caregiver's own check (caregiver_check.c, issue 17): sealed, read by
-- its owner only; erasure deletes it.
GRANT SELECT, INSERT, DELETE ON caregiver_checks TO 'bh_accounts'@'localhost';
-- The check-ins the user answered (gdpr_checkins.c): in the export, their
-- notes destroyed on erasure.
GRANT SELECT (id, match_id, user_id, answer, note_ct, created_at), UPDATE (note_ct)
  ON checkins TO 'bh_accounts'@'localhost';

-- Organisation accounts (gdpr_organisations.c, issue 18): GET /me/export
-- lists the organisations the user coordinates and the changes they
-- proposed; DELETE /me removes their coordinator rows and clears their
-- name from the grants they made and the changes they proposed.
GRANT SELECT, DELETE ON organisation_coordinators TO 'bh_accounts'@'localhost';
GRANT UPDATE (granted_by) ON organisation_coordinators TO 'bh_accounts'@'localhost';
GRANT SELECT (id, organisation_id, proposed_by, name, description, categories, pc4,
  set_website, website, set_phone, phone, set_email, email, status, created_at, reviewed_at),
  UPDATE (proposed_by) ON organisation_changes TO 'bh_accounts'@'localhost';
-- A volunteer's talents in GET/PATCH /me, and the GDPR part of talents and
-- of responses to vacancies (handlers/accounts/talents.c, issue 18 part 2):
-- the export opens the sealed bodies; erasure deletes the user's responses
-- (their conversations cascade) and what they wrote as a coordinator.
GRANT SELECT ON talents TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, DELETE ON user_talents TO 'bh_accounts'@'localhost';
GRANT SELECT (id, title, organisation_id, posted_by, status, created_at) ON vacancies TO 'bh_accounts'@'localhost';
GRANT UPDATE (posted_by) ON vacancies TO 'bh_accounts'@'localhost';
GRANT SELECT, DELETE ON vacancy_responses TO 'bh_accounts'@'localhost';
GRANT SELECT, DELETE ON vacancy_messages TO 'bh_accounts'@'localhost';
-- The circle around a person (issue 18 part 3, gdpr_circles.c): export and
-- erasure of the circles a user owns (members and invitations cascade) and
-- of their memberships.
GRANT SELECT, DELETE ON circles TO 'bh_accounts'@'localhost';
GRANT SELECT, DELETE ON circle_members TO 'bh_accounts'@'localhost';
GRANT SELECT (id, circle_id, email_ct, created_at) ON circle_invitations TO 'bh_accounts'@'localhost';
