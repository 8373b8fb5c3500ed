package reports

import (
	"math"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Chart geometry: a label column on the left, then the plot.
const (
	chartLabelW = 60.0
	chartValueW = 18.0
	chartRowH   = 8.0
)

// hatch overlays the pattern of a level on a filled rectangle, so that a
// black-and-white copy still tells the levels apart: none for favourable,
// sparse lines for intermediate, dense white lines for unfavourable.
func (d *pdfDoc) hatch(sc scheme, x, y, w, h float64, l scoring.Level) {
	f := d.f
	var step float64
	switch l {
	case scoring.Intermediate:
		step = 2.4
		if sc.signals {
			f.SetDrawColor(90, 70, 140)
		} else {
			f.SetDrawColor(150, 105, 20)
		}
		f.SetLineWidth(0.2)
	case scoring.Unfavourable:
		step = 1.3
		f.SetDrawColor(255, 255, 255)
		f.SetLineWidth(0.3)
	default:
		return
	}
	if w <= 0 || h <= 0 {
		return
	}
	f.ClipRect(x, y, w, h, false)
	for t := -h; t < w; t += step {
		if l == scoring.Intermediate {
			f.Line(x+t, y+h, x+t+h, y)
		} else {
			f.Line(x+t, y, x+t+h, y+h)
		}
	}
	f.ClipEnd()
}

// wrap splits s into lines no wider than w at the current font, breaking
// only at ordinary spaces (never at the no-break spaces of French).
func (d *pdfDoc) wrap(s string, w float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(s, " ") {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && d.f.GetStringWidth(try) > w {
			lines = append(lines, line)
			line = word
			continue
		}
		line = try
	}
	return append(lines, line)
}

// rowLabel writes a label of at most two lines, vertically centred in a
// row of height h at (x, y).
func (d *pdfDoc) rowLabel(x, y, w, h float64, s string) {
	f := d.f
	lines := d.wrap(d.txt(s), w-2)
	if len(lines) > 2 {
		lines = []string{lines[0], d.fit(strings.Join(lines[1:], " "), w-1)}
	}
	lh := 3.4
	top := y + (h-lh*float64(len(lines)))/2
	for i, l := range lines {
		f.SetXY(x, top+lh*float64(i))
		f.CellFormat(w, lh, l, "", 0, "L", false, 0, "")
	}
}

// scaleAxis writes 0, 25, 50, 75, 100 above a plot and light grid lines
// down to y1.
func (d *pdfDoc) scaleAxis(x0, w, y, y1 float64, suffix string) {
	f := d.f
	f.SetFont(fontFamily, "", 6.5)
	f.SetTextColor(90, 90, 90)
	f.SetDrawColor(215, 215, 215)
	f.SetLineWidth(0.15)
	for v := 0; v <= 100; v += 25 {
		x := x0 + w*float64(v)/100
		f.SetXY(x-6, y)
		f.CellFormat(12, 3, d.txt(fmtScore(float64(v))+suffix), "", 0, "C", false, 0, "")
		f.Line(x, y+3.5, x, y1)
	}
	f.SetTextColor(0, 0, 0)
}

// meansChart draws one horizontal bar per dimension: the mean of g on the
// 0-100 scale in its level's colour and pattern, the 95 % interval as a
// whisker, and the value with its level symbol printed at the end.
func (d *pdfDoc) meansChart(q *questionnaires.Questionnaire, g *scoring.Group) {
	f := d.f
	x0 := marginLeft + chartLabelW
	pw := contentW - chartLabelW - chartValueW
	h := 6 + chartRowH*float64(len(q.Dimensions))
	d.ensure(h + 12)
	y := f.GetY()
	d.scaleAxis(x0, pw, y, y+h, "")
	y += 5
	for _, dim := range q.Dimensions {
		f.SetFont(fontFamily, "", 8)
		d.rowLabel(marginLeft, y, chartLabelW-2, chartRowH, dim.Title.In(d.lang, q.Language))
		s := dimStats(g, dim.ID)
		if s == nil {
			d.maskedBar(x0, y+1.5, pw+chartValueW, chartRowH-3, reasonOf(g, dim.ID))
			y += chartRowH
			continue
		}
		sc := schemeOf(dim)
		bw := pw * clamp(s.Mean) / 100
		by, bh := y+1.8, chartRowH-3.6
		d.fill(sc.colour(s.Level))
		d.draw(rgb{80, 80, 80})
		f.SetLineWidth(0.15)
		f.Rect(x0, by, bw, bh, "FD")
		d.hatch(sc, x0, by, bw, bh, s.Level)
		// 95 % interval.
		lo, hi := x0+pw*clamp(s.CI95[0])/100, x0+pw*clamp(s.CI95[1])/100
		cy := by + bh/2
		f.SetDrawColor(0, 0, 0)
		f.SetLineWidth(0.35)
		f.Line(lo, cy, hi, cy)
		f.Line(lo, cy-1.3, lo, cy+1.3)
		f.Line(hi, cy-1.3, hi, cy+1.3)
		f.SetFont(fontFamily, "B", 8)
		f.SetXY(math.Max(hi, x0+bw)+1, y)
		f.CellFormat(chartValueW, chartRowH, fmtScore(s.Mean)+" "+levelSymbol(s.Level), "", 0, "L", false, 0, "")
		y += chartRowH
	}
	f.SetY(y + 1)
	d.levelLegends(q, true)
}

// maskedBar writes, in place of a bar, why a measure is not shown.
func (d *pdfDoc) maskedBar(x, y, w, h float64, reason string) {
	f := d.f
	d.fill(colMasked)
	f.Rect(x, y, w, h, "F")
	f.SetFont(fontFamily, "", 7.5)
	f.SetTextColor(80, 80, 80)
	f.SetXY(x+2, y)
	f.CellFormat(w-2, h, d.txt(maskedText(d.lang, reason, d.r.MinGroupSize)), "", 0, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// reasonOf is the suppression reason of dimension id in g.
func reasonOf(g *scoring.Group, id string) string {
	if g == nil {
		return scoring.ReasonBelowThreshold
	}
	if g.Suppressed {
		return g.Reason
	}
	if s := g.Dimensions[id]; s != nil {
		return s.Reason
	}
	return scoring.ReasonBelowThreshold
}

// sharesChart draws one 100 % stacked bar per dimension: the shares of the
// respondents in the favourable, intermediate and unfavourable bands, each
// share printed inside its part when it is wide enough.
func (d *pdfDoc) sharesChart(q *questionnaires.Questionnaire, g *scoring.Group) {
	f := d.f
	x0 := marginLeft + chartLabelW
	pw := contentW - chartLabelW
	h := 6 + chartRowH*float64(len(q.Dimensions))
	d.ensure(h + 12)
	y := f.GetY()
	d.scaleAxis(x0, pw, y, y+h, d.txt(" %"))
	y += 5
	for _, dim := range q.Dimensions {
		f.SetFont(fontFamily, "", 8)
		d.rowLabel(marginLeft, y, chartLabelW-2, chartRowH, dim.Title.In(d.lang, q.Language))
		s := dimStats(g, dim.ID)
		if s == nil {
			d.maskedBar(x0, y+1.5, pw, chartRowH-3, reasonOf(g, dim.ID))
			y += chartRowH
			continue
		}
		sc := schemeOf(dim)
		x := x0
		by, bh := y+1.5, chartRowH-3
		for _, l := range scoring.Levels {
			w := pw * s.Shares[l]
			if w <= 0 {
				continue
			}
			d.fill(sc.colour(l))
			d.draw(rgb{255, 255, 255})
			f.SetLineWidth(0.3)
			f.Rect(x, by, w, bh, "FD")
			d.hatch(sc, x, by, w, bh, l)
			label := fmtPct(d.lang, s.Shares[l])
			f.SetFont(fontFamily, "B", 7.5)
			if f.GetStringWidth(label)+2 <= w {
				// A white box under the figure keeps it legible over a pattern.
				lw := f.GetStringWidth(label) + 1.6
				f.SetFillColor(255, 255, 255)
				f.Rect(x+(w-lw)/2, by+bh/2-1.8, lw, 3.6, "F")
				f.SetXY(x, by)
				f.CellFormat(w, bh, label, "", 0, "C", false, 0, "")
			}
			x += w
		}
		y += chartRowH
	}
	f.SetY(y + 1)
	d.levelLegends(q, false)
}

// levelLegends writes the legend of each scheme q's dimensions use, the
// whisker with the first.
func (d *pdfDoc) levelLegends(q *questionnaires.Questionnaire, whisker bool) {
	schemes := schemesOf(q)
	for i, sc := range schemes {
		d.levelLegend(sc, whisker && i == 0, len(schemes) > 1)
	}
}

// levelLegend explains colours, patterns and symbols (and the whisker);
// named, when a chart mixes schemes, says which dimensions the legend is
// for.
func (d *pdfDoc) levelLegend(sc scheme, whisker, named bool) {
	f := d.f
	f.SetFont(fontFamily, "", 7.5)
	x, y := marginLeft, f.GetY()+1
	if named {
		label := d.tr(sc.key("legend_scheme"))
		f.SetXY(x, y)
		f.CellFormat(f.GetStringWidth(label)+2, 3.5, label, "", 0, "L", false, 0, "")
		x = f.GetX() + 1
	}
	for _, l := range scoring.Levels {
		d.fill(sc.colour(l))
		d.draw(rgb{80, 80, 80})
		f.SetLineWidth(0.15)
		f.Rect(x, y, 6, 3.5, "FD")
		d.hatch(sc, x, y, 6, 3.5, l)
		label := levelSymbol(l) + " " + sc.name(d.lang, l)
		f.SetXY(x+7, y)
		f.CellFormat(f.GetStringWidth(label)+4, 3.5, d.txt(label), "", 0, "L", false, 0, "")
		x = f.GetX() + 2
	}
	if whisker {
		f.SetDrawColor(0, 0, 0)
		f.SetLineWidth(0.35)
		f.Line(x, y+1.75, x+6, y+1.75)
		f.Line(x, y+0.6, x, y+2.9)
		f.Line(x+6, y+0.6, x+6, y+2.9)
		f.SetXY(x+7, y)
		f.CellFormat(f.GetStringWidth(d.tr("legend_ci"))+2, 3.5, d.tr("legend_ci"), "", 0, "L", false, 0, "")
	}
	f.SetY(y + 5)
	if !named || sc.signals {
		f.Ln(2)
	}
	d.body()
}

func clamp(v float64) float64 { return math.Max(0, math.Min(100, v)) }
