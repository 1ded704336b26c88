-- 093: where `burenhulpctl audit-export` stands (ASVS V16.4: the audit log
-- to an outside collector; issue 16).
--
-- One row per export (name 'syslog'): last_id is the highest audit_log.id
-- handed to the collector. The exporter reads rows after it in id order,
-- writes each, and moves last_id past it in its own statement, so a
-- restart resumes after the last row written: in order, and at most the one
-- row in flight when a process died written twice (its id is in the line,
-- so a collector can drop the second). A hole in the ids (a transaction
-- that took an id and has not committed yet, or rolled back) is waited for
-- (ctl/audit_export.c): a row is never skipped because a later one was
-- read first. Only bh_ctl touches this table.
CREATE TABLE audit_export_cursor (
  name        VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  last_id     BIGINT UNSIGNED NOT NULL,
  updated_at  DATETIME(3) NOT NULL
) ENGINE=InnoDB;
