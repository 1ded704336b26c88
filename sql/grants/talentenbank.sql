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
GRANT SELECT ON vacancies TO 'bh_matches'@'localhost';
GRANT SELECT ON vacancy_talents TO 'bh_matches'@'localhost';
GRANT SELECT ON vacancy_categories TO 'bh_matches'@'localhost';
GRANT SELECT (id, name, active) ON organisations TO 'bh_matches'@'localhost';
GRANT SELECT (id, vacancy_id, volunteer_id) ON vacancy_responses TO 'bh_matches'@'localhost';
