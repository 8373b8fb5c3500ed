-- PostgreSQL twin of ../sqlite/0023_invitations.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Who has already been sent a code by e-mail in a campaign (issue 24), so
-- that sending a list again, or sending it once more after a restart,
-- never gives anyone a second code: a person with two codes could answer
-- twice. store/invitation.go writes and reads these rows.
--
-- No address is stored: a row holds a keyed hash (HMAC-SHA-256) of the
-- normalised address (spaces around it removed, lower-cased), under a key
-- drawn at random for each campaign and kept in invitation_keys. Nothing
-- links a row to the code sent, nor to the unit. Honestly: whoever holds
-- the database holds the key, and can test whether a guessed address was
-- invited to the campaign; that is all a row tells. The hashes and the key
-- are erased at closing (no code is sent after it), and with the campaign
-- when it is deleted (archiving needs it closed first).
CREATE TABLE invitation_keys (
    campaign_id text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    hmac_key    bytea NOT NULL
);

CREATE TABLE invitations (
    campaign_id text COLLATE "C" NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    hash        bytea NOT NULL,
    PRIMARY KEY (campaign_id, hash)
);
