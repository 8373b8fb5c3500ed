package reports

import (
	"strings"

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

// maskedKey is the i18n key saying why a group or measure is not shown.
// The wording names k, never its value: a hidden group's name stands next
// to no number at all.
func maskedKey(reason string) string {
	if reason == scoring.ReasonSecondary {
		return "masked_secondary"
	}
	return "masked_below_k"
}

// rgb is a colour.
type rgb struct{ R, G, B int }

// Level colours: traffic lights chosen so that their greys differ too
// (light, medium, dark) for a black-and-white copy; patterns and symbols
// are drawn as well.
var (
	colFavourable   = rgb{200, 230, 201}
	colIntermediate = rgb{255, 204, 92}
	colUnfavourable = rgb{183, 28, 28}
	colMasked       = rgb{236, 236, 236}
	colBlue         = rgb{20, 60, 110}
)

func levelColour(l scoring.Level) rgb {
	switch l {
	case scoring.Favourable:
		return colFavourable
	case scoring.Intermediate:
		return colIntermediate
	case scoring.Unfavourable:
		return colUnfavourable
	}
	return colMasked
}

// levelText is the colour of text drawn on a level's fill.
func levelText(l scoring.Level) rgb {
	if l == scoring.Unfavourable {
		return rgb{255, 255, 255}
	}
	return rgb{0, 0, 0}
}

// levelSymbol marks a level without colour: ○ favourable, ◐ intermediate,
// ● unfavourable.
func levelSymbol(l scoring.Level) string {
	switch l {
	case scoring.Favourable:
		return "○"
	case scoring.Intermediate:
		return "◐"
	case scoring.Unfavourable:
		return "●"
	}
	return ""
}

func (d *pdfDoc) fill(c rgb)                       { d.f.SetFillColor(c.R, c.G, c.B) }
func (d *pdfDoc) draw(c rgb)                       { d.f.SetDrawColor(c.R, c.G, c.B) }
func (d *pdfDoc) textCol(c rgb)                    { d.f.SetTextColor(c.R, c.G, c.B) }
func (d *pdfDoc) levelName(l scoring.Level) string { return tr(d.lang, "level_"+string(l)) }

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
