package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// In smallUnitServer's campaign (k = 5) Direction A (8) and Direction B (6)
// are published; Service 2 (2) is below k and Service 1 (6) is masked so
// that Direction A minus Service 1 does not give Service 2's two people.

func guidePath(api bool, id, query string) string {
	p := "/admin/campaigns/" + id + "/guide.pdf"
	if api {
		p = "/api/v1/campaigns/" + id + "/guide.pdf"
	}
	if query != "" {
		p += "?" + query
	}
	return p
}

func TestAPIPriorities(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, viewer := as.token(t, as.Viewer)
	_, consultant := as.token(t, as.Consultant)
	for _, token := range []string{viewer, consultant} {
		p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/priorities", "")
		wantStatus(t, p, http.StatusOK)
		var got struct {
			Priorities []struct {
				Questionnaire, Dimension, Group, Label, Level string
				RiskFamily                                    string `json:"risk_family"`
				N                                             int
				Mean                                          float64
				Share                                         *float64 `json:"share_unfavourable"`
			}
		}
		decode(t, p, &got)
		if got.Priorities == nil {
			t.Fatalf("no priorities list in %s", p.Body)
		}
		for i, pr := range got.Priorities {
			if pr.Share == nil || pr.N < 5 || pr.Questionnaire == "" || pr.Dimension == "" || pr.Level == "" {
				t.Errorf("priority %d incomplete: %+v", i, pr)
			}
			if pr.Level != "unfavourable" && *pr.Share < 0.5 {
				t.Errorf("priority %d is neither unfavourable nor at share 0.5: %+v", i, pr)
			}
			if i > 0 && *got.Priorities[i-1].Share < *pr.Share {
				t.Errorf("priorities not sorted by share: %v then %v", *got.Priorities[i-1].Share, *pr.Share)
			}
			for _, hidden := range []string{"Service 1", "Service 2"} {
				if strings.Contains(pr.Group, hidden) {
					t.Errorf("priority of a suppressed group %q: %+v", pr.Group, pr)
				}
			}
		}
	}
	as.wantAudit(t, viewerEmail+" priorities.export")
}

func TestAPIPrioritiesRefused(t *testing.T) {
	as := smallUnitServer(t) // still open
	_, viewer := as.token(t, as.Viewer)
	_, outsider := as.token(t, as.Outsider)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/priorities"
	wantStatus(t, as.api(t, "", http.MethodGet, path, ""), http.StatusUnauthorized)
	wantStatus(t, as.api(t, outsider, http.MethodGet, path, ""), http.StatusForbidden)
	p := as.api(t, viewer, http.MethodGet, path, "")
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "clôture")
}

func TestGuideDownload(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, viewer := as.token(t, as.Viewer)
	b := as.signedIn(t, viewerEmail)
	for _, q := range []string{"", "unit=", "unit=Direction+A", "unit=Direction+B&lang=en"} {
		for _, api := range []bool{false, true} {
			var p *page
			if api {
				p = as.api(t, viewer, http.MethodGet, guidePath(true, as.Campaign.ID, q), "")
			} else {
				p = b.get(guidePath(false, as.Campaign.ID, q))
			}
			wantStatus(t, p, http.StatusOK)
			if p.Header.Get("Content-Type") != pdfType || !strings.HasPrefix(p.Body, "%PDF-") {
				t.Fatalf("%s: not a PDF (%s)", q, p.Header.Get("Content-Type"))
			}
			if cd := p.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="guide-barometre-2027-`) {
				t.Errorf("%s: Content-Disposition = %s", q, cd)
			}
		}
	}
	text := pdfText(t, b.get(guidePath(false, as.Campaign.ID, "unit="+url.QueryEscape("Direction A"))).Body)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Guide d'échange sur le travail", "Direction A", "On parle du travail, pas des personnes",
		"Les propositions de l'équipe", "plan d'action"} {
		if !strings.Contains(flat, want) {
			t.Errorf("guide of Direction A lacks %q:\n%.3000s", want, text)
		}
	}
	for _, hidden := range []string{"Service 1", "Service 2", "Direction B"} {
		if strings.Contains(flat, hidden) {
			t.Errorf("guide of Direction A names %q", hidden)
		}
	}
	as.wantAudit(t, viewerEmail+" guide.export")
}

