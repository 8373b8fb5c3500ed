-- The portfolio reference (issue 25, docs/scoring.md section 7): an
-- installation serving several client organisations may compare each
-- campaign with the mean of the other organisations' published overall
-- means. Off on a new installation until the consultant turns it on.
--
-- portfolio_settings is one row: whether the portfolio is on, and how many
-- organisations besides a reader's own every reference must rest on
-- (never below 5; store/portfolio.go refuses lower with a message). No
-- row: the defaults (off, 5), so that a copy into an empty database
-- (vigie migrate) finds the table empty.
CREATE TABLE portfolio_settings (
    id                INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    enabled           INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    min_organisations INTEGER NOT NULL DEFAULT 5 CHECK (min_organisations >= 5)
) WITHOUT ROWID;

-- Whether a campaign's published figures feed the portfolio. A campaign
-- created while the portfolio is on is included (its notice says so); one
-- created while it is off, or before this migration, is not until the
-- consultant includes it. No row: not included.
CREATE TABLE campaign_portfolio (
    campaign_id TEXT    NOT NULL PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    included    INTEGER NOT NULL CHECK (included IN (0, 1))
) WITHOUT ROWID;
