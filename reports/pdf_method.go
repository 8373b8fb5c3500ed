package reports

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
)

// method explains how the figures were produced: instruments, scoring,
// anonymity rules and participation caveats.
func (d *pdfDoc) method() {
	f := d.f
	d.heading(1, tr(d.lang, "h_method"))

	d.heading(2, tr(d.lang, "h_instruments"))
	for _, s := range d.r.Sections {
		q := s.Questionnaire
		if q == nil {
			continue
		}
		d.ensure(20)
		f.SetFont(fontFamily, "B", 9.5)
		f.MultiCell(contentW, 5, d.txt(fmt.Sprintf(tr(d.lang, "instrument_title"),
			q.Title.In(d.lang, q.Language), q.ID, q.Version)), "", "L", false)
		text := tr(d.lang, "instrument_"+q.ID)
		if text == "instrument_"+q.ID {
			text = tr(d.lang, "instrument_custom")
		}
		d.para(text)
	}

	// Scope and limits come before the scoring, where a reader who skims
	// the method still meets them.
	d.heading(2, tr(d.lang, "word.limits"))
	d.limits()
	d.f.Ln(1)

	d.heading(2, tr(d.lang, "h_scoring"))
	d.para(tr(d.lang, "scoring_text"))
	for _, s := range d.r.Sections {
		if s.Questionnaire != nil {
			d.cutoffTable(s.Questionnaire)
		}
	}

	d.heading(2, tr(d.lang, "h_anonymity"))
	d.para(fmt.Sprintf(tr(d.lang, "anonymity_text"), d.k, d.k))
	if d.r.CommentMinGroupSize > 0 {
		d.para(fmt.Sprintf(tr(d.lang, "anonymity_comments"), d.r.CommentMinGroupSize))
	}
	d.para(fmt.Sprintf(tr(d.lang, "anonymity_secondary"), d.k))

	d.heading(2, tr(d.lang, "h_caveats"))
	if low := d.lowUnits(); len(low) > 0 {
		d.para(fmt.Sprintf(tr(d.lang, "caveat_low"), strings.Join(low, ", ")))
	} else if !d.headcountsKnown() {
		d.para(tr(d.lang, "caveat_nohead"))
	} else {
		d.para(tr(d.lang, "caveat_none"))
	}
	d.para(tr(d.lang, "caveat_general"))

	if d.hasDefensive() {
		d.reminder(tr(d.lang, "defensive_reminder"))
	}
}

// limits lists what the questionnaires and their cut-offs cannot say.
func (d *pdfDoc) limits() {
	d.bullet(tr(d.lang, "limits_instruments"))
	d.bullet(tr(d.lang, "limits_cutoffs"))
	d.bullet(tr(d.lang, "limits_norms"))
	if d.hasDefensive() {
		d.bullet(tr(d.lang, "limits_defensive"))
	}
}

// hasDefensive reports whether the report covers defensive strategies.
func (d *pdfDoc) hasDefensive() bool {
	for _, s := range d.r.Sections {
		if hasSignals(s.Questionnaire) {
			return true
		}
	}
	return false
}

// reminder writes a boxed paragraph that must not be missed.
func (d *pdfDoc) reminder(s string) {
	f := d.f
	d.ensure(25)
	f.Ln(2)
	d.fill(rgb{255, 244, 214})
	d.draw(rgb{190, 140, 20})
	f.SetLineWidth(0.4)
	f.SetFont(fontFamily, "B", 9.5)
	f.MultiCell(contentW, 5.2, d.txt(s), "1", "L", true)
	f.Ln(2)
	d.body()
}

// cutoffTable lists each dimension's direction and cut-offs.
func (d *pdfDoc) cutoffTable(q *questionnaires.Questionnaire) {
	f := d.f
	cols := []float64{74, 50, 25, 25}
	// The title, the header and the rows stay together: the tables are
	// short, and one cut in two reads badly.
	d.ensure(min(5*float64(len(q.Dimensions))+20, 120))
	f.Ln(1)
	f.SetFont(fontFamily, "B", 9)
	f.MultiCell(contentW, 5, d.txt(q.Title.In(d.lang, q.Language)), "", "L", false)
	d.tableHeader(cols, []string{tr(d.lang, "word.dimension"), tr(d.lang, "word.direction"),
		tr(d.lang, "word.cut_low"), tr(d.lang, "word.cut_high")})
	f.SetFont(fontFamily, "", 7.5)
	for i, dim := range q.Dimensions {
		sc := schemeOf(dim)
		d.ensure(5)
		fillRow := i%2 == 1
		d.fill(rgb{247, 247, 247})
		dir := tr(d.lang, sc.key("dir_worse"))
		if dim.Direction == questionnaires.HigherIsBetter {
			dir = tr(d.lang, sc.key("dir_better"))
		}
		f.CellFormat(cols[0], 5, d.fit(dim.Title.In(d.lang, q.Language), cols[0]), "", 0, "L", fillRow, 0, "")
		f.CellFormat(cols[1], 5, d.txt(dir), "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[2], 5, fmtDec(d.lang, dim.Cutoffs.Low, -1), "", 0, "C", fillRow, 0, "")
		f.CellFormat(cols[3], 5, fmtDec(d.lang, dim.Cutoffs.High, -1), "", 1, "C", fillRow, 0, "")
	}
	f.Ln(3)
	d.body()
}
