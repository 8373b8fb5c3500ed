// Package sheet reads the rows of an imported table, a CSV file or the
// first sheet of an Excel workbook, one row at a time and within limits:
// only the first columns a caller needs are kept, reading stops past a
// number of rows, and a workbook's parts are decompressed up to a budget.
// An uploaded file thus costs memory in proportion to what is kept, never
// to what the file claims (a 61 KB workbook whose rows each hold one cell
// in column XFD would otherwise be read as 12,000 rows of 16,384 cells).
//
// Every import goes through it: the units and invitation lists of the
// back office (web) and the responses files of the command line
// (cmd/vigie). Its error messages are plain French, for the person who
// chose the file.
package sheet
