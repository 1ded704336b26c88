-- 098_locales.sql — the languages of the neighbourhood (issue 19 part 2):
-- besides Dutch and English a user may choose Turkish, Arabic, Polish or
-- Ukrainian for the site (users.locale, PATCH /me, POST /accounts); the
-- mailer (mailer/render.c) and the server-worded notification titles
-- (lib/notify.c) follow it. The order of the old values is kept, so no row
-- changes.
ALTER TABLE users
  MODIFY locale ENUM('nl','en','tr','ar','pl','uk') NOT NULL DEFAULT 'nl';
