package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// smallUnitServer has 6 respondents in Direction A/Service 1, 2 in
// Direction A/Service 2 (under k = 5) and 6 in Direction B.
func smallUnitServer(t *testing.T) *adminServer {
	as := MustNewAdminServer(t)
	as.submitN(t, 6, []string{"Direction A", "Service 1"}, "Service 1")
	as.submitN(t, 2, []string{"Direction A", "Service 2"}, "Service 2")
	as.submitN(t, 6, []string{"Direction B"}, "Direction B")
	return as
}

// rowOf returns the table row whose header is label.
func rowOf(t *testing.T, body, label string) string {
	t.Helper()
	m := regexp.MustCompile(`<tr><th scope="row">(?:— )*`+regexp.QuoteMeta(label)+`</th>.*?</tr>`).FindAllString(body, -1)
	if len(m) == 0 {
		t.Fatalf("no row %q in:\n%s", label, body)
	}
	return strings.Join(m, "\n")
}

func TestParticipationBelowK(t *testing.T) {
	as := smallUnitServer(t)
	for _, email := range []string{consultantEmail, viewerEmail} {
		p := as.signedIn(t, email).get("/admin/campaigns/" + as.Campaign.ID)
		wantStatus(t, p, http.StatusOK)
		row := rowOf(t, p.Body, "Service 2")
		if !strings.Contains(row, "moins de 5") {
			t.Errorf("%s: Service 2 row = %s, want « moins de 5 »", email, row)
		}
		// Only the headcount (7) may be written: no count, no rate.
		if regexp.MustCompile(`>\s*[0-68-9]\d*\s*<|%`).MatchString(row) {
			t.Errorf("%s: Service 2 row shows a figure: %s", email, row)
		}
		wantContains(t, p, "inférieur à 60 %")
		if email == viewerEmail && (strings.Contains(p.Body, "/codes") || strings.Contains(p.Body, "Clore la campagne") || strings.Contains(p.Body, "/edit")) {
			t.Errorf("a viewer sees the campaign's controls:\n%s", p.Body)
		}
	}

	_, token := as.token(t, as.Viewer)
	p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/participation", "")
	wantStatus(t, p, http.StatusOK)
	var got struct {
		Units []struct {
			Unit        []string `json:"unit"`
			Respondents *int     `json:"respondents"`
			Headcount   *int     `json:"headcount"`
			Rate        *float64 `json:"rate"`
		} `json:"units"`
	}
	decode(t, p, &got)
	found := false
	for _, u := range got.Units {
		if strings.Join(u.Unit, "/") == "Direction A/Service 2" {
			found = true
			if u.Respondents != nil || u.Rate != nil || u.Headcount == nil || *u.Headcount != 7 {
				t.Errorf("Service 2 = %+v, want respondents and rate null, headcount 7", u)
			}
		}
		if strings.Join(u.Unit, "/") == "Direction B" && (u.Respondents == nil || *u.Respondents != 6) {
			t.Errorf("Direction B = %+v, want 6 respondents", u)
		}
	}
	if !found {
		t.Fatalf("no Service 2 in %s", p.Body)
	}
	if !strings.Contains(p.Body, `"respondents":null`) {
		t.Errorf("suppressed respondents are not null: %s", p.Body)
	}
}

func TestResultsNeverShowSuppressedFigures(t *testing.T) {
	as := smallUnitServer(t)
	as.closeCampaign(t)
	res, err := as.Store.Result(context.Background(), as.Campaign.ID, "charge-et-soutien")
	if err != nil {
		t.Fatal(err)
	}
	suppressed := map[string]bool{}
	// A segment none of whose categories is published has no rows, only a
	// sentence that names it.
	segmentShown := map[string]bool{}
	for _, g := range res.Groups {
		if g.Kind == scoring.KindSegment {
			segmentShown[g.Segment] = segmentShown[g.Segment] || !g.Suppressed
		}
	}
	for _, g := range res.Groups {
		switch {
		case g.Suppressed && g.Kind == scoring.KindSegment && segmentShown[g.Segment]:
			suppressed["Métier : "+g.Label] = true
		case g.Kind == scoring.KindSegment:
		case g.Suppressed:
			suppressed[g.Label] = true
		}
	}
	if !suppressed["Service 2"] {
		t.Fatalf("the fixture should suppress Service 2: %+v", suppressed)
	}

	for _, email := range []string{consultantEmail, viewerEmail} {
		p := as.signedIn(t, email).get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Carte des unités", "<svg", "<title", "<desc", "favorable", "Fiabilité")
		if !segmentShown["metier"] {
			wantContains(t, p, "Segment non publié&nbsp;: Métier.")
			if strings.Contains(p.Body, "Métier : ") {
				t.Errorf("%s: a row of the withheld segment Métier is shown", email)
			}
		}
		for label := range suppressed {
			row := rowOf(t, p.Body, label)
			cells := regexp.MustCompile(`<td[^>]*>`).FindAllString(row, -1)
			for _, td := range cells {
				if !strings.Contains(td, `class="suppressed"`) {
					t.Errorf("%s: suppressed group %s has a figure cell: %s", email, label, row)
				}
			}
			if !strings.Contains(row, "title=\"Moins de 5 réponses") && !strings.Contains(row, "title=\"Masqué pour") {
				t.Errorf("%s: no reason for %s: %s", email, label, row)
			}
		}
		if regexp.MustCompile(`<script>|style="|\son[a-z]+="`).MatchString(p.Body) {
			t.Errorf("inline script or style on the results page")
		}
	}

	// The API answers exactly the scoring result, as `vigie score` prints it.
	_, token := as.token(t, as.Viewer)
	p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/results?questionnaire=charge-et-soutien", "")
	wantStatus(t, p, http.StatusOK)
	want, _ := json.Marshal(res)
	var a, b any
	json.Unmarshal([]byte(p.Body), &a)
	json.Unmarshal(want, &b)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("API result differs from store.Result:\n%s\n%s", ja, jb)
	}
	var got scoring.Result
	decode(t, p, &got)
	var raw struct {
		Groups []map[string]json.RawMessage `json:"groups"`
	}
	decode(t, p, &raw)
	for _, g := range raw.Groups {
		if string(g["suppressed"]) != "true" {
			continue
		}
		for _, k := range []string{"respondents", "dimensions", "indicators", "items"} {
			if _, ok := g[k]; ok {
				t.Errorf("suppressed group %s carries %q", g["id"], k)
			}
		}
	}
}

