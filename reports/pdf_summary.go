package reports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// lowParticipation is the rate under which a unit's results are flagged as
// possibly unrepresentative.
const lowParticipation = 0.60

// summary writes the key findings in plain words, each with the confidence
// its numbers allow.
func (d *pdfDoc) summary() {
	d.heading(1, tr(d.lang, "h_summary"))
	d.para(tr(d.lang, "summary_intro"))
	if low := d.lowUnits(); len(d.r.Participation) > 0 {
		if !d.headcountsKnown() {
			d.bullet(tr(d.lang, "sum_participation_nohead"))
		} else if len(low) == 0 {
			d.bullet(tr(d.lang, "sum_participation_ok"))
		} else {
			d.bullet(fmt.Sprintf(trn(d.lang, "sum_participation_low", len(low)), len(low), strings.Join(low, ", ")))
		}
	}
	for i := range d.r.Sections {
		s := &d.r.Sections[i]
		if s.Questionnaire == nil || s.Result == nil {
			continue
		}
		d.summarySection(s)
	}
	d.f.Ln(2)
	d.para(tr(d.lang, "summary_caution"))
	d.para(tr(d.lang, "summary_limits"))
	d.participation()
}

func (d *pdfDoc) summarySection(s *dossier.Section) {
	f := d.f
	q, res := s.Questionnaire, s.Result
	d.ensure(30)
	f.Ln(2)
	f.SetFont(fontFamily, "B", 10.5)
	f.SetTextColor(colBlue.R, colBlue.G, colBlue.B)
	f.MultiCell(contentW, 5.5, d.txt(q.Title.In(d.lang, q.Language)), "", "L", false)
	f.SetTextColor(0, 0, 0)
	all := overall(res)
	if !published(all) {
		d.bullet(tr(d.lang, "section_all_masked"))
		return
	}
	d.bullet(fmt.Sprintf(tr(d.lang, "sum_respondents"), fmtInt(d.lang, all.Respondents)))
	// Dimensions read as levels and defensive strategies read as signals
	// are summed up apart, each in its own words.
	for _, sc := range schemesOf(q) {
		var dims []*questionnaires.Dimension
		for _, dim := range q.Dimensions {
			if schemeOf(dim) == sc {
				dims = append(dims, dim)
			}
		}
		d.summaryDimensions(q, res, sc, dims)
	}
	masked := 0
	for _, g := range shown(groupsOf(res, scoring.KindUnit)) {
		if !published(g) {
			masked++
		}
	}
	if masked > 0 {
		d.bullet(fmt.Sprintf(trn(d.lang, "sum_units_masked", masked), masked))
	}

	for _, ind := range q.Indicators {
		st := indStats(all, ind.ID)
		if st == nil {
			continue
		}
		half := 100 * 1.96 * math.Sqrt(st.ShareAbove*(1-st.ShareAbove)/float64(max(st.N, 1)))
		line := fmt.Sprintf(tr(d.lang, "sum_indicator"), ind.Title.In(d.lang, q.Language),
			fmtPct(d.lang, st.ShareAbove), fmtDec(d.lang, ind.Threshold, -1), fmtDec(d.lang, st.Mean, ratioDecimals),
			d.confidence(st.N, half))
		if ThresholdNote(d.lang, q.ID, ind.ID) != "" {
			line += " " + fmt.Sprintf(tr(d.lang, "sum_indicator_borrowed"), fmtDec(d.lang, ind.Threshold, -1))
		}
		d.bullet(line)
	}
}

// summaryDimensions writes, for dims (all of scheme sc), the dimensions
// with the largest shares of respondents at the worrying level and the
// units with the most dimensions whose mean is at that level.
func (d *pdfDoc) summaryDimensions(q *questionnaires.Questionnaire, res *scoring.Result, sc scheme, dims []*questionnaires.Dimension) {
	all := overall(res)
	type dimShare struct {
		title string
		s     *scoring.DimensionStats
	}
	var shares []dimShare
	for _, dim := range dims {
		if st := dimStats(all, dim.ID); st != nil && st.Shares[scoring.Unfavourable] > 0 {
			shares = append(shares, dimShare{dim.Title.In(d.lang, q.Language), st})
		}
	}
	slices.SortStableFunc(shares, func(a, b dimShare) int {
		return cmp.Compare(b.s.Shares[scoring.Unfavourable], a.s.Shares[scoring.Unfavourable])
	})
	if len(shares) == 0 {
		d.bullet(tr(d.lang, sc.key("sum_no_unfavourable")))
	}
	for _, ds := range shares[:min(3, len(shares))] {
		st := ds.s
		d.bullet(fmt.Sprintf(tr(d.lang, sc.key("sum_dimension")), ds.title,
			fmtPct(d.lang, st.Shares[scoring.Unfavourable]), fmtScore(st.Mean),
			fmtScore(st.CI95[0]), fmtScore(st.CI95[1]), d.confidence(st.N, (st.CI95[1]-st.CI95[0])/2)))
	}

	type unitCount struct {
		g     *scoring.Group
		count int
	}
	var units []unitCount
	for _, g := range shown(groupsOf(res, scoring.KindUnit)) {
		if !published(g) {
			continue
		}
		n := 0
		for _, dim := range dims {
			if st := dimStats(g, dim.ID); st != nil && st.Level == scoring.Unfavourable {
				n++
			}
		}
		if n > 0 {
			units = append(units, unitCount{g, n})
		}
	}
	slices.SortStableFunc(units, func(a, b unitCount) int { return cmp.Compare(b.count, a.count) })
	if len(units) > 0 {
		var parts []string
		for _, u := range units[:min(3, len(units))] {
			n := fmtInt(d.lang, u.g.Respondents)
			if u.g.Respondents < 30 {
				n += tr(d.lang, "small_n")
			}
			parts = append(parts, fmt.Sprintf(trn(d.lang, sc.key("sum_unit"), u.count), u.g.Label, u.count,
				len(dims), n))
		}
		d.bullet(fmt.Sprintf(tr(d.lang, sc.key("sum_units")), strings.Join(parts, tr(d.lang, "list_sep"))))
	} else if len(groupsOf(res, scoring.KindUnit)) > 0 {
		d.bullet(tr(d.lang, sc.key("sum_no_unit")))
	}
}

