-- Grants of bh_admin, the admin handler (health, categories, the directory
-- of organisations, reports, the moderation queue, audit and figures).
-- Applied by `burenhulpctl migrate`; see accounts.sql for how. It changes
-- only status columns of other handlers' tables and reads no ciphertext.

-- What every handler needs (TEAM.md).
GRANT SELECT ON postcodes TO 'bh_admin'@'localhost';
GRANT SELECT (id, display_name, roles, status, pc4) ON users TO 'bh_admin'@'localhost';
GRANT SELECT, UPDATE (last_seen_at), DELETE ON sessions TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT ON audit_log TO 'bh_admin'@'localhost';

-- Own tables.
GRANT SELECT, INSERT, UPDATE ON categories TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT, DELETE ON organisation_categories TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT, UPDATE ON reports TO 'bh_admin'@'localhost';
GRANT SELECT, INSERT ON moderation_actions TO 'bh_admin'@'localhost';

-- Moderation: block users, hide posts — status columns only.
GRANT SELECT (created_at) ON users TO 'bh_admin'@'localhost';
GRANT UPDATE (status, updated_at) ON users TO 'bh_admin'@'localhost';
GRANT SELECT (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
              when_start, when_end, status, moderation_reason, response_count,
              created_at, updated_at, expires_at, closed_at)
  ON requests TO 'bh_admin'@'localhost';
GRANT UPDATE (status, moderation_reason, updated_at, closed_at) ON requests TO 'bh_admin'@'localhost';
GRANT SELECT (id, volunteer_id, title, description, pc4, lat, lon, radius_km, status,
              moderation_reason, created_at, updated_at)
  ON offers TO 'bh_admin'@'localhost';
GRANT UPDATE (status, moderation_reason, updated_at) ON offers TO 'bh_admin'@'localhost';
GRANT SELECT ON offer_categories TO 'bh_admin'@'localhost';

-- Figures (aggregates): match times, hours, status; not thanks or reasons.
GRANT SELECT (id, request_id, volunteer_id, initiated_by, status, hours,
              created_at, accepted_at, completed_at, updated_at)
  ON matches TO 'bh_admin'@'localhost';
-- Reports on a message: whose it is, never its body.
GRANT SELECT (id, match_id, sender_id, created_at) ON messages TO 'bh_admin'@'localhost';
