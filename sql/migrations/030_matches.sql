-- 030: matches and messages (issue 5).
--
-- * messages_sender: erasure (DELETE /me) destroys every message a user
--   sent; without this index that is a scan of all messages.
ALTER TABLE messages
  ADD KEY messages_sender (sender_id, created_at);
