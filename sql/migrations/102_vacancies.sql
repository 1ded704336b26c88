-- 102_vacancies.sql — vacancies of organisations (issue 18 part 2).
--
-- A coordinator of the organisation posts a vacancy; it is moderated like
-- an offer (handlers/offers/vacancies*.c):
--   pending   waiting for a moderator (pre-moderation) — not public
--   open      published: listed by GET /vacancies, open to responses
--   closed    closed by a coordinator: no longer listed, no new responses
--   rejected  refused by a moderator (moderation_reason) — not public
--   hidden    taken down by a moderator (moderation_reason) — not public
-- Like offers, a vacancy lies on its PC4 area's centroid (lat, lon copied
-- from postcodes), so the radius search of lib/near.c serves it:
--   vacancies_area   (status, pc4, id)        one area's open vacancies in id order
--   vacancies_geo    (status, lat, lon)       the search box
--   vacancies_recent (status, created_at, id) newest first without a postcode
--   vacancies_org    (organisation_id, created_at, id) a coordinator's list
--   vacancies_text   FULLTEXT (title, description) behind `q`
-- The talent and category filters probe the primary keys of
-- vacancy_talents / vacancy_categories per vacancy; their second keys
-- (talent_id, vacancy_id) serve "vacancies with talent X" (suggestions).
-- posted_by becomes NULL when that account is erased.
CREATE TABLE vacancies (
  id                CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  organisation_id   CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  posted_by         CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  title             VARCHAR(120) NOT NULL,
  description       TEXT NOT NULL,
  pc4               CHAR(4) CHARACTER SET ascii NOT NULL,
  lat               DOUBLE NOT NULL,
  lon               DOUBLE NOT NULL,
  hours_per_month   SMALLINT NULL,
  needs_vog         TINYINT(1) NOT NULL DEFAULT 0,
  status            ENUM('pending','open','closed','rejected','hidden') NOT NULL,
  moderation_reason VARCHAR(500) NULL,
  lang              ENUM('nl','en','tr','ar','pl','uk') NOT NULL DEFAULT 'nl',
  created_at        DATETIME(3) NOT NULL,
  updated_at        DATETIME(3) NOT NULL,
  KEY vacancies_area (status, pc4, id),
  KEY vacancies_geo (status, lat, lon),
  KEY vacancies_recent (status, created_at, id),
  KEY vacancies_org (organisation_id, created_at, id),
  KEY vacancies_posted_by (posted_by),
  CONSTRAINT vacancies_org FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT vacancies_posted_by FOREIGN KEY (posted_by) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT vacancies_pc4 FOREIGN KEY (pc4) REFERENCES postcodes (pc4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

SET SESSION innodb_ft_enable_stopword = OFF;
ALTER TABLE vacancies ADD FULLTEXT KEY vacancies_text (title, description);
SET SESSION innodb_ft_enable_stopword = ON;

CREATE TABLE vacancy_talents (
  vacancy_id  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  talent_id   VARCHAR(32) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (vacancy_id, talent_id),
  KEY vacancy_talents_talent (talent_id, vacancy_id),
  CONSTRAINT vacancy_talents_vacancy FOREIGN KEY (vacancy_id) REFERENCES vacancies (id) ON DELETE CASCADE,
  CONSTRAINT vacancy_talents_talent FOREIGN KEY (talent_id) REFERENCES talents (id)
) ENGINE=InnoDB;

CREATE TABLE vacancy_categories (
  vacancy_id   CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  category_id  VARCHAR(32) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (vacancy_id, category_id),
  KEY vacancy_categories_cat (category_id, vacancy_id),
  CONSTRAINT vacancy_categories_vacancy FOREIGN KEY (vacancy_id) REFERENCES vacancies (id) ON DELETE CASCADE,
  CONSTRAINT vacancy_categories_cat FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB;
