package reports

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Item-annex geometry.
const (
	itemTextW = 80.0
	itemNW    = 12.0
	itemRowH  = 7.5
)

// annex writes the item distributions (unless the report leaves them
// out), the reliability of each dimension and the glossary.
func (d *pdfDoc) annex() {
	if d.r.IncludeItemAnnex {
		d.heading(1, tr(d.lang, "h_annex_items"))
		d.para(tr(d.lang, "annex_items_explain"))
		for i := range d.r.Sections {
			s := &d.r.Sections[i]
			if s.Questionnaire != nil && s.Result != nil {
				d.heading(2, s.Questionnaire.Title.In(d.lang, s.Questionnaire.Language))
				d.itemDistributions(s.Questionnaire, overall(s.Result))
			}
		}
	}
	d.heading(1, tr(d.lang, "h_annex_reliability"))
	d.para(tr(d.lang, "reliability_explain"))
	for _, s := range d.r.Sections {
		if s.Questionnaire != nil && s.Result != nil {
			d.reliabilityTable(s.Questionnaire, s.Result)
		}
	}
	d.headingSamePage(tr(d.lang, "h_glossary"), 80)
	for _, key := range []string{"gl_mean", "gl_ci", "gl_levels", "gl_cutoffs", "gl_k",
		"gl_secondary", "gl_alpha", "gl_ratio", "gl_unit", "gl_segment"} {
		d.term(tr(d.lang, key))
	}
}

// itemDistributions draws, for each item, the share of each answer in g as
// one stacked bar in shades of grey (legible in black and white), with the
// shares printed.
func (d *pdfDoc) itemDistributions(q *questionnaires.Questionnaire, g *scoring.Group) {
	f := d.f
	if !published(g) {
		d.para(tr(d.lang, "section_all_masked"))
		return
	}
	x0 := marginLeft + itemTextW + itemNW
	bw := contentW - itemTextW - itemNW
	var legendFor *questionnaires.Scale
	if items := q.Items(); len(items) > 0 && items[0].Scale != nil {
		legendFor = items[0].Scale
		d.scaleLegend(legendFor)
	}
	for _, dim := range q.Dimensions {
		d.ensure(12 + 2*itemRowH)
		f.SetFont(fontFamily, "B", 9)
		f.MultiCell(contentW, 5, d.txt(dim.Title.In(d.lang, q.Language)), "", "L", false)
		for _, it := range dim.Items {
			if it.Scale != nil && it.Scale != legendFor {
				d.scaleLegend(it.Scale)
				legendFor = it.Scale
			}
			if f.GetY()+itemRowH > pageH-marginBottom {
				f.AddPage()
			}
			y := f.GetY()
			f.SetFont(fontFamily, "", 7)
			text := it.Text.In(d.lang, q.Language)
			if it.Reverse {
				text += " " + tr(d.lang, "reversed_mark")
			}
			d.rowLabel(marginLeft, y, itemTextW-2, itemRowH, text)
			s := itemStats(g, it.ID)
			if s == nil || it.Scale == nil {
				reason := scoring.ReasonBelowThreshold
				if m := g.Items[it.ID]; m != nil && m.Reason != "" {
					reason = m.Reason
				}
				d.maskedBar(x0, y+1.2, bw+itemNW, itemRowH-2.4, reason)
				f.SetY(y + itemRowH)
				continue
			}
			f.SetXY(marginLeft+itemTextW, y)
			f.CellFormat(itemNW, itemRowH, fmtInt(d.lang, s.N), "", 0, "C", false, 0, "")
			x := x0
			for v := it.Scale.Min; v <= it.Scale.Max; v++ {
				share := float64(s.Counts[strconv.Itoa(v)]) / float64(s.N)
				w := bw * share
				if w <= 0 {
					continue
				}
				shade, ink := scaleShade(v, it.Scale)
				f.SetFillColor(shade, shade, shade)
				f.SetDrawColor(255, 255, 255)
				f.SetLineWidth(0.3)
				f.Rect(x, y+1.2, w, itemRowH-2.4, "FD")
				label := fmtPct(d.lang, share)
				f.SetFont(fontFamily, "", 6.5)
				if f.GetStringWidth(label)+1 <= w {
					f.SetTextColor(ink, ink, ink)
					f.SetXY(x, y+1.2)
					f.CellFormat(w, itemRowH-2.4, label, "", 0, "C", false, 0, "")
					f.SetTextColor(0, 0, 0)
				}
				x += w
			}
			f.SetY(y + itemRowH)
		}
		f.Ln(2)
	}
	d.body()
}

