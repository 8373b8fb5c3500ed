-- Vigie's first schema. Later changes go in new numbered files; never edit
-- this one once released (databases in the field have applied it).

-- Questionnaires uploaded by consultants (built-in ones are embedded in the
-- binary). The latest version of an id is the current one.
CREATE TABLE questionnaires (
    id      TEXT    NOT NULL,
    version INTEGER NOT NULL,
    source  BLOB    NOT NULL,
    PRIMARY KEY (id, version)
) WITHOUT ROWID;

CREATE TABLE campaigns (
    id                     TEXT    NOT NULL PRIMARY KEY,
    slug                   TEXT    NOT NULL UNIQUE,
    title                  TEXT    NOT NULL,
    organisation           TEXT    NOT NULL,
    min_group_size         INTEGER NOT NULL CHECK (min_group_size >= 3),
    comment_min_group_size INTEGER NOT NULL CHECK (comment_min_group_size >= min_group_size),
    languages              TEXT    NOT NULL, -- JSON array
    access                 TEXT    NOT NULL CHECK (access IN ('codes', 'link')),
    state                  TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
    opened_week            TEXT    NOT NULL DEFAULT '',
    closed_week            TEXT    NOT NULL DEFAULT '',
    code_key               BLOB    NOT NULL, -- HMAC key of this campaign's access codes
    created_at             TEXT    NOT NULL  -- for listing campaigns; says nothing about answers
) WITHOUT ROWID;

-- Every unit of a campaign's tree, implied parents included; path is the
-- names joined by '/'.
CREATE TABLE campaign_units (
    campaign_id TEXT    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    path        TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    headcount   INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
    PRIMARY KEY (campaign_id, path)
) WITHOUT ROWID;

CREATE TABLE campaign_segments (
    campaign_id TEXT    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    id          TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    label       TEXT    NOT NULL, -- JSON object: language -> label
    categories  TEXT    NOT NULL, -- JSON array
    PRIMARY KEY (campaign_id, id)
) WITHOUT ROWID;

-- The questionnaires of a campaign. source and version are filled when the
-- campaign opens, freezing the instrument for the rest of the survey.
CREATE TABLE campaign_questionnaires (
    campaign_id      TEXT    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    questionnaire_id TEXT    NOT NULL,
    position         INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 0,
    source           BLOB,
    PRIMARY KEY (campaign_id, questionnaire_id)
) WITHOUT ROWID;

-- Access codes: only a keyed hash of the code, the unit it fixes (or '') and
-- whether it has served. Deliberately no timestamp and no link to a response.
CREATE TABLE codes (
    campaign_id TEXT    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    hash        BLOB    NOT NULL,
    unit        TEXT    NOT NULL DEFAULT '',
    used        INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    PRIMARY KEY (campaign_id, hash)
) WITHOUT ROWID;

-- Unfinished answers, kept under the code's hash so an employee can resume;
-- deleted (secure_delete is on) at submission and when the campaign closes.
CREATE TABLE drafts (
    campaign_id TEXT NOT NULL,
    code_hash   BLOB NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (campaign_id, code_hash),
    FOREIGN KEY (campaign_id, code_hash) REFERENCES codes (campaign_id, hash) ON DELETE CASCADE
) WITHOUT ROWID;

-- Submitted answers. WITHOUT ROWID, keyed by campaign and a random id: the
-- physical order is the order of random ids, never the order of submission,
-- and one campaign's answers sit together. week is the ISO week of
-- submission ("2027-W05"), the finest time kept.
CREATE TABLE responses (
    id          TEXT NOT NULL, -- random, 128 bits
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    unit        TEXT NOT NULL DEFAULT '', -- names joined by '/', '' when not given
    segments    TEXT NOT NULL DEFAULT '{}', -- JSON object: segment id -> category
    answers     TEXT NOT NULL DEFAULT '{}', -- JSON object: questionnaire id -> item id -> value
    comments    TEXT NOT NULL DEFAULT '{}', -- JSON object: questionnaire id -> text
    week        TEXT NOT NULL,
    PRIMARY KEY (campaign_id, id)
) WITHOUT ROWID;
