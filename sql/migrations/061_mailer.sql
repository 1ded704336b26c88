-- 061: what the mailer remembers of its daily jobs (issue 13).
--
-- One row per job that runs once a day (today: 'digest'). day is the UTC
-- date of the last run begun, cutoff the moment it began: events after
-- the cutoff wait for the next day's run, so a mailer restarted the same
-- day resumes that run (the users it had not reached yet) and nobody gets
-- a second digest that day. finished_at NULL: the run was cut short and
-- is resumed.
CREATE TABLE mailer_runs (
  job          VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  day          DATE NOT NULL,
  cutoff       DATETIME(3) NOT NULL,
  finished_at  DATETIME(3) NULL
) ENGINE=InnoDB;
