-- Grants of the Talentenbank's matching (issue 18 part 2, branch talent):
-- vacancy suggestions, vacancy alerts and the figures on vacancies. The
-- tables themselves are migrations 101-104; the grants of posting and
-- answering vacancies are in offers.sql and matches.sql. Read-only except
-- where a comment says why.

-- GET /me/vacancy-suggestions (handlers/matches/vacancy_suggest.c): the
-- volunteer's talents, published vacancies near their offers with their
-- talents and categories, the organisation's name and whether it is
-- active, and whether they answered already.
GRANT SELECT ON talents TO 'bh_matches'@'localhost';
GRANT SELECT ON user_talents TO 'bh_matches'@'localhost';
GRANT SELECT (id, organisation_id, title, description, pc4, lat, lon, hours_per_month,
              needs_vog, status, created_at, lang)
  ON vacancies TO 'bh_matches'@'localhost';
GRANT SELECT ON vacancy_talents TO 'bh_matches'@'localhost';
GRANT SELECT ON vacancy_categories TO 'bh_matches'@'localhost';
GRANT SELECT (id, name, active) ON organisations TO 'bh_matches'@'localhost';
-- (vacancy_responses: matches.sql already reads it for the responses.)

-- POST /me/alerts {kind: "vacancies", talents} (handlers/accounts/alerts.c):
-- the targets and talents of a vacancies alert, made and deleted with it;
-- erasure deletes the alerts (and so these, by cascade).
GRANT SELECT, INSERT, DELETE ON vacancy_alert_targets TO 'bh_accounts'@'localhost';
GRANT SELECT, INSERT, DELETE ON alert_talents TO 'bh_accounts'@'localhost';
GRANT SELECT (id, active) ON talents TO 'bh_accounts'@'localhost';

-- The vacancy alerts job (mailer/vacancy_alerts.c): published vacancies
-- not told yet, marked told (alerted_at, the one column it writes), the
-- fitting alerts of kind vacancies. The notifications and mails it writes
-- are granted in mailer.sql.
GRANT SELECT (id, organisation_id, posted_by, title, lat, lon, status, alerted_at)
  ON vacancies TO 'bh_mailer'@'localhost';
GRANT UPDATE (alerted_at) ON vacancies TO 'bh_mailer'@'localhost';
GRANT SELECT (id, active) ON organisations TO 'bh_mailer'@'localhost';
GRANT SELECT ON vacancy_categories TO 'bh_mailer'@'localhost';
GRANT SELECT ON vacancy_talents TO 'bh_mailer'@'localhost';
GRANT SELECT ON vacancy_alert_targets TO 'bh_mailer'@'localhost';
GRANT SELECT ON alert_talents TO 'bh_mailer'@'localhost';

-- The figures (handlers/admin/stats_vacancies.c): vacancies and responses
-- counted per organisation and municipality; never a message, never who.
-- volunteer_id only to count distinct volunteers for the suppression.
GRANT SELECT (id, organisation_id, pc4, status, created_at) ON vacancies TO 'bh_admin'@'localhost';
GRANT SELECT (vacancy_id, volunteer_id, created_at) ON vacancy_responses TO 'bh_admin'@'localhost';
