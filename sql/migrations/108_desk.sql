-- 108_desk.sql — the desk (issue 18 part 4): a professional takes a
-- request by telephone for a client without internet, and the consent
-- given on the phone is recorded as such. No new column: the client's
-- phone number for calling back is the request's sealed phone (phone_ct),
-- and the caseload reads the professional's own requests on requests_owner
-- (handlers/requests/caseload.c). MODIFY to the same definition again is
-- a no-op, so running this twice does no harm.
ALTER TABLE requests
  MODIFY COLUMN consent_how ENUM('verbal', 'written', 'self_present', 'telephone') NULL;
