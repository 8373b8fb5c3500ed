package reports

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/scoring"
)

// DejaVu Sans is embedded so that every accent, guillemet and no-break space
// of French renders exactly, whatever fonts the reader's machine has. Its
// licence (fonts/LICENSE-DejaVu.txt) allows embedding.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 18.0
	marginRight  = 18.0
	marginTop    = 20.0
	marginBottom = 20.0
	contentW     = pageW - marginLeft - marginRight
	fontFamily   = "dejavu"
)

// PDF renders r as an A4 PDF document: cover, "L'essentiel", table of contents, summary,
// participation, method, one part per questionnaire and the annexes; or,
// when r.Short, the committee's short report (pdf_short.go).
//
// The document is laid out at least twice: a pass learns on which page
// each heading falls, the next writes those pages into the table of
// contents and the total into the footers. When the contents themselves
// push the pages on (a contents list longer than a page), one more pass
// settles them.
func PDF(w io.Writer, r *dossier.Report) error {
	if r == nil {
		return errors.New("reports: pdf: nil report")
	}
	var d *pdfDoc
	var prev []tocEntry
	total := 0
	for range 3 {
		var err error
		d, err = renderPDF(r, prev, total)
		if err != nil {
			return err
		}
		if prev != nil && samePages(prev, d.toc) && total == d.f.PageCount() {
			break
		}
		prev, total = d.toc, d.f.PageCount()
	}
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("reports: pdf: write: %w", err)
	}
	return nil
}

func samePages(a, b []tocEntry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Page != b[i].Page {
			return false
		}
	}
	return true
}

// pdfDoc is one rendering pass of a report.
type pdfDoc struct {
	f     *fpdf.Fpdf
	r     *dossier.Report
	lang  string
	k     int
	toc   []tocEntry // headings met in this pass, with their pages
	prev  []tocEntry // headings of the first pass; nil during the first pass
	links []int      // one internal link per entry of prev
	total int        // pages of the first pass; 0 during the first pass

	samePage bool    // the next part heading goes on the current page
	partRoom float64 // what the next part needs below its heading to start on a light page

	trends *scoring.Trends // the current section's, for the heat map's arrows; nil when none
}

// tocEntry is a heading of the table of contents.
type tocEntry struct {
	Level int // 1 for a part, 2 for a section within it
	Title string
	Page  int
}

func renderPDF(r *dossier.Report, prev []tocEntry, total int) (*pdfDoc, error) {
	d := &pdfDoc{r: r, lang: "fr", k: r.MinGroupSize, prev: prev, total: total}
	if r.Lang == "en" {
		d.lang = "en"
	}
	if d.k <= 0 {
		d.k = scoring.DefaultMinGroupSize
		for _, s := range r.Sections {
			if s.Result != nil && s.Result.MinGroupSize > 0 {
				d.k = s.Result.MinGroupSize
				break
			}
		}
	}
	f := newDocument(d.lang, marginTop, marginBottom)
	d.f = f
	// The document title follows the report's language (a reader's file
	// browser and PDF viewer show it), the campaign being the user's own.
	f.SetTitle(d.txt(fmt.Sprintf(tr(d.lang, "doc_title"), d.r.Campaign)), true)
	f.SetAuthor(d.txt(d.r.Organisation), true)
	f.SetCreator(strings.TrimSpace("Vigie "+versionShown(r.Version)), true)
	if !r.GeneratedAt.IsZero() {
		f.SetCreationDate(r.GeneratedAt)
		f.SetModificationDate(r.GeneratedAt)
	}
	f.SetHeaderFuncMode(d.header, false)
	f.SetFooterFunc(d.footer)

	d.cover()
	if r.Short {
		d.shortReport()
		return d.finish()
	}
	d.essentials()
	d.tableOfContents()
	d.summary()
	d.method()
	for i := range r.Sections {
		d.questionnaireSection(&r.Sections[i])
	}
	d.duerpSection()
	d.annex()
	return d.finish()
}

