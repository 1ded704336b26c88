-- 003: reports, moderation actions, the directory of organisations.

CREATE TABLE reports (
  id           CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  reporter_id  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_type  ENUM('request','offer','message','user') NOT NULL,
  target_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_user_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  reason       VARCHAR(1000) NOT NULL,
  status       ENUM('open','resolved') NOT NULL DEFAULT 'open',
  resolution   ENUM('dismiss','hide_target','block_user') NULL,
  note         VARCHAR(1000) NULL,
  resolved_by  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created_at   DATETIME(3) NOT NULL,
  resolved_at  DATETIME(3) NULL,
  KEY reports_status (status, created_at, id),
  KEY reports_reporter (reporter_id),
  KEY reports_target (target_type, target_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE moderation_actions (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at           DATETIME(3) NOT NULL,
  moderator_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_type  ENUM('request','offer','message','user','report') NOT NULL,
  target_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  action       VARCHAR(32) CHARACTER SET ascii NOT NULL,
  reason       VARCHAR(1000) NULL,
  KEY moderation_target (target_type, target_id, id),
  KEY moderation_moderator (moderator_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE organisations (
  id           CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  name         VARCHAR(160) NOT NULL,
  description  TEXT NOT NULL,
  pc4          CHAR(4) CHARACTER SET ascii NOT NULL,
  lat          DOUBLE NOT NULL,
  lon          DOUBLE NOT NULL,
  website      VARCHAR(300) NULL,
  phone        VARCHAR(40) NULL,
  email        VARCHAR(254) NULL,
  active       TINYINT(1) NOT NULL DEFAULT 1,
  created_at   DATETIME(3) NOT NULL,
  updated_at   DATETIME(3) NOT NULL,
  KEY organisations_geo (active, lat, lon),
  KEY organisations_name (active, name, id),
  CONSTRAINT organisations_pc4 FOREIGN KEY (pc4) REFERENCES postcodes (pc4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE organisation_categories (
  organisation_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  category_id     VARCHAR(32) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (organisation_id, category_id),
  KEY organisation_categories_cat (category_id, organisation_id),
  CONSTRAINT organisation_categories_org FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT organisation_categories_cat FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB;
