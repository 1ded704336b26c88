-- Demo data without anything private, applied by `burenhulpctl seed-demo`
-- after the demo users are made (they need sealed e-mail, so C makes them).
-- Every statement here must be safe to run again.

-- The demo municipality: the PC4 areas of Emmen and its villages. The
-- GeoNames file has place names only; seed-demo runs after
-- import-postcodes, which leaves a known area's municipality alone.
UPDATE postcodes SET municipality = 'Emmen' WHERE pc4 BETWEEN '7811' AND '7891';
