-- 104_vacancy_alerts.sql — saved alerts extended to vacancies (issue 18
-- part 2, branch talent).
--
-- An alert now has a kind: 'requests' (every alert made before, and the
-- default) or 'vacancies'. A vacancies alert asks "tell me of new published
-- vacancies within R km of here, in these categories (none: any), needing
-- one of these talents (none: any)".
--
--  * vacancy_alert_targets mirrors alert_targets (060, 064): one row per
--    (alert, category), '' for any, found by an index range on (category,
--    lat, lon) that also covers the distance test. Kept apart from
--    alert_targets so that a request can never reach a vacancies alert, nor
--    a vacancy a requests alert, without either statement changing.
--  * alert_talents: the talents of a vacancies alert (none: any).
--  * vacancies.alerted_at: when the mailer's vacancy_alerts job (mailer/
--    vacancy_alerts.c) told the fitting alerts of this vacancy. NULL and
--    open: still to tell, found on vacancies_alert_due (status,
--    alerted_at). The job sets it in the same transaction as the
--    notifications it writes, so a vacancy is told once; a vacancy closed
--    and opened again, or hidden and shown again, is not news again.
--    Vacancies that are already past moderation when this runs are not
--    news either.
ALTER TABLE alerts
  ADD COLUMN kind ENUM('requests','vacancies') NOT NULL DEFAULT 'requests' AFTER user_id;

CREATE TABLE vacancy_alert_targets (
  alert_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  category_id VARCHAR(32) CHARACTER SET ascii NOT NULL,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lat         DOUBLE NOT NULL,
  lon         DOUBLE NOT NULL,
  radius_km   INT NOT NULL,
  frequency   ENUM('instant','daily') NOT NULL,
  PRIMARY KEY (alert_id, category_id),
  KEY vacancy_alert_targets_geo (category_id, lat, lon, radius_km, user_id, frequency),
  CONSTRAINT vacancy_alert_targets_alert FOREIGN KEY (alert_id) REFERENCES alerts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE alert_talents (
  alert_id   CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  talent_id  VARCHAR(32) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (alert_id, talent_id),
  KEY alert_talents_talent (talent_id),
  CONSTRAINT alert_talents_alert FOREIGN KEY (alert_id) REFERENCES alerts (id) ON DELETE CASCADE,
  CONSTRAINT alert_talents_talent FOREIGN KEY (talent_id) REFERENCES talents (id)
) ENGINE=InnoDB;

ALTER TABLE vacancies
  ADD COLUMN alerted_at DATETIME(3) NULL,
  ADD KEY vacancies_alert_due (status, alerted_at);
UPDATE vacancies SET alerted_at = NOW(3) WHERE status <> 'pending';

-- The figures (GET /admin/stats, handlers/admin/stats_vacancies.c) count
-- the responses of a period: a range on created_at that carries what the
-- count needs.
ALTER TABLE vacancy_responses
  ADD KEY vacancy_responses_created (created_at, vacancy_id, volunteer_id);
