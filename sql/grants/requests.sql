-- Grants of bh_requests, the requests handler (help requests, their private
-- parts, moderation review of requests). Applied by `burenhulpctl migrate`;
-- see accounts.sql for how. Never reads credentials.

-- What every handler needs (TEAM.md).
GRANT SELECT ON postcodes TO 'bh_requests'@'localhost';
GRANT SELECT ON categories TO 'bh_requests'@'localhost';
GRANT SELECT (id, display_name, roles, status, pc4, email_verified) ON users TO 'bh_requests'@'localhost';
-- A request's language defaults to its poster's (lang.c, issue 19).
GRANT SELECT (locale) ON users TO 'bh_requests'@'localhost';
GRANT SELECT, UPDATE (last_seen_at), DELETE ON sessions TO 'bh_requests'@'localhost';
-- lib's session look-up: whether the account has confirmed TOTP (staff need it).
GRANT SELECT (user_id, confirmed_at) ON mfa_totp TO 'bh_requests'@'localhost';
GRANT INSERT ON audit_log TO 'bh_requests'@'localhost';

-- Own table: no DELETE, requests end in a status. UPDATE only of what the
-- owner edits and moderation changes (never owner, id, created_at, or the
-- response count the matches handler keeps).
GRANT SELECT, INSERT ON requests TO 'bh_requests'@'localhost';
GRANT UPDATE (title, description, category_id, pc4, lat, lon, when_start, when_end,
              on_behalf_of, posted_as, care_situation_ct, address_ct, phone_ct,
              status, moderation_decision, moderation_reason, updated_at,
              expires_at, closed_at, recurrence, lang)
  ON requests TO 'bh_requests'@'localhost';
-- Who is the accepted volunteer (may read the private part)?
GRANT SELECT (id, request_id, volunteer_id, status, cancel_reason) ON matches TO 'bh_requests'@'localhost';
-- The letter of an accepted match (caseload.c, issue 18 part 4): since when.
GRANT SELECT (accepted_at) ON matches TO 'bh_requests'@'localhost';
-- Cancelling a request ends its live matches in the same transaction.
GRANT UPDATE (status, cancel_reason, updated_at) ON matches TO 'bh_requests'@'localhost';
-- POST /requests/{id}/review
GRANT INSERT ON moderation_actions TO 'bh_requests'@'localhost';

-- Telling people what happened (lib/notify.c, issue 13): the recipient's
-- setting, the notification (bundled into an unread one of its group), and
-- a mail for the mailer to send.
GRANT SELECT ON notification_settings TO 'bh_requests'@'localhost';
GRANT SELECT, INSERT, UPDATE (bundled, created_at, arg) ON notifications TO 'bh_requests'@'localhost';
GRANT INSERT ON outbox TO 'bh_requests'@'localhost';
-- New requests that go public reach the volunteers' alerts (alert_targets_geo).
GRANT SELECT ON alert_targets TO 'bh_requests'@'localhost';

-- Professional support near a place (lib/support.c, issue 17): the public
-- directory, read only.
GRANT SELECT ON organisations TO 'bh_requests'@'localhost';
GRANT SELECT ON organisation_categories TO 'bh_requests'@'localhost';

-- The circle around a person (issue 18 part 3, circles.c): the owner makes
-- it, invites (the sealed address, the token's hash), members join and
-- leave or are removed; circle requests are marked and told to members.
GRANT SELECT, INSERT ON circles TO 'bh_requests'@'localhost';
GRANT SELECT, INSERT, DELETE ON circle_members TO 'bh_requests'@'localhost';
GRANT SELECT, INSERT ON circle_invitations TO 'bh_requests'@'localhost';
GRANT UPDATE (accepted_at, accepted_by, email_ct, revoked_at) ON circle_invitations TO 'bh_requests'@'localhost';
GRANT UPDATE (audience, circle_id, circle_until) ON requests TO 'bh_requests'@'localhost';
