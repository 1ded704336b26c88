-- 101_talents.sql — the Talentenbank's list of talents (issue 18 part 2).
-- A fixed list the admin keeps, shaped like categories: an ascii slug id,
-- Dutch and English names (the other languages come from the message
-- files, talent_names.<id>), an order and an active flag. A volunteer
-- records their talents in user_talents (PATCH /me {talents}); a talent of
-- a user is personal data (the export and erasure of handlers/accounts
-- carry it). talent_users serves "who has talent X" for suggestions.
CREATE TABLE talents (
  id          VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  name_nl     VARCHAR(80) NOT NULL,
  name_en     VARCHAR(80) NOT NULL,
  sort_order  INT NOT NULL DEFAULT 0,
  active      TINYINT(1) NOT NULL DEFAULT 1,
  KEY talents_order (active, sort_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO talents (id, name_nl, name_en, sort_order) VALUES
  ('cooking',        'Koken',                    'Cooking',                10),
  ('gardening',      'Tuinieren',                'Gardening',              20),
  ('computer_help',  'Computerhulp',             'Computer help',          30),
  ('paperwork',      'Administratie',            'Paperwork',              40),
  ('driving_licence','Rijbewijs',                'Driving licence',        50),
  ('odd_jobs',       'Klussen',                  'Odd jobs',               60),
  ('company',        'Gezelschap',               'Company',                70),
  ('reading',        'Taal en voorlezen',        'Language and reading',   80),
  ('music',          'Muziek',                   'Music',                  90),
  ('sport',          'Sport en bewegen',         'Sport and exercise',    100),
  ('organising',     'Organiseren',              'Organising',            110),
  ('first_aid',      'EHBO',                     'First aid',             120),
  ('care_experience','Zorgervaring',             'Care experience',       130),
  ('languages',      'Engels en andere talen',   'English and other languages', 140),
  ('photography',    'Fotografie',               'Photography',           150),
  ('transport',      'Vervoer',                  'Transport',             160);

CREATE TABLE user_talents (
  user_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  talent_id  VARCHAR(32) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (user_id, talent_id),
  KEY user_talents_talent (talent_id, user_id),
  CONSTRAINT user_talents_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT user_talents_talent FOREIGN KEY (talent_id) REFERENCES talents (id)
) ENGINE=InnoDB;
