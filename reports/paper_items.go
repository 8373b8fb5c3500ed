package reports

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// paperNoAnswerCol heads the column of the "prefer not to answer" box.
const paperNoAnswerCol = "NR"

// questionnaire writes one questionnaire: its title and introduction, then
// its items as a grid, one column per scale value plus one for "prefer
// not to answer", and its comment box. Items are numbered from 1 within
// the questionnaire, the numbers the entry screen shows.
func (d *paperDoc) questionnaire(q *questionnaires.Questionnaire) {
	f := d.f
	// A new page only when little is left of this one: a questionnaire
	// that starts mid-page wastes no half-empty page.
	if _, pageH := f.GetPageSize(); f.GetY()+paperNewQuestionnaire > pageH-paperBottom {
		f.AddPage()
	} else {
		f.Ln(6)
	}
	f.SetFont(fontFamily, "B", 14)
	f.MultiCell(paperW, 7, frenchTypography(q.Title.In("fr", q.Language)), "", "L", false)
	f.Ln(1)
	if intro := q.Intro.In("fr", q.Language); intro != "" {
		d.para("", intro)
	}
	var scale *questionnaires.Scale
	for i, it := range q.Items() {
		if it.Scale != scale {
			scale = it.Scale
			d.legend(q, scale)
			d.gridHeader(scale)
		}
		d.itemRow(q, i+1, it)
	}
	if prompt := q.Comment.In("fr", q.Language); prompt != "" {
		d.heading(prompt, 60)
		if !d.commentHelp { // said once per sheet
			d.para("", "Facultatif. N'y écrivez ni nom ni détail qui permettrait de vous reconnaître, vous ou un collègue.")
			d.commentHelp = true
		}
		y := f.GetY()
		f.SetDrawColor(0, 0, 0)
		f.SetLineWidth(0.35)
		f.Rect(paperMargin, y, paperW, 45, "D")
		f.SetY(y + 47)
	}
}

// legend spells out the scale: the column headings are only its values.
func (d *paperDoc) legend(q *questionnaires.Questionnaire, s *questionnaires.Scale) {
	var parts []string
	for v := s.Min; v <= s.Max; v++ {
		parts = append(parts, fmt.Sprintf("%d = %s", v, s.Label(v, "fr", q.Language)))
	}
	parts = append(parts, paperNoAnswerCol+" = "+NoAnswer)
	d.heading("Réponses possibles", 30)
	d.para("", strings.Join(parts, " · "))
}

// gridWidths returns the widths of the number, text and answer columns.
func gridWidths(s *questionnaires.Scale) (num, text float64, cols int) {
	cols = s.Max - s.Min + 2
	num = 9
	return num, paperW - num - float64(cols)*paperCol, cols
}

// gridHeader writes the row of column headings: the scale's values, then NR.
func (d *paperDoc) gridHeader(s *questionnaires.Scale) {
	f := d.f
	num, text, cols := gridWidths(s)
	f.SetFont(fontFamily, "B", paperSize)
	f.SetX(paperMargin)
	f.CellFormat(num+text, paperLine+1, "Question", "B", 0, "L", false, 0, "")
	for i := range cols {
		h := paperNoAnswerCol
		if v := s.Min + i; v <= s.Max {
			h = strconv.Itoa(v)
		}
		f.CellFormat(paperCol, paperLine+1, h, "B", 0, "C", false, 0, "")
	}
	f.Ln(-1)
	f.Ln(1)
}

// itemRow writes one item, its text wrapped in the text column and one
// box under each heading; a row that would not fit starts a new page,
// where the headings are repeated.
func (d *paperDoc) itemRow(q *questionnaires.Questionnaire, n int, it *questionnaires.Item) {
	f := d.f
	num, textW, cols := gridWidths(it.Scale)
	f.SetFont(fontFamily, "", paperSize)
	text := frenchTypography(it.Text.In("fr", q.Language))
	lines := f.SplitText(text, textW-2)
	h := float64(max(len(lines), 1))*paperLine + 2
	_, pageH := f.GetPageSize()
	if f.GetY()+h > pageH-paperBottom {
		f.AddPage()
		d.gridHeader(it.Scale)
	}
	y := f.GetY()
	f.SetXY(paperMargin, y+1)
	f.SetFont(fontFamily, "B", paperSize)
	f.CellFormat(num, paperLine, strconv.Itoa(n)+".", "", 0, "L", false, 0, "")
	f.SetFont(fontFamily, "", paperSize)
	f.MultiCell(textW-2, paperLine, text, "", "L", false)
	x := paperMargin + num + textW
	for i := range cols {
		d.box(x+float64(i)*paperCol+(paperCol-paperBox)/2, y+1.3)
	}
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.15)
	f.Line(paperMargin, y+h, pageW-paperMargin, y+h)
	f.SetY(y + h)
}

// closing thanks the respondent and says how to hand the form back
// without anyone seeing it.
func (d *paperDoc) closing() {
	d.heading("Merci de votre participation", 50)
	d.para("", "Vérifiez que vous avez coché une case par ligne (ou « "+paperNoAnswerCol+" »). N'écrivez pas votre nom.")
	when := "avant la date de clôture annoncée par l'intervenant"
	if end := d.p.Campaign.EndDate; end != "" {
		when = "au plus tard le " + vigie.DayWords("fr", end)
	}
	d.para("B", "Pour rendre ce questionnaire : glissez toutes ses pages dans l'enveloppe vierge qui vous a été remise, fermez-la, et déposez-la dans la boîte ou l'urne scellée prévue à cet effet, "+when+".")
	d.para("", "Seul l'intervenant ouvre les enveloppes ; les réponses sont saisies deux fois pour éviter les erreurs, puis les papiers sont détruits.")
}
