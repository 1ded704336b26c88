-- 060: notifications, e-mail and alerts (issue 13).
--
-- How an event travels (lib/notify.c writes, mailer/ sends):
--
--  * An event is one row in `notifications` for its recipient, written in
--    the same transaction as the change that caused it. `email` records
--    what the recipient's settings said at that moment: 'instant' (an
--    outbox row was written with it), 'daily' (the next digest carries it),
--    'off'. Rows whose group_key matches an unread row of the same user are
--    not written again: the unread row is bumped (bundled + 1, created_at
--    now), so a burst of ten messages is one notification and one mail.
--    once_key makes an event happen at most once per user (an alert for
--    one request).
--  * An outbox row is one mail. to_ct NULL: to the user's own address
--    (users.email_ct, opened by the mailer). subject and body are rendered
--    by the mailer from kind, the notification and the user's locale;
--    body_ct holds only what a template cannot know and must not be seen
--    (sealed: the token of an account mail, as "token=..." text).
--  * state/due_at: 'queued' rows with due_at <= now may be claimed. A claim
--    sets due_at to now + the lease and attempts + 1; a sent mail becomes
--    'sent' (sent_at); a temporary failure sets due_at to the back-off
--    time; a permanent one (5xx) 'failed' and users.email_bounced_at.
--    A mailer killed mid-batch leaves its claims queued: they are claimed
--    again when the lease runs out, and go out with the same Message-ID
--    (made from id and created_at).

ALTER TABLE users
  ADD COLUMN email_verified TINYINT(1) NOT NULL DEFAULT 0 AFTER email_bidx,
  ADD COLUMN email_bounced_at DATETIME(3) NULL AFTER email_verified;
-- Accounts made before verification existed have used their address.
UPDATE users SET email_verified = 1;

CREATE TABLE email_verifications (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  expires_at  DATETIME(3) NOT NULL,
  used_at     DATETIME(3) NULL,
  KEY email_verifications_user (user_id),
  CONSTRAINT email_verifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE notifications (
  id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind        VARCHAR(32) CHARACTER SET ascii NOT NULL,
  link        VARCHAR(200) CHARACTER SET ascii NOT NULL,
  arg         VARCHAR(200) NULL,
  group_key   VARCHAR(64) CHARACTER SET ascii NULL,
  once_key    VARCHAR(64) CHARACTER SET ascii NULL,
  alert_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  bundled     INT NOT NULL DEFAULT 1,
  email       ENUM('instant','daily','off') NOT NULL,
  digest_id   BIGINT UNSIGNED NULL,
  created_at  DATETIME(3) NOT NULL,
  read_at     DATETIME(3) NULL,
  UNIQUE KEY notifications_once (user_id, once_key),
  KEY notifications_user (user_id, created_at, id),
  KEY notifications_unread (user_id, read_at),
  KEY notifications_group (user_id, group_key, read_at),
  KEY notifications_daily (email, digest_id, user_id),
  CONSTRAINT notifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only what differs from the defaults (lib/notify.c) is stored.
CREATE TABLE notification_settings (
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind        VARCHAR(32) CHARACTER SET ascii NOT NULL,
  email       ENUM('instant','daily','off') NOT NULL,
  PRIMARY KEY (user_id, kind),
  CONSTRAINT notification_settings_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The one-click unsubscribe link of one mail: that kind (or that alert) off
-- for its user. kind 'digest': every kind the user gets daily.
CREATE TABLE unsubscribe_tokens (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind        VARCHAR(32) CHARACTER SET ascii NOT NULL,
  alert_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created_at  DATETIME(3) NOT NULL,
  used_at     DATETIME(3) NULL,
  KEY unsubscribe_tokens_user (user_id),
  KEY unsubscribe_tokens_created (created_at),
  CONSTRAINT unsubscribe_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

ALTER TABLE outbox
  MODIFY to_ct VARBINARY(600) NULL,
  MODIFY subject VARCHAR(200) NULL,
  MODIFY body_ct VARBINARY(8000) NULL,
  ADD COLUMN notification_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER kind,
  ADD COLUMN state ENUM('queued','sent','failed') NOT NULL DEFAULT 'queued' AFTER body_ct,
  ADD COLUMN due_at DATETIME(3) NOT NULL DEFAULT '2000-01-01 00:00:00' AFTER state,
  ADD COLUMN attempts INT NOT NULL DEFAULT 0 AFTER due_at,
  ADD COLUMN failed_at DATETIME(3) NULL AFTER sent_at,
  ADD COLUMN last_error VARCHAR(200) NULL AFTER failed_at,
  ADD KEY outbox_due (state, due_at, id),
  ADD KEY outbox_user (user_id, created_at);
UPDATE outbox SET kind = 'account.password_reset' WHERE kind = 'password_reset';
UPDATE outbox SET state = 'sent' WHERE sent_at IS NOT NULL;
UPDATE outbox SET due_at = created_at;

-- A volunteer's standing question: new requests near a postcode, in some
-- categories (none: any), instant or daily.
CREATE TABLE alerts (
  id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  pc4         CHAR(4) CHARACTER SET ascii NOT NULL,
  lat         DOUBLE NOT NULL,
  lon         DOUBLE NOT NULL,
  radius_km   INT NOT NULL,
  frequency   ENUM('instant','daily') NOT NULL,
  offer_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created_at  DATETIME(3) NOT NULL,
  KEY alerts_user (user_id, created_at, id),
  CONSTRAINT alerts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT alerts_pc4 FOREIGN KEY (pc4) REFERENCES postcodes (pc4)
) ENGINE=InnoDB;

-- One row per (alert, category), category '' for "any": what a new request
-- is matched on, by an index range on (category, lat, lon) — never a scan
-- of all alerts.
CREATE TABLE alert_targets (
  alert_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  category_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lat         DOUBLE NOT NULL,
  lon         DOUBLE NOT NULL,
  radius_km   INT NOT NULL,
  frequency   ENUM('instant','daily') NOT NULL,
  PRIMARY KEY (alert_id, category_id),
  KEY alert_targets_geo (category_id, lat, lon),
  CONSTRAINT alert_targets_alert FOREIGN KEY (alert_id) REFERENCES alerts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Follow-ups: the requester is reminded once of an accepted match that was
-- not completed; the volunteer may record the hours they spent.
ALTER TABLE matches
  ADD COLUMN volunteer_hours DECIMAL(5,2) NULL AFTER hours,
  ADD COLUMN reminded_at DATETIME(3) NULL AFTER completed_at,
  ADD KEY matches_reminder (status, reminded_at, accepted_at);
