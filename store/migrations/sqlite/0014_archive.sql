-- A campaign's life after closing (issue 12). archived_at is the day
-- (YYYY-MM-DD, UTC) its raw data was erased, '' while it is kept;
-- retention_days is how long after closing the raw data may be kept
-- before Vigie archives the campaign by itself.
ALTER TABLE campaigns ADD COLUMN archived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 365
    CHECK (retention_days BETWEEN 1 AND 1095);

-- What archiving keeps of a campaign: its published outputs (results of
-- each questionnaire, participation, published comments as moderated),
-- frozen as JSON when the raw data was erased. Nothing here can be traced
-- back to a response or a code.
CREATE TABLE campaign_archives (
    campaign_id TEXT NOT NULL PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    outputs     TEXT NOT NULL
) WITHOUT ROWID;
