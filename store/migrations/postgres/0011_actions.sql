-- PostgreSQL twin of ../sqlite/0011_actions.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Issue 10: the action plan, the "mesures existantes" of the DUERP, and
-- the frozen versions of the DUERP. Numbered 0011 so that migrations
-- added meanwhile by other branches (0006-0010) keep their numbers.

-- One action of a campaign's plan. unit is a unit path joined by '/'
-- ("" for everyone); dimensions a JSON array of "questionnaire/dimension".
-- Actions are written by consultants about work, never about a person.
CREATE TABLE actions (
    campaign_id text COLLATE "C" NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    id          text COLLATE "C" NOT NULL,
    title       text COLLATE "C" NOT NULL CHECK (title <> ''),
    description text COLLATE "C" NOT NULL DEFAULT '',
    unit        text COLLATE "C" NOT NULL DEFAULT '',
    dimensions  text COLLATE "C" NOT NULL DEFAULT '[]',
    risk_family text COLLATE "C" NOT NULL DEFAULT '',
    owner       text COLLATE "C" NOT NULL DEFAULT '',
    due         text COLLATE "C" NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
    budget      text COLLATE "C" NOT NULL DEFAULT '',
    status      text COLLATE "C" NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'abandoned')),
    follow_up   text COLLATE "C" NOT NULL DEFAULT '',
    position    integer NOT NULL, -- creation order, for a stable list
    PRIMARY KEY (campaign_id, id)
);

-- The "mesures existantes" of one DUERP row (work unit, risk family):
-- free text typed by the consultant with the committee.
CREATE TABLE duerp_measures (
    campaign_id text COLLATE "C" NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    unit        text COLLATE "C" NOT NULL,
    risk_family text COLLATE "C" NOT NULL,
    measures    text COLLATE "C" NOT NULL,
    PRIMARY KEY (campaign_id, unit, risk_family)
);

-- A frozen version of a campaign's DUERP: its rows and actions as JSON
-- (content) and the workbook handed out at freezing (bytes), numbered
-- from 1 per campaign. The law keeps DUERP versions for 40 years
-- (Code du travail, art. R. 4121-4): a version is never changed nor
-- deleted, whatever later purge of responses or campaigns happens. The
-- triggers enforce it in the file itself; the foreign key has no
-- cascade, so a campaign with versions cannot be deleted either (since
-- 0018 its row stays as a tombstone instead: see DeleteCampaign).
CREATE TABLE duerp_versions (
    campaign_id text COLLATE "C"    NOT NULL REFERENCES campaigns (id),
    number      integer NOT NULL CHECK (number >= 1),
    frozen_on   text COLLATE "C"    NOT NULL, -- YYYY-MM-DD
    frozen_by   text COLLATE "C"    NOT NULL, -- e-mail of the account, or "cli"
    content     text COLLATE "C"    NOT NULL, -- JSON of reports.DUERP
    xlsx        bytea      NOT NULL,
    PRIMARY KEY (campaign_id, number)
);

CREATE FUNCTION duerp_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'duerp_versions: a frozen DUERP version is never changed';
    END IF;
    RAISE EXCEPTION 'duerp_versions: a frozen DUERP version is never deleted';
END;
$$;

CREATE TRIGGER duerp_versions_no_update BEFORE UPDATE ON duerp_versions
    FOR EACH ROW EXECUTE FUNCTION duerp_versions_frozen();

CREATE TRIGGER duerp_versions_no_delete BEFORE DELETE ON duerp_versions
    FOR EACH ROW EXECUTE FUNCTION duerp_versions_frozen();
