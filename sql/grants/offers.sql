-- Grants of bh_offers, the offers handler (volunteers' offers, their
-- categories and weekly availability, review of offers). Applied by
-- `burenhulpctl migrate`; see accounts.sql for how. This handler holds no
-- master key and reads no private column.

-- What every handler needs (TEAM.md).
GRANT SELECT ON postcodes TO 'bh_offers'@'localhost';
GRANT SELECT ON categories TO 'bh_offers'@'localhost';
GRANT SELECT (id, display_name, roles, status, pc4, email_verified) ON users TO 'bh_offers'@'localhost';
-- An offer's language defaults to its volunteer's (write.c, issue 19).
GRANT SELECT (locale) ON users TO 'bh_offers'@'localhost';
GRANT SELECT, UPDATE (last_seen_at), DELETE ON sessions TO 'bh_offers'@'localhost';
-- lib's session look-up: whether the account has confirmed TOTP (staff need it).
GRANT SELECT (user_id, confirmed_at) ON mfa_totp TO 'bh_offers'@'localhost';
GRANT INSERT ON audit_log TO 'bh_offers'@'localhost';

-- Own tables. An offer is "deleted" by status; its categories and slots are
-- replaced wholesale on PATCH.
GRANT SELECT, INSERT, UPDATE ON offers TO 'bh_offers'@'localhost';
GRANT SELECT, INSERT, DELETE ON offer_categories TO 'bh_offers'@'localhost';
GRANT SELECT, INSERT, DELETE ON offer_slots TO 'bh_offers'@'localhost';
-- POST /offers/{id}/review
GRANT INSERT ON moderation_actions TO 'bh_offers'@'localhost';

-- Professional support near a place (lib/support.c, issue 17): the public
-- directory, read only.
GRANT SELECT ON organisations TO 'bh_offers'@'localhost';
GRANT SELECT ON organisation_categories TO 'bh_offers'@'localhost';

-- Vacancies and the list of talents (issue 18 part 2; handlers/offers/
-- vacancies*.c, talents.c). A vacancy is closed or moderated by status and
-- never deleted here; its talents and categories are replaced wholesale on
-- PATCH. Who coordinates an organisation decides who posts and edits. The
-- admin keeps the talents (add, rename, deactivate: never deleted).
GRANT SELECT, INSERT, UPDATE ON talents TO 'bh_offers'@'localhost';
GRANT SELECT, INSERT, UPDATE ON vacancies TO 'bh_offers'@'localhost';
GRANT SELECT, INSERT, DELETE ON vacancy_talents TO 'bh_offers'@'localhost';
GRANT SELECT, INSERT, DELETE ON vacancy_categories TO 'bh_offers'@'localhost';
GRANT SELECT ON organisation_coordinators TO 'bh_offers'@'localhost';
