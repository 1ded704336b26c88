-- 082: recurring help with check-ins, and the caregiver's own check
-- (issue 17, parts 5 and 6; API.md "Care").
--
-- requests.recurrence: a request may be weekly, fortnightly or monthly help
-- (NULL: once). An accepted match on such a request is asked every
-- checkin_interval_days (config, 42) how it goes.
--
-- checkin_state: one row per match that has been asked at least once (the
-- mailer's checkin job writes it when it asks both parties): when it last
-- asked, the last answer given and when, and the coordinator's note (a
-- moderator's own record, not the parties' words). The attention list
-- (GET /admin/checkins?attention=true) reads only this table's keys.
--
-- checkins: every answer given (POST /matches/{id}/checkin). The note is
-- sealed ("checkins.note:<id>"); only a moderator's attention list opens it.
--
-- caregiver_checks: the Caregiver Strain Index taken by a caregiver. The
-- answers, the score and the level are sealed together
-- ("caregiver_checks.result:<id>"): nobody but the user reads them; the
-- figures count rows only.
ALTER TABLE requests ADD COLUMN recurrence ENUM('weekly','fortnightly','monthly') NULL;

CREATE TABLE checkin_state (
  match_id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  asked_at          DATETIME(3) NOT NULL,
  answered_at       DATETIME(3) NULL,
  last_answer       ENUM('good','could_be_better','stop') NULL,
  attention         TINYINT(1) NOT NULL DEFAULT 0,
  note              VARCHAR(1000) NULL,
  note_by           CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  note_at           DATETIME(3) NULL,
  KEY checkin_state_asked (asked_at, match_id),
  KEY checkin_state_attention (attention, match_id),
  CONSTRAINT checkin_state_match FOREIGN KEY (match_id) REFERENCES matches (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE checkins (
  id                CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  match_id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id           CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  answer            ENUM('good','could_be_better','stop') NOT NULL,
  note_ct           VARBINARY(4200) NULL,
  created_at        DATETIME(3) NOT NULL,
  KEY checkins_match (match_id, created_at, id),
  KEY checkins_user (user_id),
  CONSTRAINT checkins_match FOREIGN KEY (match_id) REFERENCES matches (id) ON DELETE CASCADE,
  CONSTRAINT checkins_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE caregiver_checks (
  id                CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  user_id           CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  result_ct         VARBINARY(600) NOT NULL,
  created_at        DATETIME(3) NOT NULL,
  KEY caregiver_checks_user (user_id, created_at, id),
  CONSTRAINT caregiver_checks_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
