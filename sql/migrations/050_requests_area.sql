-- 050: radius search walks postcode areas nearest first (issue 9).
--
-- Every request sits on its PC4 area's centroid, so the requests nearest a
-- point are the requests of the nearest areas. Where the search box holds
-- many open requests, handlers/requests/list.c takes the areas within the
-- radius nearest first (postcodes) and reads each area's open requests in
-- id order from these keys, stopping when the page is full: the cost of a
-- page no longer grows with the number of requests in the box.
-- requests_area serves the search without a category, requests_cat_area the
-- one with. (InnoDB appends the primary key anyway; naming id says that the
-- walk reads it in order.)
ALTER TABLE requests
  ADD KEY requests_area (status, pc4, id),
  ADD KEY requests_cat_area (status, category_id, pc4, id);
