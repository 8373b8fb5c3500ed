package instrument

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// Template writes the workbook a consultant fills to bring a questionnaire
// into Vigie: an instructions sheet, one sheet per table with its
// headings, and drop-down lists where a cell takes one of a few values.
// With q, the workbook holds that questionnaire (a built-in instrument to
// adapt, or the round trip of the tests); with nil, it is empty.
func Template(q *questionnaires.Questionnaire) ([]byte, error) {
	if q != nil {
		if err := templateLanguagesOnly(q); err != nil {
			return nil, err
		}
	}
	t := &templateWriter{f: excelize.NewFile()}
	defer t.f.Close()
	if err := t.styles(); err != nil {
		return nil, err
	}
	t.instructions()
	t.table(sheetQuestionnaire, questionnaireColumns, []float64{16, 60, 60})
	t.table(sheetScales, scaleColumns, []float64{16, 10, 40, 40})
	t.table(sheetDimensions, dimensionColumns, []float64{22, 30, 30, 50, 50, 22, 11, 11, 13, 24, 24, 11, 60, 60})
	t.table(sheetItems, itemColumns, []float64{22, 14, 60, 60, 16, 10})
	t.table(sheetIndicators, indicatorColumns, []float64{24, 30, 30, 10, 22, 22, 10})
	t.validations()
	if q != nil {
		t.fill(q)
	} else {
		t.fields(nil)
	}
	if t.err != nil {
		return nil, fmt.Errorf("instrument: template: %w", t.err)
	}
	var buf bytes.Buffer
	if err := t.f.Write(&buf); err != nil {
		return nil, fmt.Errorf("instrument: template: %w", err)
	}
	return buf.Bytes(), nil
}

// templateLanguagesOnly refuses a questionnaire with texts in a language
// the template has no column for.
func templateLanguagesOnly(q *questionnaires.Questionnaire) error {
	ok := func(t map[string]string) bool {
		for lang := range t {
			if lang != "fr" && lang != "en" {
				return false
			}
		}
		return true
	}
	all := ok(q.Title) && ok(q.Intro) && ok(q.Comment)
	for _, d := range q.Dimensions {
		all = all && ok(d.Title) && ok(d.Description)
		for _, it := range d.Items {
			all = all && ok(it.Text)
		}
	}
	if !all || (q.Language != "fr" && q.Language != "en") {
		return vigie.Errorf(vigie.EINVALID, "le questionnaire %s a des textes dans une autre langue que le français et l'anglais : le modèle n'a de colonnes que pour ces deux langues", q.ID)
	}
	return nil
}

// templateWriter writes the template, keeping the first error.
type templateWriter struct {
	f                 *excelize.File
	head, wrap, title int
	err               error
}

func (t *templateWriter) styles() error {
	var err error
	if t.head, err = t.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return fmt.Errorf("instrument: template style: %w", err)
	}
	if t.wrap, err = t.f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return fmt.Errorf("instrument: template style: %w", err)
	}
	if t.title, err = t.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return fmt.Errorf("instrument: template style: %w", err)
	}
	return nil
}

func (t *templateWriter) keep(err error) {
	if err != nil && t.err == nil {
		t.err = err
	}
}

// cell writes a value: text always as text (a label starting with = is
// never a formula), numbers as numbers.
func (t *templateWriter) cell(sheet string, col, row int, v any) {
	ref, err := excelize.CoordinatesToCellName(col+1, row)
	t.keep(err)
	switch v := v.(type) {
	case string:
		t.keep(t.f.SetCellStr(sheet, ref, v))
	default:
		t.keep(t.f.SetCellValue(sheet, ref, v))
	}
}

