-- PostgreSQL twin of ../sqlite/0003_campaign_context.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Who runs a campaign and why, shown to employees on its entry page. Each
-- is a JSON object language -> text ({"fr": "...", "en": "..."}); '{}'
-- when the consultant did not say, and for every campaign created before.
ALTER TABLE campaigns ADD COLUMN conducted_by text COLLATE "C" NOT NULL DEFAULT '{}';
ALTER TABLE campaigns ADD COLUMN purpose text COLLATE "C" NOT NULL DEFAULT '{}';
