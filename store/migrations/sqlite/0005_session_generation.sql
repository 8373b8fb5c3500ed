-- A number every back-office session of an account records at sign-in.
-- Changing the password increments it, which ends every session opened
-- before, even one a request in flight writes back afterwards (deleting
-- session rows could not promise that). 0 for existing accounts, which
-- keeps their current sessions (they carry no number, read as 0).
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
