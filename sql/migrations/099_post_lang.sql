-- 099_post_lang.sql — the language a request or an offer is written in
-- (issue 19 part 3): a request written in Turkish is shown with lang="tr"
-- so that a screen reader reads it in Turkish, whatever the language of
-- the page. One of the site's languages (migration 098); POST defaults it
-- to the poster's locale, PATCH may change it. Existing posts were written
-- on a Dutch site: 'nl'.
ALTER TABLE requests
  ADD COLUMN lang ENUM('nl','en','tr','ar','pl','uk') NOT NULL DEFAULT 'nl';
ALTER TABLE offers
  ADD COLUMN lang ENUM('nl','en','tr','ar','pl','uk') NOT NULL DEFAULT 'nl';
