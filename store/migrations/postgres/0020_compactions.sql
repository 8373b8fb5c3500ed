-- PostgreSQL twin of ../sqlite/0020_compactions.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- When the last compaction began (store/postgres.go): several instances
-- share the database, and an instance whose writes all came before
-- another's compaction began needs no compaction of its own. RFC 3339
-- time of the database server.
CREATE TABLE compactions (
    id         integer NOT NULL PRIMARY KEY CHECK (id = 1),
    started_at text COLLATE "C" NOT NULL
);
