package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
)

// The sheets of the DUERP workbook.
const (
	SheetDUERP        = "DUERP"
	SheetDUERPActions = "Actions"
	SheetDUERPMethod  = "Méthode"
)

// DUERPWorkbook returns the DUERP workbook of d as bytes: what a frozen
// version keeps (store.RenderDUERP).
func DUERPWorkbook(d *dossier.DUERP) ([]byte, error) {
	var b bytes.Buffer
	if err := DUERPXLSX(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DUERPXLSX writes d as the DUERP workbook: sheet DUERP with one row per
// (work unit, risk family), sheet Actions with the whole plan, and sheet
// Méthode with how exposure is read. Like XLSX, every text is a string
// cell in the text format, never a formula, whatever it begins with
// (= + - @): measures and actions are typed by people.
func DUERPXLSX(w io.Writer, d *dossier.DUERP) error {
	f := excelize.NewFile()
	defer f.Close()
	b, err := newXLSXBook(f, &dossier.Report{Lang: "fr", Campaign: d.Campaign, Organisation: d.Organisation})
	if err != nil {
		return err
	}
	title := duerpTitle(d)
	b.printTitle = title
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "Vigie"}); err != nil {
		return fmt.Errorf("reports: duerp xlsx: properties: %w", err)
	}
	if err := f.SetSheetName(f.GetSheetName(0), SheetDUERP); err != nil {
		return fmt.Errorf("reports: duerp xlsx: %w", err)
	}
	for _, step := range []func(*xlsxBook, *dossier.DUERP) error{duerpRowsSheet, duerpActionsSheet, duerpMethodSheet} {
		if err := step(b, d); err != nil {
			return fmt.Errorf("reports: duerp xlsx: %w", err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("reports: write duerp xlsx: %w", err)
	}
	return nil
}

// duerpRowsSheet writes the DUERP sheet, in the columns of INRS's RPS-DU
// grid as the issue lists them, with the signals to discuss next to the
// exposure they do not change.
func duerpRowsSheet(b *xlsxBook, d *dossier.DUERP) error {
	cols := []column{
		{"Unité de travail", 20, b.wrappedText},
		{"Famille de risques", 22, b.wrappedText},
		{"Exposition (lecture de l'enquête)", 16, b.wrappedText},
		{"Dimensions mesurant l'exposition (moyenne sur 100 ; part défavorable)", 46, b.wrappedText},
		{"Signaux à discuter (hors exposition)", 36, b.wrappedText},
		{"Mesures existantes", 36, b.wrappedText},
		{"Actions prévues", 44, b.wrappedText},
		{"Date", 11, b.date},
	}
	date := dateCell(b, d.Date)
	return b.table(SheetDUERP, cols, len(d.Rows), nil, func(emit func(...any) error) error {
		for _, r := range d.Rows {
			if err := emit(r.UnitLabel, r.FamilyLabel, string(r.Exposure), RowDimensionsText(r, d.MinGroupSize),
				DimensionsText(r.Signals, d.MinGroupSize), r.Measures, ActionsText(r.Actions), date); err != nil {
				return err
			}
		}
		return nil
	})
}

// duerpActionsSheet writes the whole plan, one action a row.
func duerpActionsSheet(b *xlsxBook, d *dossier.DUERP) error {
	cols := []column{
		{"Action", 28, b.wrappedText},
		{"Description", 36, b.wrappedText},
		{"Unité de travail", 20, b.wrappedText},
		{"Famille de risques", 22, b.wrappedText},
		{"Dimensions", 26, b.wrappedText},
		{"Porteur", 20, b.wrappedText},
		{"Échéance", 11, b.date},
		{"Moyens", 14, b.wrappedText},
		{"Statut", 11, b.wrappedText},
		{"Suivi", 28, b.wrappedText},
	}
	titles := actionDimensionTitles(d)
	return b.table(SheetDUERPActions, cols, len(d.Actions), nil, func(emit func(...any) error) error {
		for _, a := range d.Actions {
			if err := emit(a.Title, a.Description, dossier.UnitLabel(a.Unit), dossier.FamilyLabel(a.RiskFamily),
				strings.ReplaceAll(dimensionLabels(a.Dimensions, titles), ", ", "\n"), a.Owner, dateCell(b, a.Due), a.Budget, a.Status, a.FollowUp); err != nil {
				return err
			}
		}
		return nil
	})
}

// duerpMethodSheet says what the exposure column is, and is not, next to
// the figures: a reading aid, not a measured risk.
func duerpMethodSheet(b *xlsxBook, d *dossier.DUERP) error {
	if _, err := b.f.NewSheet(SheetDUERPMethod); err != nil {
		return err
	}
	w := &sheetWriter{b: b, sheet: SheetDUERPMethod}
	const width = 100
	if err := b.f.SetColWidth(SheetDUERPMethod, "A", "A", width); err != nil {
		return err
	}
	if err := b.f.SetColStyle(SheetDUERPMethod, "A", b.wrappedText); err != nil {
		return err
	}
	lines := append([]string{
		"Organisme : " + d.Organisation,
		"Enquête : " + d.Campaign,
		"Date : " + frenchDate(d.Date),
	}, DUERPMethod(d.MinGroupSize)...)
	if d.Version > 0 {
		lines = append(lines[:3], append([]string{fmt.Sprintf("Version figée n° %d : ce document ne peut plus être modifié.", d.Version)}, lines[3:]...)...)
	}
	for i, l := range lines {
		w.str(1, i+1, l, b.wrappedText)
		if n := rowLines([]column{{width: width, style: b.wrappedText}}, b.wraps, []any{l}); n > 1 {
			if err := b.f.SetRowHeight(SheetDUERPMethod, i+1, float64(n*lineHeight)); err != nil {
				return err
			}
		}
	}
	return w.finish(layoutFor(width, 0))
}

// dateCell is a YYYY-MM-DD date as a date cell, s as text when it is not
// such a date, nil when empty.
func dateCell(b *xlsxBook, s string) any {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return excelize.Cell{StyleID: b.date, Value: t}
	}
	if s == "" {
		return nil
	}
	return s
}

// DUERPMethod explains, in a few sentences, how the DUERP reads the
// survey: which dimensions assess a family, the convention of exposure
// levels, the rows without one, the signals, and the limits.
func DUERPMethod(k int) []string {
	return []string{
		"Six familles de facteurs de risques psychosociaux (rapport Gollac, méthode RPS-DU de l'INRS) pour chaque unité de travail publiée.",
		"Une famille n'est évaluée que par les dimensions qui mesurent une exposition de cette famille ; la ligne les nomme. Exposition : la plus forte part de répondants en zone défavorable parmi celles qui sont publiées pour l'unité.",
		"Moins de 25 % : faible ; de 25 % à moins de 50 % : modérée ; de 50 % à moins de 75 % : élevée ; 75 % et plus : très élevée.",
		fmt.Sprintf("Non évaluable : l'enquête mesure la famille, mais aucune de ses dimensions n'est publiée pour l'unité (groupe de moins de %d répondants, ou masqué pour qu'on ne puisse pas le déduire).", k),
		"Non évaluée par cette enquête : aucune question de l'enquête ne mesure cette famille. La ligne dit quelles questions l'évalueraient ; en attendant, elle s'évalue par d'autres moyens (échanges avec les équipes, observation du travail, indicateurs).",
		"Signaux à discuter : stratégies défensives, sens du travail d'ensemble et dimensions propres aux outils numériques, rattachés à une famille pour l'échange. Ils ne mesurent pas l'exposition et n'entrent jamais dans son calcul ; une stratégie défensive se lit « signal faible », « à discuter » ou « marqué », jamais « défavorable ».",
		"C'est une convention de lecture de l'enquête, pas une mesure du risque : l'évaluation se fait avec les équipes et le CSE, au vu du travail réel.",
		"Seules les unités publiées par les règles d'anonymat ont des lignes ; les autres sont comprises dans « Ensemble ».",
	}
}

// RowDimensionsText writes the dimensions that assess a row's family, one
// a line, or, for a family the survey does not measure, what would.
func RowDimensionsText(r dossier.DUERPRow, k int) string {
	if !r.Measured() {
		return "Aucune question de cette enquête ne mesure cette famille. Pour l'évaluer : " + r.AssessedBy + "."
	}
	return DimensionsText(r.Dimensions, k)
}

// DimensionsText writes dimensions in one cell, one a line: title, mean
// and share at the worrying level (« défavorable », or « au signal
// marqué » for a defensive strategy), or why there is no figure.
func DimensionsText(dims []dossier.DUERPDimension, k int) string {
	lines := make([]string, len(dims))
	for i, dd := range dims {
		if dd.Published {
			share := "%s défavorable"
			if dd.Signal {
				share = "signal marqué pour %s"
			}
			lines[i] = fmt.Sprintf("%s : %s ; %s (n = %d)", dd.Title, fmtDec("fr", dd.Mean, meanDecimals),
				fmt.Sprintf(share, fmtPct("fr", dd.ShareUnfavourable)), dd.N)
		} else {
			lines[i] = fmt.Sprintf("%s : non publiée (moins de %d répondants)", dd.Title, k)
		}
	}
	return strings.Join(lines, "\n")
}

// ActionsText writes a row's actions in one cell, one a line: title,
// owner, due date and status.
func ActionsText(as []dossier.DUERPAction) string {
	lines := make([]string, len(as))
	for i, a := range as {
		lines[i] = actionLine(a)
	}
	return strings.Join(lines, "\n")
}

// actionLine is an action in one line: « title – porteur : X – échéance :
// 31/03/2027 – status ».
func actionLine(a dossier.DUERPAction) string {
	parts := []string{a.Title}
	if a.Owner != "" {
		parts = append(parts, "porteur : "+a.Owner)
	}
	if a.Due != "" {
		parts = append(parts, "échéance : "+frenchDate(a.Due))
	}
	parts = append(parts, a.Status)
	return strings.Join(parts, " – ")
}

// frenchDate writes a YYYY-MM-DD date as 31/03/2027, or s as it is when it
// is not such a date.
func frenchDate(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}

// actionDimensionTitles maps "questionnaire/dimension", the way an action
// names the dimensions it answers, to the dimension's title, from the
// rows of d.
func actionDimensionTitles(d *dossier.DUERP) map[string]string {
	titles := map[string]string{}
	for _, r := range d.Rows {
		for _, dims := range [][]dossier.DUERPDimension{r.Dimensions, r.Signals} {
			for _, dd := range dims {
				titles[dd.Questionnaire+"/"+dd.Dimension] = dd.Title
			}
		}
	}
	return titles
}

// dimensionLabels names an action's dimensions by their titles, an id
// the DUERP does not know (a dimension of another campaign) as it is.
func dimensionLabels(ids []string, titles map[string]string) string {
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = id
		if t, ok := titles[id]; ok {
			labels[i] = t
		}
	}
	return strings.Join(labels, ", ")
}
