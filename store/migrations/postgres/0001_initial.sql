-- PostgreSQL twin of ../sqlite/0001_initial.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Vigie's first schema. Later changes go in new numbered files; never edit
-- this one once released (databases in the field have applied it).

-- Questionnaires uploaded by consultants (built-in ones are embedded in the
-- binary). The latest version of an id is the current one.
CREATE TABLE questionnaires (
    id      text COLLATE "C"    NOT NULL,
    version integer NOT NULL,
    source  bytea      NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE campaigns (
    id                     text COLLATE "C"    NOT NULL PRIMARY KEY,
    slug                   text COLLATE "C"    NOT NULL UNIQUE,
    title                  text COLLATE "C"    NOT NULL,
    organisation           text COLLATE "C"    NOT NULL,
    min_group_size         integer NOT NULL CHECK (min_group_size >= 3),
    comment_min_group_size integer NOT NULL CHECK (comment_min_group_size >= min_group_size),
    languages              text COLLATE "C"    NOT NULL, -- JSON array
    access                 text COLLATE "C"    NOT NULL CHECK (access IN ('codes', 'link')),
    state                  text COLLATE "C"    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
    opened_week            text COLLATE "C"    NOT NULL DEFAULT '',
    closed_week            text COLLATE "C"    NOT NULL DEFAULT '',
    code_key               bytea      NOT NULL, -- HMAC key of this campaign's access codes
    created_at             text COLLATE "C"    NOT NULL  -- for listing campaigns; says nothing about answers
);

-- Every unit of a campaign's tree, implied parents included; path is the
-- names joined by '/'.
CREATE TABLE campaign_units (
    campaign_id text COLLATE "C"    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    path        text COLLATE "C"    NOT NULL,
    position    integer NOT NULL,
    headcount   integer NOT NULL DEFAULT 0 CHECK (headcount >= 0),
    PRIMARY KEY (campaign_id, path)
);

CREATE TABLE campaign_segments (
    campaign_id text COLLATE "C"    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    id          text COLLATE "C"    NOT NULL,
    position    integer NOT NULL,
    label       text COLLATE "C"    NOT NULL, -- JSON object: language -> label
    categories  text COLLATE "C"    NOT NULL, -- JSON array
    PRIMARY KEY (campaign_id, id)
);

-- The questionnaires of a campaign. source and version are filled when the
-- campaign opens, freezing the instrument for the rest of the survey.
CREATE TABLE campaign_questionnaires (
    campaign_id      text COLLATE "C"    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    questionnaire_id text COLLATE "C"    NOT NULL,
    position         integer NOT NULL,
    version          integer NOT NULL DEFAULT 0,
    source           bytea  ,
    PRIMARY KEY (campaign_id, questionnaire_id)
);

-- Access codes: only a keyed hash of the code, the unit it fixes (or '') and
-- whether it has served. Deliberately no timestamp and no link to a response.
CREATE TABLE codes (
    campaign_id text COLLATE "C"    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    hash        bytea      NOT NULL,
    unit        text COLLATE "C"    NOT NULL DEFAULT '',
    used        integer NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    PRIMARY KEY (campaign_id, hash)
);

-- Unfinished answers, kept under the code's hash so an employee can resume;
-- deleted (secure_delete is on) at submission and when the campaign closes.
CREATE TABLE drafts (
    campaign_id text COLLATE "C" NOT NULL,
    code_hash   bytea   NOT NULL,
    data        bytea   NOT NULL,
    PRIMARY KEY (campaign_id, code_hash),
    FOREIGN KEY (campaign_id, code_hash) REFERENCES codes (campaign_id, hash) ON DELETE CASCADE
);

-- Submitted answers. WITHOUT ROWID, keyed by campaign and a random id: the
-- physical order is the order of random ids, never the order of submission,
-- and one campaign's answers sit together. week is the ISO week of
-- submission ("2027-W05"), the finest time kept.
CREATE TABLE responses (
    id          text COLLATE "C" NOT NULL, -- random, 128 bits
    campaign_id text COLLATE "C" NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    unit        text COLLATE "C" NOT NULL DEFAULT '', -- names joined by '/', '' when not given
    segments    text COLLATE "C" NOT NULL DEFAULT '{}', -- JSON object: segment id -> category
    answers     text COLLATE "C" NOT NULL DEFAULT '{}', -- JSON object: questionnaire id -> item id -> value
    comments    text COLLATE "C" NOT NULL DEFAULT '{}', -- JSON object: questionnaire id -> text
    week        text COLLATE "C" NOT NULL,
    PRIMARY KEY (campaign_id, id)
);
