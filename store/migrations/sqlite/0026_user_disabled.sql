-- An account can be disabled (and enabled again) instead of deleted: a
-- committee member whose term ended keeps their place in the history, and
-- can come back. A disabled account cannot sign in, its sessions end (the
-- session generation is incremented with it) and its API tokens stop
-- working while it stays disabled. 0 for existing accounts.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
