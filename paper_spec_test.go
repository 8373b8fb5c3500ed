package vigie_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/campaignfile"
)

func TestParsePaperDoubleEntry(t *testing.T) {
	base := "title: T\norganisation: O\nquestionnaires: [reconnaissance]\n"
	for _, tc := range []struct {
		line string
		want float64
		err  string
	}{
		{"", 1, ""},
		{"paper_double_entry: 0.2\n", 0.2, ""},
		{"paper_double_entry: 1\n", 1, ""},
		{"paper_double_entry: 0\n", 0, "paper_double_entry"},
		{"paper_double_entry: 1.5\n", 0, "paper_double_entry"},
		{"paper_double_entry: un sur cinq\n", 0, "un nombre entre 0 et 1"},
	} {
		s, err := campaignfile.Parse("c.yaml", []byte(base+tc.line))
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(vigie.ErrorMessage(err), tc.err)):
			t.Errorf("%q: err = %v, want one naming %q", tc.line, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.line, err)
		case tc.err == "" && s.PaperDoubleEntry != tc.want:
			t.Errorf("%q: PaperDoubleEntry = %v, want %v", tc.line, s.PaperDoubleEntry, tc.want)
		}
	}
}
