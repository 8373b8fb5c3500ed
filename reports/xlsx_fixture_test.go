package reports_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// Names that a spreadsheet would take for formulas if written carelessly.
const (
	xlsxInjectUnit    = `=HYPERLINK("http://evil.example","clic")`
	xlsxInjectPlus    = "+33"
	xlsxInjectMinus   = "-x"
	xlsxInjectAt      = "@x"
	xlsxSecretUnit    = "Secret-A2" // a suppressed unit
	xlsxSecretSegment = "Stagiaire" // a suppressed segment category
)

// xlsxQuestionnaire builds a small questionnaire in code: one dimension
// where a high score is bad, one where it is good, an indicator.
func xlsxQuestionnaire(tb testing.TB, dims, itemsPerDim int) *questionnaires.Questionnaire {
	tb.Helper()
	scale := &questionnaires.Scale{ID: "accord", Min: 1, Max: 5, Labels: map[string][]string{"fr": {"1", "2", "3", "4", "5"}}}
	q := &questionnaires.Questionnaire{
		ID: "test-q", Version: 3, Language: "fr",
		Title:  questionnaires.Text{"fr": "Questionnaire d'essai", "en": "Test questionnaire"},
		Scales: []*questionnaires.Scale{scale},
	}
	for d := range dims {
		dim := &questionnaires.Dimension{
			ID:        fmt.Sprintf("dim%d", d),
			Title:     questionnaires.Text{"fr": fmt.Sprintf("Dimension %d", d), "en": fmt.Sprintf("Dimension %d (en)", d)},
			Direction: questionnaires.HigherIsWorse,
			Cutoffs:   questionnaires.Cutoffs{Low: 33.3, High: 66.7},
		}
		if d%2 == 1 {
			dim.Direction = questionnaires.HigherIsBetter
		}
		for i := range itemsPerDim {
			dim.Items = append(dim.Items, &questionnaires.Item{
				ID:    fmt.Sprintf("d%di%d", d, i),
				Text:  questionnaires.Text{"fr": fmt.Sprintf("Énoncé %d.%d", d, i)},
				Scale: scale,
			})
		}
		q.Dimensions = append(q.Dimensions, dim)
	}
	if dims >= 2 {
		q.Indicators = []*questionnaires.Indicator{{
			ID: "ratio", Title: questionnaires.Text{"fr": "Ratio effort/récompense"},
			Kind: questionnaires.KindRatio, Numerator: "dim0", Denominator: "dim1", Threshold: 1,
		}}
	}
	q.Finish()
	return q
}

// xlsxGroup makes a published group whose figures derive from seed, so
// that every group and dimension has distinct, non-round values.
func xlsxGroup(q *questionnaires.Questionnaire, id string, kind scoring.GroupKind, label, parent, segment string, seed int) *scoring.Group {
	g := &scoring.Group{
		ID: id, Kind: kind, Label: label, Parent: parent, Segment: segment,
		Respondents: 10 + seed,
		Dimensions:  map[string]*scoring.DimensionStats{},
		Indicators:  map[string]*scoring.IndicatorStats{},
		Items:       map[string]*scoring.ItemStats{},
	}
	for i, d := range q.Dimensions {
		x := float64((seed*7+i)%180) / 3 // thirds: never exact in binary
		fav := 0.1 + float64(i%5)/17
		g.Dimensions[d.ID] = &scoring.DimensionStats{
			N: g.Respondents - i%3, Mean: 20 + x, SD: 10 + x/7, CI95: [2]float64{15 + x, 25 + x},
			Level: scoring.Levels[(seed+i)%3],
			Shares: map[scoring.Level]float64{
				scoring.Favourable: fav, scoring.Intermediate: 0.5 - fav/3, scoring.Unfavourable: 0.5 - 2*fav/3,
			},
		}
	}
	for _, ind := range q.Indicators {
		g.Indicators[ind.ID] = &scoring.IndicatorStats{N: g.Respondents, Mean: 1 + float64(seed)/13, ShareAbove: float64(seed%7) / 11}
	}
	for j, it := range q.Items() {
		g.Items[it.ID] = &scoring.ItemStats{N: g.Respondents, Counts: map[string]int{
			"1": seed % 4, "2": j % 5, "3": 2, "4": (seed + j) % 3, "5": g.Respondents - seed%4 - j%5 - 2 - (seed+j)%3,
		}}
	}
	return g
}

func xlsxSuppressedGroup(id string, kind scoring.GroupKind, label, parent, segment, reason string) *scoring.Group {
	return &scoring.Group{ID: id, Kind: kind, Label: label, Parent: parent, Segment: segment, Suppressed: true, Reason: reason}
}

