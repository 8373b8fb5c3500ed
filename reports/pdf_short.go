package reports

import (
	"fmt"

	"github.com/vigie-sante/vigie/scoring"
)

// shortPriorities bounds the priorities table of the short report: a
// committee discusses a handful; the full report lists them all.
const shortPriorities = 25

// shortReport writes the committee's short report after the cover:
// "L'essentiel", participation, the map of units of each questionnaire,
// the priorities in one table, and the method and its limits in brief.
// About ten pages whatever the number of questionnaires; the full report
// keeps the charts, segments, indicators, comments, DUERP and annexes.
func (d *pdfDoc) shortReport() {
	d.essentials()
	if len(d.r.Participation) > 0 {
		d.heading(1, tr(d.lang, "h_participation"))
		d.participationTable()
	}
	d.heading(1, tr(d.lang, "h_heatmap"))
	d.para(tr(d.lang, "heatmap_explain"))
	for i := range d.r.Sections {
		s := &d.r.Sections[i]
		q, res := s.Questionnaire, s.Result
		if q == nil || res == nil {
			continue
		}
		d.trends = s.Trends
		d.keepTogether(60)
		d.heading(2, q.Title.In(d.lang, q.Language))
		d.heatMap(q, shown(append([]*scoring.Group{overall(res)}, groupsOf(res, scoring.KindUnit)...)), tr(d.lang, "word.unit"))
		d.trends = nil
	}
	d.priorityTable()
	d.shortMethod()
}

// priorityTable lists the strongest priorities of every questionnaire,
// groups named as "L'essentiel" names them.
func (d *pdfDoc) priorityTable() {
	f := d.f
	d.heading(1, tr(d.lang, "h_priorities"))
	ps := scoring.Priorities(d.r.PriorityShare, reportScored(d.r)...)
	if len(ps) == 0 {
		d.para(NewEssentials(d.r).Intro)
		return
	}
	share := d.r.PriorityShare
	if share <= 0 {
		share = scoring.DefaultPriorityShare
	}
	d.para(fmt.Sprintf(tr(d.lang, "priorities_explain"), fmtPct(d.lang, share)))
	w := &essentialsWords{r: d.r, lang: d.lang, names: unitNames(d.r)}
	cols := []float64{50, 64, 14, 20, 26}
	heads := []string{tr(d.lang, "word.group"), tr(d.lang, "word.dimension"), "n", tr(d.lang, "word.mean"), tr(d.lang, "col_share_priority")}
	header := func() { d.tableHeader(cols, heads) }
	header()
	for i, p := range ps {
		if i == shortPriorities {
			d.para(fmt.Sprintf(trn(d.lang, "priorities_more", len(ps)-i), len(ps)-i))
			break
		}
		if f.GetY()+5 > pageH-marginBottom {
			f.AddPage()
			header()
		}
		s := reportSection(d.r, p.Questionnaire)
		dim := s.Questionnaire.Dimension(p.Dimension)
		fillRow := i%2 == 1
		d.fill(rgb{247, 247, 247})
		f.SetFont(fontFamily, "", 7.5)
		group := w.group(p)
		if p.Kind == scoring.KindAll {
			group = tr(d.lang, "word.all")
		}
		f.CellFormat(cols[0], 5, d.fit(group, cols[0]), "", 0, "L", fillRow, 0, "")
		f.CellFormat(cols[1], 5, d.fit(dim.Title.In(d.lang, s.Questionnaire.Language), cols[1]), "", 0, "L", fillRow, 0, "")
		f.CellFormat(cols[2], 5, fmtInt(d.lang, p.N), "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[3], 5, fmtDec(d.lang, p.Mean, 1), "", 0, "C", fillRow, 0, "")
		f.SetFont(fontFamily, "B", 7.5)
		f.CellFormat(cols[4], 5, fmtPct(d.lang, p.ShareUnfavourable), "", 1, "C", fillRow, 0, "")
	}
	f.Ln(3)
	d.body()
}

// shortMethod is the method in brief: where the questionnaires come from
// and what they cannot say, the anonymity rules, the participation caveat.
func (d *pdfDoc) shortMethod() {
	d.heading(1, tr(d.lang, "h_short_method"))
	d.limits()
	d.bullet(fmt.Sprintf(tr(d.lang, "anonymity_text"), d.k, d.k))
	d.bullet(fmt.Sprintf(tr(d.lang, "anonymity_secondary"), d.k))
	d.bullet(tr(d.lang, "caveat_general"))
	d.para(tr(d.lang, "short_full_report"))
}
