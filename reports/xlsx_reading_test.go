package reports_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// xlsxCellStyle returns the fill colour and number format of a cell.
func xlsxCellStyle(tb testing.TB, f *excelize.File, sheet, ref string) (fill, numFmt string) {
	tb.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		tb.Fatalf("style of %s!%s: %v", sheet, ref, err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		tb.Fatalf("style %d: %v", id, err)
	}
	if len(st.Fill.Color) > 0 {
		fill = strings.ToUpper(st.Fill.Color[0])
	}
	if st.CustomNumFmt != nil {
		numFmt = *st.CustomNumFmt
	}
	return fill, numFmt
}

// xlsxRef finds the cell of a sheet whose column header is col, on the
// row whose first or last cell (its code) is first.
func xlsxRef(tb testing.TB, f *excelize.File, sheet, first, col string) string {
	tb.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		tb.Fatalf("read %s: %v", sheet, err)
	}
	c := -1
	for i, h := range rows[0] {
		if h == col {
			c = i
		}
	}
	for r, row := range rows {
		if len(row) > 0 && (row[0] == first || row[len(row)-1] == first) && c >= 0 { // a label, or the code in the last column
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			return ref
		}
	}
	tb.Fatalf("%s has no cell %q × %q", sheet, first, col)
	return ""
}

