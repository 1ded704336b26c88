-- 064: alert_targets_geo covers the fitting test (issue 13, tests/bench).
--
-- A request that goes public reads the alert targets of its category (and
-- 'any') in the band of latitude the largest radius allows, and tests each
-- one's distance against its radius (handlers/requests/stmts.c,
-- ALERTS_FIT). On (category_id, lat, lon) alone every row of that band
-- was a primary-key lookup for its radius, user and frequency: at 50 000
-- alerts some 9 000 lookups for a request in Emmen. With them on the key
-- the band is read from the index alone. Same name: the statements name it.
ALTER TABLE alert_targets
  DROP KEY alert_targets_geo,
  ADD KEY alert_targets_geo (category_id, lat, lon, radius_km, user_id, frequency);