// finish closes the pass's document.
func (d *pdfDoc) finish() (*pdfDoc, error) {
	f := d.f
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("reports: pdf: render: %w", err)
	}
	f.Close()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("reports: pdf: close: %w", err)
	}
	return d, nil
}

// newDocument starts an A4 document in lang with the embedded fonts, the
// report's side margins and the given top and bottom margins. The report
// and the discussion guides use the report's (marginTop, marginBottom);
// the notice and the AIPD, which have no running header, tighter ones.
func newDocument(lang string, top, bottom float64) *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetMargins(marginLeft, top, marginRight)
	f.SetAutoPageBreak(true, bottom)
	f.SetCompression(true)
	f.SetCatalogSort(true) // the same report gives the same bytes
	f.SetLang(lang)
	return f
}

// header writes the running header: campaign and organisation on the
// left, "Confidentiel" on the right. The confidentiality mark is always
// written whole; when the names do not fit beside it, the organisation
// goes first (it is on the cover), then the campaign is shortened. The
// cover has no header.
func (d *pdfDoc) header() {
	f := d.f
	if f.PageNo() == 1 {
		return
	}
	f.SetFont(fontFamily, "", 7.5)
	f.SetTextColor(90, 90, 90)
	// The consultant's logo, small, before the names.
	left0 := marginLeft
	if w := drawLogo(f, d.r.Logo, marginLeft, 6.5, 30, 6.5, false); w > 0 {
		left0 += w + 3
	}
	f.SetXY(left0, 9)
	right := d.tr("confidential")
	rw := f.GetStringWidth(right) + 2
	lw := contentW - (left0 - marginLeft) - rw - 4
	left := d.txt(d.r.Campaign)
	if d.r.Organisation != "" {
		if both := left + " · " + d.txt(d.r.Organisation); f.GetStringWidth(both) <= lw-1 {
			left = both
		}
	}
	f.CellFormat(lw, 4, d.fit(left, lw), "", 0, "L", false, 0, "")
	f.SetX(pageW - marginRight - rw)
	f.CellFormat(rw, 4, right, "", 1, "R", false, 0, "")
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(marginLeft, 14, pageW-marginRight, 14)
	f.SetTextColor(0, 0, 0)
	f.SetY(marginTop)
}

// footer restates the anonymity threshold on every page, cover included,
// so that a page photocopied alone still says how its figures were shown,
// and who ran the survey.
func (d *pdfDoc) footer() {
	f := d.f
	d.footerStart()
	f.CellFormat(contentW-25, 4, d.txt(fmt.Sprintf(d.tr("footer_k"), d.k)), "", 0, "L", false, 0, "")
	page := fmt.Sprintf(d.tr("page"), f.PageNo())
	if d.total > 0 {
		page = fmt.Sprintf(d.tr("page_of"), f.PageNo(), d.total)
	}
	f.CellFormat(25, 4, page, "", 1, "R", false, 0, "")
	if by := conductedByLine(d.lang, d.r.ConductedBy); by != "" {
		f.SetX(marginLeft)
		f.CellFormat(contentW, 4, d.fit(by, contentW), "", 0, "L", false, 0, "")
	}
	f.SetTextColor(0, 0, 0)
}

// footerStart draws the rule above the footer and leaves the cursor at
// the footer's first line, in its grey type: the report and the discussion
// guides share it, so that both read alike.
func (d *pdfDoc) footerStart() {
	f := d.f
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(marginLeft, pageH-14, pageW-marginRight, pageH-14)
	f.SetFont(fontFamily, "", 7.5)
	f.SetTextColor(90, 90, 90)
	f.SetXY(marginLeft, pageH-13)
}

// tr returns the report's text for key, with French typography applied.
func (d *pdfDoc) tr(key string) string { return d.txt(tr(d.lang, key)) }

