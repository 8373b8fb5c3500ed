package reports_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// xlsxBenchReport is the load: 100,000 respondents in 40 units (8
// directions of 5 services) and 8 segment categories, one questionnaire of
// 80 items in 10 dimensions, for the consultant. The Result is synthesised
// directly: this measures the workbook, not the scoring. Since the
// workbook has no row per person (issue 19), its size follows the groups,
// not the respondents.
func xlsxBenchReport(b *testing.B) *dossier.Report {
	b.Helper()
	q := xlsxQuestionnaire(b, 10, 8)
	res := &scoring.Result{
		Questionnaire: scoring.QuestionnaireRef{ID: q.ID, Version: q.Version},
		MinGroupSize:  5, Respondents: 100_000,
		Reliability: map[string]scoring.Reliability{},
	}
	res.Groups = append(res.Groups, xlsxGroup(q, "all", scoring.KindAll, "Ensemble", "", "", 1))
	var part []scoring.UnitParticipation
	for d := range 8 {
		dir := fmt.Sprintf("Direction %d", d)
		res.Groups = append(res.Groups, xlsxGroup(q, "unit:"+dir, scoring.KindUnit, dir, "", "", d))
		part = append(part, xlsxParticipation([]string{dir}, 12_500, 15_000))
		for s := range 5 {
			svc := fmt.Sprintf("Service %d", s)
			path := []string{dir, svc}
			g := xlsxGroup(q, "unit:"+dir+"/"+svc, scoring.KindUnit, svc, "unit:"+dir, "", d*5+s)
			if s == 4 && d%3 == 0 {
				g = xlsxSuppressedGroup(g.ID, g.Kind, g.Label, g.Parent, "", scoring.ReasonSecondary)
			}
			res.Groups = append(res.Groups, g)
			part = append(part, xlsxParticipation(path, 2_500, 3_000))
		}
	}
	ages := []string{"<30", "30-50", ">50"}
	jobs := []string{"infirmier", "aide-soignant", "cadre", "médecin", "administratif"}
	for i, a := range ages {
		res.Groups = append(res.Groups, xlsxGroup(q, "segment:age="+a, scoring.KindSegment, a, "", "age", 50+i))
	}
	for i, j := range jobs {
		res.Groups = append(res.Groups, xlsxGroup(q, "segment:metier="+j, scoring.KindSegment, j, "", "metier", 60+i))
	}
	for _, d := range q.Dimensions {
		alpha := 0.8
		res.Reliability[d.ID] = scoring.Reliability{Alpha: &alpha, N: 90_000}
	}

	return &dossier.Report{
		Organisation: "Hôpital", Campaign: "Baromètre", GeneratedAt: time.Now(),
		Audience: dossier.AudienceConsultant, Lang: "fr", MinGroupSize: 5, CommentMinGroupSize: 10,
		Participation: part,
		Sections:      []dossier.Section{{Questionnaire: q, Result: res}},
	}
}

func BenchmarkXLSX100k(b *testing.B) {
	r := xlsxBenchReport(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := &xlsxCountingWriter{}
		if err := reports.XLSX(w, r); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(w.n)/1e6, "MB/file")
	}
}

type xlsxCountingWriter struct{ n int64 }

func (w *xlsxCountingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*xlsxCountingWriter)(nil)
