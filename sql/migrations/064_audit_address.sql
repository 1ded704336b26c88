-- 064: the audit log records the caller's address (ASVS V16: every
-- authentication event and refused authorisation with actor, address and
-- time; issue 16). The handlers may only INSERT here (sql/grants): the log
-- is append-only for them.
ALTER TABLE audit_log ADD COLUMN address VARCHAR(64) CHARACTER SET ascii NULL AFTER actor_id;
