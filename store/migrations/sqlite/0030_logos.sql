-- The consultant's logo, drawn on the cover and in the running headers of
-- the documents (issue 20): one for the installation (scope '*') and, when
-- a campaign needs another (a firm working for several clients under
-- different names), one per campaign (scope = the campaign id). The image
-- is checked and normalised before it is stored (vigie.CheckLogo): PNG or
-- JPEG, at most 1 MiB and 4 million pixels. Nothing about any person.
CREATE TABLE logos (
    scope  TEXT    NOT NULL PRIMARY KEY,
    format TEXT    NOT NULL CHECK (format IN ('png', 'jpeg')),
    width  INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    data   BLOB    NOT NULL
) WITHOUT ROWID;
