// Package instrument brings a questionnaire written elsewhere into Vigie:
// a workbook filled from the template it generates (Template, FromXLSX)
// or a LimeSurvey survey structure file (FromLSS). Each converter reads a
// bounded file and returns the questionnaire as the YAML file Vigie reads
// (docs/questionnaires.md), checked by questionnaires.Parse, with what
// could not be brought over listed as warnings. Every problem names its
// place in the source: sheet, row and column, or line of the .lss file.
// Nothing here touches a database or the network.
package instrument
