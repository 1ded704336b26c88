-- 113: the changes a coordinator proposed, by proposer (issue 18 part 1's
-- leftovers). GET /me/export lists the changes the user proposed and
-- DELETE /me clears their proposed_by (handlers/accounts/gdpr_organisations.c):
-- on this key, not a read of every change.
ALTER TABLE organisation_changes
  ADD KEY organisation_changes_proposer (proposed_by);
