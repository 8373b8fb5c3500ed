package reports

import (
	"fmt"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// questionnaireSection writes the part of the report about one
// questionnaire: charts of the whole population, the heat map of units,
// segment comparisons, indicators and comments.
func (d *pdfDoc) questionnaireSection(s *dossier.Section) {
	q, res := s.Questionnaire, s.Result
	if q == nil || res == nil {
		return
	}
	d.trends = s.Trends
	defer func() { d.trends = nil }()
	chartH := 45 + chartRowH*float64(len(q.Dimensions))
	d.partRoom = 40 + chartH // the intro and the first chart
	d.heading(1, q.Title.In(d.lang, q.Language))
	all := overall(res)
	if published(all) {
		d.para(fmt.Sprintf(tr(d.lang, "section_intro"), fmtInt(d.lang, all.Respondents), len(q.Dimensions)))
	} else {
		d.para(tr(d.lang, "section_all_masked"))
	}
	schemes := schemesOf(q)
	if hasSignals(q) {
		note := tr(d.lang, "signal_section_note")
		for _, dim := range q.Dimensions {
			if !dim.Signal() {
				note += " " + fmt.Sprintf(tr(d.lang, "signal_section_levels"), quote(d.lang, dim.Title.In(d.lang, q.Language)))
			}
		}
		d.reminder(note)
	}

	d.keepTogether(chartH)
	d.heading(2, tr(d.lang, "h_means"))
	d.para(tr(d.lang, "means_explain"))
	d.meansChart(q, all)

	d.keepTogether(chartH)
	d.heading(2, tr(d.lang, "h_shares"))
	explain := tr(d.lang, schemes[0].key("shares_explain"))
	if len(schemes) > 1 {
		explain += " " + tr(d.lang, "signal_shares_mixed")
	}
	d.para(explain)
	d.sharesChart(q, all)

	if units := groupsOf(res, scoring.KindUnit); len(units) > 0 {
		d.keepTogether(60)
		d.heading(2, tr(d.lang, "h_heatmap"))
		d.para(tr(d.lang, "heatmap_explain"))
		d.heatMap(q, shown(append([]*scoring.Group{all}, units...)), tr(d.lang, "word.unit"))
	}

	if ids, by := segmentsOf(res); len(ids) > 0 {
		published := res.PublishedSegments()
		d.keepTogether(60)
		d.heading(2, tr(d.lang, "h_segments"))
		d.para(tr(d.lang, "segments_explain"))
		for _, id := range ids {
			d.ensure(30)
			d.f.SetFont(fontFamily, "B", 9.5)
			d.f.CellFormat(contentW, 6, d.txt(fmt.Sprintf(tr(d.lang, "segment_title"), d.r.SegmentLabel(id))), "", 1, "L", false, 0, "")
			if !published[id] {
				// A table of grey rows would say nothing; the reason does.
				d.para(fmt.Sprintf(tr(d.lang, "segment_withheld"), res.MinGroupSize))
				continue
			}
			d.heatMap(q, shown(append([]*scoring.Group{all}, by[id]...)), tr(d.lang, "col_category"))
		}
	}

	if len(q.Indicators) > 0 {
		d.keepTogether(50)
		d.heading(2, tr(d.lang, "h_indicators"))
		for _, ind := range q.Indicators {
			d.indicatorTable(q, ind, res)
		}
	}

	if s.Trends != nil {
		d.trendSection(q, res, s.Trends)
	}
	if s.Reference != nil {
		d.referenceSection(q, res, s.Reference)
	}

	d.keepTogether(30)
	d.heading(2, tr(d.lang, "h_comments"))
	if len(s.Comments) > 0 {
		d.para(fmt.Sprintf(tr(d.lang, "comments_explain"), d.r.CommentMinGroupSize))
		d.comments(s.Comments)
		return
	}
	// No comment: say why, so that the reader does not wonder whether
	// they were lost.
	switch {
	case d.r.Offline:
		d.para(tr(d.lang, "comments_offline"))
		return
	case s.CommentsPending:
		d.para(tr(d.lang, "comments_pending"))
	default:
		d.para(tr(d.lang, "comments_none"))
	}
	if s.CommentsWithheld {
		d.para(fmt.Sprintf(tr(d.lang, "comments_withheld"), d.r.CommentMinGroupSize))
	}
}

// keepTogether starts a new page unless a heading and the first h
// millimetres of what follows fit on this one (h is capped to a page, so
// that a chart taller than the room left does not leave its heading behind).
func (d *pdfDoc) keepTogether(h float64) {
	d.ensure(min(h, pageH-marginTop-marginBottom-20))
}

// indicatorTable lists, for every group, the mean of an indicator and the
// share of respondents above its threshold.
func (d *pdfDoc) indicatorTable(q *questionnaires.Questionnaire, ind *questionnaires.Indicator, res *scoring.Result) {
	f := d.f
	d.ensure(30)
	f.SetFont(fontFamily, "B", 9.5)
	f.MultiCell(contentW, 5, d.txt(ind.Title.In(d.lang, q.Language)), "", "L", false)
	d.para(fmt.Sprintf(tr(d.lang, "indicator_explain"), fmtDec(d.lang, ind.Threshold, -1)))
	if note := ThresholdNote(d.lang, q.ID, ind.ID); note != "" {
		d.para(note)
	}
	cols := []float64{80, 20, 34, 40}
	heads := []string{tr(d.lang, "word.group"), "n", tr(d.lang, "col_ratio_mean"),
		fmt.Sprintf(tr(d.lang, "col_share_above"), fmtDec(d.lang, ind.Threshold, -1))}
	header := func() { d.tableHeader(cols, heads) }
	header()
	for i, g := range shown(res.Groups) {
		if f.GetY()+5 > pageH-marginBottom {
			f.AddPage()
			header()
		}
		label := d.groupLabel(g)
		if g.Kind == scoring.KindSegment {
			label = d.r.SegmentLabel(g.Segment) + " : " + label
		}
		indent := 0.0
		if g.Kind == scoring.KindUnit {
			indent = 3 * float64(unitDepth(g))
		}
		fillRow := i%2 == 1
		d.fill(rgb{247, 247, 247})
		f.SetFont(fontFamily, "", 7.5)
		f.SetX(marginLeft + indent)
		f.CellFormat(cols[0]-indent, 5, d.fit(label, cols[0]-indent), "", 0, "L", fillRow, 0, "")
		if !published(g) {
			f.SetTextColor(90, 90, 90)
			f.CellFormat(cols[1]+cols[2]+cols[3], 5, d.txt(maskedText(d.lang, g.Reason, d.r.MinGroupSize)), "", 1, "C", fillRow, 0, "")
			f.SetTextColor(0, 0, 0)
			continue
		}
		s := indStats(g, ind.ID)
		if s == nil {
			key := "masked_measure"
			if m := g.Indicators[ind.ID]; m != nil && m.Reason == scoring.ReasonSecondary {
				key = "word.masked_secondary"
			}
			f.SetTextColor(90, 90, 90)
			f.CellFormat(cols[1]+cols[2]+cols[3], 5, d.tr(key), "", 1, "C", fillRow, 0, "")
			f.SetTextColor(0, 0, 0)
			continue
		}
		f.CellFormat(cols[1], 5, fmtInt(d.lang, s.N), "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[2], 5, fmtDec(d.lang, s.Mean, ratioDecimals), "", 0, "C", fillRow, 0, "")
		f.SetFont(fontFamily, "B", 7.5)
		f.CellFormat(cols[3], 5, fmtPct(d.lang, s.ShareAbove), "", 1, "C", fillRow, 0, "")
	}
	f.Ln(3)
	d.body()
}

// comments writes the moderated comments grouped by the group they came
// from, each between guillemets.
func (d *pdfDoc) comments(cs []dossier.Comment) {
	f := d.f
	last := "\x00"
	for _, c := range cs {
		if c.Group != last {
			d.ensure(14)
			f.Ln(1)
			f.SetFont(fontFamily, "B", 9)
			f.MultiCell(contentW, 5, d.txt(c.Group), "", "L", false)
			last = c.Group
		}
		f.SetFont(fontFamily, "", 9)
		f.SetX(marginLeft + 4)
		open, closeQ := "« ", " »"
		if d.lang == "en" {
			open, closeQ = "“", "”"
		}
		d.fill(rgb{245, 245, 245})
		f.MultiCell(contentW-4, 4.8, d.txt(open+c.Text+closeQ), "", "L", true)
		f.Ln(1.2)
	}
	d.body()
}