// scaleShade is the grey of answer v (light for the scale's minimum, dark
// for its maximum) and the grey of text written on it.
func scaleShade(v int, s *questionnaires.Scale) (shade, ink int) {
	span := max(s.Max-s.Min, 1)
	shade = 235 - (235-70)*(v-s.Min)/span
	if shade < 150 {
		return shade, 255
	}
	return shade, 0
}

// scaleLegend shows the answer labels of a scale next to their greys.
func (d *pdfDoc) scaleLegend(s *questionnaires.Scale) {
	f := d.f
	f.SetFont(fontFamily, "", 6.5)
	x, y := marginLeft+itemTextW+itemNW, f.GetY()
	limit := pageW - marginRight
	for v := s.Min; v <= s.Max; v++ {
		label := d.txt(fmt.Sprintf("%d %s", v, s.Label(v, d.lang, "fr")))
		w := f.GetStringWidth(label) + 6
		if x+w > limit {
			x, y = marginLeft+itemTextW+itemNW, y+4
		}
		shade, _ := scaleShade(v, s)
		f.SetFillColor(shade, shade, shade)
		f.Rect(x, y+0.4, 3, 2.6, "F")
		f.SetXY(x+3.5, y)
		f.CellFormat(w-3.5, 3.4, label, "", 0, "L", false, 0, "")
		x += w + 1
	}
	f.SetY(y + 5)
}

// reliabilityTable lists Cronbach's alpha and its n for each dimension.
func (d *pdfDoc) reliabilityTable(q *questionnaires.Questionnaire, res *scoring.Result) {
	f := d.f
	cols := []float64{74, 20, 20, 60}
	d.ensure(20)
	f.Ln(1)
	f.SetFont(fontFamily, "B", 9)
	f.MultiCell(contentW, 5, d.txt(q.Title.In(d.lang, q.Language)), "", "L", false)
	if !published(overall(res)) {
		// Even the count of complete answers would tell how few responded.
		d.para(tr(d.lang, "section_all_masked"))
		return
	}
	d.tableHeader(cols, []string{tr(d.lang, "word.dimension"), "alpha", "n", tr(d.lang, "word.reading")})
	f.SetFont(fontFamily, "", 7.5)
	for i, dim := range q.Dimensions {
		d.ensure(5)
		fillRow := i%2 == 1
		d.fill(rgb{247, 247, 247})
		rel := res.Reliability[dim.ID]
		alpha, reading := "—", tr(d.lang, "alpha_none")
		if rel.Alpha != nil {
			alpha = fmtDec(d.lang, *rel.Alpha, ratioDecimals)
			reading = tr(d.lang, alphaReading(*rel.Alpha))
		}
		f.CellFormat(cols[0], 5, d.fit(dim.Title.In(d.lang, q.Language), cols[0]), "", 0, "L", fillRow, 0, "")
		f.CellFormat(cols[1], 5, alpha, "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[2], 5, fmtInt(d.lang, rel.N), "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[3], 5, d.txt(reading), "", 1, "L", fillRow, 0, "")
	}
	f.Ln(3)
	d.body()
}

// term writes a glossary entry "Term: definition" with the term in bold.
func (d *pdfDoc) term(s string) {
	f := d.f
	name, def, ok := strings.Cut(s, ":")
	if !ok {
		d.bullet(s)
		return
	}
	d.ensure(10)
	f.SetX(marginLeft)
	f.SetFont(fontFamily, "B", 9.5)
	f.Write(4.8, d.txt(name+":"))
	d.body()
	f.Write(4.8, d.txt(def))
	f.Ln(6.5)
}

// alphaReading is the i18n key of the reading of Cronbach's alpha a. It
// judges the value as shown, rounded to two decimals: 0.698 shows as
// "0,70" and reads « acceptable », as a reader checking the table would.
func alphaReading(a float64) string {
	// Rounded as fmtDec prints it, not by a*100 (0.795*100 is 79.4999…).
	shown := roundRatio(a)
	switch {
	case shown >= 0.8:
		return "alpha_good"
	case shown >= 0.7:
		return "alpha_ok"
	}
	return "alpha_low"
}
