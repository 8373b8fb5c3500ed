// Package store persists Vigie's data in one SQLite file: uploaded
// questionnaires, campaigns, access codes (as hashes only), drafts and
// anonymous responses. It is the only package that speaks SQL. Raw
// responses leave it only through Result and Report, scored and
// anonymised: no output has a row per person.
//
// Anonymity shapes the schema: a response row holds a random id, the
// campaign, the unit, the segment categories, the answers, the comments and
// the ISO week of submission, nothing else. The responses table has no
// rowid, so neither row order nor ids reveal the order of submission; codes
// are stored as keyed hashes with a used flag and no timestamp. The files
// keep no history either: a rollback journal emptied at each commit, no
// WAL, and a compaction (compact.go) once writes pause, so that a copy of
// the files at rest shows neither the order of submissions nor which code
// served for which response. A closed campaign is scored once, after its
// closing, and its published figures are stored (outputs.go): pages and
// reports read them, not the responses. Raw data lasts no longer than it
// serves:
// ArchiveCampaign (archive.go) freezes a closed campaign's published
// outputs and erases its responses, codes, drafts and comments, and
// DeleteCampaign erases a campaign whole, both compacting at once.
package store
