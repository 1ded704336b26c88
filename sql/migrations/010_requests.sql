-- 010: help requests (issue 3).
--
-- * moderation_decision: the last review (approve, reject, hide), shown to
--   the owner with moderation_reason.
-- * Room for the sealed private fields at their API limits in characters
--   (care_situation 2000, address 300, phone 40), counted as 4 bytes per
--   character plus 41 bytes of key id, nonce and tag.
-- * requests_cat_recent serves the newest-first list filtered by category;
--   requests_expiry the sweep that marks passed requests `expired`.
-- * requests_text: the FULLTEXT index behind `q` (title and description),
--   searched in boolean mode. Built without the stopword list: that list is
--   English, and a Dutch word on it (or an English one someone looks for)
--   must still be found.
ALTER TABLE requests
  ADD COLUMN moderation_decision ENUM('approve','reject','hide') NULL AFTER status,
  MODIFY care_situation_ct VARBINARY(8100) NULL,
  MODIFY address_ct VARBINARY(1300) NULL,
  MODIFY phone_ct VARBINARY(250) NULL,
  ADD KEY requests_cat_recent (status, category_id, created_at, id),
  ADD KEY requests_expiry (status, expires_at);

SET SESSION innodb_ft_enable_stopword = OFF;
ALTER TABLE requests ADD FULLTEXT KEY requests_text (title, description);
SET SESSION innodb_ft_enable_stopword = ON;
