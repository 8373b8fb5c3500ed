package reports

import (
	"fmt"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// trendSection writes « Évolution depuis … »: for each dimension, a table
// of the groups published in both waves with the means of both waves
// (headed by their years or titles) and the difference with its interval
// and its reading, then the indicators' differences.
func (d *pdfDoc) trendSection(q *questionnaires.Questionnaire, res *scoring.Result, t *scoring.Trends) {
	f := d.f
	d.keepTogether(60)
	d.heading(2, fmt.Sprintf(trendText(d.lang, "h_trends"), previousTitle(d.r, d.lang)))
	d.para(trendText(d.lang, "trends_explain"))
	ids := t.SortedGroupIDs(res)
	cols := []float64{46, 18, 18, 92}
	prevName, curName := d.waveNames()
	heads := []string{tr(d.lang, "word.group"), prevName, curName, trendText(d.lang, "col_change")}
	for _, dim := range q.Dimensions {
		if !d.trendMeasureTitle(dim.Title.In(d.lang, q.Language), dim.ID, t) {
			continue
		}
		var rows []*scoring.Group
		for _, id := range ids {
			if g := groupOf(res, id); g != nil && t.Groups[id].Dimensions[dim.ID] != nil {
				rows = append(rows, g)
			}
		}
		if len(rows) == 0 {
			d.para(trendText(d.lang, "trends_none"))
			continue
		}
		d.tableHeader(cols, heads)
		for i, g := range rows {
			if d.ensure(5) {
				d.tableHeader(cols, heads)
			}
			tt := t.Groups[g.ID].Dimensions[dim.ID]
			fillRow := i%2 == 1
			d.fill(rgb{247, 247, 247})
			f.SetFont(fontFamily, "", 7.5)
			f.CellFormat(cols[0], 5, d.fit(d.trendGroupLabel(g), cols[0]), "", 0, "L", fillRow, 0, "")
			f.CellFormat(cols[1], 5, fmtDec(d.lang, tt.PreviousMean, meanDecimals), "", 0, "C", fillRow, 0, "")
			cur := ""
			if s := dimStats(g, dim.ID); s != nil {
				cur = fmtDec(d.lang, s.Mean, meanDecimals)
			}
			f.CellFormat(cols[2], 5, cur, "", 0, "C", fillRow, 0, "")
			if tt.Change != scoring.Stable {
				f.SetFont(fontFamily, "B", 7.5)
			}
			f.CellFormat(cols[3], 5, d.fit(TrendWords(d.lang, tt, dim.Signal()), cols[3]), "", 1, "L", fillRow, 0, "")
		}
		f.Ln(2)
	}
	d.indicatorTrends(q, res, t, ids)
	d.body()
}

// trendMeasureTitle writes the title of a dimension or an indicator in
// the trends section and, when its two waves cannot be compared, why. It
// reports whether the measure's table follows.
func (d *pdfDoc) trendMeasureTitle(title, id string, t *scoring.Trends) bool {
	d.ensure(25)
	d.f.SetFont(fontFamily, "B", 9.5)
	d.f.MultiCell(contentW, 5, d.txt(title), "", "L", false)
	if why := t.NonComparable[id]; why != "" {
		d.para(fmt.Sprintf(trendText(d.lang, "trend_non_comparable"), why))
		return false
	}
	return true
}

// indicatorTrends lists the indicators' differences: a delta alone, no
// interval and no verdict (see scoring.IndicatorTrend).
func (d *pdfDoc) indicatorTrends(q *questionnaires.Questionnaire, res *scoring.Result, t *scoring.Trends, ids []string) {
	f := d.f
	cols := []float64{80, 30, 30, 34}
	prevName, curName := d.waveNames()
	heads := []string{tr(d.lang, "word.group"), prevName, curName, trendText(d.lang, "word.difference")}
	for _, ind := range q.Indicators {
		if !d.trendMeasureTitle(ind.Title.In(d.lang, q.Language), ind.ID, t) {
			continue
		}
		d.tableHeader(cols, heads)
		for i, id := range ids {
			g, it := groupOf(res, id), t.Groups[id].Indicators[ind.ID]
			s := indStats(g, ind.ID)
			if it == nil || s == nil {
				continue
			}
			if d.ensure(5) {
				d.tableHeader(cols, heads)
			}
			fillRow := i%2 == 1
			d.fill(rgb{247, 247, 247})
			f.SetFont(fontFamily, "", 7.5)
			f.CellFormat(cols[0], 5, d.fit(d.trendGroupLabel(g), cols[0]), "", 0, "L", fillRow, 0, "")
			f.CellFormat(cols[1], 5, fmtDec(d.lang, it.PreviousMean, ratioDecimals), "", 0, "C", fillRow, 0, "")
			f.CellFormat(cols[2], 5, fmtDec(d.lang, s.Mean, ratioDecimals), "", 0, "C", fillRow, 0, "")
			f.CellFormat(cols[3], 5, fmtSigned(d.lang, it.Delta, ratioDecimals), "", 1, "C", fillRow, 0, "")
		}
		f.Ln(2)
	}
}

// waveNames are the trend tables' names of the two waves (WaveNames),
// or « Avant » and « Maintenant » when a title is too long for its column
// (the section's heading names the previous wave in full).
func (d *pdfDoc) waveNames() (string, string) {
	prev, cur := WaveNames(d.lang, d.r.PreviousTitle, d.r.Campaign)
	d.f.SetFont(fontFamily, "B", 7.5)
	if d.f.GetStringWidth(d.txt(prev)) > 17 || d.f.GetStringWidth(d.txt(cur)) > 17 {
		return trendText(d.lang, "col_previous"), trendText(d.lang, "col_current")
	}
	return prev, cur
}

// trendGroupLabel names a group in a trend table, segments with their
// segment, units with their depth shown by an indent.
func (d *pdfDoc) trendGroupLabel(g *scoring.Group) string {
	label := d.groupLabel(g)
	switch g.Kind {
	case scoring.KindSegment:
		label = d.r.SegmentLabel(g.Segment) + " : " + label
	case scoring.KindUnit:
		for range unitDepth(g) {
			label = "   " + label
		}
	}
	return label
}

// trendArrow is the mark of a dimension's change in a heat-map cell: " ▲"
// or " ▼" when the change is not stable, nothing otherwise (a stable
// change, or no trend), so that the map draws the eye only to what moved.
func (d *pdfDoc) trendArrow(groupID, dimID string) string {
	if d.trends == nil || d.trends.Groups[groupID] == nil {
		return ""
	}
	t := d.trends.Groups[groupID].Dimensions[dimID]
	switch {
	case t == nil || t.Change == scoring.Stable:
		return ""
	case t.Delta > 0:
		return " ▲"
	}
	return " ▼"
}
