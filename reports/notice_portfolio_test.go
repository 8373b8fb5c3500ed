package reports_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/reports"
)

// TestNoticeSaysWhetherResultsFeedAReference checks the sentence of the
// notice on the portfolio reference, in both languages, each way.
func TestNoticeSaysWhetherResultsFeedAReference(t *testing.T) {
	tests := []struct {
		lang      string
		portfolio bool
		want      string
	}{
		{"fr", true, "alimentent aussi une référence anonyme"},
		{"fr", false, "n’alimentent aucune référence commune"},
		{"en", true, "also feed an anonymous reference"},
		{"en", false, "feed no reference shared with other organisations"},
	}
	for _, tt := range tests {
		n := &reports.Notice{Lang: tt.lang, Portfolio: tt.portfolio, Controller: "Mairie", LegalBasis: "intérêt légitime", MinGroupSize: 5, CommentMinGroupSize: 10, RetentionDays: 365}
		var text strings.Builder
		for _, s := range n.Sections() {
			text.WriteString(strings.Join(s.Paragraphs, "\n") + "\n")
		}
		if got := text.String(); !strings.Contains(got, tt.want) {
			t.Errorf("notice in %s, portfolio %v, lacks %q", tt.lang, tt.portfolio, tt.want)
		}
	}
}
