package web_test

import (
	"context"
	"github.com/vigie-sante/vigie"
	"net/http"
	"strings"
	"testing"
)

// TestRouteTableAuthorization walks every route of the server for five
// people: nobody, a viewer not granted the campaign, a viewer granted it,
// a data-entry account granted it and a consultant. A route added without
// an access declaration fails.
func TestRouteTableAuthorization(t *testing.T) {
	as := MustNewAdminServer(t)
	const entryEmail = "saisie@cabinet.test"
	entry, err := as.Store.CreateUser(context.Background(), entryEmail, vigie.RoleEntry, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := as.Store.GrantCampaign(context.Background(), entry.ID, as.Campaign.ID); err != nil {
		t.Fatal(err)
	}
	routes := as.Server.Routes()
	if len(routes) < 40 {
		t.Fatalf("only %d routes: the route table is not what this test expects", len(routes))
	}
	// Reports are for consultants and for the viewers granted the
	// campaign (who get the committee's variant only: report_download_test.go).
	declared := map[string]string{}
	for _, r := range routes {
		declared[r.Method+" "+r.Path] = r.Access
	}
	for _, p := range []string{"/admin/campaigns/:id/report.pdf", "/admin/campaigns/:id/report.xlsx", "/api/v1/campaigns/:id/report.pdf", "/api/v1/campaigns/:id/report.xlsx"} {
		if got := declared["GET "+p]; got != "campaignReader" {
			t.Errorf("GET %s is declared %q, want campaignReader", p, got)
		}
	}
	params := strings.NewReplacer(
		":id", as.Campaign.ID, ":qid", "charge-et-soutien", ":cid", "c_inconnu",
		":slug", as.Campaign.Slug, ":dim", "charge", "*file", "vigie.css", ":sheet", "ZZZZ-ZZZZ-ZZZZ",
		":aid", "a_inconnue", ":version", "1.xlsx",
	)
	type who struct {
		name  string
		email string // "" for nobody
	}
	people := []who{{"anonymous", ""}, {"viewer-not-granted", outsiderEmail}, {"viewer-granted", viewerEmail}, {"entry-granted", entryEmail}, {"consultant", consultantEmail}}
	// allowed says whether the route lets the person through.
	allowed := func(access, person string) bool {
		switch access {
		case "public", "guest":
			return true
		case "signedIn":
			return person != "anonymous"
		case "consultant":
			return person == "consultant"
		case "campaignReader":
			return person == "consultant" || person == "viewer-granted"
		case "campaignEntry":
			return person == "consultant" || person == "entry-granted"
		}
		return false
	}
	for _, person := range people {
		for _, r := range routes {
			if r.Access == "undeclared" {
				t.Errorf("%s %s has no access declaration in routes.go", r.Method, r.Path)
				continue
			}
			path := params.Replace(r.Path)
			name := person.name + " " + r.Method + " " + r.Path
			var p *page
			api := strings.HasPrefix(path, "/api/")
			switch {
			case api:
				token := ""
				if person.email != "" {
					u := map[string]*adminUser{consultantEmail: {as.Consultant}, viewerEmail: {as.Viewer}, outsiderEmail: {as.Outsider}, entryEmail: {entry}}[person.email]
					_, token = as.token(t, u.User)
				}
				body := ""
				if r.Method == http.MethodPost {
					body = "{}"
				}
				p = as.api(t, token, r.Method, path, body)
			default:
				b := as.browser(t)
				if person.email != "" {
					b = as.signedIn(t, person.email)
				}
				if r.Method == http.MethodPost {
					p = b.post(path, nil)
				} else {
					p = b.do(r.Method, path, nil, "")
				}
			}
			toLogin := p.Status == http.StatusSeeOther && strings.HasPrefix(p.Location, "/login")
			if r.Access == "public" || r.Access == "guest" {
				// Open to all: the handler's own answer (a login error,
				// a bad code) is not the authorisation's business.
				continue
			}
			if allowed(r.Access, person.name) {
				if p.Status == http.StatusUnauthorized || toLogin || p.Status == http.StatusForbidden {
					t.Errorf("%s: status %d (to %q), want the route's own answer", name, p.Status, p.Location)
				}
				continue
			}
			switch {
			case person.email == "" && api:
				if p.Status != http.StatusUnauthorized || !strings.Contains(p.Body, `"error"`) {
					t.Errorf("%s: %d %s, want 401 JSON", name, p.Status, p.Body)
				}
			case person.email == "":
				if !toLogin {
					t.Errorf("%s: %d to %q, want 303 to /login", name, p.Status, p.Location)
				}
			default:
				if p.Status != http.StatusForbidden {
					t.Errorf("%s: status %d, want 403", name, p.Status)
				}
			}
		}
	}
}

// adminUser wraps a user for the table above.
type adminUser struct{ User *vigie.User }
