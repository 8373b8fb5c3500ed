package store_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
	"github.com/vigie-sante/vigie/store"
)

// portfolioQuestionnaire is the questionnaire the portfolio tests' campaigns answer.
const portfolioQuestionnaire = "reconnaissance"

// mustClosedOrganisation creates, answers (respondents random full
// answers) and closes in the week of now a campaign of organisation org
// with one questionnaire, and returns it.
func mustClosedOrganisation(t *testing.T, s *store.Store, org string, seed uint64, respondents int) *vigie.Campaign {
	return mustClosedOrganisationAt(t, s, org, seed, respondents, now)
}

// mustClosedOrganisationAt is mustClosedOrganisation opening and closing at.
func mustClosedOrganisationAt(t *testing.T, s *store.Store, org string, seed uint64, respondents int, at time.Time) *vigie.Campaign {
	t.Helper()
	ctx := context.Background()
	c := MustCreateCampaign(t, s, &vigie.CampaignSpec{Title: "Baromètre " + org, Organisation: org,
		Questionnaires: []string{portfolioQuestionnaire}, Languages: []string{"fr"}})
	if err := s.OpenCampaign(ctx, c.ID, at); err != nil {
		t.Fatal(err)
	}
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	for i, code := range MustGenerateCodes(t, s, c.ID, respondents) {
		answers := map[string]int{}
		for _, it := range qs[0].Items() {
			answers[it.ID] = it.Scale.Min + rng.IntN(it.Scale.Max-it.Scale.Min+1)
		}
		if err := s.SubmitResponse(ctx, c.ID, code, &vigie.Response{Answers: map[string]map[string]int{portfolioQuestionnaire: answers}}, at); err != nil {
			t.Fatalf("response %d of %s: %v", i, org, err)
		}
	}
	if err := s.CloseCampaign(ctx, c.ID, at); err != nil {
		t.Fatal(err)
	}
	return c
}

// overallMean is a campaign's published overall mean of a dimension.
func overallMean(t *testing.T, s *store.Store, campaignID, dim string) (float64, int) {
	t.Helper()
	r, err := s.Result(context.Background(), campaignID, portfolioQuestionnaire)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range r.Groups {
		if g.Kind == scoring.KindAll {
			d := g.Dimensions[dim]
			return d.Mean, d.N
		}
	}
	t.Fatalf("campaign %s has no overall group", campaignID)
	return 0, 0
}

func TestPortfolioSettings(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	p, err := s.PortfolioSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.Enabled || p.MinOrganisations != 5 {
		t.Fatalf("a new installation's portfolio = %+v, want off with a minimum of 5", p)
	}
	t.Run("MinimumBelowFiveRefused", func(t *testing.T) {
		err := s.SetPortfolioSettings(ctx, store.PortfolioSettings{Enabled: true, MinOrganisations: 4})
		wantCode(t, err, vigie.EINVALID)
		if !strings.Contains(vigie.ErrorMessage(err), "inférieur à 5") {
			t.Fatalf("message = %q, want it to give the minimum", vigie.ErrorMessage(err))
		}
	})
	t.Run("CampaignDefaultFollowsThePortfolio", func(t *testing.T) {
		before := MustCreateCampaign(t, s, nil)
		if err := s.SetPortfolioSettings(ctx, store.PortfolioSettings{Enabled: true, MinOrganisations: 7}); err != nil {
			t.Fatal(err)
		}
		after := MustCreateCampaign(t, s, nil)
		for _, tt := range []struct {
			c    *vigie.Campaign
			want bool
		}{{before, false}, {after, true}} {
			if in, err := s.CampaignInPortfolio(ctx, tt.c.ID); err != nil || in != tt.want {
				t.Errorf("campaign created %s the portfolio was on: included = %v (%v), want %v", map[bool]string{false: "before", true: "after"}[tt.want], in, err, tt.want)
			}
		}
		if err := s.SetCampaignInPortfolio(ctx, after.ID, false); err != nil {
			t.Fatal(err)
		}
		if feeds, err := s.FeedsPortfolio(ctx, after.ID); err != nil || feeds {
			t.Fatalf("a campaign left out feeds the portfolio = %v (%v), want false", feeds, err)
		}
		if p, _ := s.PortfolioSettings(ctx); !p.Enabled || p.MinOrganisations != 7 {
			t.Fatalf("settings read back = %+v, want on with 7", p)
		}
	})
}

