package reports

import "strings"

// The data-protection documents (notice, AIPD, record) put names and
// sentences typed by the consultant inside their own sentences. They are
// written so that any name reads right: a name follows a colon ("Responsable
// du traitement : Clinique des Tilleuls, SAS"), never a verb or a
// preposition that would need an article ("est Clinique…", "agents de
// Service social régional"); a typed sentence ends with one full stop
// whatever it ended with ("direction..").

// sentence trims s and ends it with exactly one full stop, unless it ends
// with its own question or exclamation mark, ellipsis or closing quote
// after a stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.HasSuffix(s, "...") {
		return strings.TrimRight(s, ". ") + "…" // an ellipsis typed as three dots
	}
	s = strings.TrimRight(s, ". ")
	if strings.HasSuffix(s, "…") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// clause is s as a clause inside a sentence: trimmed, without the final
// full stop it may have been typed with.
func clause(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ". ")
}
