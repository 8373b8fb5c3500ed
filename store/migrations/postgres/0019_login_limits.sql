-- PostgreSQL twin of ../sqlite/0019_login_limits.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Back-office sign-in limits, shared by every instance on one database
-- (they were in each instance's memory: behind a load balancer a guesser
-- had as many allowances as there were instances). store/login_limit.go
-- explains the buckets.
--
-- Rows are named by keyed hashes (HMAC-SHA-256, truncated to 16 bytes) of
-- the account and the client's address, never by the address itself. The
-- key must be the same for all instances, so it lives here, in
-- login_key, drawn at random on first use. Honestly: whoever holds the
-- database holds the key, and can test a guessed address (or an
-- account-and-address pair) against the stored hashes. What limits that
-- is that rows expire: a bucket is deleted once full again (minutes to an
-- hour after the last failure), a known pair 30 days after its last
-- successful sign-in. Employees' addresses are never written here (the
-- access-code limiter stays in each instance's memory).
CREATE TABLE login_key (
    id     integer NOT NULL PRIMARY KEY CHECK (id = 1),
    secret bytea NOT NULL
);

-- A bucket holds no token count: full_ms is the time (Unix ms) at which it
-- is full again, so that tokens left = burst - (full_ms - now) / period,
-- and the sweep is one range delete.
CREATE TABLE login_buckets (
    hash    bytea   NOT NULL PRIMARY KEY,
    full_ms bigint  NOT NULL
);
CREATE INDEX login_buckets_full ON login_buckets (full_ms);

-- Account-and-address pairs that signed in successfully: at_ms is the last
-- time (Unix ms).
CREATE TABLE login_known (
    pair  bytea   NOT NULL PRIMARY KEY,
    at_ms bigint  NOT NULL
);
CREATE INDEX login_known_at ON login_known (at_ms);