// TestPortfolioVersions closes the campaigns of seven organisations (one
// with two waves, its name written differently), freezes a version, and
// checks its figures, its name, the cadence, the provider, and that the
// attacker holding it learns nothing.
func TestPortfolioVersions(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	if _, err := s.FreezePortfolio(ctx, now); vigie.ErrorCode(err) != vigie.ECONFLICT {
		t.Fatalf("freezing while the portfolio is off: %v, want ECONFLICT", err)
	}
	if err := s.SetPortfolioSettings(ctx, store.PortfolioSettings{Enabled: true, MinOrganisations: 5}); err != nil {
		t.Fatal(err)
	}
	old := mustClosedOrganisationAt(t, s, "Mairie de Lens", 100, 6, now.AddDate(-1, 0, 0))
	var latest []*vigie.Campaign
	for i := range 7 {
		org := fmt.Sprintf("Organisation %d", i)
		if i == 0 {
			org = "  mairie de  LENS " // the same organisation, its second wave
		}
		latest = append(latest, mustClosedOrganisation(t, s, org, uint64(i), 5+i))
	}
	left := mustClosedOrganisation(t, s, "Organisation à part", 99, 6)
	if err := s.SetCampaignInPortfolio(ctx, left.ID, false); err != nil {
		t.Fatal(err)
	}

	plan, err := s.PlanPortfolio(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Due || plan.Candidates != 7 {
		t.Fatalf("plan: due %v, %d organisations, want due with 7 (%s)", plan.Due, plan.Candidates, plan.Why)
	}
	v, err := s.FreezePortfolio(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if v.Label != "2027-1" || v.FrozenOn != "2027-02-02" || v.Organisations != 7 {
		t.Fatalf("version = %s of %s, %d organisations; want 2027-1 of 2027-02-02, 7", v.Label, v.FrozenOn, v.Organisations)
	}
	ref, err := s.PortfolioReference(ctx, portfolioQuestionnaire, v.References[0].Version)
	if err != nil || ref == nil {
		t.Fatalf("PortfolioReference = %v, %v; want the frozen one", ref, err)
	}
	qs, err := s.CampaignQuestionnaires(ctx, latest[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if viaSource, err := (store.PortfolioReferences{Store: s}).Reference(ctx, latest[0], qs[0]); err != nil || viaSource == nil || viaSource.Source != ref.Source {
		t.Fatalf("PortfolioReferences.Reference = %v, %v; want the provider's", viaSource, err)
	}
	if want := "portefeuille de 7 organisations, version 2027-1 du 2 février 2027"; ref.Source != want || ref.Organisations != 7 {
		t.Fatalf("reference source %q, %d organisations; want %q, 7", ref.Source, ref.Organisations, want)
	}
	var means []float64
	respondents := 0
	for _, c := range latest {
		m, n := overallMean(t, s, c.ID, "effort")
		means = append(means, m)
		respondents += n
	}
	got := ref.Dimensions["effort"]
	sum := 0.0
	for _, m := range means {
		sum += m
	}
	slices.Sort(means)
	if got.N != 7 || got.Respondents != respondents || math.Abs(got.Mean-sum/7) > 1e-9 || got.Median != means[3] ||
		math.Abs(got.Q1-(means[1]+means[2])/2) > 1e-9 || math.Abs(got.Q3-(means[4]+means[5])/2) > 1e-9 {
		t.Fatalf("effort reference = %+v; want mean %v of %v (latest waves only), %d respondents", got, sum/7, means, respondents)
	}

	t.Run("NotDueAgainSoon", func(t *testing.T) {
		mustClosedOrganisation(t, s, "Organisation 8", 8, 6)
		_, err := s.FreezePortfolio(ctx, now.AddDate(0, 1, 0))
		wantCode(t, err, vigie.ECONFLICT)
		if !strings.Contains(vigie.ErrorMessage(err), "prochaine version possible le 2 février 2028") {
			t.Fatalf("message = %q, want the day of the next version", vigie.ErrorMessage(err))
		}
	})
	t.Run("OneLeavingCannotBeIsolated", func(t *testing.T) {
		// A year later, one of the seven is left out and one organisation
		// joined: the six others cannot stay without it, nor can the new
		// one enter alone; nothing may be frozen.
		if err := s.SetCampaignInPortfolio(ctx, latest[3].ID, false); err != nil {
			t.Fatal(err)
		}
		_, err := s.FreezePortfolio(ctx, now.AddDate(1, 0, 1))
		wantCode(t, err, vigie.ECONFLICT)
		if !strings.Contains(vigie.ErrorMessage(err), "Aucune mesure ne réunit 6 organisations") {
			t.Fatalf("message = %q", vigie.ErrorMessage(err))
		}
	})
	t.Run("AttackerLearnsNothing", func(t *testing.T) {
		members, err := s.PortfolioMembers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		versions, err := s.PortfolioVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var releases []scoringtest.PortfolioRelease
		for _, v := range versions {
			for _, r := range v.References {
				for id, val := range r.Dimensions {
					key := fmt.Sprintf("%s@%d/d:%s", r.Questionnaire, r.Version, id)
					if len(members[v.Number][key]) != val.N {
						t.Fatalf("%s: %d members stored, %d published", key, len(members[v.Number][key]), val.N)
					}
					releases = append(releases, scoringtest.PortfolioRelease{Version: v.Number, Measure: key, Members: members[v.Number][key], Mean: val.Mean})
				}
			}
		}
		for _, c := range append(latest, old) {
			own := map[string]map[string]float64{c.ID: {}}
			for _, rel := range releases {
				dim := rel.Measure[strings.LastIndex(rel.Measure, ":")+1:]
				own[c.ID][rel.Measure], _ = overallMean(t, s, c.ID, dim)
			}
			if found := scoringtest.PortfolioAttack(releases, own, 5); len(found) > 0 {
				t.Fatalf("the attacker of %s found: %s", c.Organisation, found[0].Detail)
			}
		}
	})
	t.Run("OffShowsNothing", func(t *testing.T) {
		if err := s.SetPortfolioSettings(ctx, store.PortfolioSettings{Enabled: false, MinOrganisations: 5}); err != nil {
			t.Fatal(err)
		}
		if ref, err := s.PortfolioReference(ctx, portfolioQuestionnaire, v.References[0].Version); err != nil || ref != nil {
			t.Fatalf("reference with the portfolio off = %v, %v; want none", ref, err)
		}
	})
}
