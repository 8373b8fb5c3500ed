-- PostgreSQL twin of ../sqlite/0004_drafts_sealed.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Drafts are now sealed with a key only the employee's browser holds
-- (store/draft.go). Drafts written before were plain JSON that anyone with
-- the code could read back: they are erased (secure_delete overwrites
-- them), and their owners start again.
DELETE FROM drafts;
