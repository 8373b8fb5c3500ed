package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/vigie-sante/vigie/dossier"
)

// cover writes the first page: who the report is for and how to handle it.
func (d *pdfDoc) cover() {
	f := d.f
	r := d.r
	f.AddPage()

	// The consultant's logo, top left, opposite the stamp.
	drawLogo(f, r.Logo, marginLeft, 18, 70, 28, false)

	// "Confidentiel" stamp, boxed so that it survives a photocopy.
	f.SetFont(fontFamily, "B", 11)
	f.SetTextColor(150, 20, 20)
	f.SetDrawColor(150, 20, 20)
	f.SetLineWidth(0.5)
	label := strings.ToUpper(d.tr("confidential"))
	w := f.GetStringWidth(label) + 10
	f.SetXY(pageW-marginRight-w, 22)
	f.CellFormat(w, 9, label, "1", 1, "C", false, 0, "")

	f.SetTextColor(20, 60, 110)
	f.SetXY(marginLeft, 70)
	f.SetFont(fontFamily, "", 13)
	f.MultiCell(contentW, 7, d.tr("cover_kind"), "", "L", false)
	f.Ln(2)
	f.SetFont(fontFamily, "B", 24)
	f.MultiCell(contentW, 11, d.txt(r.Campaign), "", "L", false)
	f.Ln(2)
	f.SetDrawColor(20, 60, 110)
	f.SetLineWidth(0.8)
	f.Line(marginLeft, f.GetY(), marginLeft+60, f.GetY())
	f.Ln(6)
	f.SetTextColor(0, 0, 0)
	f.SetFont(fontFamily, "B", 15)
	f.MultiCell(contentW, 8, d.txt(r.Organisation), "", "L", false)
	f.Ln(6)

	rows := [][2]string{}
	period, fromWeeks := periodText(r, d.lang)
	if period != "" {
		rows = append(rows, [2]string{d.tr("cover_period"), period})
	}
	if r.ConductedBy != "" {
		rows = append(rows, [2]string{d.tr("cover_conducted_by"), r.ConductedBy})
	}
	rows = append(rows,
		[2]string{d.tr("cover_date"), d.date(r.GeneratedAt)},
		[2]string{d.tr("cover_audience"), d.audienceLabel()},
	)
	var titles []string
	for _, s := range r.Sections {
		if s.Questionnaire != nil {
			titles = append(titles, s.Questionnaire.Title.In(d.lang, s.Questionnaire.Language))
		}
	}
	if len(titles) > 0 {
		rows = append(rows, [2]string{d.tr("cover_questionnaires"), strings.Join(titles, tr(d.lang, "list_sep"))})
	}
	for i, row := range rows {
		f.SetFont(fontFamily, "B", 10)
		f.CellFormat(45, 6, d.txt(row[0]), "", 0, "L", false, 0, "")
		f.SetFont(fontFamily, "", 10)
		f.MultiCell(contentW-45, 6, d.txt(row[1]), "", "L", false)
		if i == 0 && fromWeeks {
			// Why the period runs Monday to Sunday rather than to the day.
			f.SetFont(fontFamily, "", 8)
			f.SetTextColor(90, 90, 90)
			f.SetX(marginLeft + 45)
			f.MultiCell(contentW-45, 4, d.tr("period_note"), "", "L", false)
			f.SetTextColor(0, 0, 0)
			f.Ln(1)
		}
	}

	f.SetXY(marginLeft, 232)
	f.SetFillColor(242, 245, 249)
	f.SetFont(fontFamily, "", 8.5)
	f.SetTextColor(60, 60, 60)
	note := fmt.Sprintf(tr(d.lang, "cover_note"), d.k)
	f.MultiCell(contentW, 4.5, d.txt(note), "", "L", true)
	if v := versionShown(r.Version); v != "" {
		f.Ln(2)
		f.CellFormat(contentW, 4, d.txt(fmt.Sprintf(tr(d.lang, "cover_version"), v)), "", 1, "L", false, 0, "")
	}
	f.SetTextColor(0, 0, 0)
}

// audienceLabel names who the report was made for.
func (d *pdfDoc) audienceLabel() string {
	if d.r.Audience == dossier.AudienceCommittee {
		if d.r.Short {
			return tr(d.lang, "audience_committee_short")
		}
		return tr(d.lang, "audience_committee")
	}
	return tr(d.lang, "audience_consultant")
}

// date writes t in words: "1er novembre 2026" / "1 November 2026".
func (d *pdfDoc) date(t time.Time) string { return dateWords(d.lang, t) }

// tableOfContents writes the contents. In the first pass the pages are not
// known yet and are left blank; the layout is otherwise the same.
func (d *pdfDoc) tableOfContents() {
	f := d.f
	f.AddPage()
	f.SetFont(fontFamily, "B", 17)
	f.SetTextColor(20, 60, 110)
	f.CellFormat(contentW, 10, d.tr("toc"), "", 1, "L", false, 0, "")
	f.Ln(4)
	f.SetTextColor(0, 0, 0)
	d.links = d.links[:0]
	for _, e := range d.prev {
		link := f.AddLink()
		d.links = append(d.links, link)
		indent, h := 0.0, 6.5
		if e.Level == 1 {
			f.SetFont(fontFamily, "B", 10.5)
			f.Ln(1.5)
		} else {
			f.SetFont(fontFamily, "", 9.5)
			indent, h = 7, 5.5
		}
		d.ensure(h)
		page := fmt.Sprint(e.Page)
		pw := 12.0
		tw := contentW - indent - pw
		title := d.fit(e.Title, tw-8)
		x, y := marginLeft+indent, f.GetY()
		f.SetX(x)
		f.CellFormat(f.GetStringWidth(title)+1, h, title, "", 0, "L", false, link, "")
		// Dotted leader from the title to the page number.
		f.SetDrawColor(150, 150, 150)
		f.SetLineWidth(0.2)
		f.SetDashPattern([]float64{0.4, 1.2}, 0)
		f.Line(f.GetX()+1, y+h-1.6, marginLeft+contentW-pw, y+h-1.6)
		f.SetDashPattern([]float64{}, 0)
		f.SetX(marginLeft + contentW - pw)
		f.CellFormat(pw, h, page, "", 1, "R", false, link, "")
	}
}
