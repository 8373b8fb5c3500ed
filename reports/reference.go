package reports

import (
	"fmt"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// refText is tr for the comparison's texts (internal/locale,
// report_reference.go).
func refText(lang, key string) string { return tr(lang, key) }

// refChangeKey is the key of the word for a change from the reference: a
// defensive strategy's signal is more or less marked (the trends' words),
// other measures better or worse.
func refChangeKey(c scoring.Change) string {
	switch c {
	case scoring.MoreMarked, scoring.LessMarked:
		return "word.signal_" + string(c)
	}
	return "ref_" + string(c)
}

// referenceName names the reference for a reader: a portfolio by its own
// source, imported values as such.
func referenceName(lang string, c *scoring.ReferenceComparison) string {
	if c.Organisations != nil {
		return fmt.Sprintf(refText(lang, "reference_portfolio"), c.Source)
	}
	return fmt.Sprintf(refText(lang, "reference_imported"), c.Source)
}

// referenceWords says a dimension's difference from the reference in
// words, e.g. « au-dessus, de +1,0 à +4,9 points : moins favorable », or
// « signal plus marqué » for a defensive strategy.
func referenceWords(lang string, c *scoring.DimensionReference) string {
	lo, hi := fmtSigned(lang, c.CI95[0], meanDecimals), fmtSigned(lang, c.CI95[1], meanDecimals)
	switch {
	case c.Change == scoring.Stable:
		return fmt.Sprintf(refText(lang, "ref_close"), lo, hi)
	case c.CI95[0] > 0:
		return fmt.Sprintf(refText(lang, "ref_above"), lo, hi) + colon(lang) + refText(lang, refChangeKey(c.Change))
	default:
		return fmt.Sprintf(refText(lang, "ref_below"), lo, hi) + colon(lang) + refText(lang, refChangeKey(c.Change))
	}
}

// referenceRows are the groups of res compared for dimension or
// indicator id, in the result's order.
func referenceRows(c *scoring.ReferenceComparison, res *scoring.Result, id string, dim bool) []*scoring.Group {
	var rows []*scoring.Group
	for _, gid := range c.SortedGroupIDs(res) {
		gr, g := c.Groups[gid], groupOf(res, gid)
		if g == nil {
			continue
		}
		if (dim && gr.Dimensions[id] != nil && dimStats(g, id) != nil) || (!dim && gr.Indicators[id] != nil && indStats(g, id) != nil) {
			rows = append(rows, g)
		}
	}
	return rows
}

// referenceSection writes « Comparaison avec une référence »: what the
// reference is and how to read it, then per dimension a table of the
// published groups with their mean, the reference's, the difference and
// its reading, then the indicators' differences.
func (d *pdfDoc) referenceSection(q *questionnaires.Questionnaire, res *scoring.Result, c *scoring.ReferenceComparison) {
	d.keepTogether(60)
	d.heading(2, refText(d.lang, "h_reference"))
	d.para(referenceName(d.lang, c))
	d.para(refText(d.lang, "reference_explain"))
	heads := []string{tr(d.lang, "word.group"), tr(d.lang, "word.mean"), refText(d.lang, "col_reference"), refText(d.lang, "word.difference")}
	for _, dim := range q.Dimensions {
		d.referenceTable(dim.Title.In(d.lang, q.Language), []float64{44, 15, 17, 15, 83}, append(heads, tr(d.lang, "word.reading")),
			referenceRows(c, res, dim.ID, true), func(g *scoring.Group) ([]string, string, bool) {
				rc := c.Groups[g.ID].Dimensions[dim.ID]
				return []string{fmtDec(d.lang, dimStats(g, dim.ID).Mean, meanDecimals), fmtDec(d.lang, rc.ReferenceMean, meanDecimals),
					fmtSigned(d.lang, rc.Delta, meanDecimals)}, referenceWords(d.lang, rc), rc.Change != scoring.Stable
			})
	}
	for _, ind := range q.Indicators {
		d.referenceTable(ind.Title.In(d.lang, q.Language), []float64{80, 30, 30, 34}, heads,
			referenceRows(c, res, ind.ID, false), func(g *scoring.Group) ([]string, string, bool) {
				rc := c.Groups[g.ID].Indicators[ind.ID]
				return []string{fmtDec(d.lang, indStats(g, ind.ID).Mean, ratioDecimals), fmtDec(d.lang, rc.ReferenceMean, ratioDecimals),
					fmtSigned(d.lang, rc.Delta, ratioDecimals)}, "", false
			})
	}
	d.body()
}

// referenceTable writes one measure's table: its title, then a row per
// group with its label, the figures cells gives, centred, and for a
// dimension its reading, in bold when the difference is not stable.
// Nothing when no group is compared.
func (d *pdfDoc) referenceTable(title string, cols []float64, heads []string, rows []*scoring.Group, cells func(*scoring.Group) (figures []string, words string, bold bool)) {
	if len(rows) == 0 {
		return
	}
	f := d.f
	d.ensure(25)
	f.SetFont(fontFamily, "B", 9.5)
	f.MultiCell(contentW, 5, d.txt(title), "", "L", false)
	d.tableHeader(cols, heads)
	for i, g := range rows {
		if d.ensure(5) {
			d.tableHeader(cols, heads)
		}
		figures, words, bold := cells(g)
		fillRow := i%2 == 1
		d.fill(rgb{247, 247, 247})
		f.SetFont(fontFamily, "", 7.5)
		f.CellFormat(cols[0], 5, d.fit(d.trendGroupLabel(g), cols[0]), "", 0, "L", fillRow, 0, "")
		for j, v := range figures {
			f.CellFormat(cols[j+1], 5, v, "", 0, "C", fillRow, 0, "")
		}
		if words != "" {
			if bold {
				f.SetFont(fontFamily, "B", 7.5)
			}
			w := cols[len(figures)+1]
			f.CellFormat(w, 5, d.fit(words, w), "", 0, "L", fillRow, 0, "")
		}
		f.Ln(-1)
	}
	f.Ln(2)
}

// essentialsReference is L'essentiel's one line about the reference, per
// section that has one: how many of the whole population's dimensions
// are above, below and close to it, words that judge nothing (a
// defensive strategy above its reference is a more marked signal, not a
// worse result).
func (d *pdfDoc) essentialsReference() {
	for _, s := range d.r.Sections {
		c := s.Reference
		if c == nil || c.Groups["all"] == nil || len(c.Groups["all"].Dimensions) == 0 {
			continue
		}
		var above, below, close int
		for _, rc := range c.Groups["all"].Dimensions {
			switch {
			case rc.Change == scoring.Stable:
				close++
			case rc.CI95[0] > 0:
				above++
			default:
				below++
			}
		}
		name := c.Source
		if len(d.r.Sections) > 1 {
			name = s.Questionnaire.Title.In(d.lang, s.Questionnaire.Language) + ", " + name
		}
		d.bullet(fmt.Sprintf(refText(d.lang, "ess_reference"), name, d.dims(above), d.dims(below), d.dims(close)))
	}
}

// dims counts dimensions in words: « 1 dimension », « 3 dimensions ».
func (d *pdfDoc) dims(n int) string {
	if n == 1 || (n == 0 && d.lang != "en") {
		return fmt.Sprintf("%d\u00a0%s", n, refText(d.lang, "dimension"))
	}
	return fmt.Sprintf("%d\u00a0%s", n, refText(d.lang, "dimensions"))
}
