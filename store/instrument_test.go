package store_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires/instrument"
)

// TestImportedInstrumentScored takes the questionnaires imported from the
// samples of a template workbook and of a LimeSurvey file through a whole
// campaign: saved, opened, answered, closed and scored (issue 25).
func TestImportedInstrumentScored(t *testing.T) {
	for _, sample := range []string{"charge-et-soutien.xlsx", "charge-et-soutien.lss"} {
		t.Run(sample, func(t *testing.T) {
			ctx := context.Background()
			s := MustOpenStore(t)
			f, err := os.Open(filepath.Join("..", "questionnaires", "instrument", "testdata", sample))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			res, err := instrument.Import(f, sample)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveQuestionnaire(ctx, res.Questionnaire); err != nil {
				t.Fatalf("SaveQuestionnaire: %v", err)
			}
			q, err := s.Questionnaire(ctx, res.Questionnaire.ID)
			if err != nil {
				t.Fatal(err)
			}
			spec := testSpec()
			spec.Questionnaires = []string{q.ID}
			spec.Access = vigie.AccessLink
			c := MustOpenCampaign(t, s, spec)
			// Three answer the top of the scale, three the bottom, on
			// the scored side: a reverse-keyed item is answered the
			// other way round. Every dimension's mean is then 50.
			for i := range 6 {
				answers := map[string]int{}
				for _, it := range q.Items() {
					high := i < 3 != it.Reverse
					answers[it.ID] = it.Scale.Min
					if high {
						answers[it.ID] = it.Scale.Max
					}
				}
				r := &vigie.Response{Unit: []string{"Direction A", "Service 2"}, Segments: map[string]string{"metier": "Encadrement"},
					Answers: map[string]map[string]int{q.ID: answers}}
				if err := s.SubmitResponse(ctx, c.ID, "", r, now); err != nil {
					t.Fatalf("SubmitResponse: %v", err)
				}
			}
			if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
				t.Fatalf("CloseCampaign: %v", err)
			}
			results, err := s.CampaignResults(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			scored, err := results.Result(q.ID)
			if err != nil {
				t.Fatal(err)
			}
			all := scored.Result.Groups[0]
			if all.ID != "all" || all.Respondents != 6 {
				t.Fatalf("group %s: %d respondents, want all and 6", all.ID, all.Respondents)
			}
			for _, d := range q.Dimensions {
				st := all.Dimensions[d.ID]
				if st == nil || st.Suppressed || st.N != 6 || math.Abs(st.Mean-50) > 1e-9 {
					t.Errorf("dimension %s: %+v, want 6 respondents and a mean of 50", d.ID, st)
				}
			}
		})
	}
}
