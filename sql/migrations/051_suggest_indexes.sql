-- 051: suggestions walk postcode areas nearest first (issue 9).
--
-- Every offer sits on its PC4 area's centroid, so the offers nearest a
-- request are the offers of the nearest areas. GET /requests/{id}/suggestions
-- (handlers/matches/suggest.c) takes the areas within the maximum distance
-- nearest first and reads each area's active offers in id order from
-- offers_area, stopping at a fixed number of candidates: the cost no longer
-- grows with the number of offers in a 25 km box. offers_area also holds
-- what the walk tests and joins on (volunteer, radius, place), so an offer
-- that is then dropped for its category costs no read of its row: at 1 M
-- rows the nearest area's offers took 2–4 ms from the table, 0.25 ms from
-- this key alone. (InnoDB appends the primary key anyway; naming id says
-- that the walk reads it in order.)
--
-- matches_volunteer_status makes "helped N times" (completed matches of a
-- volunteer) a count on the index alone instead of a read of every match
-- the volunteer ever had.
ALTER TABLE offers
  ADD KEY offers_area (status, pc4, id, volunteer_id, radius_km, lat, lon);
ALTER TABLE matches
  ADD KEY matches_volunteer_status (volunteer_id, status);