func TestGuideDownloadRefused(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, viewer := as.token(t, as.Viewer)
	_, outsider := as.token(t, as.Outsider)
	id := as.Campaign.ID
	tests := []struct {
		name, query string
		status      int
		msg         string
	}{
		{"BelowK", "unit=" + url.QueryEscape("Direction A/Service 2"), http.StatusConflict, "ce groupe compte moins de 5 répondants"},
		{"HiddenForAnother", "unit=" + url.QueryEscape("Direction A/Service 1"), http.StatusConflict, "masqués pour qu'on ne puisse pas retrouver"},
		{"UnknownUnit", "unit=" + url.QueryEscape("Direction Z"), http.StatusNotFound, "n'existe pas dans cette campagne"},
		{"BadLanguage", "lang=de", http.StatusBadRequest, "fr ou en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := as.api(t, viewer, http.MethodGet, guidePath(true, id, tt.query), "")
			wantStatus(t, p, tt.status)
			var e struct{ Error string }
			decode(t, p, &e)
			if !strings.Contains(e.Error, tt.msg) {
				t.Errorf("error = %q, want it to say %q", e.Error, tt.msg)
			}
			// The back office says the same on an error page.
			p = as.signedIn(t, viewerEmail).get(guidePath(false, id, tt.query))
			wantStatus(t, p, tt.status)
		})
	}
	t.Run("Access", func(t *testing.T) {
		wantStatus(t, as.api(t, "", http.MethodGet, guidePath(true, id, ""), ""), http.StatusUnauthorized)
		wantStatus(t, as.api(t, outsider, http.MethodGet, guidePath(true, id, ""), ""), http.StatusForbidden)
		wantStatus(t, as.signedIn(t, outsiderEmail).get(guidePath(false, id, "")), http.StatusForbidden)
	})
	t.Run("BeforeClosing", func(t *testing.T) {
		open := smallUnitServer(t)
		_, tok := open.token(t, open.Viewer)
		wantStatus(t, open.api(t, tok, http.MethodGet, guidePath(true, open.Campaign.ID, ""), ""), http.StatusConflict)
	})
}

func TestResultsPageListsPrioritiesAndGuides(t *testing.T) {
	as := closedSmallUnitServer(t)
	p := as.signedIn(t, viewerEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `id="h-prio"`, "Guides d’échange",
		`href="/admin/campaigns/`+as.Campaign.ID+`/guide.pdf">Ensemble des répondants</a>`,
		`href="/admin/campaigns/`+as.Campaign.ID+`/guide.pdf?unit=Direction%20A">Direction A</a>`,
		`href="/admin/campaigns/`+as.Campaign.ID+`/guide.pdf?unit=Direction%20B">Direction B</a>`)
	if !strings.Contains(p.Body, `id="priorities"`) && !strings.Contains(p.Body, `id="priorities-none"`) {
		t.Error("the results page says nothing about priorities")
	}
	guides := p.Body[strings.Index(p.Body, `id="guides"`):]
	guides = guides[:strings.Index(guides, "</ul>")]
	for _, hidden := range []string{"Service 1", "Service 2"} {
		if strings.Contains(guides, hidden) {
			t.Errorf("a guide is offered for %s, which is not published", hidden)
		}
	}
	if strings.Index(p.Body, `id="h-prio"`) > strings.Index(p.Body, `id="h-heat"`) {
		t.Error("the results page does not open with the priorities")
	}
}

// TestResultsPageEssentials pins the results page's "L'essentiel": before
// the priorities, worded by reports.NewEssentials, and never naming a
// masked unit nor a "(non renseigné)" group.
func TestResultsPageEssentials(t *testing.T) {
	as := closedSmallUnitServer(t)
	p := as.signedIn(t, viewerEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien")
	wantStatus(t, p, http.StatusOK)
	start := strings.Index(p.Body, `id="h-essentials"`)
	if start < 0 || start > strings.Index(p.Body, `id="h-prio"`) {
		t.Fatal("the results page does not open with L'essentiel before the priorities")
	}
	section := p.Body[start:strings.Index(p.Body, `id="h-prio"`)]
	if !strings.Contains(section, "personnes ont répondu") {
		t.Errorf("L'essentiel does not give the participation:\n%s", section)
	}
	for _, hidden := range []string{"Service 1", "Service 2", "non renseigné"} {
		if strings.Contains(section, hidden) {
			t.Errorf("L'essentiel names %s:\n%s", hidden, section)
		}
	}
}
