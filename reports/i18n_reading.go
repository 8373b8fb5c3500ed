package reports

// ThresholdNote says, for an indicator whose threshold comes from a
// published instrument (the effort/reward ratio's 1, Siegrist's), where
// the threshold comes from and its limits here; "" for any other. Every
// place that shows the threshold shows the note.
func ThresholdNote(lang, questionnaire, indicator string) string {
	key := "threshold_note_" + questionnaire + "/" + indicator
	if s := tr(lang, key); s != key {
		return s
	}
	return ""
}