// xlsxFixture is a report with published and suppressed groups, a
// suppressed measure inside a published group, and names that look like
// formulas.
func xlsxFixture(tb testing.TB, audience dossier.Audience) *dossier.Report {
	tb.Helper()
	q := xlsxQuestionnaire(tb, 3, 4)
	alpha := 0.8123456789
	res := &scoring.Result{
		Questionnaire: scoring.QuestionnaireRef{ID: q.ID, Version: q.Version},
		MinGroupSize:  5,
		Respondents:   120,
		Groups: []*scoring.Group{
			xlsxGroup(q, "all", scoring.KindAll, "Ensemble", "", "", 110),
			xlsxGroup(q, "unit:A", scoring.KindUnit, "A", "", "", 40),
			xlsxGroup(q, "unit:A/A1", scoring.KindUnit, "A1", "unit:A", "", 30),
			xlsxSuppressedGroup("unit:A/"+xlsxSecretUnit, scoring.KindUnit, xlsxSecretUnit, "unit:A", "", scoring.ReasonBelowThreshold),
			xlsxGroup(q, "unit:"+xlsxInjectUnit, scoring.KindUnit, xlsxInjectUnit, "", "", 25),
			xlsxGroup(q, "segment:metier="+xlsxInjectPlus, scoring.KindSegment, xlsxInjectPlus, "", "metier", 20),
			xlsxGroup(q, "segment:metier="+xlsxInjectMinus, scoring.KindSegment, xlsxInjectMinus, "", "metier", 21),
			xlsxGroup(q, "segment:metier="+xlsxInjectAt, scoring.KindSegment, xlsxInjectAt, "", "metier", 22),
			xlsxSuppressedGroup("segment:metier="+xlsxSecretSegment, scoring.KindSegment, xlsxSecretSegment, "", "metier", scoring.ReasonSecondary),
		},
		Reliability: map[string]scoring.Reliability{
			"dim0": {Alpha: &alpha, N: 97},
			"dim1": {Alpha: nil, N: 8},
		},
	}
	// A suppressed measure in a published group.
	a1 := res.Groups[2]
	a1.Dimensions["dim1"] = &scoring.DimensionStats{Suppressed: true, Reason: scoring.ReasonBelowThreshold}
	a1.Items["d1i0"] = &scoring.ItemStats{Suppressed: true, Reason: scoring.ReasonBelowThreshold}
	a1.Indicators["ratio"] = &scoring.IndicatorStats{Suppressed: true, Reason: scoring.ReasonSecondary}

	r := &dossier.Report{
		Organisation: "CHU de " + xlsxInjectPlus, Campaign: "Baromètre 2027",
		GeneratedAt: time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC),
		Audience:    audience, Lang: "fr", MinGroupSize: 5, CommentMinGroupSize: 10, Version: "1.2.3",
		Participation: []scoring.UnitParticipation{
			xlsxParticipation([]string{"A"}, 40, 50),
			xlsxParticipation([]string{"A", "A1"}, 30, 32),
			{Path: []string{"A", xlsxSecretUnit}, Headcount: 6},
			xlsxParticipation([]string{xlsxInjectUnit}, 25, 0),
		},
		Sections: []dossier.Section{{Questionnaire: q, Result: res}},
	}
	return r
}

func xlsxParticipation(path []string, n, headcount int) scoring.UnitParticipation {
	p := scoring.UnitParticipation{Path: path, Respondents: &n, Headcount: headcount}
	if headcount > 0 {
		rate := float64(n) / float64(headcount)
		p.Rate = &rate
	}
	return p
}

// mustXLSX renders r and opens it back, with raw cell values (numbers as
// stored, not as displayed).
func xlsxMust(tb testing.TB, r *dossier.Report) ([]byte, *excelize.File) {
	tb.Helper()
	var buf bytes.Buffer
	if err := reports.XLSX(&buf, r); err != nil {
		tb.Fatalf("XLSX: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()), excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatalf("open xlsx: %v", err)
	}
	tb.Cleanup(func() { f.Close() })
	return buf.Bytes(), f
}

// sheetTable reads a sheet as a header and records keyed by header.
func xlsxSheetTable(tb testing.TB, f *excelize.File, sheet string) []map[string]string {
	tb.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatalf("read %s: %v", sheet, err)
	}
	if len(rows) == 0 {
		tb.Fatalf("sheet %s is empty", sheet)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		rec := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				rec[h] = row[i]
			}
		}
		out = append(out, rec)
	}
	return out
}

func xlsxFind(tb testing.TB, recs []map[string]string, match map[string]string) map[string]string {
	tb.Helper()
next:
	for _, rec := range recs {
		for k, v := range match {
			if rec[k] != v {
				continue next
			}
		}
		return rec
	}
	tb.Fatalf("no row with %v", match)
	return nil
}

func xlsxUnitCell(path []string) string { return strings.Join(path, " / ") }
