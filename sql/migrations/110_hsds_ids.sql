-- 110_hsds_ids.sql — the directory in Open Referral HSDS 3.0 (issue 18
-- part 5): every organisation gets a UUID of its own, the id it has in
-- HSDS exports. An expression default gives each row (old ones when the
-- column is added, new ones however they are inserted) a fresh UUID; an
-- import (burenhulpctl import-hsds) sets the id the file carries, so an
-- export re-imported keeps its ids, and upserts on it.
-- hsds_location_id: the id of the organisation's one location (its PC4
-- area) when an import brought one; NULL derives it from hsds_id
-- (docs/hsds.md).
ALTER TABLE organisations
  ADD COLUMN hsds_id CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci
    NOT NULL DEFAULT (UUID()),
  ADD COLUMN hsds_location_id CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci NULL,
  ADD UNIQUE KEY organisations_hsds (hsds_id);
