-- 112: suggestions read each area's open requests newest first (issue 18,
-- found on the way).
--
-- GET /me/suggestions (handlers/matches/suggest.c) walks the postcode areas
-- around an offer nearest first and stops at 100 candidates. Within an area
-- it read requests_cat_area (status, category_id, pc4, id) in id order, and
-- ids are random: in an area with more than 100 open requests of one
-- category a new request could stay out of every volunteer's suggestions.
-- On this key the walk reads each area newest first (a descending key part:
-- MariaDB 10.8 and later); requests_cat_area stays for the search, whose
-- cursor carries the id order.
ALTER TABLE requests
  ADD KEY requests_cat_area_newest (status, category_id, pc4, created_at DESC);
