-- Issue 17, part 4: in the demo, help in someone's home while the
-- caregiver is away (respite) and company (maatjes, visits) need a
-- verified VOG. Safe to run again.
UPDATE categories SET needs_vog = 1 WHERE id IN ('respite', 'company');
