// Package questionnaires defines the questionnaire file format (YAML), loads
// and validates questionnaire files, and embeds the instruments Vigie ships.
// Everything downstream (scoring, the answering pages, reports) works from
// the validated *Questionnaire this package returns.
package questionnaires
