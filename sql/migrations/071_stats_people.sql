-- 071_stats_people.sql — each person's items of a year, kept ready, so
-- that the figures (GET /admin/stats) read a row per person and year
-- instead of grouping a row per request.
--
-- Why: the figures count the distinct people behind every number and the
-- medians of the hours to a first response and to a match, in any window
-- of whole days. Neither can be summed from totals per day (a resident of
-- two days is one resident; a median is not a sum), so every answer
-- grouped the period's requests per owner and its matches per volunteer:
-- at 1 M requests the default view (Emmen, the last 12 months and the 12
-- before: 261 000 requests, 131 000 matches) cost MariaDB 1.3 s of CPU,
-- most of it the GROUP BY and GROUP_CONCAT of every request. Here the
-- triggers keep that GROUP_CONCAT per (municipality, person, year): the
-- view reads 70 000 rows in the order of the primary key and the handler
-- keeps the items whose day lies in the window (handlers/admin/stats.c).
--
-- The items (see handlers/admin/stmts.c): "TO_DAYS(day):category:pc4:
-- flags:response_s:match_s:hours" per request, "TO_DAYS(day):category:
-- pc4:completed" per match, separated by spaces; `n` says how many, so
-- that a list cut by group_concat_max_len is noticed (lib/db sets it to
-- 64 MiB on every connection; an operator's session has 1 MiB, about
-- 30 000 items of one person in one year). A person and year whose last
-- item went keeps a row with n = 0.
--
-- Kept by triggers on the fact tables of migration 070, whose own
-- triggers on requests and matches change them: in the same transaction as
-- every change, whoever makes it. A recomputation reads the person's rows
-- of that year on the keys below (a few; a professional's thousands).
-- Single-statement bodies: burenhulpctl splits files at line-ending ';'.

ALTER TABLE stats_requests
  ADD KEY stats_requests_owner (municipality, owner_id, day, category_id, pc4, approved,
    cancelled, expired, completed, hours, first_response_s, match_s);

ALTER TABLE stats_matches
  ADD KEY stats_matches_volunteer (municipality, volunteer_id, day, category_id, pc4, completed);

CREATE TABLE stats_owner_items (
  municipality  VARCHAR(100) NOT NULL,
  owner_id      CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  year          SMALLINT NOT NULL,
  n             INT NOT NULL,
  items         MEDIUMTEXT CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (municipality, owner_id, year),
  KEY stats_owner_items_all (owner_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stats_volunteer_items (
  municipality  VARCHAR(100) NOT NULL,
  volunteer_id  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  year          SMALLINT NOT NULL,
  n             INT NOT NULL,
  items         MEDIUMTEXT CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (municipality, volunteer_id, year),
  KEY stats_volunteer_items_all (volunteer_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

SET SESSION group_concat_max_len = 67108864;
SET SESSION max_heap_table_size = 536870912;
SET SESSION tmp_table_size = 536870912;

INSERT INTO stats_owner_items (municipality, owner_id, year, n, items)
SELECT municipality, owner_id, YEAR(day), COUNT(*),
  GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4,
    approved + 2 * cancelled + 4 * expired + 8 * completed,
    COALESCE(first_response_s, '-'), COALESCE(match_s, '-'), hours) SEPARATOR ' ')
FROM stats_requests GROUP BY municipality, owner_id, YEAR(day);

INSERT INTO stats_volunteer_items (municipality, volunteer_id, year, n, items)
SELECT municipality, volunteer_id, YEAR(day), COUNT(*),
  GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4, completed) SEPARATOR ' ')
FROM stats_matches GROUP BY municipality, volunteer_id, YEAR(day);

-- 070's update of a request's row left its owner as it was: a request
-- given to another owner (by SQL: no handler does it) counted for the old
-- one. Both triggers again, in their order, the owner kept too.
DROP TRIGGER stats_request_update_matches;
DROP TRIGGER stats_request_update;

CREATE TRIGGER stats_request_update AFTER UPDATE ON requests FOR EACH ROW
  UPDATE stats_requests s SET
    s.approved = NEW.status NOT IN ('pending', 'rejected'),
    s.cancelled = NEW.status = 'cancelled',
    s.expired = NEW.status = 'expired',
    s.category_id = NEW.category_id,
    s.pc4 = NEW.pc4,
    s.owner_id = NEW.owner_id,
    s.municipality = IF(NEW.pc4 = OLD.pc4, s.municipality,
      (SELECT p.municipality FROM postcodes p WHERE p.pc4 = NEW.pc4))
  WHERE s.request_id = NEW.id;

CREATE TRIGGER stats_request_update_matches AFTER UPDATE ON requests FOR EACH ROW
  FOLLOWS stats_request_update
  UPDATE stats_matches m JOIN stats_requests s ON s.request_id = m.request_id
  SET m.category_id = s.category_id, m.pc4 = s.pc4, m.municipality = s.municipality
  WHERE m.request_id = NEW.id AND (NEW.pc4 <> OLD.pc4 OR NEW.category_id <> OLD.category_id);

-- ---- a request's row changed: its owner's year again ------------------------

CREATE TRIGGER stats_owner_items_insert AFTER INSERT ON stats_requests FOR EACH ROW
  REPLACE INTO stats_owner_items (municipality, owner_id, year, n, items)
  SELECT NEW.municipality, NEW.owner_id, YEAR(NEW.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4,
      approved + 2 * cancelled + 4 * expired + 8 * completed,
      COALESCE(first_response_s, '-'), COALESCE(match_s, '-'), hours) SEPARATOR ' '), '')
  FROM stats_requests FORCE INDEX (stats_requests_owner)
  WHERE municipality = NEW.municipality AND owner_id = NEW.owner_id
    AND day >= MAKEDATE(YEAR(NEW.day), 1) AND day < MAKEDATE(YEAR(NEW.day) + 1, 1);

