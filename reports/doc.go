// Package reports renders scoring results as the documents a consultant
// hands to a client: a PDF a health committee can read in a meeting and an
// Excel workbook for further analysis. It never queries the database and
// only ever sees figures that the scoring package's anonymity rules let
// through.
package reports
