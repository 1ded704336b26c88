-- 040: what the admin handler's figures read (issue 6).
--
-- GET /admin/stats counts the requests posted in a period, whatever their
-- status; the (status, created_at, id) keys of 002 do not serve a range on
-- created_at alone, so without this the figures read the whole table.
ALTER TABLE requests ADD KEY requests_created (created_at);
