-- PostgreSQL twin of ../sqlite/0033_reference_files.sql: both must give the same logical
-- schema (store/schema_test.go compares them).

-- Reference values imported by the consultant for a questionnaire version
-- (issue 25): the norms of a licensed instrument, compared with a
-- campaign's published figures on the results pages and in the reports.
-- content is the file as uploaded (CSV or YAML, UTF-8), parsed again with
-- scoring.ParseReference on each read so that one parser decides what a
-- reference says. Published figures of other populations only: nothing
-- about this installation's respondents.
CREATE TABLE reference_files (
    questionnaire_id text    COLLATE "C" NOT NULL,
    version          integer NOT NULL CHECK (version > 0),
    filename         text    COLLATE "C" NOT NULL,
    content          text    COLLATE "C" NOT NULL,
    uploaded_at      text    COLLATE "C" NOT NULL,
    PRIMARY KEY (questionnaire_id, version)
);
