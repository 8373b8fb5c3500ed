-- PostgreSQL twin of ../sqlite/0017_end_date.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- A campaign's optional last day of answers ("2026-11-15"), '' when the
-- consultant closes it by hand. `vigie serve` closes an open campaign once
-- that day is over (store.CloseDue).
ALTER TABLE campaigns ADD COLUMN end_date text COLLATE "C" NOT NULL DEFAULT '';
