-- Reference values imported by the consultant for a questionnaire version
-- (issue 25): the norms of a licensed instrument, compared with a
-- campaign's published figures on the results pages and in the reports.
-- content is the file as uploaded (CSV or YAML, UTF-8), parsed again with
-- scoring.ParseReference on each read so that one parser decides what a
-- reference says. Published figures of other populations only: nothing
-- about this installation's respondents.
CREATE TABLE reference_files (
    questionnaire_id TEXT    NOT NULL,
    version          INTEGER NOT NULL CHECK (version > 0),
    filename         TEXT    NOT NULL,
    content          TEXT    NOT NULL,
    uploaded_at      TEXT    NOT NULL,
    PRIMARY KEY (questionnaire_id, version)
) WITHOUT ROWID;