// The Carte sheet draws levels as the PDF does: the same fills, the
// level's symbol in the number format, n per row, and a reason in every
// hidden cell.
func TestXLSXMapUsesPDFLevels(t *testing.T) {
	r := xlsxFixture(t, dossier.AudienceCommittee)
	_, f := xlsxMust(t, r)
	q, res := r.Sections[0].Questionnaire, r.Sections[0].Result
	fills := map[scoring.Level]string{scoring.Favourable: "C8E6C9", scoring.Intermediate: "FFCC5C", scoring.Unfavourable: "B71C1C"}
	symbols := map[scoring.Level]string{scoring.Favourable: "○", scoring.Intermediate: "◐", scoring.Unfavourable: "●"}
	checked := 0
	for _, g := range res.Groups {
		if g.Suppressed {
			continue
		}
		for _, d := range q.Dimensions {
			ds := g.Dimensions[d.ID]
			if ds.Suppressed {
				continue
			}
			fill, format := xlsxCellStyle(t, f, reports.SheetMap, xlsxRef(t, f, reports.SheetMap, g.ID, d.Title["fr"]))
			if fill != fills[ds.Level] || !strings.Contains(format, symbols[ds.Level]) {
				t.Errorf("Carte %s/%s (%s): fill %s, format %q; want %s and %s", g.ID, d.ID, ds.Level, fill, format, fills[ds.Level], symbols[ds.Level])
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no published cell checked")
	}
	heat := xlsxSheetTable(t, f, reports.SheetMap)
	for _, g := range res.Groups {
		if g.Suppressed {
			continue
		}
		if rec := xlsxFind(t, heat, map[string]string{"Code groupe": g.ID}); rec["n"] != strconv.Itoa(g.Respondents) || rec["Statut"] != "publié" {
			t.Errorf("Carte %s n, status = %q, %q; want %d, publié", g.ID, rec["n"], rec["Statut"], g.Respondents)
		}
	}
	for id, want := range map[string]string{
		"unit:A/" + xlsxSecretUnit:            "moins de 5 réponses",
		"segment:metier=" + xlsxSecretSegment: "masqué pour protéger un autre groupe",
	} {
		rec := xlsxFind(t, heat, map[string]string{"Code groupe": id})
		if rec["n"] != "" || rec[q.Dimensions[0].Title["fr"]] != want || !strings.Contains(rec["Statut"], want) {
			t.Errorf("Carte %s = %v, want no n and %q", id, rec, want)
		}
	}
	// No colour scale any more: the levels are the cut-offs', as in the PDF.
	if cf, _ := f.GetConditionalFormats(reports.SheetMap); len(cf) > 0 {
		t.Errorf("Carte still has conditional formats %v", cf)
	}
}

// The defensive strategies have their own fills in the workbook too.
func TestXLSXDefensiveStrategiesAreSignals(t *testing.T) {
	r := pdfSyntheticReport(t, []string{"strategies-defensives"}, "fr", dossier.AudienceCommittee)
	_, f := xlsxMust(t, r)
	res := r.Sections[0].Result
	q := r.Sections[0].Questionnaire
	var all *scoring.Group
	for _, g := range res.Groups {
		if g.Kind == scoring.KindAll {
			all = g
		}
	}
	for _, d := range q.Dimensions {
		ds := all.Dimensions[d.ID]
		fill, _ := xlsxCellStyle(t, f, reports.SheetMap, xlsxRef(t, f, reports.SheetMap, "all", d.Title["fr"]))
		trafficLight := fill == "B71C1C" || fill == "C8E6C9" || fill == "FFCC5C"
		rec := xlsxFind(t, xlsxSheetTable(t, f, reports.SheetDimensions), map[string]string{"Code groupe": "all", "Code dimension": d.ID})
		want := map[scoring.Level]string{scoring.Favourable: "signal faible", scoring.Intermediate: "à discuter", scoring.Unfavourable: "marqué"}[ds.Level]
		if !d.Signal() {
			// Ethical suffering is a work situation, read as levels.
			want = map[scoring.Level]string{scoring.Favourable: "favorable", scoring.Intermediate: "intermédiaire", scoring.Unfavourable: "défavorable"}[ds.Level]
			trafficLight = !trafficLight
		}
		if trafficLight {
			t.Errorf("Carte all/%s (signal %v) has fill %s", d.ID, d.Signal(), fill)
		}
		if rec["Niveau"] != want {
			t.Errorf("Dimensions all/%s level = %q, want %q", d.ID, rec["Niveau"], want)
		}
	}
	params := xlsxSheetTable(t, f, reports.SheetParameters)
	xlsxFind(t, params, map[string]string{"Paramètre": "Sens", "Valeur": "élevé = signal marqué"})
}

func TestXLSXItemsShowScaleAndReversed(t *testing.T) {
	r := pdfReport(t, "fr", dossier.AudienceConsultant, 5)
	_, f := xlsxMust(t, r)
	items := xlsxSheetTable(t, f, reports.SheetItems)
	rec := xlsxFind(t, items, map[string]string{"Code groupe": "all", "Code item": "eff3"})
	if rec["Inversé"] != "oui" || rec["Dimension"] != "Charge et cœur du métier" || rec["Libellé"] != "Ensemble" {
		t.Errorf("reversed item eff3 = %v", rec)
	}
	if want := "1 = Pas du tout d'accord ; 2 = Pas d'accord ; 3 = Ni l'un ni l'autre ; 4 = D'accord ; 5 = Tout à fait d'accord"; rec["Échelle (valeur = libellé)"] != want {
		t.Errorf("scale = %q, want %q", rec["Échelle (valeur = libellé)"], want)
	}
	if rec := xlsxFind(t, items, map[string]string{"Code groupe": "all", "Code item": "eff1"}); rec["Inversé"] != "non" {
		t.Errorf("item eff1 reversed = %q, want non", rec["Inversé"])
	}
}

// The Commentaires sheet holds the published texts with their group, in
// a shuffled order, as text even when they look like formulas.
func TestXLSXCommentsSheet(t *testing.T) {
	r := pdfReport(t, "fr", dossier.AudienceConsultant, 5)
	r.Sections[0].Comments = append(r.Sections[0].Comments,
		dossier.Comment{Group: "Pôle logistique", Text: "=HYPERLINK(\"http://x\")"},
		dossier.Comment{Group: "-Ensemble", Text: "+33 6 12"},
		dossier.Comment{Group: "Ensemble", Text: "@moi"})
	want := map[string]string{}
	for _, c := range r.Sections[0].Comments {
		want[c.Text] = c.Group
	}
	orders := map[string]bool{}
	for range 8 {
		_, f := xlsxMust(t, r)
		recs := xlsxSheetTable(t, f, reports.SheetComments)
		if len(recs) != len(want) {
			t.Fatalf("Commentaires has %d rows, want %d", len(recs), len(want))
		}
		var order []string
		for i, rec := range recs {
			if want[rec["Commentaire"]] != rec["Groupe"] || rec["Questionnaire"] != "Reconnaissance et efforts" {
				t.Errorf("comment row %v", rec)
			}
			order = append(order, rec["Commentaire"])
			ref, _ := excelize.CoordinatesToCellName(3, i+2)
			if formula, _ := f.GetCellFormula(reports.SheetComments, ref); formula != "" {
				t.Errorf("comment %s is a formula %q", ref, formula)
			}
		}
		orders[strings.Join(order, "|")] = true
	}
	if len(orders) < 2 {
		t.Errorf("eight workbooks gave the comments in the same order: not shuffled")
	}

	r.Sections[0].Comments, r.Sections[0].CommentsPending = nil, true
	_, f := xlsxMust(t, r)
	recs := xlsxSheetTable(t, f, reports.SheetComments)
	if len(recs) != 1 || !strings.Contains(recs[0]["Commentaire"], "attendent la relecture") {
		t.Errorf("Commentaires without comments = %v, want why", recs)
	}
}

func TestXLSXParametersStateLimits(t *testing.T) {
	r := xlsxFixture(t, dossier.AudienceCommittee)
	r.Version, r.OpenedWeek, r.ClosedWeek = "dev", "2026-W41", "2026-W44"
	_, f := xlsxMust(t, r)
	params := xlsxSheetTable(t, f, reports.SheetParameters)
	var limits []string
	for _, p := range params {
		switch p["Paramètre"] {
		case "Portée et limites":
			limits = append(limits, p["Valeur"])
		case "Version de Vigie":
			t.Errorf("a dev build writes its version %q", p["Valeur"])
		}
	}
	text := strings.Join(limits, "\n")
	for _, w := range []string{"ne sont pas des versions validées", "pas des normes cliniques", "normes publiées"} {
		if !strings.Contains(text, w) {
			t.Errorf("Paramètres limits lack %q:\n%s", w, text)
		}
	}
	xlsxFind(t, params, map[string]string{"Paramètre": "Période", "Valeur": "du 5 octobre au 1er novembre 2026"})
	if v, _ := f.GetCellValue(reports.SheetSummary, "B5"); v != "du 5 octobre au 1er novembre 2026" {
		t.Errorf("Synthèse period = %q", v)
	}
}

// A hidden unit's participation gives the reason its results give.
func TestXLSXParticipationHiddenReason(t *testing.T) {
	r := xlsxFixture(t, dossier.AudienceCommittee)
	res := r.Sections[0].Result
	res.Groups = append(res.Groups, &scoring.Group{ID: "unit:B", Kind: scoring.KindUnit, Label: "B", Suppressed: true, Reason: scoring.ReasonSecondary})
	r.Participation = append(r.Participation, scoring.UnitParticipation{Path: []string{"B"}, Headcount: 30})
	_, f := xlsxMust(t, r)
	part := xlsxSheetTable(t, f, reports.SheetParticipation)
	for unit, want := range map[string]string{"B": "masqué pour protéger un autre groupe", "A / " + xlsxSecretUnit: "masqué (moins de 5 réponses)"} {
		if rec := xlsxFind(t, part, map[string]string{"Unité": unit}); rec["Répondants"] != want {
			t.Errorf("participation of %s = %q, want %q", unit, rec["Répondants"], want)
		}
	}
}

// The chart's labels are dark and readable, not Excel's pale default.
func TestXLSXChartLabelsReadable(t *testing.T) {
	data, _ := xlsxMust(t, xlsxFixture(t, dossier.AudienceCommittee))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		found = true
		if n := strings.Count(string(b), `<a:srgbClr val="000000"`); n < 2 {
			t.Errorf("%s: %d dark text colours, want the axes' labels dark", zf.Name, n)
		}
	}
	if !found {
		t.Fatal("no chart in the workbook")
	}
}
