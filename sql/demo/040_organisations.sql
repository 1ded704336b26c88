-- Demo entries for the directory of local support (sociale kaart,
-- mantelzorgwijzer, respijtzorgwijzer) in Emmen, beside the three of
-- 020_organisations.sql: made-up organisations with example.org contact
-- details and no personal data. Fixed 22-character ids, and every
-- statement safe to run again (seed-demo runs this file on every start).

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgHumanitas000004', 'Humanitas Emmen (demo)',
       'Vrijwilligers helpen thuis met de administratie en post, en een maatje komt langs voor een wandeling of een kop koffie. Gratis en vertrouwelijk.',
       p.pc4, p.lat, p.lon, 'https://example.org/humanitas-emmen', '0591 000 004', 'emmen@humanitas.example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7811'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgZonnebloem00005', 'De Zonnebloem, afdeling Emmen (demo)',
       'Bezoekwerk en uitstapjes voor mensen met een lichamelijke beperking of een chronische ziekte, met vrijwilligers die ophalen en terugbrengen.',
       p.pc4, p.lat, p.lon, 'https://example.org/zonnebloem-emmen', '0591 000 005', 'emmen@zonnebloem.example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7824'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgSociaalTeam0006', 'Sociaal Team Emmen – Wmo-loket (demo)',
       'Eén loket voor vragen over zorg, hulp in huis, vervoer en mantelzorg. Het sociaal team kijkt met u mee en regelt zo nodig een indicatie, ook voor respijtzorg.',
       p.pc4, p.lat, p.lon, 'https://example.org/sociaalteam-emmen', '0591 000 006', 'wmo@gemeente.example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7811'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgDagbesteding007', 'Dagbesteding De Brink (demo)',
       'Dagbesteding in kleine groepen voor ouderen met geheugenproblemen: samen koken, bewegen en tuinieren. Geeft mantelzorgers een paar dagen per week lucht.',
       p.pc4, p.lat, p.lon, 'https://example.org/debrink', '0591 000 007', NULL,
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7827'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgMaaltijden00008', 'Maaltijdservice Tafeltje-Dekje Emmen (demo)',
       'Vrijwilligers bezorgen op werkdagen een warme maaltijd aan huis bij ouderen en mensen die herstellen van een ziekte of operatie.',
       p.pc4, p.lat, p.lon, 'https://example.org/tafeltjedekje', '0591 000 008', 'maaltijden@example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7812'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgKlussendienst09', 'Klussendienst Emmen-Zuid (demo)',
       'Handige vrijwilligers voor kleine klussen in en om het huis: een lamp ophangen, een kraan vervangen, de heg snoeien. U betaalt alleen het materiaal.',
       p.pc4, p.lat, p.lon, 'https://example.org/klussendienst', '0591 000 009', NULL,
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7828'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgDigicafe0000010', 'Digicafé in de bibliotheek Emmen (demo)',
       'Elke dinsdagochtend inloop met vrijwilligers die helpen met de computer, de smartphone, DigiD en online bankieren.',
       p.pc4, p.lat, p.lon, 'https://example.org/digicafe-emmen', '0591 000 010', 'digicafe@example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7811'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgMantelzorgMak11', 'Mantelzorgmakelaar Zuidoost-Drenthe (demo)',
       'Neemt mantelzorgers regelwerk uit handen: aanvragen, formulieren en overleg met zorgverzekeraar en gemeente, en zoekt mee naar passende respijtzorg.',
       p.pc4, p.lat, p.lon, 'https://example.org/mantelzorgmakelaar', '0591 000 011', 'makelaar@example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7821'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgVervoer00000012', 'Vervoersdienst Klazienaveen (demo)',
       'Vrijwillige chauffeurs rijden inwoners voor een kleine vergoeding naar het ziekenhuis, de huisarts of familie, ook in de omliggende dorpen.',
       p.pc4, p.lat, p.lon, 'https://example.org/vervoersdienst', '0591 000 012', NULL,
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7891'
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO organisations (id, name, description, pc4, lat, lon, website, phone, email, created_at, updated_at)
SELECT 'demoOrgDierenhulp00013', 'Dierenhulp Emmen (demo)',
       'Vrijwilligers laten de hond uit of verzorgen huisdieren wanneer het baasje tijdelijk niet kan, bijvoorbeeld bij een ziekenhuisopname.',
       p.pc4, p.lat, p.lon, 'https://example.org/dierenhulp', '0591 000 013', 'dierenhulp@example.org',
       NOW(3), NOW(3)
  FROM postcodes p WHERE p.pc4 = '7813'
ON DUPLICATE KEY UPDATE id = id;

INSERT IGNORE INTO organisation_categories (organisation_id, category_id) VALUES
  ('demoOrgHumanitas000004', 'paperwork'),
  ('demoOrgHumanitas000004', 'company'),
  ('demoOrgZonnebloem00005', 'company'),
  ('demoOrgZonnebloem00005', 'transport'),
  ('demoOrgSociaalTeam0006', 'paperwork'),
  ('demoOrgSociaalTeam0006', 'respite'),
  ('demoOrgDagbesteding007', 'respite'),
  ('demoOrgDagbesteding007', 'company'),
  ('demoOrgDagbesteding007', 'garden'),
  ('demoOrgMaaltijden00008', 'meals'),
  ('demoOrgKlussendienst09', 'odd-jobs'),
  ('demoOrgKlussendienst09', 'garden'),
  ('demoOrgDigicafe0000010', 'digital'),
  ('demoOrgDigicafe0000010', 'paperwork'),
  ('demoOrgMantelzorgMak11', 'paperwork'),
  ('demoOrgMantelzorgMak11', 'respite'),
  ('demoOrgVervoer00000012', 'transport'),
  ('demoOrgDierenhulp00013', 'pets');
