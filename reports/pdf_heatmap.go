package reports

import (
	"fmt"
	"math"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Heat-map geometry.
const (
	heatNameW   = 52.0
	heatNW      = 11.0
	heatRowH    = 5.4
	heatMaxCols = 7
)

// heatMap draws a table of groups (rows) by dimensions (columns): each cell
// holds the mean, its level symbol and its level colour. A suppressed group
// keeps its row but shows only "masqué", with no figure; a suppressed
// measure shows "< k" (or "—" for a secondary suppression). More than
// heatMaxCols dimensions are split into several tables.
func (d *pdfDoc) heatMap(q *questionnaires.Questionnaire, rows []*scoring.Group, nameHeader string) {
	dims := q.Dimensions
	for start := 0; start < len(dims); start += heatMaxCols {
		end := min(start+heatMaxCols, len(dims))
		d.heatTable(q, dims[start:end], rows, nameHeader, end == len(dims))
		d.f.Ln(2)
	}
	d.heatLegend(schemesOf(q))
}

// heatLegendH is the height of the heat map's legend.
const heatLegendH = 16.0

// heatTable draws one table of the heat map; last is true for the table
// that the legend follows.
func (d *pdfDoc) heatTable(q *questionnaires.Questionnaire, dims []*questionnaires.Dimension, rows []*scoring.Group, nameHeader string, last bool) {
	f := d.f
	colW := (contentW - heatNameW - heatNW) / float64(len(dims))
	// Column titles wrap on up to four lines at a small size, smaller
	// still when one of their words would not fit in a column.
	size := 6.5
	f.SetFont(fontFamily, "B", size)
	widest := 0.0
	for _, dim := range dims {
		for _, w := range strings.Fields(d.txt(dim.Title.In(d.lang, q.Language))) {
			widest = max(widest, f.GetStringWidth(w))
		}
	}
	if widest > colW-1.5 {
		size = max(5, size*(colW-1.5)/widest)
		f.SetFont(fontFamily, "B", size)
	}
	titles := make([][]string, len(dims))
	lines := 1
	for i, dim := range dims {
		t := d.wrap(d.txt(dim.Title.In(d.lang, q.Language)), colW-1.5)
		if len(t) > 4 {
			t = append(t[:3], d.fit(t[3]+" "+t[4], colW-1))
		}
		titles[i] = t
		lines = max(lines, len(t))
	}
	headH := 2.8*float64(lines) + 2
	header := func() {
		f.SetFont(fontFamily, "B", size)
		y := f.GetY()
		d.fill(rgb{228, 234, 242})
		f.Rect(marginLeft, y, contentW, headH, "F")
		f.SetXY(marginLeft+1, y)
		f.CellFormat(heatNameW-1, headH, d.txt(nameHeader), "", 0, "L", false, 0, "")
		f.CellFormat(heatNW, headH, "n", "", 0, "C", false, 0, "")
		for i, t := range titles {
			x := marginLeft + heatNameW + heatNW + colW*float64(i)
			top := y + (headH-2.8*float64(len(t)))/2
			for j, l := range t {
				f.SetXY(x, top+2.8*float64(j))
				f.CellFormat(colW, 2.8, l, "", 0, "C", false, 0, "")
			}
		}
		f.SetY(y + headH)
	}
	d.ensure(headH + 3*heatRowH)
	header()
	for i, g := range rows {
		// The last rows go with the legend: a page break leaves at least
		// three rows and the legend together, never a legend alone.
		need := heatRowH
		if left := len(rows) - i; left <= 3 && last {
			need = float64(left)*heatRowH + heatLegendH
		}
		if i > 0 && f.GetY()+need > pageH-marginBottom {
			f.AddPage()
			header()
		}
		d.heatRow(g, dims, colW, i%2 == 1)
	}
}

func (d *pdfDoc) heatRow(g *scoring.Group, dims []*questionnaires.Dimension, colW float64, shaded bool) {
	f := d.f
	y := f.GetY()
	if shaded {
		d.fill(rgb{247, 247, 247})
		f.Rect(marginLeft, y, heatNameW+heatNW, heatRowH, "F")
	}
	indent := 0.0
	if g.Kind == scoring.KindUnit {
		indent = 3 * float64(unitDepth(g))
	}
	bold := ""
	if g.Kind == scoring.KindAll {
		bold = "B"
	}
	f.SetFont(fontFamily, bold, 7.5)
	f.SetXY(marginLeft+1+indent, y)
	f.CellFormat(heatNameW-1-indent, heatRowH, d.fit(d.groupLabel(g), heatNameW-1-indent), "", 0, "L", false, 0, "")
	if !published(g) {
		f.SetFont(fontFamily, "", 7.5)
		f.SetTextColor(90, 90, 90)
		d.fill(colMasked)
		f.CellFormat(heatNW+colW*float64(len(dims)), heatRowH, d.txt(maskedText(d.lang, g.Reason, d.r.MinGroupSize)), "", 1, "C", true, 0, "")
		f.SetTextColor(0, 0, 0)
		return
	}
	f.SetFont(fontFamily, "", 7.5)
	f.CellFormat(heatNW, heatRowH, fmtInt(d.lang, g.Respondents), "", 0, "C", false, 0, "")
	for _, dim := range dims {
		x := f.GetX()
		s := dimStats(g, dim.ID)
		if s == nil {
			d.fill(colMasked)
			f.SetTextColor(90, 90, 90)
			label := "< k"
			if reasonOf(g, dim.ID) == scoring.ReasonSecondary {
				label = "—"
			}
			f.CellFormat(colW, heatRowH, label, "1", 0, "C", true, 0, "")
			f.SetDrawColor(255, 255, 255)
			f.SetTextColor(0, 0, 0)
			continue
		}
		sc := schemeOf(dim)
		d.fill(sc.colour(s.Level))
		d.draw(rgb{255, 255, 255})
		f.SetLineWidth(0.4)
		f.Rect(x, y, colW, heatRowH, "FD")
		d.textCol(sc.ink(s.Level))
		f.SetFont(fontFamily, "B", 7.5)
		f.CellFormat(colW, heatRowH, fmtScore(s.Mean)+" "+levelSymbol(s.Level)+d.trendArrow(g.ID, dim.ID), "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
	}
	f.SetXY(marginLeft, y+heatRowH)
}

// groupLabel is the name a group is shown under.
func (d *pdfDoc) groupLabel(g *scoring.Group) string {
	if g.Kind == scoring.KindAll {
		return tr(d.lang, "word.all")
	}
	if g.Label == scoring.NotSpecified {
		return tr(d.lang, "not_specified")
	}
	return g.Label
}

// heatLegend explains the colours of each scheme (one line each, named
// when the map mixes them), the symbols and the masked cells.
func (d *pdfDoc) heatLegend(schemes []scheme) {
	f := d.f
	d.ensure(heatLegendH + 5*float64(len(schemes)-1))
	f.SetFont(fontFamily, "", 7.5)
	y := f.GetY()
	for _, sc := range schemes {
		x := marginLeft
		if len(schemes) > 1 {
			label := d.tr(sc.key("legend_scheme"))
			f.SetXY(x, y)
			w := math.Ceil(f.GetStringWidth(label)) + 2
			f.CellFormat(w, 3.5, label, "", 0, "L", false, 0, "")
			x += w + 1
		}
		for _, l := range scoring.Levels {
			d.fill(sc.colour(l))
			f.Rect(x, y, 6, 3.5, "F")
			label := levelSymbol(l) + " " + sc.name(d.lang, l)
			f.SetXY(x+7, y)
			w := math.Ceil(f.GetStringWidth(d.txt(label))) + 3
			f.CellFormat(w, 3.5, d.txt(label), "", 0, "L", false, 0, "")
			x += 7 + w + 2
		}
		y += 5
	}
	f.SetXY(marginLeft, y)
	f.MultiCell(contentW, 3.6, d.tr("legend_masked_cells"), "", "L", false)
	if d.trends != nil {
		f.MultiCell(contentW, 3.6, d.txt(fmt.Sprintf(trendText(d.lang, "legend_trends"), previousTitle(d.r, d.lang))), "", "L", false)
	}
	f.Ln(2)
	d.body()
}