// instructions writes the first sheet: what to fill, column by column.
func (t *templateWriter) instructions() {
	const s = sheetInstructions
	t.keep(t.f.SetSheetName("Sheet1", s))
	t.keep(t.f.SetColWidth(s, "A", "A", 28))
	t.keep(t.f.SetColWidth(s, "B", "B", 100))
	lines := [][2]string{
		{"Modèle de questionnaire Vigie", ""},
		{"", "Remplissez les feuilles Questionnaire, Échelles, Dimensions et Items (Indicateurs est facultative), puis importez le classeur :"},
		{"", "dans Vigie, page Questionnaires, « Importer un classeur ou un fichier LimeSurvey », ou en ligne de commande : vigie questionnaires import CLASSEUR.xlsx --out questionnaire.yaml"},
		{"", "Gardez les titres de colonnes et leur ordre. Chaque erreur est signalée avec sa feuille, sa ligne et sa colonne."},
		{"", "Identifiants : lettres minuscules sans accent, chiffres et tirets (par exemple charge-travail). Ne les changez plus une fois une campagne lancée."},
		{"", "Textes : le français et l'anglais ; la langue par défaut (champ langue) est obligatoire partout, l'autre facultative."},
		{"", "Le format complet et ses règles : docs/questionnaires.md."},
	}
	sections := []struct {
		name string
		cols []column
	}{{sheetQuestionnaire, questionnaireFields}, {sheetScales, scaleColumns}, {sheetDimensions, dimensionColumns},
		{sheetItems, itemColumns}, {sheetIndicators, indicatorColumns}}
	for _, sec := range sections {
		lines = append(lines, [2]string{"", ""}, [2]string{"Feuille " + sec.name, ""})
		for _, c := range sec.cols {
			if c.Help != "" {
				lines = append(lines, [2]string{c.Header, c.Help})
			}
		}
	}
	lines = append(lines, [2]string{"", ""}, [2]string{"Familles de risques", ""})
	for _, fam := range questionnaires.RiskFamilies {
		lines = append(lines, [2]string{string(fam), fam.Label("fr")})
	}
	for i, l := range lines {
		t.cell(s, 0, i+1, l[0])
		t.cell(s, 1, i+1, l[1])
		if l[1] == "" && l[0] != "" {
			t.keep(t.f.SetCellStyle(s, cellRef(0, i+1), cellRef(0, i+1), t.title))
		}
	}
}

func cellRef(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col+1, row)
	return ref
}

