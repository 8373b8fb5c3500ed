// Package reports renders scoring results as the documents a consultant
// hands to a client: a PDF a health committee can read in a meeting and an
// Excel workbook for further analysis. Its input is a dossier (package
// dossier), assembled by the store or from an offline file: it never
// queries the database and only ever sees figures that the scoring
// package's anonymity rules let through.
package reports
