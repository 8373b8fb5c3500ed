-- PostgreSQL twin of ../sqlite/0012_previous_wave.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Survey waves (issue 11): the previous wave of a campaign, a closed
-- campaign of the same survey, and the renames of its units after a
-- reorganisation, as a JSON object {"old/path": "new/path"} ('{}' when
-- none). Deleting the previous campaign unlinks the series rather than
-- blocking the deletion.
ALTER TABLE campaigns ADD COLUMN previous_id text COLLATE "C" REFERENCES campaigns (id) ON DELETE SET NULL;
ALTER TABLE campaigns ADD COLUMN unit_map text COLLATE "C" NOT NULL DEFAULT '{}';
