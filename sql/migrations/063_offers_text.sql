-- 063: `q` on GET /offers searches title and description (issue 15, defect
-- 3), on a FULLTEXT index like requests_text (migration 010): boolean mode,
-- built without the English stopword list.
SET SESSION innodb_ft_enable_stopword = OFF;
ALTER TABLE offers ADD FULLTEXT KEY offers_text (title, description);
SET SESSION innodb_ft_enable_stopword = ON;
