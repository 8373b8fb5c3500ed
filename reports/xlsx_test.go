package reports_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// xlsxRound is x rounded to prec decimals as the PDF prints it (the
// decimal nearest to x), as a number: what a workbook cell must hold.
// excelize writes the shortest decimal of a float, so a cell read back is
// exactly this value.
func xlsxRound(x float64, prec int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', prec, 64), 64)
	return v + 0
}

// xlsxPct is a share rounded to the whole percent, as the PDF prints it,
// kept a share.
func xlsxPct(p float64) float64 { return math.Round(100*p) / 100 }

// num parses a raw cell value; the test fails on anything but a number.
func xlsxNum(tb testing.TB, rec map[string]string, col string) float64 {
	tb.Helper()
	v, err := strconv.ParseFloat(rec[col], 64)
	if err != nil {
		tb.Fatalf("column %q = %q, want a number (row %v)", col, rec[col], rec)
	}
	return v
}

func TestXLSXSheets(t *testing.T) {
	for _, tc := range []struct {
		audience dossier.Audience
		annex    bool
		want     []string
	}{
		{dossier.AudienceConsultant, false, []string{"Synthèse", "Participation", "Dimensions", "Carte", "Items", "Fiabilité", "Indicateurs", "Commentaires", "Paramètres"}},
		{dossier.AudienceCommittee, true, []string{"Synthèse", "Participation", "Dimensions", "Carte", "Items", "Fiabilité", "Indicateurs", "Commentaires", "Paramètres"}},
		{dossier.AudienceCommittee, false, []string{"Synthèse", "Participation", "Dimensions", "Carte", "Fiabilité", "Indicateurs", "Commentaires", "Paramètres"}},
	} {
		t.Run(fmt.Sprintf("%s_annex%v", tc.audience, tc.annex), func(t *testing.T) {
			r := xlsxFixture(t, tc.audience)
			r.IncludeItemAnnex = tc.annex
			_, f := xlsxMust(t, r)
			got := f.GetSheetList()
			if !slices.Equal(got, tc.want) {
				t.Fatalf("sheets = %q, want %q", got, tc.want)
			}
			filters := map[string]bool{}
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm._FilterDatabase" {
					filters[dn.Scope] = true
				}
			}
			for _, name := range got {
				if n := utf8.RuneCountInString(name); n > 31 {
					t.Errorf("sheet %q has %d characters, Excel allows 31", name, n)
				}
				if name == reports.SheetSummary {
					continue
				}
				panes, err := f.GetPanes(name)
				if err != nil || !panes.Freeze || panes.YSplit != 1 {
					t.Errorf("sheet %s: panes = %+v (%v), want the header row frozen", name, panes, err)
				}
				if !filters[name] {
					t.Errorf("sheet %s has no autofilter", name)
				}
			}
		})
	}
}

