package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

// mustWave opens the campaign id, has n people of Direction B answer
// charge-et-soutien (charge items at charge), and closes it.
func (as *adminServer) mustWave(tb testing.TB, id string, n, charge int) {
	tb.Helper()
	ctx := context.Background()
	if err := as.Store.OpenCampaign(ctx, id, now); err != nil {
		tb.Fatalf("OpenCampaign: %v", err)
	}
	codes, err := as.Store.GenerateCodes(ctx, id, n, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i, code := range codes {
		r := &vigie.Response{CampaignID: id, Unit: []string{"Direction B"}, Answers: map[string]map[string]int{
			"charge-et-soutien": {"charge1": charge, "charge2": charge, "charge3": charge - i%2, "soutien1": 3, "soutien2": 1 + i%4, "soutien3": 2},
		}}
		if err := as.Store.SubmitResponse(ctx, id, code, r, now); err != nil {
			tb.Fatalf("SubmitResponse: %v", err)
		}
	}
	if err := as.Store.CloseCampaign(ctx, id, now); err != nil {
		tb.Fatalf("CloseCampaign: %v", err)
	}
}

func TestAPIWaves(t *testing.T) {
	as := MustNewAdminServer(t)
	_, token := as.token(t, as.Consultant)
	create := func(t *testing.T, body string) *page {
		t.Helper()
		return as.api(t, token, http.MethodPost, "/api/v1/campaigns", body)
	}
	const spec = `"title": "Baromètre", "organisation": "Service social régional", "questionnaires": ["charge-et-soutien"], "units": [{"path": "Direction B"}]`
	var first struct{ ID string }
	p := create(t, `{`+spec+`}`)
	wantStatus(t, p, http.StatusCreated)
	decode(t, p, &first)

	t.Run("PreviousMustBeClosed", func(t *testing.T) {
		p := create(t, `{`+spec+`, "previous": "`+first.ID+`"}`)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "n'est pas close")
	})
	t.Run("MergeRefused", func(t *testing.T) {
		p := create(t, `{`+spec+`, "previous": "`+first.ID+`", "unit_map": {"Direction A": "Direction B", "Direction C": "Direction B"}}`)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "une fusion ne se compare pas")
	})

	as.mustWave(t, first.ID, 8, 2)
	var second struct{ ID string }
	p = create(t, `{`+spec+`, "previous": "`+first.ID+`"}`)
	wantStatus(t, p, http.StatusCreated)
	decode(t, p, &second)
	as.mustWave(t, second.ID, 8, 4)

	t.Run("ResultsCarryTrends", func(t *testing.T) {
		p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+second.ID+"/results?questionnaire=charge-et-soutien", "")
		wantStatus(t, p, http.StatusOK)
		var got struct {
			Respondents int
			Trends      struct {
				Previous struct{ Respondents int }
				Groups   map[string]struct {
					Dimensions map[string]struct {
						Delta  float64
						Change string
					}
				}
			}
		}
		decode(t, p, &got)
		if got.Respondents != 8 || got.Trends.Previous.Respondents != 8 {
			t.Fatalf("respondents %d, previous %d; want 8 and 8:\n%s", got.Respondents, got.Trends.Previous.Respondents, p.Body)
		}
		if d := got.Trends.Groups["all"].Dimensions["charge"]; d.Change != "worse" || d.Delta <= 0 {
			t.Errorf("all/charge = %+v, want a rise, worse:\n%s", d, p.Body)
		}
	})
	t.Run("NoPreviousNoTrends", func(t *testing.T) {
		p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+first.ID+"/results?questionnaire=charge-et-soutien", "")
		wantStatus(t, p, http.StatusOK)
		var got map[string]any
		decode(t, p, &got)
		if _, ok := got["trends"]; ok {
			t.Fatalf("trends in a campaign without a previous wave:\n%s", p.Body)
		}
	})
	t.Run("Series", func(t *testing.T) {
		p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+second.ID+"/series", "")
		wantStatus(t, p, http.StatusOK)
		var got struct {
			Waves []struct {
				ID             string
				Questionnaires map[string]struct {
					Respondents int
					Dimensions  map[string]float64
				}
			}
		}
		decode(t, p, &got)
		if len(got.Waves) != 2 || got.Waves[0].ID != first.ID || got.Waves[1].ID != second.ID {
			t.Fatalf("waves = %+v, want first then second", got.Waves)
		}
		before, after := got.Waves[0].Questionnaires["charge-et-soutien"].Dimensions["charge"], got.Waves[1].Questionnaires["charge-et-soutien"].Dimensions["charge"]
		if !(before < after) {
			t.Errorf("charge %v then %v, want a rise", before, after)
		}
	})
	t.Run("CampaignPageNamesThePreviousWave", func(t *testing.T) {
		b := as.signedIn(t, consultantEmail)
		p := b.get("/admin/campaigns/" + second.ID)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, `id="previous-wave"`, `<a href="/admin/campaigns/`+first.ID+`">Baromètre</a>`)
	})
	t.Run("ResultsPageArrows", func(t *testing.T) {
		b := as.signedIn(t, consultantEmail)
		p := b.get("/admin/campaigns/" + second.ID + "/results/charge-et-soutien")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Évolution depuis Baromètre", `class="trend trend-worse"`, "▲&nbsp;&#43;", "points (de &#43;", ") : en hausse, dégradation", `<span class="trend-prev" aria-hidden="true">Avant&nbsp;: `)
		checkAccessible(t, p)
		p = b.get("/admin/campaigns/" + first.ID + "/results/charge-et-soutien")
		wantStatus(t, p, http.StatusOK)
		if strings.Contains(p.Body, "Évolution depuis") || strings.Contains(p.Body, `class="trend `) {
			t.Fatal("a campaign without a previous wave shows trends")
		}
	})
	t.Run("LineChartFromThreeWaves", func(t *testing.T) {
		b := as.signedIn(t, consultantEmail)
		p := b.get("/admin/campaigns/" + second.ID + "/results/charge-et-soutien")
		if strings.Contains(p.Body, `id="h-series"`) {
			t.Fatal("a line chart with two waves: the arrows say it all")
		}
		var third struct{ ID string }
		p = create(t, `{`+spec+`, "previous": "`+second.ID+`"}`)
		wantStatus(t, p, http.StatusCreated)
		decode(t, p, &third)
		as.mustWave(t, third.ID, 8, 3)
		p = b.get("/admin/campaigns/" + third.ID + "/results/charge-et-soutien")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, `id="h-series"`, "<polyline", "Ensemble : Baromètre", "Direction B : Baromètre")
		checkAccessible(t, p)
	})
	t.Run("OutsiderRefused", func(t *testing.T) {
		_, outsider := as.token(t, as.Outsider)
		p := as.api(t, outsider, http.MethodGet, "/api/v1/campaigns/"+second.ID+"/series", "")
		if p.Status != http.StatusForbidden && p.Status != http.StatusNotFound {
			t.Fatalf("status %d, want 403 or 404", p.Status)
		}
	})
}
