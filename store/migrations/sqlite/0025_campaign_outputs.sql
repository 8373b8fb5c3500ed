-- The published figures of a closed campaign (issue 22). They no longer
-- change once it is closed, yet every page view, API call and report
-- scored every response again (seconds at 100,000 responses). The store
-- computes them once, in the background after the closing, and keeps
-- them here (store/outputs.go): the result of each questionnaire,
-- participation with why each hidden row is hidden, the number of
-- respondents, and the unit groups comments may be shown with. The
-- comments themselves are not here: moderation goes on after closing, so
-- they are read live, within these groups.
--
-- outputs is JSON in the format of campaign_archives.outputs; rules is
-- the version of the anonymity rules they were computed under
-- (scoring.RulesVersion): at start, a newer binary computes the older
-- ones again. Aggregated figures only, never anything per person: the
-- groups these figures withhold are withheld in the JSON too.
CREATE TABLE campaign_outputs (
    campaign_id TEXT    NOT NULL PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    rules       INTEGER NOT NULL CHECK (rules > 0),
    outputs     TEXT    NOT NULL
) WITHOUT ROWID;
