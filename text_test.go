package vigie_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string // want: "" for accepted, else part of the message
	}{
		{"Plain", "Charge de travail trop lourde.", ""},
		{"LinesAndTabs", "Ligne 1\r\nLigne 2\n\tretrait", ""},
		{"Emoji", "Équipe 👩‍⚕️ épuisée", ""},
		{"ArabicWithMark", "العمل\u200f مرهق", ""},
		{"InvalidUTF8", "caf\xe9", "octet n° 4"},
		{"NUL", "a\x00b", "U+0000"},
		{"Escape", "a\x1b[31mb", "U+001B"},
		{"C1", "a\u0085b", "U+0085"},
		{"Override", "note \u202eexe.txt", "U+202E, changement du sens d'écriture"},
		{"Isolate", "a\u2066b", "U+2066"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := vigie.CheckText("Le commentaire", tc.text)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("CheckText(%q) = %v, want accepted", tc.text, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || vigie.ErrorCode(err) != vigie.EINVALID):
				t.Fatalf("CheckText(%q) = %v, want EINVALID saying %q", tc.text, err, tc.want)
			}
		})
	}
}

func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"", "abc", "a\u202eb", "caf\xe9", "l1\nl2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := vigie.CheckText("x", s)
		if err == nil && strings.ContainsAny(s, "\x00\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
			t.Fatalf("CheckText accepted %q", s)
		}
		if err != nil && vigie.ErrorCode(err) != vigie.EINVALID {
			t.Fatalf("CheckText(%q) = %v, want EINVALID", s, err)
		}
	})
}
