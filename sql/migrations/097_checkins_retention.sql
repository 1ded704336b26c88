-- 097: the retention purge of check-in notes (issue 17; burenhulpctl purge,
-- ctl/purge.c): the parties' notes older than retention_days are destroyed,
-- found on their answer time instead of a scan of every check-in.
ALTER TABLE checkins
  ADD KEY checkins_created (created_at);