func TestAdminPagesAccessible(t *testing.T) {
	as := smallUnitServer(t)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	wantRedirect(t, b.post(base+"/close", confirmed), base)
	for _, path := range []string{"/admin", base, base + "/results/charge-et-soutien", base + "/results/climat", base + "/comments",
		"/admin/audit", "/admin/questionnaires", "/admin/questionnaires/charge-et-soutien", "/admin/campaigns/new"} {
		p := b.get(path)
		wantStatus(t, p, http.StatusOK)
		checkAccessible(t, p)
		if regexp.MustCompile(`<script>|<script [^>]*>[^<]|<style|style="|\son[a-z]+="`).MatchString(p.Body) {
			t.Errorf("%s has inline script or style", path)
		}
		ids := map[string]bool{}
		for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(p.Body, -1) {
			if ids[m[1]] {
				t.Errorf("%s: duplicate id %q", path, m[1])
			}
			ids[m[1]] = true
		}
	}
	p := as.browser(t).get("/login")
	wantStatus(t, p, http.StatusOK)
	checkAccessible(t, p)
}

func TestResultsIndicators(t *testing.T) {
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) { s.Questionnaires = []string{"reconnaissance"} }))
	q, ok := questionnaires.BuiltinByID("reconnaissance")
	if !ok {
		t.Fatal("no built-in reconnaissance")
	}
	codes := as.MustCodes(t, 12)
	for i, code := range codes {
		answers := map[string]int{}
		for j, it := range q.Items() {
			answers[it.ID] = it.Scale.Min + (i+j)%(it.Scale.Max-it.Scale.Min+1)
		}
		r := &vigie.Response{CampaignID: as.Campaign.ID, Unit: []string{"Direction B"},
			Answers: map[string]map[string]int{"reconnaissance": answers}}
		if err := as.Store.SubmitResponse(context.Background(), as.Campaign.ID, code, r, now); err != nil {
			t.Fatal(err)
		}
	}
	as.closeCampaign(t)
	p := as.signedIn(t, viewerEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/reconnaissance")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Indicateurs", "Ratio efforts / récompenses", "au-dessus de 1,0", "Fiabilité")
	row := rowOf(t, p.Body, "Direction A")
	if strings.Contains(row, "au-dessus") {
		t.Errorf("Direction A has no respondent but shows an indicator: %s", row)
	}
}

func TestHeatMapReadableEverywhere(t *testing.T) {
	as := smallUnitServer(t)
	as.closeCampaign(t)
	p := as.signedIn(t, viewerEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `class="scroll scroll-x"`, "faites-la défiler vers la droite", `<aside class="legend"`, "Lire la carte",
		"plus haut = moins favorable", `<table class="data reliability">`)
	if strings.Contains(strings.ToLower(p.Body), "survol") {
		t.Errorf("the page still asks to hover, which touch screens cannot do")
	}
	// Only the reversed dimension is marked: the test questionnaire has
	// one (charge, higher is worse) and one that is not (soutien).
	tables := strings.Count(p.Body, `<table class="heatmap">`) // the unit map, and the segment table when a segment is published
	if n := strings.Count(p.Body, `<span class="rev">`); n != tables || tables == 0 {
		t.Errorf("%d reversed-dimension marks, want %d (one per table)", n, tables)
	}
	// The reliability table sits in a scroll box, so it never widens the page.
	if !regexp.MustCompile(`<div class="scroll"[^>]*aria-labelledby="h-rel"><table class="data reliability">`).MatchString(p.Body) {
		t.Errorf("the reliability table is not in a scroll box")
	}
}
