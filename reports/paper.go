package reports

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// MaxPaperSheets bounds one PDF of paper questionnaires: a sheet runs to
// several pages, and the PDF is built in memory.
const MaxPaperSheets = 500

// Paper describes a batch of printable questionnaires: one per sheet
// number, each sheet number being an access code of the campaign.
type Paper struct {
	Campaign       *vigie.Campaign
	Questionnaires []*questionnaires.Questionnaire // in answering order
	Sheets         []string                        // the sheet numbers (codes), as generated
}

// NoAnswer is the label of the box for declining a question, the same
// words as the online form so both read alike.
const NoAnswer = "Je préfère ne pas répondre"

// Paper geometry in millimetres; text never goes below 10 pt, so that a
// photocopy of a photocopy stays readable.
const (
	paperMargin = 15.0
	paperTop    = 22.0
	paperBottom = 18.0
	paperW      = pageW - 2*paperMargin
	paperBox    = 4.5  // a tick box
	paperCol    = 11.0 // the width of one answer column
	paperLine   = 5.0  // the height of a 10 pt line
	paperSize   = 10.0 // the body text, in points
	// paperNewQuestionnaire is the room a questionnaire needs to start
	// on the current page: its title, introduction, legend and a few rows.
	paperNewQuestionnaire = 90.0
)

// paperDoc is the state of one PDF being written.
type paperDoc struct {
	f     *fpdf.Fpdf
	p     *Paper
	sheet string // the sheet number printed in the running header
	page  int    // page number within the current sheet
	// commentHelp: the advice on comments was printed on this sheet.
	commentHelp bool
}

// PaperPDF writes the questionnaires of p, one after the other: each
// starts on an odd page (so duplex printing never splits two sheets on
// one leaf) and carries its sheet number on every page.
func PaperPDF(w io.Writer, p *Paper) error {
	if p == nil || p.Campaign == nil || len(p.Sheets) == 0 {
		return errors.New("reports: paper: no sheets")
	}
	f := fpdf.New("P", "mm", "A4", "")
	d := &paperDoc{f: f, p: p}
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetMargins(paperMargin, paperTop, paperMargin)
	f.SetAutoPageBreak(true, paperBottom)
	f.SetCompression(true)
	f.SetLang("fr")
	f.SetTitle(p.Campaign.Title+" – questionnaires papier", true)
	f.SetCreator("Vigie", true)
	f.SetHeaderFuncMode(d.header, false)
	for _, sheet := range p.Sheets {
		d.sheet, d.page, d.commentHelp = sheet, 0, false
		f.AddPage()
		d.welcome()
		d.unitAndSegments()
		for _, q := range p.Questionnaires {
			d.questionnaire(q)
		}
		d.closing()
		if f.PageNo()%2 == 1 {
			f.AddPage() // blank verso, still numbered: see header
		}
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: paper: write: %w", err)
	}
	return nil
}

// header prints the sheet number on every page, so that a page coming
// loose can still be entered with its sheet.
func (d *paperDoc) header() {
	f := d.f
	d.page++
	f.SetTextColor(0, 0, 0)
	f.SetXY(paperMargin, 8)
	f.SetFont(fontFamily, "", paperSize)
	f.CellFormat(paperW/2, 6, fmt.Sprintf("%s – page %d", d.p.Campaign.Title, d.page), "", 0, "L", false, 0, "")
	f.SetFont(fontFamily, "B", 12)
	f.CellFormat(paperW/2, 6, "Feuille n° "+d.sheet, "", 1, "R", false, 0, "")
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.3)
	f.Line(paperMargin, 15, pageW-paperMargin, 15)
	f.SetY(paperTop)
}

// para writes a paragraph of body text.
func (d *paperDoc) para(style, text string) {
	d.f.SetFont(fontFamily, style, paperSize)
	d.f.MultiCell(paperW, paperLine, frenchTypography(text), "", "L", false)
	d.f.Ln(1.5)
}

// heading writes a section title, kept with at least need mm of what follows.
func (d *paperDoc) heading(text string, need float64) {
	f := d.f
	_, pageH := f.GetPageSize()
	if f.GetY()+need > pageH-paperBottom {
		f.AddPage()
	}
	f.Ln(2)
	f.SetFont(fontFamily, "B", 13)
	f.MultiCell(paperW, 6.5, frenchTypography(text), "", "L", false)
	f.Ln(1.5)
}

