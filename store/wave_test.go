package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// waveSpec is a one-questionnaire campaign over the given top-level units.
func waveSpec(title string, units ...string) *vigie.CampaignSpec {
	spec := &vigie.CampaignSpec{Title: title, Organisation: "Service social régional", Questionnaires: []string{"reconnaissance"}}
	for _, u := range units {
		spec.Units = append(spec.Units, vigie.UnitSpec{Path: []string{u}})
	}
	return spec
}

// mustRunWave opens the campaign, has n people per unit answer every
// effort item with effort (1-5), and closes it.
func mustRunWave(t *testing.T, s *store.Store, c *vigie.Campaign, n int, effort int) {
	t.Helper()
	ctx := context.Background()
	if err := s.OpenCampaign(ctx, c.ID, now); err != nil {
		t.Fatalf("OpenCampaign: %v", err)
	}
	codes := MustGenerateCodes(t, s, c.ID, n*len(c.Units))
	for i, code := range codes {
		r := &vigie.Response{
			Unit:    c.Units[i%len(c.Units)].Path,
			Answers: map[string]map[string]int{"reconnaissance": {"eff1": effort, "eff2": effort, "eff3": effort, "eff4": effort, "eff5": effort, "eff6": effort + i%2 - 1}},
		}
		if err := s.SubmitResponse(ctx, c.ID, code, r, now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
}

func TestWaves(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	first := MustCreateCampaign(t, s, waveSpec("Baromètre 2026", "Direction A", "Direction B"))

	t.Run("PreviousMustBeClosed", func(t *testing.T) {
		spec := waveSpec("Baromètre 2027", "Direction A")
		spec.Previous = first.ID
		_, err := s.CreateCampaign(ctx, spec)
		wantCode(t, err, vigie.EINVALID)
		if msg := vigie.ErrorMessage(err); msg != "previous : la campagne « "+first.ID+" » n'est pas close ; seule une vague close peut servir de comparaison." {
			t.Errorf("message = %q", msg)
		}
	})
	t.Run("PreviousMustExist", func(t *testing.T) {
		spec := waveSpec("Baromètre 2027", "Direction A")
		spec.Previous = "inconnue"
		_, err := s.CreateCampaign(ctx, spec)
		wantCode(t, err, vigie.EINVALID)
	})
	t.Run("MergeRefused", func(t *testing.T) {
		spec := waveSpec("Baromètre 2027", "Direction C")
		spec.Previous = first.ID
		spec.UnitMap = map[string]string{"Direction A": "Direction C", "Direction B": "Direction C"}
		_, err := s.CreateCampaign(ctx, spec)
		wantCode(t, err, vigie.EINVALID)
	})

	mustRunWave(t, s, first, 6, 2)
	t.Run("RenameOntoAnExistingUnitRefused", func(t *testing.T) {
		spec := waveSpec("Baromètre 2027", "Direction B")
		spec.Previous = first.ID
		spec.UnitMap = map[string]string{"Direction A": "Direction B"}
		_, err := s.CreateCampaign(ctx, spec)
		wantCode(t, err, vigie.EINVALID)
		if !strings.Contains(vigie.ErrorMessage(err), "« Direction A » et « Direction B » de la vague précédente deviennent tous deux « Direction B »") {
			t.Errorf("message = %q", vigie.ErrorMessage(err))
		}
	})
	spec := waveSpec("Baromètre 2027", "Direction A", "Direction Bis")
	spec.Previous = first.ID
	spec.UnitMap = map[string]string{"Direction B": "Direction Bis"}
	second := MustCreateCampaign(t, s, spec)
	second, err := s.Campaign(ctx, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	if second.Previous != first.ID || second.UnitMap["Direction B"] != "Direction Bis" {
		t.Fatalf("stored link = %q %v, want %s and the rename", second.Previous, second.UnitMap, first.ID)
	}
	mustRunWave(t, s, second, 6, 4)

	t.Run("Trends", func(t *testing.T) {
		res, err := s.Result(ctx, second.ID, "reconnaissance")
		if err != nil {
			t.Fatal(err)
		}
		tr, err := s.Trends(ctx, second, "reconnaissance", res)
		if err != nil {
			t.Fatalf("Trends: %v", err)
		}
		if tr == nil || tr.Previous.Respondents != 12 {
			t.Fatalf("trends = %+v, want previous respondents 12", tr)
		}
		for _, id := range []string{"all", "unit:Direction A", "unit:Direction Bis"} {
			g := tr.Groups[id]
			if g == nil || g.Dimensions["effort"] == nil || g.Dimensions["effort"].Change != scoring.Worse {
				t.Errorf("%s: trend %+v, want effort worse", id, g)
			}
		}
		if len(tr.Groups) != 3 {
			t.Errorf("groups = %d, want 3", len(tr.Groups))
		}
	})
	t.Run("Report", func(t *testing.T) {
		r, err := s.Report(ctx, second.ID, store.ReportOptions{Audience: dossier.AudienceCommittee})
		if err != nil {
			t.Fatal(err)
		}
		if r.PreviousTitle != "Baromètre 2026" || r.Sections[0].Trends == nil || r.Sections[0].Trends.Groups["all"] == nil {
			t.Fatalf("report previous %q, trends %+v; want the first wave's title and trends", r.PreviousTitle, r.Sections[0].Trends)
		}
	})
	t.Run("NoPreviousNoTrends", func(t *testing.T) {
		res, err := s.Result(ctx, first.ID, "reconnaissance")
		if err != nil {
			t.Fatal(err)
		}
		if tr, err := s.Trends(ctx, first, "reconnaissance", res); tr != nil || err != nil {
			t.Fatalf("Trends = %v, %v; want none", tr, err)
		}
	})
	t.Run("Series", func(t *testing.T) {
		waves, err := s.Series(ctx, second.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(waves) != 2 || waves[0].Campaign.ID != first.ID || waves[1].Campaign.ID != second.ID {
			t.Fatalf("series = %v, want first then second", waves)
		}
		before, after := waves[0].Means["reconnaissance"]["effort"], waves[1].Means["reconnaissance"]["effort"]
		if !(before < after) || waves[1].Respondents["reconnaissance"] != 12 {
			t.Errorf("effort means %v then %v, respondents %v; want a rise and 12", before, after, waves[1].Respondents)
		}
	})
}
