-- 111_hsds_services.sql — HSDS service ids brought by an import (issue 18
-- part 5). Our services are derived: one per organisation and category.
-- Without a row here a service's id is derived from the organisation's
-- hsds_id and the category id (docs/hsds.md), which stays the same
-- however often the categories are cleared and added again; an import
-- stores the id its file gives, so that a re-export shows it unchanged.
-- Not a foreign key on organisation_categories: that table's rows come
-- and go on every edit, this id must outlive them.
CREATE TABLE hsds_services (
  organisation_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  category_id     VARCHAR(32) CHARACTER SET ascii NOT NULL,
  hsds_id         CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  PRIMARY KEY (organisation_id, category_id),
  UNIQUE KEY hsds_services_id (hsds_id),
  CONSTRAINT hsds_services_org FOREIGN KEY (organisation_id)
    REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT hsds_services_cat FOREIGN KEY (category_id)
    REFERENCES categories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
