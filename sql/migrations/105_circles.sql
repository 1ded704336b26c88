-- 105_circles.sql — the circle around a person cared for (issue 18 part 3).
-- A caregiver or professional (the owner) makes a circle for one person and
-- invites family, friends and neighbours by e-mail. A request may go to the
-- circle first (requests.audience = 'circle'): only the owner and the
-- members see it, until the poster publishes it to everyone.
CREATE TABLE IF NOT EXISTS circles (
  id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  owner_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  first_name  VARCHAR(60) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  KEY circles_owner (owner_id, created_at),
  CONSTRAINT circles_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who is in a circle (the owner is not a row here: owner_id says it).
CREATE TABLE IF NOT EXISTS circle_members (
  circle_id   CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id     CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  invitation_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (circle_id, user_id),
  KEY circle_members_user (user_id, circle_id),
  CONSTRAINT circle_members_circle FOREIGN KEY (circle_id) REFERENCES circles (id) ON DELETE CASCADE,
  CONSTRAINT circle_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- An invitation by e-mail. The address is sealed (circle_invitations.email,
-- bound to the row id); the token is kept only as its keyed hash, used
-- once (accepted_at), and expires. revoked_at: the owner took it back.
CREATE TABLE IF NOT EXISTS circle_invitations (
  id          CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  circle_id   CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  email_ct    VARBINARY(600) NULL,
  token_hash  BINARY(32) NOT NULL,
  invited_by  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  created_at  DATETIME(3) NOT NULL,
  expires_at  DATETIME(3) NOT NULL,
  accepted_at DATETIME(3) NULL,
  accepted_by CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  revoked_at  DATETIME(3) NULL,
  UNIQUE KEY circle_invitations_token (token_hash),
  KEY circle_invitations_circle (circle_id, created_at),
  CONSTRAINT circle_invitations_circle FOREIGN KEY (circle_id) REFERENCES circles (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A request's audience: 'public' (everyone, after moderation) or 'circle'
-- (circle_id's owner and members only). circle_until: when the poster is
-- told nobody in the circle took it (circle_told_at: told), and offered to
-- publish it.
ALTER TABLE requests
  ADD COLUMN IF NOT EXISTS audience ENUM('public','circle') NOT NULL DEFAULT 'public',
  ADD COLUMN IF NOT EXISTS circle_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN IF NOT EXISTS circle_until DATETIME(3) NULL,
  ADD COLUMN IF NOT EXISTS circle_told_at DATETIME(3) NULL,
  ADD KEY IF NOT EXISTS requests_circle (circle_id, status, created_at),
  ADD KEY IF NOT EXISTS requests_circle_until (audience, circle_told_at, circle_until);