// welcome is the first page's text: what the survey is, who runs it,
// what is kept, and how to fill the form in.
func (d *paperDoc) welcome() {
	c, f := d.p.Campaign, d.f
	f.SetFont(fontFamily, "B", 16)
	f.MultiCell(paperW, 8, frenchTypography(c.Title), "", "L", false)
	f.SetFont(fontFamily, "", 12)
	f.MultiCell(paperW, 6, frenchTypography("Une enquête pour l’organisation "+c.Organisation+"."), "", "L", false)
	f.Ln(2)
	if by := vigie.InLanguage(c.ConductedBy, "fr"); by != "" {
		d.para("", "Qui mène l'enquête : "+by)
	} else {
		d.para("", "Un intervenant en santé au travail, indépendant de votre hiérarchie, mène cette enquête pour l’organisation "+c.Organisation+".")
	}
	if why := vigie.InLanguage(c.Purpose, "fr"); why != "" {
		d.para("", why)
	} else {
		d.para("", "Elle vise à mieux comprendre vos conditions de travail et à proposer des améliorations.")
	}
	d.para("", "Répondre est volontaire.")
	if c.EndDate != "" {
		d.para("B", "Rendez ce questionnaire au plus tard le "+vigie.DayWords("fr", c.EndDate)+".")
	}
	d.heading("Votre anonymat", 40)
	d.para("", "N'écrivez votre nom nulle part. Ce qui est enregistré : votre unité de travail, les grandes catégories que vous cochez, vos réponses, vos commentaires éventuels, et la semaine de la saisie.")
	d.para("", fmt.Sprintf("Les résultats ne sont présentés que pour des groupes d'au moins %d personnes : un groupe plus petit n'apparaît jamais seul. "+
		"Les commentaires ne sont lus qu'après la clôture, pour des groupes d'au moins %d personnes ; les noms et détails identifiants en sont retirés.",
		c.MinGroupSize, c.CommentMinGroupSize))
	d.para("", "Le numéro de feuille imprimé en haut de chaque page sert seulement à saisir ce questionnaire une fois : il n'est relié à aucun nom, et une fois la saisie faite, rien ne relie ce numéro à vos réponses. Le papier est détruit après la saisie.")
	d.heading("Comment remplir ce questionnaire", 30)
	d.para("", "Cochez une seule case par question, d'une croix bien nette, au stylo noir ou bleu. Pour corriger, noircissez entièrement la mauvaise case et cochez la bonne. Vous pouvez toujours cocher « "+NoAnswer+" ».")
}

// unitAndSegments writes the unit choices and each segment's categories.
func (d *paperDoc) unitAndSegments() {
	c := d.p.Campaign
	if len(c.Units) > 0 {
		d.heading("Votre unité de travail", 30)
		d.para("", "Cochez une seule case : l'unité où vous travaillez.")
		for _, u := range c.Units {
			d.choice(strings.Repeat("    ", len(u.Path)-1)+u.Path[len(u.Path)-1], float64(len(u.Path)-1)*6)
		}
		d.choice(NoAnswer, 0)
	}
	for _, s := range c.Segments {
		d.heading(vigie.InLanguage(s.Label, "fr"), 25)
		for _, cat := range s.Categories {
			d.choice(cat, 0)
		}
		d.choice(NoAnswer, 0)
	}
}

// choice writes one tick box with its label, indented by indent mm.
func (d *paperDoc) choice(label string, indent float64) {
	f := d.f
	_, pageH := f.GetPageSize()
	if f.GetY()+paperLine+1 > pageH-paperBottom {
		f.AddPage()
	}
	x, y := paperMargin+indent, f.GetY()
	d.box(x, y+0.3)
	f.SetXY(x+paperBox+2.5, y)
	f.SetFont(fontFamily, "", paperSize)
	f.MultiCell(paperW-indent-paperBox-2.5, paperLine, strings.TrimSpace(label), "", "L", false)
	f.Ln(0.8)
}

// box draws an empty tick box whose top-left corner is (x, y).
func (d *paperDoc) box(x, y float64) {
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetLineWidth(0.35)
	d.f.Rect(x, y, paperBox, paperBox, "D")
}