// txt prepares any text for the page: French typography in French.
func (d *pdfDoc) txt(s string) string {
	if d.lang == "fr" {
		return frenchTypography(s)
	}
	return s
}

// fit shortens s with an ellipsis until it fits in w at the current font.
func (d *pdfDoc) fit(s string, w float64) string { return fitText(d.f, d.txt(s), w) }

// heading starts a part (level 1, on a new page unless the previous part
// left its page nearly empty) or a section (level 2) and records it for
// the table of contents and the PDF outline.
func (d *pdfDoc) heading(level int, title string) {
	f := d.f
	if d.partRoom == 0 {
		d.partRoom = 100
	}
	defer func() { d.partRoom = 0 }()
	title = d.txt(title)
	if level == 1 {
		switch {
		case d.samePage:
		case d.lightPage(d.partRoom):
			// The previous part ended near the top of a page: go on here
			// rather than leave a page with a few lines on it.
			f.Ln(8)
		default:
			f.AddPage()
		}
	} else {
		d.ensure(30)
		f.Ln(3)
	}
	i := len(d.toc)
	d.toc = append(d.toc, tocEntry{Level: level, Title: title, Page: f.PageNo()})
	if i < len(d.links) {
		f.SetLink(d.links[i], f.GetY(), f.PageNo())
	}
	f.Bookmark(title, level-1, -1)
	if level == 1 {
		f.SetFont(fontFamily, "B", 17)
		f.SetTextColor(20, 60, 110)
		f.MultiCell(contentW, 8, title, "", "L", false)
		f.SetDrawColor(20, 60, 110)
		f.SetLineWidth(0.6)
		f.Line(marginLeft, f.GetY()+1, marginLeft+40, f.GetY()+1)
		f.Ln(5)
	} else {
		f.SetFont(fontFamily, "B", 12)
		f.SetTextColor(20, 60, 110)
		f.MultiCell(contentW, 6, title, "", "L", false)
		f.Ln(1.5)
	}
	f.SetTextColor(0, 0, 0)
	d.body()
}

// lightPage reports whether the current page holds only the last lines of
// a part (less than a third of the page) and leaves room millimetres for
// the start of the next one, which then goes on here. The cover and the
// contents never count: no heading has been written on them.
func (d *pdfDoc) lightPage(room float64) bool {
	if len(d.toc) == 0 {
		return false
	}
	y := d.f.GetY()
	return y-marginTop < (pageH-marginTop-marginBottom)/3 && y+8+room <= pageH-marginBottom
}

// headingSamePage starts a part on the current page when room is left
// (at least room millimetres), and on a new page otherwise.
func (d *pdfDoc) headingSamePage(title string, room float64) {
	if d.f.GetY()+room > pageH-marginBottom {
		d.heading(1, title)
		return
	}
	d.samePage = true
	d.f.Ln(6)
	d.heading(1, title)
	d.samePage = false
}

// body sets the font of running text.
func (d *pdfDoc) body() { d.f.SetFont(fontFamily, "", 9.5) }

// para writes a paragraph of running text.
func (d *pdfDoc) para(s string) {
	d.body()
	d.f.MultiCell(contentW, 4.8, d.txt(s), "", "L", false)
	d.f.Ln(1.5)
}

// bullet writes one item of a list.
func (d *pdfDoc) bullet(s string) {
	f := d.f
	d.body()
	f.SetX(marginLeft + 3)
	f.CellFormat(4, 4.8, "•", "", 0, "L", false, 0, "")
	f.MultiCell(contentW-7, 4.8, d.txt(s), "", "L", false)
	f.Ln(0.6)
}

// ensure starts a new page unless h millimetres are left on this one.
func (d *pdfDoc) ensure(h float64) bool {
	if d.f.GetY()+h > pageH-marginBottom {
		d.f.AddPage()
		return true
	}
	return false
}
