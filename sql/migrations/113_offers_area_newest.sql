-- 113: suggestions read each area's active offers newest first (issue 18,
-- found on the way).
--
-- GET /requests/{id}/suggestions (handlers/matches/suggest.c) walks the
-- postcode areas around a request nearest first and stops at 100
-- candidates. Within an area it read offers_area (status, pc4, id, ...) in
-- id order, and ids are random: in an area with more than 100 active
-- offers of the category a volunteer who just offered help could stay out
-- of every suggestion. On this key the walk reads each area newest first (a
-- descending key part: MariaDB 10.8 and later). It covers what the walk
-- tests and joins on, as offers_area does (migration 051); offers_area stays
-- for the offers search, whose cursor carries the id order.
ALTER TABLE offers
  ADD KEY offers_area_newest (status, pc4, created_at DESC, volunteer_id, radius_km, lat, lon);
