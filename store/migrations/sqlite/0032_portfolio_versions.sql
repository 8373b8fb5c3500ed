-- The frozen versions of the portfolio reference (issue 25). A reference
-- changes only by a new version, frozen by the consultant (back office or
-- `vigie portfolio freeze`), and never so that two versions, or a version
-- and one organisation's own figures, isolate fewer organisations than
-- the minimum (docs/scoring.md section 7).
--
-- portfolio_versions keeps each version's published figures (JSON: by
-- questionnaire and version, each measure's mean, SD, quartiles across
-- organisations, number of organisations and respondents); label is
-- "2026-1" (year of freezing, then its rank in that year).
CREATE TABLE portfolio_versions (
    number        INTEGER NOT NULL PRIMARY KEY CHECK (number > 0),
    label         TEXT    NOT NULL UNIQUE,
    frozen_on     TEXT    NOT NULL, -- YYYY-MM-DD
    organisations INTEGER NOT NULL CHECK (organisations >= 0),
    figures       TEXT    NOT NULL
) WITHOUT ROWID;

-- Which campaign's figure entered each measure of each version: the
-- history the differencing rule is checked against. No figure here, and
-- no reference to campaigns: a deleted campaign's id stays (a random
-- string that no longer names anything), because forgetting that it
-- contributed would let the next version differ from an old one by that
-- one organisation (the column is not named campaign_id so that a
-- deletion, which empties every table with that column, keeps it).
-- measure is "d:<dimension id>" or "i:<indicator id>".
CREATE TABLE portfolio_members (
    version       INTEGER NOT NULL REFERENCES portfolio_versions (number),
    questionnaire TEXT    NOT NULL,
    qversion      INTEGER NOT NULL,
    measure       TEXT    NOT NULL,
    contributor   TEXT    NOT NULL,
    PRIMARY KEY (version, questionnaire, qversion, measure, contributor)
) WITHOUT ROWID;