func TestXLSXFiguresMatchResult(t *testing.T) {
	r := xlsxFixture(t, dossier.AudienceConsultant)
	_, f := xlsxMust(t, r)
	q, res := r.Sections[0].Questionnaire, r.Sections[0].Result

	dims := xlsxSheetTable(t, f, reports.SheetDimensions)
	if want := len(res.Groups) * len(q.Dimensions); len(dims) != want {
		t.Fatalf("Dimensions has %d rows, want %d", len(dims), want)
	}
	items := xlsxSheetTable(t, f, reports.SheetItems)
	inds := xlsxSheetTable(t, f, reports.SheetIndicators)
	heat := xlsxSheetTable(t, f, reports.SheetMap)
	checked := 0
	for _, g := range res.Groups {
		if g.Suppressed {
			continue
		}
		for _, d := range q.Dimensions {
			ds := g.Dimensions[d.ID]
			rec := xlsxFind(t, dims, map[string]string{"Code groupe": g.ID, "Code dimension": d.ID})
			mapRec := xlsxFind(t, heat, map[string]string{"Code groupe": g.ID})
			if ds.Suppressed {
				if rec["Statut"] != "masqué" || rec["Moyenne"] != "" || rec["n"] != "" {
					t.Errorf("suppressed measure %s/%s written as %v", g.ID, d.ID, rec)
				}
				want := "moins de 5 réponses"
				if ds.Reason == scoring.ReasonSecondary {
					want = "masqué pour protéger un autre groupe"
				}
				if got := mapRec[d.Title["fr"]]; got != want {
					t.Errorf("Carte %s/%s = %q, want %q", g.ID, d.ID, got, want)
				}
				continue
			}
			for col, want := range map[string]float64{
				"n": float64(ds.N), "Moyenne": xlsxRound(ds.Mean, 1), "Écart-type": xlsxRound(ds.SD, 1),
				"IC 95 % bas": xlsxRound(ds.CI95[0], 1), "IC 95 % haut": xlsxRound(ds.CI95[1], 1),
				"Part favorable":     xlsxPct(ds.Shares[scoring.Favourable]),
				"Part intermédiaire": xlsxPct(ds.Shares[scoring.Intermediate]),
				"Part défavorable":   xlsxPct(ds.Shares[scoring.Unfavourable]),
			} {
				if got := xlsxNum(t, rec, col); got != want {
					t.Errorf("%s %s %s = %v, want %v", g.ID, d.ID, col, got, want)
				}
			}
			if got, want := xlsxNum(t, mapRec, d.Title["fr"]), xlsxRound(ds.Mean, 1); got != want {
				t.Errorf("Carte %s %s = %v, want %v", g.ID, d.ID, got, want)
			}
			checked++
		}
		for _, it := range q.Items() {
			st := g.Items[it.ID]
			rec := xlsxFind(t, items, map[string]string{"Code groupe": g.ID, "Code item": it.ID})
			if st.Suppressed {
				if rec["Statut"] != "masqué" || rec["Réponses"] != "" || rec["1"] != "" {
					t.Errorf("suppressed item %s/%s written as %v", g.ID, it.ID, rec)
				}
				continue
			}
			if got := xlsxNum(t, rec, "Réponses"); got != float64(st.N) {
				t.Errorf("%s %s n = %v, want %d", g.ID, it.ID, got, st.N)
			}
			for v, c := range st.Counts {
				if got := xlsxNum(t, rec, v); got != float64(c) {
					t.Errorf("%s %s count of %s = %v, want %d", g.ID, it.ID, v, got, c)
				}
			}
		}
		for _, ind := range q.Indicators {
			st := g.Indicators[ind.ID]
			rec := xlsxFind(t, inds, map[string]string{"Code groupe": g.ID, "Code indicateur": ind.ID})
			if st.Suppressed {
				if rec["Statut"] != "masqué" || rec["Moyenne"] != "" {
					t.Errorf("suppressed indicator %s written as %v", g.ID, rec)
				}
				continue
			}
			if xlsxNum(t, rec, "n") != float64(st.N) || xlsxNum(t, rec, "Moyenne") != xlsxRound(st.Mean, 2) || xlsxNum(t, rec, "Part au-dessus du seuil") != xlsxPct(st.ShareAbove) {
				t.Errorf("indicator %s = %v, want %+v", g.ID, rec, st)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no published figure checked")
	}

	rel := xlsxSheetTable(t, f, reports.SheetReliability)
	r0 := xlsxFind(t, rel, map[string]string{"Code dimension": "dim0"})
	if xlsxNum(t, r0, "Alpha de Cronbach") != xlsxRound(*res.Reliability["dim0"].Alpha, 2) || xlsxNum(t, r0, "n (réponses complètes)") != 97 {
		t.Errorf("reliability dim0 = %v", r0)
	}
	if r1 := xlsxFind(t, rel, map[string]string{"Code dimension": "dim1"}); r1["Alpha de Cronbach"] != "—" || r1["n (réponses complètes)"] != "8" {
		t.Errorf("reliability dim1 without alpha = %v", r1)
	}

	part := xlsxSheetTable(t, f, reports.SheetParticipation)
	for _, p := range r.Participation {
		rec := xlsxFind(t, part, map[string]string{"Unité": xlsxUnitCell(p.Path)})
		if p.Respondents == nil {
			// The reason is the one the unit's results give.
			want := "masqué (moins de 5 réponses)"
			for _, g := range res.Groups {
				if g.ID == "unit:"+strings.Join(p.Path, "/") && g.Reason == scoring.ReasonSecondary {
					want = "masqué pour protéger un autre groupe"
				}
			}
			if rec["Répondants"] != want || rec["Taux de participation"] != "" {
				t.Errorf("suppressed participation %v written as %v, want %q", p.Path, rec, want)
			}
			continue
		}
		if xlsxNum(t, rec, "Répondants") != float64(*p.Respondents) {
			t.Errorf("participation %v = %v", p.Path, rec)
		}
		if p.Rate != nil && xlsxNum(t, rec, "Taux de participation") != xlsxPct(*p.Rate) {
			t.Errorf("rate %v = %v, want %v", p.Path, rec["Taux de participation"], xlsxPct(*p.Rate))
		}
	}

	params := xlsxSheetTable(t, f, reports.SheetParameters)
	if rec := xlsxFind(t, params, map[string]string{"Paramètre": "Seuil d'anonymat (k)"}); rec["Valeur"] != "5" {
		t.Errorf("k parameter = %v", rec)
	}
	if rec := xlsxFind(t, params, map[string]string{"Paramètre": "Version", "Questionnaire": q.ID}); rec["Valeur"] != "3" {
		t.Errorf("questionnaire version = %v", rec)
	}
	if rec := xlsxFind(t, params, map[string]string{"Paramètre": "Seuil haut", "Code dimension": "dim0"}); xlsxNum(t, rec, "Valeur") != 66.7 {
		t.Errorf("cut-off = %v", rec)
	}

	// The summary's mean of the first dimension, all respondents.
	all := res.Groups[0].Dimensions["dim0"]
	rows, _ := f.GetRows(reports.SheetSummary)
	found := false
	for _, row := range rows {
		if len(row) >= 3 && row[0] == "Dimension 0" {
			mean, err := strconv.ParseFloat(row[1], 64)
			found = err == nil && mean == xlsxRound(all.Mean, 1) && row[2] == strconv.Itoa(all.N)
		}
	}
	if !found {
		t.Errorf("Synthèse lacks Dimension 0 with mean %v and n %d: %q", all.Mean, all.N, rows)
	}
}

// A suppressed group's label may appear, to show that it exists, but never
// on a row that holds a number.
func TestXLSXSuppressedGroupsHaveNoFigures(t *testing.T) {
	for _, audience := range []dossier.Audience{dossier.AudienceCommittee, dossier.AudienceConsultant} {
		t.Run(string(audience), func(t *testing.T) {
			r := xlsxFixture(t, audience)
			r.IncludeItemAnnex = true
			_, f := xlsxMust(t, r)
			var secret []string
			for _, g := range r.Sections[0].Result.Groups {
				if g.Suppressed {
					secret = append(secret, g.Label, g.ID)
				}
			}
			seen := 0
			for _, sheet := range f.GetSheetList() {
				if sheet == reports.SheetParticipation {
					continue // Participation is keyed by unit path, checked in TestXLSXFiguresMatchResult
				}
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for i, row := range rows {
					if !slices.ContainsFunc(row, func(c string) bool { return slices.Contains(secret, c) }) {
						continue
					}
					seen++
					for _, c := range row {
						if _, err := strconv.ParseFloat(c, 64); err == nil {
							t.Errorf("%s row %d names a suppressed group and holds the number %s: %q", sheet, i+1, c, row)
						}
					}
				}
			}
			if seen == 0 {
				t.Fatal("suppressed groups appear nowhere; they should be listed as masked")
			}
		})
	}
}

func TestXLSXEnglishHeaders(t *testing.T) {
	r := xlsxFixture(t, dossier.AudienceCommittee)
	r.Lang = "en"
	_, f := xlsxMust(t, r)
	rec := xlsxFind(t, xlsxSheetTable(t, f, reports.SheetDimensions), map[string]string{"Dimension code": "dim0", "Group code": "all"})
	if rec["Group"] != "All respondents" {
		t.Errorf("English group label = %q, want All respondents", rec["Group"])
	}
	if rec["Mean"] == "" || rec["Status"] != "published" || rec["Dimension"] != "Dimension 0 (en)" {
		t.Errorf("English row = %v", rec)
	}
}

// Text that begins with = + - @ is stored as a string: no cell of the
// package has a formula element, and the text reads back unchanged.
func TestXLSXFormulaInjection(t *testing.T) {
	data, f := xlsxMust(t, xlsxFixture(t, dossier.AudienceConsultant))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	sheets := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		sheets++
		for _, c := range xlsxSheetCells(t, zf) {
			if c.F != nil {
				t.Errorf("%s cell %s has a formula %q", zf.Name, c.R, c.F.Text)
			}
		}
	}
	if sheets < 8 {
		t.Fatalf("found %d worksheets in the package", sheets)
	}
	for _, tc := range []struct{ sheet, col, want string }{
		{reports.SheetDimensions, "Libellé", xlsxInjectUnit},
		{reports.SheetDimensions, "Libellé", xlsxInjectPlus},
		{reports.SheetDimensions, "Libellé", xlsxInjectMinus},
		{reports.SheetDimensions, "Libellé", xlsxInjectAt},
		{reports.SheetParticipation, "Unité", xlsxInjectUnit},
	} {
		xlsxFind(t, xlsxSheetTable(t, f, tc.sheet), map[string]string{tc.col: tc.want})
	}
	if v, _ := f.GetCellValue(reports.SheetSummary, "B3"); v != "CHU de "+xlsxInjectPlus {
		t.Errorf("organisation = %q", v)
	}
}

type xlsxXMLCell struct {
	R string `xml:"r,attr"`
	T string `xml:"t,attr"`
	F *struct {
		Text string `xml:",chardata"`
	} `xml:"f"`
}

func xlsxSheetCells(t *testing.T, zf *zip.File) []xlsxXMLCell {
	t.Helper()
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var ws struct {
		Rows []struct {
			Cells []xlsxXMLCell `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.NewDecoder(rc).Decode(&ws); err != nil {
		t.Fatalf("%s: %v", zf.Name, err)
	}
	var cells []xlsxXMLCell
	for _, r := range ws.Rows {
		cells = append(cells, r.Cells...)
	}
	return cells
}

// Every XML part of the package is well-formed, and the workbook has a
// chart. (A malformed part is what makes Excel offer a repair.)
func TestXLSXWellFormed(t *testing.T) {
	data, _ := xlsxMust(t, xlsxFixture(t, dossier.AudienceConsultant))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err = dec.Token(); err != nil {
				break
			}
		}
		rc.Close()
		if !errors.Is(err, io.EOF) {
			t.Errorf("%s is not well-formed: %v", zf.Name, err)
		}
	}
	if charts != 1 {
		t.Errorf("%d charts, want 1 (dimension means)", charts)
	}
}

// TestXLSXLibreOffice converts the workbook with LibreOffice, which refuses
// files it would have to repair. It needs soffice and VIGIE_LIBREOFFICE=1.
func TestXLSXLibreOffice(t *testing.T) {
	if os.Getenv("VIGIE_LIBREOFFICE") == "" {
		t.Skip("set VIGIE_LIBREOFFICE=1 to convert with LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	data, _ := xlsxMust(t, xlsxFixture(t, dossier.AudienceConsultant))
	dir := t.TempDir()
	in := filepath.Join(dir, "rapport.xlsx")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3", "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "rapport-Dimensions.csv"))
	if err != nil {
		t.Fatalf("no Dimensions csv: %v\n%s", err, out)
	}
	if !bytes.Contains(csv, []byte(`"`+strings.ReplaceAll(xlsxInjectUnit, `"`, `""`)+`"`)) {
		t.Errorf("LibreOffice did not keep %s as text", xlsxInjectUnit)
	}
}

// Unusual reports still give a workbook that opens: nothing at all, a
// campaign under k, two questionnaires side by side.
func TestXLSXEdgeCases(t *testing.T) {
	tiny := xlsxFixture(t, dossier.AudienceConsultant)
	for _, g := range tiny.Sections[0].Result.Groups {
		*g = *xlsxSuppressedGroup(g.ID, g.Kind, g.Label, g.Parent, g.Segment, scoring.ReasonBelowThreshold)
	}

	two := xlsxFixture(t, dossier.AudienceConsultant)
	other := xlsxFixture(t, dossier.AudienceConsultant).Sections[0]
	other.Questionnaire = xlsxQuestionnaire(t, 2, 2)
	other.Questionnaire.ID = "autre-q"
	two.Sections = append(two.Sections, other)

	for name, tc := range map[string]struct {
		r     *dossier.Report
		check string // a header expected on the Carte sheet
	}{
		"empty":    {&dossier.Report{Audience: dossier.AudienceConsultant}, "Groupe"},
		"under_k":  {tiny, "Dimension 0"},
		"two_sets": {two, "autre-q : Dimension 1"},
	} {
		t.Run(name, func(t *testing.T) {
			_, f := xlsxMust(t, tc.r)
			head, err := f.GetRows(reports.SheetMap)
			if err != nil || len(head) == 0 || !slices.Contains(head[0], tc.check) {
				t.Fatalf("Carte header = %q (%v), want %q in it", head, err, tc.check)
			}
		})
	}
}

// The workbook is the consultant's document: its sheets speak of the
// survey, never in the software's name (issue 20); Vigie's version stays
// in the Paramètres sheet, the workbook's colophon.
func TestXLSXSpeaksInNoSoftwaresName(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := xlsxFixture(t, dossier.AudienceCommittee)
			r.Lang = lang
			_, f := xlsxMust(t, r)
			for _, sheet := range f.GetSheetList() {
				if sheet == reports.SheetParameters {
					continue
				}
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatalf("rows of %s: %v", sheet, err)
				}
				for i, row := range rows {
					for j, cell := range row {
						if strings.Contains(cell, "Vigie") {
							t.Errorf("%s!%s%d = %q names Vigie", sheet, string(rune('A'+j)), i+1, cell)
						}
					}
				}
			}
		})
	}
}
