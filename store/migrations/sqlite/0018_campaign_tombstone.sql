-- Issue 12, deletion: a campaign with frozen DUERP versions is deleted
-- down to a tombstone. The law keeps the versions 40 years (Code du
-- travail, art. R. 4121-4) and they reference their campaign, so its row
-- stays with only its title and organisation, to say whose document they
-- are; everything else of it is erased. deleted_at is the day of the
-- deletion, '' for a live campaign (the same convention as archived_at,
-- so that a test on the column reads the same for both).
ALTER TABLE campaigns ADD COLUMN deleted_at TEXT NOT NULL DEFAULT '';
