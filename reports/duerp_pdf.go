package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vigie-sante/vigie/dossier"
)

// The stand-alone DUERP PDF is laid out on A4 landscape: four columns of
// text side by side need the width.
const (
	duerpPageW    = 297.0
	duerpPageH    = 210.0
	duerpMargin   = 12.0
	duerpContentW = duerpPageW - 2*duerpMargin
	duerpLineH    = 4.2
)

// duerpColumns are the widths of the table's columns, in the INRS RPS-DU
// order: family, exposure (level and what measured it), existing
// measures, planned actions.
var duerpColumns = [4]float64{42, 118, 52, duerpContentW - 42 - 118 - 52}

// DUERPDocument returns the stand-alone DUERP PDF of d as bytes.
func DUERPDocument(d *dossier.DUERP) ([]byte, error) {
	var b bytes.Buffer
	if err := DUERPPDF(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DUERPPDF writes d as the stand-alone DUERP document, in the layout of
// INRS's RPS-DU grid: per work unit, one table with a row per risk
// family giving the exposure as the survey reads it (the level and the
// dimensions that measured it, or « non évaluée par cette enquête » and
// what would assess it), the existing measures, and the planned actions.
// Like the workbook, it is in French: the DUERP is a French legal
// document.
func DUERPPDF(w io.Writer, d *dossier.DUERP) error {
	if d == nil {
		return errors.New("reports: duerp pdf: nil document")
	}
	f := fpdf.New("L", "mm", "A4", "")
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetMargins(duerpMargin, 16, duerpMargin)
	f.SetAutoPageBreak(true, 14)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetLang("fr")
	f.AliasNbPages("")
	title := duerpTitle(d)
	f.SetTitle(title, true)
	f.SetAuthor(d.Organisation, true)
	f.SetCreator("Vigie", true)
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		f.SetCreationDate(t)
		f.SetModificationDate(t)
	}
	p := &duerpPDF{f: f, d: d}
	f.SetHeaderFunc(p.header)
	f.SetFooterFunc(p.footer)
	p.render()
	if err := f.Error(); err != nil {
		return fmt.Errorf("reports: duerp pdf: render: %w", err)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: duerp pdf: write: %w", err)
	}
	return nil
}

// duerpTitle is the document's title, with its version when frozen.
func duerpTitle(d *dossier.DUERP) string {
	title := "Document unique – risques psychosociaux – " + d.Campaign
	if d.Version > 0 {
		title += fmt.Sprintf(" (version %d du %s)", d.Version, duerpDate(d.Date))
	}
	return title
}

// duerpDate writes a YYYY-MM-DD date in words (« 8 décembre 2026 »).
func duerpDate(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return dateWords("fr", t)
	}
	return s
}

// duerpPDF is the document being written.
type duerpPDF struct {
	f    *fpdf.Fpdf
	d    *dossier.DUERP
	unit string // the unit whose table is being written, repeated on a new page
}

func (p *duerpPDF) txt(s string) string { return frenchTypography(s) }