CREATE TRIGGER stats_owner_items_update AFTER UPDATE ON stats_requests FOR EACH ROW
  REPLACE INTO stats_owner_items (municipality, owner_id, year, n, items)
  SELECT NEW.municipality, NEW.owner_id, YEAR(NEW.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4,
      approved + 2 * cancelled + 4 * expired + 8 * completed,
      COALESCE(first_response_s, '-'), COALESCE(match_s, '-'), hours) SEPARATOR ' '), '')
  FROM stats_requests FORCE INDEX (stats_requests_owner)
  WHERE municipality = NEW.municipality AND owner_id = NEW.owner_id
    AND day >= MAKEDATE(YEAR(NEW.day), 1) AND day < MAKEDATE(YEAR(NEW.day) + 1, 1);

-- Moved to another municipality (or owner, or day): the old year too.
CREATE TRIGGER stats_owner_items_update_old AFTER UPDATE ON stats_requests FOR EACH ROW
  FOLLOWS stats_owner_items_update
  REPLACE INTO stats_owner_items (municipality, owner_id, year, n, items)
  SELECT OLD.municipality, OLD.owner_id, YEAR(OLD.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4,
      approved + 2 * cancelled + 4 * expired + 8 * completed,
      COALESCE(first_response_s, '-'), COALESCE(match_s, '-'), hours) SEPARATOR ' '), '')
  FROM stats_requests FORCE INDEX (stats_requests_owner)
  WHERE municipality = OLD.municipality AND owner_id = OLD.owner_id
    AND day >= MAKEDATE(YEAR(OLD.day), 1) AND day < MAKEDATE(YEAR(OLD.day) + 1, 1)
  HAVING (OLD.municipality <> NEW.municipality OR OLD.owner_id <> NEW.owner_id
      OR YEAR(OLD.day) <> YEAR(NEW.day));

CREATE TRIGGER stats_owner_items_delete AFTER DELETE ON stats_requests FOR EACH ROW
  REPLACE INTO stats_owner_items (municipality, owner_id, year, n, items)
  SELECT OLD.municipality, OLD.owner_id, YEAR(OLD.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4,
      approved + 2 * cancelled + 4 * expired + 8 * completed,
      COALESCE(first_response_s, '-'), COALESCE(match_s, '-'), hours) SEPARATOR ' '), '')
  FROM stats_requests FORCE INDEX (stats_requests_owner)
  WHERE municipality = OLD.municipality AND owner_id = OLD.owner_id
    AND day >= MAKEDATE(YEAR(OLD.day), 1) AND day < MAKEDATE(YEAR(OLD.day) + 1, 1);

-- ---- a match's row changed: its volunteer's year again -----------------------

CREATE TRIGGER stats_volunteer_items_insert AFTER INSERT ON stats_matches FOR EACH ROW
  REPLACE INTO stats_volunteer_items (municipality, volunteer_id, year, n, items)
  SELECT NEW.municipality, NEW.volunteer_id, YEAR(NEW.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4, completed) SEPARATOR ' '), '')
  FROM stats_matches FORCE INDEX (stats_matches_volunteer)
  WHERE municipality = NEW.municipality AND volunteer_id = NEW.volunteer_id
    AND day >= MAKEDATE(YEAR(NEW.day), 1) AND day < MAKEDATE(YEAR(NEW.day) + 1, 1);

CREATE TRIGGER stats_volunteer_items_update AFTER UPDATE ON stats_matches FOR EACH ROW
  REPLACE INTO stats_volunteer_items (municipality, volunteer_id, year, n, items)
  SELECT NEW.municipality, NEW.volunteer_id, YEAR(NEW.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4, completed) SEPARATOR ' '), '')
  FROM stats_matches FORCE INDEX (stats_matches_volunteer)
  WHERE municipality = NEW.municipality AND volunteer_id = NEW.volunteer_id
    AND day >= MAKEDATE(YEAR(NEW.day), 1) AND day < MAKEDATE(YEAR(NEW.day) + 1, 1);

CREATE TRIGGER stats_volunteer_items_update_old AFTER UPDATE ON stats_matches FOR EACH ROW
  FOLLOWS stats_volunteer_items_update
  REPLACE INTO stats_volunteer_items (municipality, volunteer_id, year, n, items)
  SELECT OLD.municipality, OLD.volunteer_id, YEAR(OLD.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4, completed) SEPARATOR ' '), '')
  FROM stats_matches FORCE INDEX (stats_matches_volunteer)
  WHERE municipality = OLD.municipality AND volunteer_id = OLD.volunteer_id
    AND day >= MAKEDATE(YEAR(OLD.day), 1) AND day < MAKEDATE(YEAR(OLD.day) + 1, 1)
  HAVING (OLD.municipality <> NEW.municipality OR OLD.volunteer_id <> NEW.volunteer_id
      OR YEAR(OLD.day) <> YEAR(NEW.day));

CREATE TRIGGER stats_volunteer_items_delete AFTER DELETE ON stats_matches FOR EACH ROW
  REPLACE INTO stats_volunteer_items (municipality, volunteer_id, year, n, items)
  SELECT OLD.municipality, OLD.volunteer_id, YEAR(OLD.day), COUNT(*),
    COALESCE(GROUP_CONCAT(CONCAT_WS(':', TO_DAYS(day), category_id, pc4, completed) SEPARATOR ' '), '')
  FROM stats_matches FORCE INDEX (stats_matches_volunteer)
  WHERE municipality = OLD.municipality AND volunteer_id = OLD.volunteer_id
    AND day >= MAKEDATE(YEAR(OLD.day), 1) AND day < MAKEDATE(YEAR(OLD.day) + 1, 1);
