-- 001: accounts, sessions, postcodes, categories, audit, outbox.
-- Ids are opaque 22-character base64url strings made in C (crypto_id_new).
-- Private values are stored only as ciphertexts (*_ct) sealed in C; e-mail
-- addresses also get a keyed blind index for look-up and uniqueness.

CREATE TABLE postcodes (
  pc4           CHAR(4) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  place         VARCHAR(100) NOT NULL,
  municipality  VARCHAR(100) NOT NULL,
  lat           DOUBLE NOT NULL,
  lon           DOUBLE NOT NULL,
  KEY postcodes_lat_lon (lat, lon)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
  id          VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  name_nl     VARCHAR(80) NOT NULL,
  name_en     VARCHAR(80) NOT NULL,
  sort_order  INT NOT NULL DEFAULT 0,
  active      TINYINT(1) NOT NULL DEFAULT 1,
  KEY categories_order (active, sort_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO categories (id, name_nl, name_en, sort_order) VALUES
  ('shopping',  'Boodschappen',          'Shopping',          10),
  ('transport', 'Vervoer',               'Transport',         20),
  ('company',   'Gezelschap',            'Company',           30),
  ('odd-jobs',  'Klusjes in huis',       'Odd jobs',          40),
  ('garden',    'Tuin',                  'Garden',            50),
  ('paperwork', 'Administratie',         'Paperwork',         60),
  ('digital',   'Computer en telefoon',  'Computer and phone',70),
  ('respite',   'Respijtzorg',           'Respite care',      80),
  ('meals',     'Maaltijden',            'Meals',             90),
  ('pets',      'Huisdieren',            'Pets',             100);

CREATE TABLE users (
  id            CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  email_ct      VARBINARY(600) NOT NULL,
  email_bidx    BINARY(32) NOT NULL,
  display_name  VARCHAR(80) NOT NULL,
  pc4           CHAR(4) CHARACTER SET ascii NOT NULL,
  phone_ct      VARBINARY(200) NULL,
  roles         SET('resident','caregiver','volunteer','professional','moderator','admin') NOT NULL,
  locale        ENUM('nl','en') NOT NULL DEFAULT 'nl',
  status        ENUM('active','blocked','erased') NOT NULL DEFAULT 'active',
  created_at    DATETIME(3) NOT NULL,
  updated_at    DATETIME(3) NOT NULL,
  UNIQUE KEY users_email_bidx (email_bidx),
  KEY users_created (created_at, id),
  KEY users_name (display_name),
  CONSTRAINT users_pc4 FOREIGN KEY (pc4) REFERENCES postcodes (pc4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Password hashes apart, so that only the accounts handler's database user
-- can read them at all.
CREATE TABLE credentials (
  user_id        CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  password_hash  VARCHAR(255) CHARACTER SET ascii NOT NULL,
  changed_at     DATETIME(3) NOT NULL,
  CONSTRAINT credentials_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Only a keyed hash of the session token is stored.
CREATE TABLE sessions (
  token_hash    BINARY(32) NOT NULL PRIMARY KEY,
  user_id       CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  last_seen_at  DATETIME(3) NOT NULL,
  expires_at    DATETIME(3) NOT NULL,
  KEY sessions_user (user_id),
  CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Failed logins, per keyed hash of the account (blind index) and of the
-- address; old rows are pruned by the accounts handler as it goes.
CREATE TABLE login_attempts (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  bucket     BINARY(32) NOT NULL,
  at         DATETIME(3) NOT NULL,
  KEY login_attempts_bucket (bucket, at),
  KEY login_attempts_at (at)
) ENGINE=InnoDB;

CREATE TABLE password_resets (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  expires_at  DATETIME(3) NOT NULL,
  used_at     DATETIME(3) NULL,
  KEY password_resets_user (user_id),
  CONSTRAINT password_resets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Mail waiting to be sent by the operator's mailer. Recipient and body are
-- sealed (the body of a reset mail holds a token).
CREATE TABLE outbox (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  kind        VARCHAR(32) CHARACTER SET ascii NOT NULL,
  to_ct       VARBINARY(600) NOT NULL,
  subject     VARCHAR(200) NOT NULL,
  body_ct     VARBINARY(8000) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  sent_at     DATETIME(3) NULL,
  KEY outbox_unsent (sent_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did or read what. actor_id NULL: the system or an anonymous caller.
CREATE TABLE audit_log (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at           DATETIME(3) NOT NULL,
  actor_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  action       VARCHAR(48) CHARACTER SET ascii NOT NULL,
  target_type  VARCHAR(16) CHARACTER SET ascii NOT NULL,
  target_id    VARCHAR(64) CHARACTER SET ascii NULL,
  detail       VARCHAR(255) NULL,
  KEY audit_actor (actor_id, id),
  KEY audit_target (target_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
