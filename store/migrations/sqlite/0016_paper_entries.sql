-- Paper questionnaires with double data entry (issue 14).

-- The role "saisie" (data entry): SQLite cannot alter a CHECK constraint,
-- and rebuilding users would, with foreign keys on, cascade the DROP to
-- grants and tokens. Widening the CHECK in the stored schema is the
-- procedure SQLite documents for loosening a constraint (existing rows
-- satisfy the new one); the CREATE TABLE below bumps the schema cookie,
-- so every connection reads the new definition.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(sql, 'CHECK (role IN (''consultant'', ''viewer''))', 'CHECK (role IN (''consultant'', ''viewer'', ''saisie''))')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = OFF;

-- The share of paper sheets entered twice: 1 (every sheet) unless the
-- campaign says otherwise (paper_double_entry: 0.2).
ALTER TABLE campaigns ADD COLUMN paper_double_entry REAL NOT NULL DEFAULT 1
    CHECK (paper_double_entry > 0 AND paper_double_entry <= 1);

-- The first entry of a paper sheet, waiting for the second. Keyed by the
-- hash of the sheet's code, never the code; it links a code to answers
-- until the sheet is recorded, so it is deleted (secure_delete is on) in
-- the transaction that records the response, and at closing. data is the
-- entry as JSON (unit, segments, answers, comments); disputed is 1 once a
-- second entry has differed, which alone allows a corrected entry to
-- replace both (a first entry cannot skip its check).
CREATE TABLE paper_entries (
    campaign_id TEXT    NOT NULL,
    code_hash   BLOB    NOT NULL,
    data        TEXT    NOT NULL,
    disputed    INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
    PRIMARY KEY (campaign_id, code_hash),
    FOREIGN KEY (campaign_id, code_hash) REFERENCES codes (campaign_id, hash) ON DELETE CASCADE
) WITHOUT ROWID;