// table starts a sheet: its headings, widths and a frozen heading row.
func (t *templateWriter) table(name string, cols []column, widths []float64) {
	_, err := t.f.NewSheet(name)
	t.keep(err)
	for i, c := range cols {
		t.cell(name, i, 1, c.Header)
		letter := columnName(i + 1)
		t.keep(t.f.SetColWidth(name, letter, letter, widths[i]))
		t.keep(t.f.SetColStyle(name, letter, t.wrap))
	}
	t.keep(t.f.SetCellStyle(name, "A1", cellRef(len(cols)-1, 1), t.head))
	t.keep(t.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// validations adds the drop-down lists.
func (t *templateWriter) validations() {
	list := func(sheet string, col int, values ...string) {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", columnName(col+1), columnName(col+1), maxSheetRows)
		t.keep(dv.SetDropList(values))
		t.keep(t.f.AddDataValidation(sheet, dv))
	}
	ref := func(sheet string, col int, from string) {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", columnName(col+1), columnName(col+1), maxSheetRows)
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$A$2:$A$%d", from, maxSheetRows))
		t.keep(t.f.AddDataValidation(sheet, dv))
	}
	families := make([]string, len(questionnaires.RiskFamilies))
	for i, f := range questionnaires.RiskFamilies {
		families[i] = string(f)
	}
	list(sheetDimensions, colDimDirection, directionWords[questionnaires.HigherIsWorse], directionWords[questionnaires.HigherIsBetter])
	list(sheetDimensions, colDimFamily, families...)
	list(sheetDimensions, colDimSignalFor, families...)
	list(sheetDimensions, colDimReading, readingWords[questionnaires.ReadingLevels], readingWords[questionnaires.ReadingSignal])
	ref(sheetItems, colItemDim, sheetDimensions)
	ref(sheetItems, colItemScale, sheetScales)
	list(sheetItems, colItemReverse, yesWords...)
	list(sheetIndicators, colIndKind, string(questionnaires.KindRatio))
	ref(sheetIndicators, colIndNum, sheetDimensions)
	ref(sheetIndicators, colIndDen, sheetDimensions)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = "B4"
	t.keep(dv.SetDropList(templateLanguages))
	t.keep(t.f.AddDataValidation(sheetQuestionnaire, dv))
}

// fields writes the Questionnaire sheet: the field names, and q's values.
func (t *templateWriter) fields(q *questionnaires.Questionnaire) {
	const s = sheetQuestionnaire
	for i, f := range questionnaireFields {
		t.cell(s, 0, i+2, f.Header)
	}
	if q == nil {
		t.cell(s, 1, 4, "fr")
		return
	}
	t.cell(s, 1, 2, q.ID)
	t.cell(s, 1, 3, q.Version)
	t.cell(s, 1, 4, q.Language)
	for i, txt := range []questionnaires.Text{q.Title, q.Intro, q.Comment} {
		t.texts(s, 1, i+5, txt)
	}
}

// texts writes a text's French and English in two columns from col.
func (t *templateWriter) texts(sheet string, col, row int, txt questionnaires.Text) {
	for i, lang := range templateLanguages {
		if v := txt[lang]; v != "" {
			t.cell(sheet, col+i, row, v)
		}
	}
}

// fill writes q in the template.
func (t *templateWriter) fill(q *questionnaires.Questionnaire) {
	t.fields(q)
	row := 2
	for _, s := range q.Scales {
		for v := s.Min; v <= s.Max; v++ {
			t.cell(sheetScales, colScaleID, row, s.ID)
			t.cell(sheetScales, colScaleValue, row, v)
			for i, lang := range templateLanguages {
				if labels := s.Labels[lang]; len(labels) > 0 {
					t.cell(sheetScales, colScaleFR+i, row, labels[v-s.Min])
				}
			}
			row++
		}
	}
	row = 2
	for _, d := range q.Dimensions {
		const s = sheetDimensions
		t.cell(s, colDimID, row, d.ID)
		t.texts(s, colDimTitleFR, row, d.Title)
		t.texts(s, colDimDescFR, row, d.Description)
		t.cell(s, colDimDirection, row, directionWords[d.Direction])
		t.cell(s, colDimLow, row, d.Cutoffs.Low)
		t.cell(s, colDimHigh, row, d.Cutoffs.High)
		if d.MinAnswered != questionnaires.DefaultMinAnswered {
			t.cell(s, colDimMinAnswered, row, d.MinAnswered)
		}
		t.cell(s, colDimFamily, row, string(d.RiskFamily))
		t.cell(s, colDimSignalFor, row, string(d.SignalFor))
		if d.Signal() {
			t.cell(s, colDimReading, row, readingWords[d.Reading])
		}
		for i, lang := range templateLanguages {
			t.cell(s, colDimDiscussionFR+i, row, strings.Join(d.Discussion[lang], "\n"))
		}
		row++
	}
	row = 2
	for _, it := range q.Items() {
		const s = sheetItems
		t.cell(s, colItemDim, row, it.Dimension)
		t.cell(s, colItemID, row, it.ID)
		t.texts(s, colItemFR, row, it.Text)
		t.cell(s, colItemScale, row, it.Scale.ID)
		t.cell(s, colItemReverse, row, yesWords[map[bool]int{true: 0, false: 1}[it.Reverse]])
		row++
	}
	row = 2
	for _, ind := range q.Indicators {
		const s = sheetIndicators
		t.cell(s, colIndID, row, ind.ID)
		t.texts(s, colIndTitleFR, row, ind.Title)
		t.cell(s, colIndKind, row, string(ind.Kind))
		t.cell(s, colIndNum, row, ind.Numerator)
		t.cell(s, colIndDen, row, ind.Denominator)
		t.cell(s, colIndThreshold, row, ind.Threshold)
		row++
	}
}
