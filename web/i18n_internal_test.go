package web

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/internal/locale"
)

// pageKeys are the keys of the employees' pages' texts and of the words
// they share with the documents: the texts these tests hold to the
// pages' conventions.
func pageKeys() []string { return append(locale.Keys("pages"), locale.Keys("word")...) }

// TestFrenchSpaces checks that no French text can start a line with a
// colon or leave a guillemet alone at a line's end or start.
func TestFrenchSpaces(t *testing.T) {
	for _, key := range pageKeys() {
		msg := tr(defaultLang, key)
		for _, bad := range []string{" :", "« ", " »"} {
			if strings.Contains(msg, bad) {
				t.Errorf("%s = %q: %q should have a non-breaking space", key, msg, bad)
			}
		}
	}
}

// TestFrenchMessagesTypography scans the French texts as written (not as
// tr repairs them), so a new message keeps the conventions of the others:
// a non-breaking space before « : ; ! ? », the typographic apostrophe,
// real plurals (trn) rather than « (s) », and « enquête », the word
// employees know, rather than the back office's « campagne ».
func TestFrenchMessagesTypography(t *testing.T) {
	for _, key := range pageKeys() {
		msg := locale.T(defaultLang, key)
		for _, p := range []string{" :", " ;", " !", " ?"} {
			if strings.Contains(msg, p) {
				t.Errorf("%s = %q: a normal space before %q (want U+00A0, so no line starts with it)", key, msg, p[1:])
			}
		}
		if strings.Contains(msg, "'") {
			t.Errorf("%s = %q: a straight apostrophe (want ’)", key, msg)
		}
		if strings.Contains(msg, "campagne") {
			t.Errorf("%s = %q: says « campagne » (want « enquête » on employee pages)", key, msg)
		}
	}
	for _, lang := range languages {
		for _, key := range pageKeys() {
			msg := locale.T(lang, key)
			if strings.Contains(msg, "(s)") || strings.Contains(msg, "(e)") {
				t.Errorf("%s (%s) = %q: want a real plural (trn) rather than (s)", key, lang, msg)
			}
		}
	}
}

// TestPlurals checks the forms trn picks: French counts 0 as singular,
// English does not.
func TestPlurals(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 0, "0\u00a0réponse sur 3"},
		{"fr", 1, "1\u00a0réponse sur 3"},
		{"fr", 2, "2\u00a0réponses sur 3"},
		{"en", 0, "0 answers out of 3"},
		{"en", 1, "1 answer out of 3"},
		{"en", 2, "2 answers out of 3"},
	} {
		if got := trn(tt.lang, "review.answered", tt.n, 3); got != tt.want {
			t.Errorf("trn(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	if got, want := grouped("fr", 2000), "2\u202f000"; got != want {
		t.Errorf("grouped(fr, 2000) = %q, want %q", got, want)
	}
	if got, want := grouped("en", 1234567), "1,234,567"; got != want {
		t.Errorf("grouped(en, 1234567) = %q, want %q", got, want)
	}
}
