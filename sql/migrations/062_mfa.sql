-- 062: multi-factor authentication with TOTP (RFC 6238) and recovery codes
-- (API.md "Accounts, version 1.1: MFA and sessions"; issue 16).
--
--  * mfa_totp holds one enrolment per user. secret_ct is the 20-byte TOTP
--    secret sealed in C (crypto_field_seal, "mfa_totp.secret:<user id>"):
--    the database never sees it in clear. confirmed_at stays NULL until the
--    user proves with a code that their app holds the secret; only then does
--    login ask for a code. A new enrolment before confirming replaces the
--    secret.
--  * last_step is the RFC 6238 time step (Unix time / 30) of the last code
--    accepted: a code is accepted only for a later step, so the same code
--    (or an older one) cannot be used twice. The UPDATE that moves it is the
--    check (... WHERE last_step < ?), so two requests racing with one code
--    cannot both win.
--  * mfa_recovery_codes keeps a keyed hash (crypto_blind_index, purpose
--    "mfa-recovery", of "<user id>:<normalised code>") of each of the ten
--    one-time codes handed out at confirmation; used_at marks a spent one.
--
-- The rows of an erased account are deleted by the erasure (gdpr.c); the
-- cascades are for an operator who deletes users rows outright.

CREATE TABLE mfa_totp (
  user_id       CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  secret_ct     VARBINARY(200) NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  confirmed_at  DATETIME(3) NULL,
  last_step     BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT mfa_totp_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE mfa_recovery_codes (
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  code_hash   BINARY(32) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  used_at     DATETIME(3) NULL,
  PRIMARY KEY (user_id, code_hash),
  CONSTRAINT mfa_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
