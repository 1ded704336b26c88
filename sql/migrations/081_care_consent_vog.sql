-- 081_care_consent_vog.sql — issue 17, parts 1 and 4 (API.md "Care"):
-- the consent of the person a request is posted for, and the VOG
-- (Verklaring Omtrent het Gedrag) of volunteers.
--
-- Consent lives on the request it belongs to: how the person agreed, when
-- and by whom it was recorded, and when it was revoked. A revocation
-- cancels the request and empties its sealed columns and first name at
-- once (handlers/requests/consent.c); the consent columns stay as the
-- record that it happened (no private data in them).
--
-- A VOG is one row per volunteer: the date on the paper, what a moderator
-- decided, and until when it holds (issue date + vog_valid_years, set when
-- verified). The moderator's note is sealed (users_vog, note, user id).
-- expiry_notified_for holds the expires_on the vog.expiring notice was sent
-- for, so that a renewed VOG is told about again, and an unchanged one once.

ALTER TABLE requests
  ADD COLUMN consent_how ENUM('verbal', 'written', 'self_present') NULL,
  ADD COLUMN consent_recorded_at DATETIME(3) NULL,
  ADD COLUMN consent_recorded_by CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN consent_revoked_at DATETIME(3) NULL,
  ADD COLUMN needs_vog TINYINT(1) NOT NULL DEFAULT 0;

ALTER TABLE categories
  ADD COLUMN needs_vog TINYINT(1) NOT NULL DEFAULT 0;

CREATE TABLE users_vog (
  user_id             CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  issued_on           DATE NOT NULL,
  status              ENUM('submitted', 'verified', 'rejected') NOT NULL,
  expires_on          DATE NULL,
  note_ct             VARBINARY(1200) NULL,
  submitted_at        DATETIME(3) NOT NULL,
  decided_at          DATETIME(3) NULL,
  decided_by          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  expiry_notified_for DATE NULL,
  KEY users_vog_expiry (status, expires_on),
  CONSTRAINT users_vog_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
