-- 103_vacancy_responses.sql — a volunteer's response to a vacancy and the
-- conversation it opens with the organisation's coordinators (issue 18
-- part 2). Private like match messages: every body is sealed
-- (lib/crypto.c, associated data vacancy_messages.body_ct.<id>) and only
-- the volunteer and the coordinators of the vacancy's organisation read
-- it. One response per volunteer per vacancy (the unique key; a second
-- POST answers the first, 200). The response's message is the
-- conversation's first message. sender_id becomes NULL when that account
-- is erased (the other side keeps the conversation, without a name);
-- erasing the volunteer deletes their responses and so the conversations.
CREATE TABLE vacancy_responses (
  id            CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  vacancy_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  volunteer_id  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  updated_at    DATETIME(3) NOT NULL,
  UNIQUE KEY vacancy_responses_once (vacancy_id, volunteer_id),
  KEY vacancy_responses_vacancy (vacancy_id, created_at, id),
  KEY vacancy_responses_volunteer (volunteer_id, created_at, id),
  CONSTRAINT vacancy_responses_vacancy FOREIGN KEY (vacancy_id) REFERENCES vacancies (id) ON DELETE CASCADE,
  CONSTRAINT vacancy_responses_volunteer FOREIGN KEY (volunteer_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE vacancy_messages (
  id           CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  response_id  CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sender_id    CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NULL,
  body_ct      VARBINARY(8200) NOT NULL,
  created_at   DATETIME(3) NOT NULL,
  KEY vacancy_messages_response (response_id, created_at, id),
  KEY vacancy_messages_sender (sender_id),
  CONSTRAINT vacancy_messages_response FOREIGN KEY (response_id) REFERENCES vacancy_responses (id) ON DELETE CASCADE,
  CONSTRAINT vacancy_messages_sender FOREIGN KEY (sender_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB;

-- A moderator's decision on a vacancy (POST /vacancies/{id}/review) is a
-- moderation_actions row like one on an offer. The value goes last, so no
-- row changes.
ALTER TABLE moderation_actions
  MODIFY target_type ENUM('request','offer','message','user','report','vacancy') NOT NULL;
