-- Issue 10: the action plan, the "mesures existantes" of the DUERP, and
-- the frozen versions of the DUERP. Numbered 0011 so that migrations
-- added meanwhile by other branches (0006-0010) keep their numbers.

-- One action of a campaign's plan. unit is a unit path joined by '/'
-- ("" for everyone); dimensions a JSON array of "questionnaire/dimension".
-- Actions are written by consultants about work, never about a person.
CREATE TABLE actions (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (title <> ''),
    description TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    dimensions  TEXT NOT NULL DEFAULT '[]',
    risk_family TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
    budget      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'abandoned')),
    follow_up   TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL, -- creation order, for a stable list
    PRIMARY KEY (campaign_id, id)
) WITHOUT ROWID;

-- The "mesures existantes" of one DUERP row (work unit, risk family):
-- free text typed by the consultant with the committee.
CREATE TABLE duerp_measures (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    unit        TEXT NOT NULL,
    risk_family TEXT NOT NULL,
    measures    TEXT NOT NULL,
    PRIMARY KEY (campaign_id, unit, risk_family)
) WITHOUT ROWID;

-- A frozen version of a campaign's DUERP: its rows and actions as JSON
-- (content) and the workbook handed out at freezing (bytes), numbered
-- from 1 per campaign. The law keeps DUERP versions for 40 years
-- (Code du travail, art. R. 4121-4): a version is never changed nor
-- deleted, whatever later purge of responses or campaigns happens. The
-- triggers enforce it in the file itself; the foreign key has no
-- cascade, so a campaign with versions cannot be deleted either (since
-- 0018 its row stays as a tombstone instead: see DeleteCampaign).
CREATE TABLE duerp_versions (
    campaign_id TEXT    NOT NULL REFERENCES campaigns (id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    frozen_on   TEXT    NOT NULL, -- YYYY-MM-DD
    frozen_by   TEXT    NOT NULL, -- e-mail of the account, or "cli"
    content     TEXT    NOT NULL, -- JSON of reports.DUERP
    xlsx        BLOB    NOT NULL,
    PRIMARY KEY (campaign_id, number)
) WITHOUT ROWID;

CREATE TRIGGER duerp_versions_no_update BEFORE UPDATE ON duerp_versions
BEGIN
    SELECT RAISE(ABORT, 'duerp_versions: a frozen DUERP version is never changed');
END;

CREATE TRIGGER duerp_versions_no_delete BEFORE DELETE ON duerp_versions
BEGIN
    SELECT RAISE(ABORT, 'duerp_versions: a frozen DUERP version is never deleted');
END;
