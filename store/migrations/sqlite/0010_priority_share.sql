-- The share of unfavourable respondents from which a published result is a
-- priority (issue 10). Existing campaigns take the default, 0.5.
ALTER TABLE campaigns ADD COLUMN priority_share REAL NOT NULL DEFAULT 0.5
    CHECK (priority_share > 0 AND priority_share <= 1);
