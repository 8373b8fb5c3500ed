package reports

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/scoring"
)

// essentialsRoomMin is what "Ce que ces résultats ne peuvent pas dire"
// needs below its heading to start on the same page.
const essentialsRoomMin = 40

// essentials writes "L'essentiel", the page a committee reads first:
// participation (with a caution when it is low), the findings in words,
// what changed since the previous wave, and what the results cannot say.
func (d *pdfDoc) essentials() {
	d.heading(1, tr(d.lang, "h_essentials"))
	e := NewEssentials(d.r)
	if e.Participation != "" {
		d.bullet(e.Participation)
	}
	if e.Caution != "" {
		d.reminder(e.Caution)
	}
	d.f.Ln(1)
	d.para(e.Intro)
	for _, l := range e.Findings {
		d.bullet(l)
	}
	if e.More != "" {
		d.para(e.More)
	}
	if len(e.Changes) > 0 {
		d.ensure(20)
		d.f.Ln(2)
		d.subheading(tr(d.lang, "ess_changes_h"))
		d.para(e.Changes[0])
		for _, l := range e.Changes[1:] {
			d.bullet(l)
		}
	}
	d.essentialsReference()
	d.ensure(essentialsRoomMin)
	d.f.Ln(2)
	d.subheading(tr(d.lang, "ess_cannot_h"))
	d.bullet(fmt.Sprintf(tr(d.lang, "ess_cannot_k"), d.k))
	d.bullet(tr(d.lang, "ess_cannot_people"))
	d.bullet(tr(d.lang, "ess_cannot_why"))
}

// subheading writes a small blue heading that is not in the contents.
func (d *pdfDoc) subheading(s string) {
	d.f.SetFont(fontFamily, "B", 10.5)
	d.textCol(colBlue)
	d.f.MultiCell(contentW, 5.5, d.txt(s), "", "L", false)
	d.f.SetTextColor(0, 0, 0)
	d.body()
}

// notSpecifiedLabel translates the "(non renseigné)" category.
func notSpecifiedLabel(lang, label string) string {
	if label == scoring.NotSpecified || strings.HasSuffix(label, "/"+scoring.NotSpecified) {
		return strings.Replace(label, scoring.NotSpecified, tr(lang, "not_specified"), 1)
	}
	return label
}

// scored returns the report's sections as scoring inputs.
func reportScored(r *dossier.Report) []scoring.Scored {
	out := make([]scoring.Scored, 0, len(r.Sections))
	for _, s := range r.Sections {
		out = append(out, scoring.Scored{Questionnaire: s.Questionnaire, Result: s.Result})
	}
	return out
}

// respondents is the campaign's number of respondents; a report built
// without it (offline, from one responses file) takes the largest count a
// questionnaire publishes, which is the count itself for one questionnaire.
func reportRespondents(r *dossier.Report) *int {
	if r.Respondents != nil {
		return r.Respondents
	}
	var best *int
	for _, s := range r.Sections {
		if g := overall(s.Result); published(g) && (best == nil || g.Respondents > *best) {
			n := g.Respondents
			best = &n
		}
	}
	return best
}
