-- When the last compaction on PostgreSQL began (issue 13): several
-- instances share the database, and an instance whose writes all came
-- before another's compaction began needs no compaction of its own
-- (store/postgres.go). RFC 3339 time of the database server. Unused on
-- SQLite, which has one instance; kept so both engines have one schema.
CREATE TABLE compactions (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    started_at TEXT    NOT NULL
);
