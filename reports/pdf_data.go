package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/scoring"
)

// These accessors are the only way the PDF reaches a figure: each returns
// nil for a suppressed group or measure, so that no drawing code can print
// a number the anonymity rules withheld.

// overall returns the group of all respondents, or nil.
func overall(res *scoring.Result) *scoring.Group {
	if res == nil {
		return nil
	}
	for _, g := range res.Groups {
		if g.Kind == scoring.KindAll {
			return g
		}
	}
	return nil
}

// published reports whether g may be shown with figures.
func published(g *scoring.Group) bool { return g != nil && !g.Suppressed }

// dimStats returns the figures of dimension id in g, or nil when the group
// or the measure is suppressed or absent.
func dimStats(g *scoring.Group, id string) *scoring.DimensionStats {
	if !published(g) {
		return nil
	}
	s := g.Dimensions[id]
	if s == nil || s.Suppressed {
		return nil
	}
	return s
}

// indStats returns the figures of indicator id in g, or nil.
func indStats(g *scoring.Group, id string) *scoring.IndicatorStats {
	if !published(g) {
		return nil
	}
	s := g.Indicators[id]
	if s == nil || s.Suppressed {
		return nil
	}
	return s
}

// itemStats returns the answer counts of item id in g, or nil.
func itemStats(g *scoring.Group, id string) *scoring.ItemStats {
	if !published(g) {
		return nil
	}
	s := g.Items[id]
	if s == nil || s.Suppressed || s.N == 0 {
		return nil
	}
	return s
}

// groupsOf returns the groups of a kind, in the result's order.
func groupsOf(res *scoring.Result, kind scoring.GroupKind) []*scoring.Group {
	var gs []*scoring.Group
	if res == nil {
		return nil
	}
	for _, g := range res.Groups {
		if g.Kind == kind {
			gs = append(gs, g)
		}
	}
	return gs
}

// shown drops the suppressed "(non renseigné)" categories: they carry no
// figure and, since they are often empty, only puzzle the reader.
func shown(gs []*scoring.Group) []*scoring.Group {
	out := make([]*scoring.Group, 0, len(gs))
	for _, g := range gs {
		if g.Suppressed && g.Label == scoring.NotSpecified {
			continue
		}
		out = append(out, g)
	}
	return out
}

// segmentsOf returns the segment groups of res by segment id, and the ids
// in the order they first appear.
func segmentsOf(res *scoring.Result) ([]string, map[string][]*scoring.Group) {
	by := map[string][]*scoring.Group{}
	var ids []string
	for _, g := range groupsOf(res, scoring.KindSegment) {
		if _, ok := by[g.Segment]; !ok {
			ids = append(ids, g.Segment)
		}
		by[g.Segment] = append(by[g.Segment], g)
	}
	return ids, by
}

// unitDepth is 0 for a top-level unit, 1 for a unit below it, and so on.
func unitDepth(g *scoring.Group) int {
	return strings.Count(strings.TrimPrefix(g.ID, "unit:"), "/")
}

// maskedText says why a group or measure is not shown, in lang, with k's
// value: « masqué (moins de 5 réponses) » for a group below k, nobody
// there included (a reason of its own for 0 would tell when the first
// member of a small unit answered), or « masqué pour protéger un autre
// groupe ».
func maskedText(lang, reason string, k int) string {
	if reason == scoring.ReasonSecondary {
		return tr(lang, "word.masked_secondary")
	}
	return fmt.Sprintf(tr(lang, "masked_below_k"), reportK(k))
}

// reportK is the k a report words hidden groups with: the report's, or
// scoring's default when it was left at 0.
func reportK(k int) int {
	if k <= 0 {
		return scoring.DefaultMinGroupSize
	}
	return k
}

// rgb is a colour.
type rgb struct{ R, G, B int }

// colMasked fills a cell or bar that shows no figure.
var colMasked = rgb{236, 236, 236}

// colBlue is the report's accent colour (headings).
var colBlue = rgb{20, 60, 110}

func (d *pdfDoc) fill(c rgb)    { d.f.SetFillColor(c.R, c.G, c.B) }
func (d *pdfDoc) draw(c rgb)    { d.f.SetDrawColor(c.R, c.G, c.B) }
func (d *pdfDoc) textCol(c rgb) { d.f.SetTextColor(c.R, c.G, c.B) }

// tableHeader writes the header row of a table: the first column (names)
// aligned left, the figures centred.
func (d *pdfDoc) tableHeader(cols []float64, heads []string) {
	f := d.f
	f.SetFont(fontFamily, "B", 7.5)
	d.fill(rgb{228, 234, 242})
	for i, h := range heads {
		align := "C"
		if i == 0 {
			align = "L"
		}
		f.CellFormat(cols[i], 6, d.txt(h), "", 0, align, true, 0, "")
	}
	f.Ln(-1)
}

// unitReason is why the participation of the unit at path is hidden. The
// participation rows carry no reason, but they follow the same group
// pattern as the results (one per campaign), so the unit's result group
// says it: secondary when the unit itself has k respondents or more but is
// hidden to protect another group, below_threshold otherwise. A unit with
// no result group (no section) reads as below the threshold, as does a
// unit nobody answered in.
func unitReason(r *dossier.Report, path []string) string {
	// The row's own reason, from scoring, when it has one (reports made
	// from archives frozen before it existed have none).
	for _, p := range r.Participation {
		if p.Reason != "" && slices.Equal(p.Path, path) {
			return p.Reason
		}
	}
	id := "unit:" + strings.Join(path, "/")
	for _, s := range r.Sections {
		if s.Result == nil {
			continue
		}
		for _, g := range s.Result.Groups {
			if g.ID == id && g.Suppressed && g.Reason == scoring.ReasonSecondary {
				return scoring.ReasonSecondary
			}
		}
	}
	return scoring.ReasonBelowThreshold
}
