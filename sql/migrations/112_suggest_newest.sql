-- 112: suggestions read each area newest first (issue 18, found on the way).
--
-- Suggestions (handlers/matches/suggest.c) walk the postcode areas around a
-- point nearest first and stop at 100 candidates. Within an area they read
-- requests_cat_area (status, category_id, pc4, id) and offers_area (status,
-- pc4, id, ...) in id order, and ids are random: in an area with more than
-- 100 open requests (or active offers) of one category, a new one could
-- stay out of every suggestion for as long as the others stood. On these
-- keys each area is read newest first (a descending key part: MariaDB 10.8
-- and later). offers_area_newest covers what the walk tests and joins on,
-- as offers_area does (migration 051). requests_cat_area and offers_area
-- stay for the searches, whose cursors carry the id order.
ALTER TABLE requests
  ADD KEY requests_cat_area_newest (status, category_id, pc4, created_at DESC);
ALTER TABLE offers
  ADD KEY offers_area_newest (status, pc4, created_at DESC, volunteer_id, radius_km, lat, lon);
