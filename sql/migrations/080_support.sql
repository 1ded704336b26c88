-- 080: the kinds of professional support the site points people to when a
-- request asks for what a volunteer may not do (issue 17, part 3; API.md
-- "Professional care"), as categories of the directory beside `respite`
-- (respite care, 001): home care (wijkverpleging, thuiszorg) and support
-- for caregivers (mantelzorgondersteuning). lib/support.c finds directory
-- entries of these three near a postcode. They are categories like any
-- other, so an admin marks an organisation with them through
-- POST/PATCH /organisations; a request posted in `home-care` is warned
-- (professional_care) as its text would be.
INSERT INTO categories (id, name_nl, name_en, sort_order) VALUES
  ('home-care',         'Thuiszorg en wijkverpleging', 'Home care and nursing', 110),
  ('caregiver-support', 'Mantelzorgondersteuning',     'Caregiver support',     120)
ON DUPLICATE KEY UPDATE id = id;
