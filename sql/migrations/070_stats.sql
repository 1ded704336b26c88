-- 070_stats.sql — the figures (GET /admin/stats) read narrow fact tables
-- instead of joining requests and matches over the period.
--
-- Why: the figures counted the requests posted in a period by scanning
-- `requests` (no key on created_at, TEXT columns in every row) and grouping
-- `matches` per request in a derived table, ten times per answer: 50 s for
-- the last 12 months at 204 000 requests. Here every request has one row of
-- what the figures need (its day, municipality, category, area, owner, what
-- became of it, seconds to the first response and to acceptance, hours) and
-- every match one row (its request's day and place, the volunteer, hours),
-- each under a covering key led by (municipality, day) and one led by day:
-- a period is one range of one index.
--
-- Kept by triggers, in the same transaction as the change that causes it,
-- whoever makes the change: the requests and matches handlers, burenhulpctl
-- (seed-bench, purge, import-postcodes), or SQL typed by an operator. The
-- triggers run as their definer (the migration user, bh_ctl), so no handler
-- needs a grant on these tables but the admin handler, which only reads.
-- With binary logging on, creating them needs log_bin_trust_function_creators
-- (or SUPER) for the migration user.
--
-- Days are UTC days (the connection's time zone is +00:00); the figures are
-- counted in whole days (see handlers/admin/stats.c). A request's
-- municipality is its PC4 area's at posting; a PC4 moved to another
-- municipality later (import-postcodes) keeps its old rows' municipality.
-- The trigger bodies are single statements: burenhulpctl splits files at
-- line-ending ';' and knows no DELIMITER.

CREATE TABLE stats_requests (
  request_id        CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  municipality      VARCHAR(100) NOT NULL,
  day               DATE NOT NULL,
  created_at        DATETIME(3) NOT NULL,
  category_id       VARCHAR(32) CHARACTER SET ascii NOT NULL,
  pc4               CHAR(4) CHARACTER SET ascii NOT NULL,
  owner_id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  approved          TINYINT NOT NULL,
  cancelled         TINYINT NOT NULL,
  expired           TINYINT NOT NULL,
  completed         TINYINT NOT NULL DEFAULT 0,
  hours             DECIMAL(9,2) NOT NULL DEFAULT 0,
  first_response_s  INT NULL,
  match_s           INT NULL,
  KEY stats_requests_place (municipality, day, category_id, pc4, owner_id, approved, cancelled,
                            expired, completed, hours, first_response_s, match_s),
  KEY stats_requests_day (day, category_id, pc4, owner_id, approved, cancelled,
                          expired, completed, hours, first_response_s, match_s)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stats_matches (
  match_id      CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  request_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  municipality  VARCHAR(100) NOT NULL,
  day           DATE NOT NULL,
  category_id   VARCHAR(32) CHARACTER SET ascii NOT NULL,
  pc4           CHAR(4) CHARACTER SET ascii NOT NULL,
  volunteer_id  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  completed     TINYINT NOT NULL,
  hours         DECIMAL(5,2) NULL,
  KEY stats_matches_place (municipality, day, category_id, pc4, volunteer_id, completed, hours),
  KEY stats_matches_day (day, category_id, pc4, volunteer_id, completed, hours),
  KEY stats_matches_request (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What exists already. The grouping of matches per request is a temporary
-- table of a few hundred thousand rows at 1 M requests: kept in memory for
-- this connection (faster, and away from a shared /tmp).
SET SESSION max_heap_table_size = 536870912;
SET SESSION tmp_table_size = 536870912;

INSERT INTO stats_requests (request_id, municipality, day, created_at, category_id, pc4,
  owner_id, approved, cancelled, expired, completed, hours, first_response_s, match_s)
SELECT r.id, p.municipality, DATE(r.created_at), r.created_at, r.category_id, r.pc4,
  r.owner_id, r.status NOT IN ('pending', 'rejected'), r.status = 'cancelled',
  r.status = 'expired', COALESCE(x.completed, 0), COALESCE(x.hours, 0),
  TIMESTAMPDIFF(SECOND, r.created_at, x.first_at),
  TIMESTAMPDIFF(SECOND, r.created_at, x.accepted_at)
FROM requests r JOIN postcodes p ON p.pc4 = r.pc4
LEFT JOIN (SELECT request_id, MIN(created_at) AS first_at, MIN(accepted_at) AS accepted_at,
    MAX(status = 'completed') AS completed,
    SUM(CASE WHEN status = 'completed' THEN hours ELSE 0 END) AS hours
  FROM matches GROUP BY request_id) x ON x.request_id = r.id;

INSERT INTO stats_matches (match_id, request_id, municipality, day, category_id, pc4,
  volunteer_id, completed, hours)
SELECT m.id, m.request_id, s.municipality, s.day, s.category_id, s.pc4, m.volunteer_id,
  m.status = 'completed', CASE WHEN m.status = 'completed' THEN m.hours END
FROM matches m JOIN stats_requests s ON s.request_id = m.request_id;

-- ---- requests -------------------------------------------------------------

CREATE TRIGGER stats_request_insert AFTER INSERT ON requests FOR EACH ROW
  INSERT INTO stats_requests (request_id, municipality, day, created_at, category_id, pc4,
    owner_id, approved, cancelled, expired)
  SELECT NEW.id, p.municipality, DATE(NEW.created_at), NEW.created_at, NEW.category_id,
    NEW.pc4, NEW.owner_id, NEW.status NOT IN ('pending', 'rejected'),
    NEW.status = 'cancelled', NEW.status = 'expired'
  FROM postcodes p WHERE p.pc4 = NEW.pc4;

CREATE TRIGGER stats_request_update AFTER UPDATE ON requests FOR EACH ROW
  UPDATE stats_requests s SET
    s.approved = NEW.status NOT IN ('pending', 'rejected'),
    s.cancelled = NEW.status = 'cancelled',
    s.expired = NEW.status = 'expired',
    s.category_id = NEW.category_id,
    s.pc4 = NEW.pc4,
    s.municipality = IF(NEW.pc4 = OLD.pc4, s.municipality,
      (SELECT p.municipality FROM postcodes p WHERE p.pc4 = NEW.pc4))
  WHERE s.request_id = NEW.id;

-- A request edited into another category or area moves its matches' rows.
CREATE TRIGGER stats_request_update_matches AFTER UPDATE ON requests FOR EACH ROW
  FOLLOWS stats_request_update
  UPDATE stats_matches m JOIN stats_requests s ON s.request_id = m.request_id
  SET m.category_id = s.category_id, m.pc4 = s.pc4, m.municipality = s.municipality
  WHERE m.request_id = NEW.id AND (NEW.pc4 <> OLD.pc4 OR NEW.category_id <> OLD.category_id);

CREATE TRIGGER stats_request_delete AFTER DELETE ON requests FOR EACH ROW
  DELETE FROM stats_requests WHERE request_id = OLD.id;

-- ---- matches ----------------------------------------------------------------
-- Each change of a match recomputes what its request's row says of all its
-- matches (a request has a handful), then keeps the match's own row.

CREATE TRIGGER stats_match_insert AFTER INSERT ON matches FOR EACH ROW
  INSERT INTO stats_matches (match_id, request_id, municipality, day, category_id, pc4,
    volunteer_id, completed, hours)
  SELECT NEW.id, NEW.request_id, s.municipality, s.day, s.category_id, s.pc4,
    NEW.volunteer_id, NEW.status = 'completed',
    CASE WHEN NEW.status = 'completed' THEN NEW.hours END
  FROM stats_requests s WHERE s.request_id = NEW.request_id;

CREATE TRIGGER stats_match_insert_request AFTER INSERT ON matches FOR EACH ROW
  FOLLOWS stats_match_insert
  UPDATE stats_requests s JOIN (SELECT MIN(created_at) AS first_at, MIN(accepted_at) AS accepted_at,
      COALESCE(MAX(status = 'completed'), 0) AS completed,
      COALESCE(SUM(CASE WHEN status = 'completed' THEN hours END), 0) AS hours
    FROM matches WHERE request_id = NEW.request_id) x
  SET s.first_response_s = TIMESTAMPDIFF(SECOND, s.created_at, x.first_at),
    s.match_s = TIMESTAMPDIFF(SECOND, s.created_at, x.accepted_at),
    s.completed = x.completed, s.hours = x.hours
  WHERE s.request_id = NEW.request_id;

CREATE TRIGGER stats_match_update AFTER UPDATE ON matches FOR EACH ROW
  UPDATE stats_matches SET volunteer_id = NEW.volunteer_id,
    completed = NEW.status = 'completed',
    hours = CASE WHEN NEW.status = 'completed' THEN NEW.hours END
  WHERE match_id = NEW.id;

CREATE TRIGGER stats_match_update_request AFTER UPDATE ON matches FOR EACH ROW
  FOLLOWS stats_match_update
  UPDATE stats_requests s JOIN (SELECT MIN(created_at) AS first_at, MIN(accepted_at) AS accepted_at,
      COALESCE(MAX(status = 'completed'), 0) AS completed,
      COALESCE(SUM(CASE WHEN status = 'completed' THEN hours END), 0) AS hours
    FROM matches WHERE request_id = NEW.request_id) x
  SET s.first_response_s = TIMESTAMPDIFF(SECOND, s.created_at, x.first_at),
    s.match_s = TIMESTAMPDIFF(SECOND, s.created_at, x.accepted_at),
    s.completed = x.completed, s.hours = x.hours
  WHERE s.request_id = NEW.request_id;

CREATE TRIGGER stats_match_delete AFTER DELETE ON matches FOR EACH ROW
  DELETE FROM stats_matches WHERE match_id = OLD.id;

CREATE TRIGGER stats_match_delete_request AFTER DELETE ON matches FOR EACH ROW
  FOLLOWS stats_match_delete
  UPDATE stats_requests s JOIN (SELECT MIN(created_at) AS first_at, MIN(accepted_at) AS accepted_at,
      COALESCE(MAX(status = 'completed'), 0) AS completed,
      COALESCE(SUM(CASE WHEN status = 'completed' THEN hours END), 0) AS hours
    FROM matches WHERE request_id = OLD.request_id) x
  SET s.first_response_s = TIMESTAMPDIFF(SECOND, s.created_at, x.first_at),
    s.match_s = TIMESTAMPDIFF(SECOND, s.created_at, x.accepted_at),
    s.completed = x.completed, s.hours = x.hours
  WHERE s.request_id = OLD.request_id;
