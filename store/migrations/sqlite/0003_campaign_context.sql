-- Who runs a campaign and why, shown to employees on its entry page. Each
-- is a JSON object language -> text ({"fr": "...", "en": "..."}); '{}'
-- when the consultant did not say, and for every campaign created before.
ALTER TABLE campaigns ADD COLUMN conducted_by TEXT NOT NULL DEFAULT '{}';
ALTER TABLE campaigns ADD COLUMN purpose TEXT NOT NULL DEFAULT '{}';
