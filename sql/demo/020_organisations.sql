-- Demo entries for the directory of local support (sociale kaart,
-- mantelzorgwijzer, respijtzorgwijzer). Made-up organisations with
-- example.org contact details; fixed ids so a second run changes nothing.

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgVrijwilligers01', 'Vrijwilligerscentrale Emmen (demo)',
       'Brengt vrijwilligers en hulpvragen bij elkaar: boodschappen, vervoer, klussen en gezelschap.',
       p.pc4, p.lat, p.lon, 'https://example.org/vrijwilligers', '0591 000 001', 'vrijwilligers@example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7811'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgMantelzorg00002', 'Steunpunt Mantelzorg Emmen (demo)',
       'Advies en een luisterend oor voor mantelzorgers; bemiddelt respijtzorg zodat u even vrij kunt nemen.',
       p.pc4, p.lat, p.lon, 'https://example.org/mantelzorg', '0591 000 002', 'mantelzorg@example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7822'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgLogeerhuis00003', 'Logeerhuis De Hondsrug (demo)',
       'Kortdurend verblijf (respijtzorg) voor mensen met dementie, zodat de mantelzorger kan bijtanken.',
       p.pc4, p.lat, p.lon, 'https://example.org/logeerhuis', '0591 000 003', NULL,
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7823'
ON DUPLICATE KEY UPDATE id = id;

INSERT IGNORE INTO organisation_categories (organisation_id, category_id) VALUES
  ('demoOrgVrijwilligers01', 'shopping'),
  ('demoOrgVrijwilligers01', 'transport'),
  ('demoOrgVrijwilligers01', 'odd-jobs'),
  ('demoOrgVrijwilligers01', 'company'),
  ('demoOrgMantelzorg00002', 'respite'),
  ('demoOrgMantelzorg00002', 'paperwork'),
  ('demoOrgLogeerhuis00003', 'respite');
