-- 002: requests, offers, matches, messages. Location is the PC4 centroid,
-- copied onto the row so that radius search runs on (status, lat, lon).

CREATE TABLE requests (
  id              CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  owner_id        CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  posted_as       ENUM('resident','caregiver','professional') NOT NULL,
  title           VARCHAR(120) NOT NULL,
  description     TEXT NOT NULL,
  category_id     VARCHAR(32) CHARACTER SET ascii NOT NULL,
  pc4             CHAR(4) CHARACTER SET ascii NOT NULL,
  lat             DOUBLE NOT NULL,
  lon             DOUBLE NOT NULL,
  when_start      DATETIME NULL,
  when_end        DATETIME NULL,
  on_behalf_of    VARCHAR(60) NULL,
  care_situation_ct VARBINARY(4200) NULL,
  address_ct      VARBINARY(600) NULL,
  phone_ct        VARBINARY(200) NULL,
  status          ENUM('pending','open','matched','completed','cancelled','rejected','hidden','expired') NOT NULL,
  moderation_reason VARCHAR(500) NULL,
  response_count  INT NOT NULL DEFAULT 0,
  created_at      DATETIME(3) NOT NULL,
  updated_at      DATETIME(3) NOT NULL,
  expires_at      DATETIME(3) NOT NULL,
  closed_at       DATETIME(3) NULL,
  KEY requests_geo (status, lat, lon),
  KEY requests_cat_geo (status, category_id, lat, lon),
  KEY requests_recent (status, created_at, id),
  KEY requests_owner (owner_id, created_at, id),
  CONSTRAINT requests_owner FOREIGN KEY (owner_id) REFERENCES users (id),
  CONSTRAINT requests_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT requests_pc4 FOREIGN KEY (pc4) REFERENCES postcodes (pc4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE offers (
  id              CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  volunteer_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title           VARCHAR(120) NOT NULL,
  description     TEXT NOT NULL,
  pc4             CHAR(4) CHARACTER SET ascii NOT NULL,
  lat             DOUBLE NOT NULL,
  lon             DOUBLE NOT NULL,
  radius_km       INT NOT NULL,
  status          ENUM('pending','active','paused','rejected','hidden','deleted') NOT NULL,
  moderation_reason VARCHAR(500) NULL,
  created_at      DATETIME(3) NOT NULL,
  updated_at      DATETIME(3) NOT NULL,
  KEY offers_geo (status, lat, lon),
  KEY offers_recent (status, created_at, id),
  KEY offers_volunteer (volunteer_id, created_at, id),
  CONSTRAINT offers_volunteer FOREIGN KEY (volunteer_id) REFERENCES users (id),
  CONSTRAINT offers_pc4 FOREIGN KEY (pc4) REFERENCES postcodes (pc4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE offer_categories (
  offer_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  category_id  VARCHAR(32) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (offer_id, category_id),
  KEY offer_categories_cat (category_id, offer_id),
  CONSTRAINT offer_categories_offer FOREIGN KEY (offer_id) REFERENCES offers (id) ON DELETE CASCADE,
  CONSTRAINT offer_categories_cat FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB;

-- Weekly availability: day 0 = Monday .. 6 = Sunday; minutes since midnight.
CREATE TABLE offer_slots (
  offer_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  day          TINYINT NOT NULL,
  from_min     SMALLINT NOT NULL,
  to_min       SMALLINT NOT NULL,
  PRIMARY KEY (offer_id, day, from_min),
  KEY offer_slots_day (day, offer_id),
  CONSTRAINT offer_slots_offer FOREIGN KEY (offer_id) REFERENCES offers (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- One volunteer on one request. The unique key makes a second response by
-- the same volunteer a conflict.
CREATE TABLE matches (
  id            CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  request_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  volunteer_id  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  initiated_by  ENUM('volunteer','requester') NOT NULL,
  status        ENUM('responded','invited','accepted','declined','completed','cancelled') NOT NULL,
  hours         DECIMAL(5,2) NULL,
  thanks        VARCHAR(1000) NULL,
  cancel_reason VARCHAR(500) NULL,
  created_at    DATETIME(3) NOT NULL,
  accepted_at   DATETIME(3) NULL,
  completed_at  DATETIME(3) NULL,
  updated_at    DATETIME(3) NOT NULL,
  UNIQUE KEY matches_pair (request_id, volunteer_id),
  KEY matches_volunteer (volunteer_id, created_at, id),
  KEY matches_request (request_id, status),
  CONSTRAINT matches_request FOREIGN KEY (request_id) REFERENCES requests (id),
  CONSTRAINT matches_volunteer FOREIGN KEY (volunteer_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE messages (
  id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  match_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sender_id   CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  body_ct     VARBINARY(8200) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  KEY messages_match (match_id, created_at, id),
  CONSTRAINT messages_match FOREIGN KEY (match_id) REFERENCES matches (id) ON DELETE CASCADE
) ENGINE=InnoDB;
