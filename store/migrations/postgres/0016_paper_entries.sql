-- PostgreSQL twin of ../sqlite/0016_paper_entries.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Paper questionnaires with double data entry (issue 14).

-- The role "saisie" (data entry): the CHECK on users.role is widened.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('consultant', 'viewer', 'saisie'));

-- The share of paper sheets entered twice: 1 (every sheet) unless the
-- campaign says otherwise (paper_double_entry: 0.2).
ALTER TABLE campaigns ADD COLUMN paper_double_entry double precision NOT NULL DEFAULT 1
    CHECK (paper_double_entry > 0 AND paper_double_entry <= 1);

-- The first entry of a paper sheet, waiting for the second. Keyed by the
-- hash of the sheet's code, never the code; it links a code to answers
-- until the sheet is recorded, so it is deleted (secure_delete is on) in
-- the transaction that records the response, and at closing. data is the
-- entry as JSON (unit, segments, answers, comments); disputed is 1 once a
-- second entry has differed, which alone allows a corrected entry to
-- replace both (a first entry cannot skip its check).
CREATE TABLE paper_entries (
    campaign_id text COLLATE "C"    NOT NULL,
    code_hash   bytea      NOT NULL,
    data        text COLLATE "C"    NOT NULL,
    disputed    integer NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
    PRIMARY KEY (campaign_id, code_hash),
    FOREIGN KEY (campaign_id, code_hash) REFERENCES codes (campaign_id, hash) ON DELETE CASCADE
);
