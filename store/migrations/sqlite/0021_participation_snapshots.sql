-- The participation an open campaign publishes (issue 19). Read live, it
-- moved by one at each submission: polled after each one, it dated every
-- answer and, unit by unit, told who had just answered. While a campaign
-- is open, pages and the API publish instead the counts taken at the
-- first read of each calendar day (Europe/Paris), kept here so that every
-- instance and every restart publish the same ones
-- (store/participation_snapshot.go).
--
-- One row per open campaign: day is that calendar day (YYYY-MM-DD, never
-- a finer time), counts the respondents per unit as JSON, keyed by the
-- unit's path joined by "/" ("" for respondents who gave no unit):
-- aggregated counts only, never anything per person. The row is
-- overwritten each day and deleted at closing, when the final figures
-- are published.
CREATE TABLE participation_snapshots (
    campaign_id TEXT NOT NULL PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    counts      TEXT NOT NULL
) WITHOUT ROWID;
