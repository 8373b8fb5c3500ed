package web

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
)

// TestSVGWriterEscapes: whatever a label or a title holds comes back
// from an XML parser as the same text, and never as markup.
func TestSVGWriterEscapes(t *testing.T) {
	for _, hostile := range []string{
		`<script>alert(1)</script>`,
		`"><g onload="x">`,
		`Santé & sécurité 'au' « travail »`,
	} {
		chart := string(distributionSVG(hostile, []distributionBar{{Label: hostile, N: 7, Shares: map[scoring.Level]float64{scoring.Favourable: 1}}}))
		if strings.Contains(chart, "<script") || strings.Contains(chart, "<g ") {
			t.Fatalf("chart for %q holds raw markup: %s", hostile, chart)
		}
		dec := xml.NewDecoder(strings.NewReader(chart))
		var title, labels string
		var in string
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				in = tok.Name.Local
				for _, a := range tok.Attr {
					if strings.HasPrefix(a.Name.Local, "on") {
						t.Fatalf("chart for %q has an event attribute %s", hostile, a.Name.Local)
					}
				}
			case xml.CharData:
				switch in {
				case "title":
					title += string(tok)
				case "text":
					labels += string(tok) + "\n"
				}
			case xml.EndElement:
				in = ""
			}
		}
		if title != hostile {
			t.Errorf("title = %q, want %q", title, hostile)
		}
		if !strings.Contains(labels, truncate(hostile, 40)+"\n") {
			t.Errorf("bar label %q not among the texts %q", truncate(hostile, 40), labels)
		}
	}
}