// confidence says in words how far a figure can be trusted: the half-width
// of its 95 % interval, or a warning when the group is small.
func (d *pdfDoc) confidence(n int, halfWidth float64) string {
	if n < 30 {
		return fmt.Sprintf(tr(d.lang, "conf_small"), fmtInt(d.lang, n))
	}
	return fmt.Sprintf(tr(d.lang, "conf_ok"), fmtInt(d.lang, n), fmtDec(d.lang, halfWidth, 0))
}

// lowUnits names the units whose participation rate is known and under 60 %.
func (d *pdfDoc) lowUnits() []string {
	var low []string
	for _, p := range d.r.Participation {
		if p.Respondents != nil && p.Rate != nil && *p.Rate < lowParticipation && len(p.Path) > 0 {
			low = append(low, fmt.Sprintf("%s (%s)", p.Path[len(p.Path)-1], fmtPct(d.lang, *p.Rate)))
		}
	}
	return low
}

// skipParticipationRow leaves out a hidden "(non renseigné)" row: no
// figure to show, and usually nobody in it.
func skipParticipationRow(p scoring.UnitParticipation) bool {
	return p.Respondents == nil && len(p.Path) > 0 && p.Path[len(p.Path)-1] == scoring.NotSpecified
}

// headcountsKnown reports whether any unit has a known headcount: without
// one (an offline report), the report makes no claim about rates.
func (d *pdfDoc) headcountsKnown() bool {
	for _, p := range d.r.Participation {
		if p.Headcount > 0 {
			return true
		}
	}
	return false
}

// participation writes the table of respondents per unit, as the last
// section of the summary. Without any headcount the table has no
// headcount or rate columns, rather than columns of dashes.
func (d *pdfDoc) participation() {
	if len(d.r.Participation) == 0 {
		return
	}
	rows := 0
	for _, p := range d.r.Participation {
		if !skipParticipationRow(p) {
			rows++
		}
	}
	// The heading, its paragraph and the whole table when it is short,
	// else its first rows, stay on one page.
	d.keepTogether(30 + 5*float64(min(rows, 12)))
	d.heading(2, tr(d.lang, "h_participation"))
	d.participationTable()
}

// participationTable writes the participation's explanation and table.
func (d *pdfDoc) participationTable() {
	f := d.f
	heads := d.headcountsKnown()
	cols := []float64{78, 24, 24, 24, 24}
	titles := []string{tr(d.lang, "word.unit"), tr(d.lang, "word.respondents"), tr(d.lang, "word.headcount"),
		tr(d.lang, "col_rate"), tr(d.lang, "col_note")}
	if heads {
		d.para(fmt.Sprintf(tr(d.lang, "participation_explain"), fmtPct(d.lang, lowParticipation)))
	} else {
		d.para(tr(d.lang, "participation_explain_nohead"))
		cols, titles = []float64{110, 64}, titles[:2]
	}
	header := func() { d.tableHeader(cols, titles) }
	header()
	for i, p := range d.r.Participation {
		if skipParticipationRow(p) {
			continue
		}
		if f.GetY()+5 > pageH-marginBottom {
			f.AddPage()
			header()
		}
		fillRow := i%2 == 1
		d.fill(rgb{247, 247, 247})
		indent := 3 * float64(max(len(p.Path)-1, 0))
		label := tr(d.lang, "not_specified")
		if len(p.Path) > 0 && p.Path[len(p.Path)-1] != scoring.NotSpecified {
			label = p.Path[len(p.Path)-1]
		}
		f.SetFont(fontFamily, "", 7.5)
		f.SetX(marginLeft + indent)
		f.CellFormat(cols[0]-indent, 5, d.fit(label, cols[0]-indent), "", 0, "L", fillRow, 0, "")
		if p.Respondents == nil {
			// No figure at all for a masked unit, not even its headcount;
			// the reason is the one its results give.
			f.SetTextColor(90, 90, 90)
			rest := 0.0
			for _, w := range cols[1:] {
				rest += w
			}
			f.CellFormat(rest, 5, d.txt(maskedText(d.lang, unitReason(d.r, p.Path), d.r.MinGroupSize)), "", 1, "C", fillRow, 0, "")
			f.SetTextColor(0, 0, 0)
			continue
		}
		if !heads {
			f.CellFormat(cols[1], 5, fmtInt(d.lang, *p.Respondents), "", 1, "C", fillRow, 0, "")
			continue
		}
		head, rate, note := "—", "—", ""
		if p.Headcount > 0 {
			head = fmtInt(d.lang, p.Headcount)
		}
		if p.Rate != nil {
			rate = fmtPct(d.lang, *p.Rate)
			if *p.Rate < lowParticipation {
				note = tr(d.lang, "note_low")
			}
		}
		f.CellFormat(cols[1], 5, fmtInt(d.lang, *p.Respondents), "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[2], 5, head, "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[3], 5, rate, "", 0, "C", fillRow, 0, "")
		f.SetFont(fontFamily, "B", 7.5)
		f.CellFormat(cols[4], 5, d.txt(note), "", 1, "C", fillRow, 0, "")
	}
	f.Ln(3)
	d.body()
}
