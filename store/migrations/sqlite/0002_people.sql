-- Back-office people and what they do: accounts, campaign grants, API
-- tokens, web sessions, the audit log and comment moderation. Nothing here
-- refers to a response or an access code.

-- Accounts of consultants and viewers. email is stored lower-case; NOCASE
-- keeps it unique even if a future writer forgets to normalise.
CREATE TABLE users (
    id            TEXT NOT NULL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('consultant', 'viewer')),
    password_hash TEXT NOT NULL -- argon2id, PHC string format
) WITHOUT ROWID;

-- The campaigns a viewer may read (consultants read every campaign).
CREATE TABLE grants (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, campaign_id)
) WITHOUT ROWID;

CREATE INDEX grants_by_campaign ON grants (campaign_id);

-- API tokens: only the SHA-256 of the secret is kept.
CREATE TABLE tokens (
    id         TEXT    NOT NULL PRIMARY KEY,
    hash       BLOB    NOT NULL UNIQUE,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label      TEXT    NOT NULL DEFAULT '',
    created_on TEXT    NOT NULL, -- day only
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) WITHOUT ROWID;

CREATE INDEX tokens_by_user ON tokens (user_id);

-- Web sessions, in the schema github.com/alexedwards/scs/sqlite3store expects.
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry REAL NOT NULL
);

CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- What consultants and viewers did, and when (UTC, to the second). Never
-- respondent data, codes or addresses.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_by_target ON audit_log (target, id);

-- Comments copied out of a closed campaign's responses for moderation,
-- with random ids and no link back to their response. unit is the
-- respondent's unit (names joined by '/'); the group shown is computed at
-- reading time. moderated_text is the redacted version, '' when none.
CREATE TABLE comments (
    id               TEXT NOT NULL PRIMARY KEY,
    campaign_id      TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    questionnaire_id TEXT NOT NULL,
    unit             TEXT NOT NULL DEFAULT '',
    text             TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected')),
    moderated_text   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE INDEX comments_by_campaign ON comments (campaign_id, id);

-- Campaigns whose comments have been copied into comments (once).
CREATE TABLE comments_prepared (
    campaign_id TEXT NOT NULL PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE
) WITHOUT ROWID;
