-- Demo entries for professional support (issue 17, part 3): a home care
-- provider and the caregiver support the directory already holds, marked
-- with the categories of migration 080. Made-up, example.org contact
-- details; fixed ids, safe to run again.

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgThuiszorg000014', 'Thuiszorg en Wijkverpleging Emmen (demo)',
       'Wijkverpleegkundigen en verzorgenden helpen thuis bij wassen en aankleden, wondverzorging, medicijnen en steunkousen. Met een indicatie van de wijkverpleegkundige vergoed uit de basisverzekering.',
       p.pc4, p.lat, p.lon, 'https://example.org/thuiszorg-emmen', '0591 000 014', 'thuiszorg@example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7822'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgWijkzorgKlaz015', 'Wijkzorg Klazienaveen (demo)',
       'Verpleging en verzorging aan huis in Klazienaveen en omstreken, dag en nacht bereikbaar; ook hulp bij het innemen van medicijnen.',
       p.pc4, p.lat, p.lon, 'https://example.org/wijkzorg-klazienaveen', '0591 000 015', NULL,
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7891'
ON DUPLICATE KEY UPDATE id = id;

INSERT IGNORE INTO organisation_categories (organisation_id, category_id) VALUES
  ('demoOrgThuiszorg000014', 'home-care'),
  ('demoOrgWijkzorgKlaz015', 'home-care'),
  ('demoOrgMantelzorg00002', 'caregiver-support'),
  ('demoOrgMantelzorgMak11', 'caregiver-support'),
  ('demoOrgSociaalTeam0006', 'caregiver-support');
