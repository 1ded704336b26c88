-- 096: the monthly reminder of the caregiver's own check (issue 17, part
-- 6): a row per caregiver who asked for it (PUT /me/caregiver-check/reminder,
-- handlers/accounts/caregiver_check.c; no row: no reminder). The mailer's
-- caregiver_check job (mailer/caregiver_check.c) tells them once a month
-- (caregiver_check.reminder) when neither the request for it, nor the last
-- reminder, nor their last check is less than a month old; last_sent_at is
-- set in the transaction that writes the notification, so a reminder goes
-- once. Nothing private: that someone wants a reminder, and when.
CREATE TABLE caregiver_check_reminders (
  user_id       CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  created_at    DATETIME(3) NOT NULL,
  last_sent_at  DATETIME(3) NULL,
  CONSTRAINT caregiver_check_reminders_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
