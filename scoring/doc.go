// Package scoring turns respondents' answers into group results: dimension
// scores on a 0-100 scale, levels, indicators, item distributions and
// Cronbach's alpha, under the anonymity rules (minimum group size k and
// secondary suppression). It is pure computation: no files, no database, no
// network. Every figure that Vigie shows, on a page, in the API, in a PDF or
// a spreadsheet, comes out of a *Result made here, so the anonymity rules
// are implemented once, in this package.
package scoring
