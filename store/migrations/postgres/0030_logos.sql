-- PostgreSQL twin of ../sqlite/0030_logos.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- The consultant's logo, drawn on the cover and in the running headers of
-- the documents (issue 20): one for the installation (scope '*') and, when
-- a campaign needs another (a firm working for several clients under
-- different names), one per campaign (scope = the campaign id). The image
-- is checked and normalised before it is stored (vigie.CheckLogo): PNG or
-- JPEG, at most 1 MiB and 4 million pixels. Nothing about any person.
CREATE TABLE logos (
    scope  text    COLLATE "C" NOT NULL PRIMARY KEY,
    format text    COLLATE "C" NOT NULL CHECK (format IN ('png', 'jpeg')),
    width  integer NOT NULL CHECK (width > 0),
    height integer NOT NULL CHECK (height > 0),
    data   bytea   NOT NULL
);