// header names the document on every page but the first, and restates
// the table's column heads when a unit's table runs onto a new page.
func (p *duerpPDF) header() {
	f := p.f
	if f.PageNo() == 1 {
		return
	}
	f.SetFont(fontFamily, "", 7.5)
	f.SetTextColor(90, 90, 90)
	f.SetXY(duerpMargin, 7)
	f.CellFormat(duerpContentW, 4, p.txt(duerpTitle(p.d)), "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetY(16)
	if p.unit != "" {
		p.unitTitle(p.unit + " (suite)")
		p.tableHead()
	}
}

// footer gives the date, the anonymity threshold and the page number.
func (p *duerpPDF) footer() {
	f := p.f
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(duerpMargin, duerpPageH-11, duerpPageW-duerpMargin, duerpPageH-11)
	f.SetFont(fontFamily, "", 7.5)
	f.SetTextColor(90, 90, 90)
	f.SetXY(duerpMargin, duerpPageH-10)
	left := fmt.Sprintf("Lu le %s · aucun résultat d'un groupe de moins de %d personnes", duerpDate(p.d.Date), p.d.MinGroupSize)
	f.CellFormat(duerpContentW-30, 4, p.txt(left), "", 0, "L", false, 0, "")
	f.CellFormat(30, 4, fmt.Sprintf("Page %d / {nb}", f.PageNo()), "", 0, "R", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

func (p *duerpPDF) render() {
	f, d := p.f, p.d
	f.AddPage()
	f.SetFont(fontFamily, "B", 15)
	f.MultiCell(duerpContentW, 7, p.txt("Document unique d'évaluation des risques professionnels : risques psychosociaux"), "", "L", false)
	f.SetFont(fontFamily, "", 10)
	var lines []string
	if d.Organisation != "" {
		lines = append(lines, "Organisme : "+d.Organisation)
	}
	lines = append(lines, "Enquête : "+d.Campaign, "Lu le "+duerpDate(d.Date))
	if d.Version > 0 {
		lines = append(lines, fmt.Sprintf("Version figée n° %d : ce document ne peut plus être modifié.", d.Version))
	}
	f.Ln(1)
	for _, l := range lines {
		f.MultiCell(duerpContentW, 5, p.txt(l), "", "L", false)
	}
	f.Ln(2)
	f.SetFont(fontFamily, "B", 10)
	f.CellFormat(duerpContentW, 5, p.txt("Comment lire ce document"), "", 1, "L", false, 0, "")
	f.SetFont(fontFamily, "", 8.5)
	for _, l := range DUERPMethod(d.MinGroupSize) {
		f.SetX(duerpMargin + 3)
		f.MultiCell(duerpContentW-3, 4, p.txt("• "+l), "", "L", false)
	}
	titles := actionDimensionTitles(d)
	last := "\x00"
	for _, r := range d.Rows {
		if r.Unit != last {
			last = r.Unit
			p.unit = ""
			f.AddPage()
			p.unitTitle(r.UnitLabel)
			p.unit = r.UnitLabel
			p.tableHead()
		}
		p.row(r, titles)
	}
	p.unit = ""
	if len(d.Rows) == 0 {
		f.Ln(4)
		f.SetFont(fontFamily, "", 10)
		f.MultiCell(duerpContentW, 5, p.txt("Aucune unité publiée : le document unique n'a pas de ligne."), "", "L", false)
	}
}

func (p *duerpPDF) unitTitle(s string) {
	p.f.SetFont(fontFamily, "B", 12)
	p.f.CellFormat(duerpContentW, 7, p.txt("Unité de travail : "+s), "", 1, "L", false, 0, "")
}

// tableHead writes the column heads on a light fill.
func (p *duerpPDF) tableHead() {
	f := p.f
	f.SetFont(fontFamily, "B", 8.5)
	f.SetFillColor(217, 225, 242)
	f.SetDrawColor(142, 169, 219)
	heads := []string{"Famille de risques", "Exposition (lecture de l'enquête)", "Mesures existantes", "Actions prévues"}
	for i, h := range heads {
		f.CellFormat(duerpColumns[i], 6, p.txt(h), "1", 0, "L", true, 0, "")
	}
	f.Ln(-1)
}

// row writes one family of a unit: the four cells at the height of the
// tallest, on the next page when it does not fit on this one.
func (p *duerpPDF) row(r dossier.DUERPRow, titles map[string]string) {
	f := p.f
	cells := [4][]duerpRun{
		{{bold: true, text: r.FamilyLabel}},
		p.exposure(r),
		{{text: orDash(r.Measures, "(à compléter)")}},
		{{text: orDash(plannedActions(r.Actions, titles), "Aucune action prévue.")}},
	}
	f.SetFont(fontFamily, "", 8.5)
	height := 0.0
	for i, c := range cells {
		h := 0.0
		for _, run := range c {
			p.font(run)
			h += float64(len(f.SplitText(p.txt(run.text), duerpColumns[i]-2))) * duerpLineH
		}
		height = max(height, h+2)
	}
	_, pageH := f.GetPageSize()
	_, _, _, bottom := f.GetMargins()
	if f.GetY()+height > pageH-bottom {
		f.AddPage() // the header restates the unit and the column heads
	}
	x0, y0 := f.GetX(), f.GetY()
	x := x0
	f.SetDrawColor(160, 160, 160)
	for i, c := range cells {
		f.Rect(x, y0, duerpColumns[i], height, "D")
		y := y0 + 1
		for _, run := range c {
			p.font(run)
			for _, l := range f.SplitText(p.txt(run.text), duerpColumns[i]-2) {
				f.SetXY(x+1, y)
				f.CellFormat(duerpColumns[i]-2, duerpLineH, l, "", 0, "L", false, 0, "")
				y += duerpLineH
			}
		}
		x += duerpColumns[i]
	}
	f.SetTextColor(0, 0, 0)
	f.SetXY(x0, y0+height)
}

// duerpRun is a paragraph of a cell, with its emphasis.
type duerpRun struct {
	text       string
	bold, grey bool
}

func (p *duerpPDF) font(r duerpRun) {
	style := ""
	if r.bold {
		style = "B"
	}
	p.f.SetFont(fontFamily, style, 8.5)
	if r.grey {
		p.f.SetTextColor(80, 80, 80)
	} else {
		p.f.SetTextColor(0, 0, 0)
	}
}

// exposure is the exposure cell: the level in bold, then the dimensions
// that measured it, or what would assess the family; then the signals to
// discuss, which never count in the level.
func (p *duerpPDF) exposure(r dossier.DUERPRow) []duerpRun {
	k := p.d.MinGroupSize
	runs := []duerpRun{{bold: true, text: string(r.Exposure)}}
	switch {
	case !r.Measured():
		runs = append(runs, duerpRun{grey: true, text: "Pour l'évaluer : " + r.AssessedBy + "."})
	case len(r.Dimensions) > 0:
		runs = append(runs, duerpRun{text: "Mesurée par : " + DimensionsText(r.Dimensions, k)})
	}
	if len(r.Signals) > 0 {
		runs = append(runs, duerpRun{grey: true, text: "Signaux à discuter (hors exposition) : " + DimensionsText(r.Signals, k)})
	}
	return runs
}

// plannedActions writes a row's actions one a line, with the labels of
// the dimensions they answer.
func plannedActions(as []dossier.DUERPAction, titles map[string]string) string {
	lines := make([]string, len(as))
	for i, a := range as {
		lines[i] = "• " + actionLine(a)
		if dims := dimensionLabels(a.Dimensions, titles); dims != "" {
			lines[i] += " (" + dims + ")"
		}
	}
	return strings.Join(lines, "\n")
}

func orDash(s, empty string) string {
	if strings.TrimSpace(s) == "" {
		return empty
	}
	return s
}
