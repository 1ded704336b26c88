-- 100_organisation_accounts.sql — organisation accounts (issue 18 part 1).
-- An admin makes a user coordinator of an organisation: a relation per
-- organisation, not a global role. A coordinator's edit of the entry is a
-- pending change stored beside it; the public entry stays as it is until a
-- moderator approves (the change is then applied) or rejects it.
CREATE TABLE organisation_coordinators (
  organisation_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id         CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  granted_by      CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created_at      DATETIME(3) NOT NULL,
  PRIMARY KEY (organisation_id, user_id),
  KEY organisation_coordinators_user (user_id, organisation_id),
  CONSTRAINT organisation_coordinators_org FOREIGN KEY (organisation_id)
    REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT organisation_coordinators_user FOREIGN KEY (user_id)
    REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One proposed edit. A NULL field keeps the entry's value; set_website,
-- set_phone and set_email say whether those nullable fields change (to the
-- value beside them, NULL clearing). categories: the new list, comma
-- separated, NULL to keep.
CREATE TABLE organisation_changes (
  id              CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  organisation_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  proposed_by     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  name            VARCHAR(160) NULL,
  description     TEXT NULL,
  categories      VARCHAR(500) CHARACTER SET ascii NULL,
  pc4             CHAR(4) CHARACTER SET ascii NULL,
  lat             DOUBLE NULL,
  lon             DOUBLE NULL,
  set_website     TINYINT(1) NOT NULL DEFAULT 0,
  website         VARCHAR(300) NULL,
  set_phone       TINYINT(1) NOT NULL DEFAULT 0,
  phone           VARCHAR(40) NULL,
  set_email       TINYINT(1) NOT NULL DEFAULT 0,
  email           VARCHAR(254) NULL,
  status          ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
  reviewed_by     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  reviewed_at     DATETIME(3) NULL,
  note            VARCHAR(1000) NULL,
  created_at      DATETIME(3) NOT NULL,
  KEY organisation_changes_status (status, created_at, id),
  KEY organisation_changes_org (organisation_id, status),
  CONSTRAINT organisation_changes_org FOREIGN KEY (organisation_id)
    REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT organisation_changes_pc4 FOREIGN KEY (pc4) REFERENCES postcodes (pc4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
