package reports_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// xlsxWithTrends adds a comparison with a previous wave to r's first
// section, with figures that are not rounded (thirds), as a caller other
// than scoring might give them: the workbook must round them itself.
func xlsxWithTrends(r *dossier.Report) *dossier.Report {
	s := &r.Sections[0]
	t := &scoring.Trends{Groups: map[string]*scoring.GroupTrend{}, NonComparable: map[string]string{"dim2": "la question d2i0 a été ajoutée"}}
	for i, g := range s.Result.Groups {
		if g.Suppressed {
			continue
		}
		gt := &scoring.GroupTrend{Dimensions: map[string]*scoring.DimensionTrend{}, Indicators: map[string]*scoring.IndicatorTrend{}}
		for _, id := range []string{"dim0", "dim1"} {
			if ds := g.Dimensions[id]; ds == nil || ds.Suppressed {
				continue
			}
			x := float64(i) / 3
			gt.Dimensions[id] = &scoring.DimensionTrend{
				PreviousMean: 75 + 2*x, Delta: 1 + x, CI95: [2]float64{-2 + x, 4 + x}, Change: scoring.Stable,
			}
		}
		if st := g.Indicators["ratio"]; st != nil && !st.Suppressed {
			gt.Indicators["ratio"] = &scoring.IndicatorTrend{PreviousMean: 1 + float64(i)/7, Delta: float64(i) / 11}
		}
		t.Groups[g.ID] = gt
	}
	s.Trends = t
	r.PreviousTitle = "Baromètre 2025"
	return r
}

// The consultant's workbook has no row per person (issue 19): no Scores
// sheet, and no sheet longer than one row per group and measure (plus the
// units' participation and the settings) would need, even for a campaign
// of 10,000 respondents.
func TestXLSXNoRowPerPerson(t *testing.T) {
	for _, audience := range []dossier.Audience{dossier.AudienceConsultant, dossier.AudienceCommittee} {
		t.Run(string(audience), func(t *testing.T) {
			r := xlsxWithTrends(xlsxFixture(t, audience))
			r.IncludeItemAnnex = true
			res := r.Sections[0].Result
			res.Respondents = 10_000
			res.Groups[0].Respondents = 10_000
			_, f := xlsxMust(t, r)

			sheets := f.GetSheetList()
			want := []string{"Synthèse", "Participation", "Dimensions", "Carte", "Items", "Fiabilité", "Indicateurs", "Évolution", "Commentaires", "Paramètres"}
			if !slices.Equal(sheets, want) {
				t.Fatalf("sheets = %q, want %q (no Scores sheet)", sheets, want)
			}
			bound := len(r.Participation) + 20 // the units, and the report's settings
			for _, s := range r.Sections {
				q := s.Questionnaire
				measures := len(q.Dimensions) + len(q.Indicators) + len(q.Items())
				bound += len(s.Result.Groups)*measures + 4*len(q.Dimensions) + 1
			}
			if bound >= res.Respondents {
				t.Fatalf("bound %d ≥ %d respondents: the test could not tell a per-person sheet", bound, res.Respondents)
			}
			for _, sheet := range sheets {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) > bound {
					t.Errorf("sheet %s has %d rows, more than the %d that groups × measures need", sheet, len(rows), bound)
				}
			}
		})
	}
}

