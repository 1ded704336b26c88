-- 095: the moderators' list of VOGs to decide on (issue 17; GET
-- /admin/vog?status=pending, handlers/admin/vog.c): oldest recorded first,
-- keyset-paged on (submitted_at, user_id) within one status.
ALTER TABLE users_vog
  ADD KEY users_vog_pending (status, submitted_at, user_id);