// Every figure of the workbook is rounded as the PDF prints it at its
// finest: 0-100 scores (means, SDs, intervals, changes) to 0.1, indicator
// means and changes and alphas to 0.01, shares and rates to the whole
// percent (0.42), counts whole. The fixture's figures are thirds, never
// round, so a cell left at full precision fails. Settings (Paramètres, an
// indicator's threshold) are not figures of the answers and are left out.
func TestXLSXFiguresRoundedAsPDF(t *testing.T) {
	r := xlsxWithTrends(xlsxFixture(t, dossier.AudienceConsultant))
	r.Participation = append(r.Participation, xlsxParticipation([]string{"C"}, 7, 9)) // 77.78 %
	_, f := xlsxMust(t, r)
	q := r.Sections[0].Questionnaire
	// Decimals per sheet and column; a column not listed holds counts.
	prec := map[string]map[string]int{
		reports.SheetDimensions: {"Moyenne": 1, "Écart-type": 1, "IC 95 % bas": 1, "IC 95 % haut": 1,
			"Part favorable": 2, "Part intermédiaire": 2, "Part défavorable": 2},
		reports.SheetIndicators:    {"Moyenne": 2, "Part au-dessus du seuil": 2, "Seuil": -1},
		reports.SheetReliability:   {"Alpha de Cronbach": 2},
		reports.SheetParticipation: {"Taux de participation": 2},
		reports.SheetParameters:    nil, // settings
	}
	checked := map[string]int{}
	for _, sheet := range f.GetSheetList() {
		if sheet == reports.SheetParameters {
			continue
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			if (i == 0 && sheet != reports.SheetSummary) || (sheet == reports.SheetSummary && len(row) > 0 && row[0] == "Généré le (UTC)") {
				continue // headers; the date of the report
			}
			for j, c := range row {
				v, err := strconv.ParseFloat(c, 64)
				if err != nil {
					continue
				}
				p := 0
				switch sheet {
				case reports.SheetSummary:
					p = 1 // k, n and the means of all respondents
				case reports.SheetMap:
					if rows[0][j] != "n" {
						p = 1
					}
				case reports.SheetTrends:
					p = 2
					if code := len(rows[0]) - 1; code < len(row) && q.Dimension(row[code]) != nil {
						p = 1 // a dimension's row
					}
				default:
					p = prec[sheet][rows[0][j]]
				}
				if p < 0 {
					continue
				}
				checked[sheet]++
				if want := xlsxRound(v, p); v != want {
					t.Errorf("%s row %d %q = %v, want it rounded to %d decimals (%v)", sheet, i+1, row[0], v, p, want)
				}
			}
		}
	}
	for _, sheet := range []string{reports.SheetSummary, reports.SheetDimensions, reports.SheetMap, reports.SheetIndicators,
		reports.SheetReliability, reports.SheetParticipation, reports.SheetTrends} {
		if checked[sheet] == 0 {
			t.Errorf("no figure checked on %s", sheet)
		}
	}
}

// The Évolution sheet rounds every figure of a row the same way (a report
// showed 75.8 → 76.17, change 0.3): for a dimension, the previous and
// current means, the change and its interval to 0.1; for an indicator,
// to 0.01.
func TestXLSXTrendsRounded(t *testing.T) {
	r := xlsxWithTrends(xlsxFixture(t, dossier.AudienceConsultant))
	_, f := xlsxMust(t, r)
	recs := xlsxSheetTable(t, f, reports.SheetTrends)
	res, tr := r.Sections[0].Result, r.Sections[0].Trends
	n := 0
	for _, g := range res.Groups {
		gt := tr.Groups[g.ID]
		if gt == nil {
			continue
		}
		for id, dt := range gt.Dimensions {
			rec := xlsxFind(t, recs, map[string]string{"Code groupe": g.ID, "Code mesure": id})
			for col, want := range map[string]float64{
				"2025": xlsxRound(dt.PreviousMean, 1), "2027": xlsxRound(g.Dimensions[id].Mean, 1),
				"Écart": xlsxRound(dt.Delta, 1), "IC 95 % bas": xlsxRound(dt.CI95[0], 1), "IC 95 % haut": xlsxRound(dt.CI95[1], 1),
			} {
				if got := xlsxNum(t, rec, col); got != want {
					t.Errorf("%s %s %s = %v, want %v", g.ID, id, col, got, want)
				}
			}
			n++
		}
		for id, it := range gt.Indicators {
			rec := xlsxFind(t, recs, map[string]string{"Code groupe": g.ID, "Code mesure": id})
			for col, want := range map[string]float64{
				"2025": xlsxRound(it.PreviousMean, 2), "2027": xlsxRound(g.Indicators[id].Mean, 2), "Écart": xlsxRound(it.Delta, 2),
			} {
				if got := xlsxNum(t, rec, col); got != want {
					t.Errorf("%s %s %s = %v, want %v", g.ID, id, col, got, want)
				}
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no trend checked")
	}
	// Shown with one decimal for a dimension, two for an indicator.
	rows, err := f.GetRows(reports.SheetTrends)
	if err != nil {
		t.Fatal(err)
	}
	current, groupCode, measureCode := slices.Index(rows[0], "2027"), slices.Index(rows[0], "Code groupe"), slices.Index(rows[0], "Code mesure")
	for _, tc := range []struct{ id, format string }{{"dim0", "0.0"}, {"ratio", "0.00"}} {
		i := slices.IndexFunc(rows, func(row []string) bool {
			return len(row) > measureCode && row[groupCode] == "all" && row[measureCode] == tc.id
		})
		if i < 0 || current < 0 {
			t.Fatalf("Évolution has no current mean of %s for all: %q", tc.id, rows)
		}
		ref, _ := excelize.CoordinatesToCellName(current+1, i+1)
		if _, got := xlsxCellStyle(t, f, reports.SheetTrends, ref); got != tc.format {
			t.Errorf("%s: current mean shown with format %q, want %q", tc.id, got, tc.format)
		}
	}
}
