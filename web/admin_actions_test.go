package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestAdminActionsPage(t *testing.T) {
	as := closedSmallUnitServer(t)
	base := "/admin/campaigns/" + as.Campaign.ID
	b := as.signedIn(t, consultantEmail)

	// A priority becomes an action in one click: the form is prefilled.
	p := b.get(base + "/actions?unit=Direction+B&dimension=charge-et-soutien/charge&title=Revoir+la+charge")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `<h1>Plan d’action</h1>`, `Aucune action pour l’instant.`, `value="Revoir la charge"`,
		`<option value="Direction B" selected>`, `name="dimensions" value="charge-et-soutien/charge" checked>`, "<legend>Charge de travail et soutien</legend>")
	if strings.Contains(p.Body, "<select id=\"new-dimensions\"") {
		t.Error("dimensions are still a multiple select")
	}
	checkAccessible(t, p)

	form := url.Values{"title": {"Temps d'échange mensuel"}, "unit": {"Direction B"}, "dimensions": {"charge-et-soutien/soutien"},
		"risk_family": {"rapports-sociaux"}, "owner": {"Responsable de service"}, "due": {"2027-03-31"}, "status": {"planned"}, "dimensions_sent": {"1"}}
	wantRedirect(t, b.post(base+"/actions", form), base+"/actions")
	p = b.get(base + "/actions")
	wantContains(t, p, `<th scope="row">Temps d&#39;échange mensuel</th>`, "<td>Direction B</td><td>Rapports sociaux au travail dégradés</td>",
		"<td>Charge de travail et soutien – Soutien</td><td>Responsable de service</td>", "31\u00a0mars\u00a02027", "<td>prévue</td>")
	as.wantAudit(t, consultantEmail+" action.create")

	// A refused form comes back with its message and the input kept.
	bad := url.Values{"title": {"Charte"}, "due": {"fin mars"}, "owner": {"DRH"}, "status": {"planned"}}
	p = b.post(base+"/actions", bad)
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "due : « fin mars » n&#39;est pas une date", `value="Charte"`, `value="DRH"`)

	list := as.actionIDs(t)
	if len(list) != 1 {
		t.Fatalf("actions = %v, want the one created", list)
	}
	id := list[0]
	// The quick status form sends the status only: the rest stays.
	wantRedirect(t, b.post(base+"/actions/"+id, url.Values{"status": {"in_progress"}}), base+"/actions")
	p = b.get(base + "/actions")
	wantContains(t, p, "<td>en cours</td>", "<td>Responsable de service</td>")
	p = b.post(base+"/actions/"+id, url.Values{"status": {"fini"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "status : statut inconnu « fini »")

	// The viewer reads the plan, without a form, and cannot write.
	v := as.signedIn(t, viewerEmail)
	p = v.get(base + "/actions")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Temps d&#39;échange mensuel")
	if strings.Contains(p.Body, `method="post" action="`+base+`/actions`) {
		t.Error("the viewer's page has an action form")
	}
	for _, path := range []string{base + "/actions", base + "/actions/" + id, base + "/actions/" + id + "/delete"} {
		if p := v.post(path, url.Values{"title": {"x"}, "status": {"done"}}); p.Status != http.StatusForbidden {
			t.Errorf("viewer POST %s: %d, want 403", path, p.Status)
		}
	}

	// Deleting asks for the box; the edit form comes back with the message.
	p = b.post(base+"/actions/"+id+"/delete", nil)
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "Rien n&#39;a été supprimé", `id="edit"`, `class="danger"`)
	if list := as.actionIDs(t); len(list) != 1 {
		t.Fatalf("an unconfirmed deletion deleted: %v", list)
	}
	wantRedirect(t, b.post(base+"/actions/"+id+"/delete", confirmed), base+"/actions")
	if list := as.actionIDs(t); len(list) != 0 {
		t.Errorf("actions after deletion = %v", list)
	}
	as.wantAudit(t, consultantEmail+" action.update")
	as.wantAudit(t, consultantEmail+" action.delete")
}

// TestAdminActionsTable checks the plan's filters: unit, owner, status
// and overdue (due before today, neither done nor abandoned).
func TestAdminActionsTable(t *testing.T) {
	as := closedSmallUnitServer(t) // today is 2027-02-02
	base := "/admin/campaigns/" + as.Campaign.ID
	b := as.signedIn(t, consultantEmail)
	for _, a := range []url.Values{
		{"title": {"Late"}, "unit": {"Direction B"}, "owner": {"DRH"}, "due": {"2027-01-15"}, "status": {"in_progress"}},
		{"title": {"Done late"}, "unit": {""}, "owner": {"DRH"}, "due": {"2027-01-15"}, "status": {"done"}},
		{"title": {"Later"}, "unit": {"Direction B"}, "owner": {"Encadrement"}, "due": {"2027-06-30"}, "status": {"planned"}},
	} {
		wantRedirect(t, b.post(base+"/actions", a), base+"/actions")
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"Done late", "Late", "Later"}}, // everyone first, then the units
		{"?overdue=1", []string{"Late"}},
		{"?owner=DRH", []string{"Done late", "Late"}},
		{"?unit_filter=-", []string{"Done late"}},
		{"?unit_filter=Direction+B&status_filter=planned", []string{"Later"}},
	} {
		p := b.get(base + "/actions" + tc.query)
		wantStatus(t, p, http.StatusOK)
		var got []string
		for _, m := range regexp.MustCompile(`<th scope="row">([^<]+)`).FindAllStringSubmatch(p.Body, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("actions%s = %v, want %v", tc.query, got, tc.want)
		}
	}
	p := b.get(base + "/actions")
	if n := strings.Count(p.Body, "en retard</strong>"); n != 1 {
		t.Errorf("%d actions marked overdue, want 1", n)
	}
	checkAccessible(t, p)
}

// TestPriorityToAction: each priority of the results page links to the
// action form prefilled with its unit, dimension and a title; viewers do
// not get the link.
func TestPriorityToAction(t *testing.T) {
	as := signalsServer(t) // denial and ethical suffering marked: priorities
	base := "/admin/campaigns/" + as.Campaign.ID
	p := as.signedIn(t, consultantEmail).get(base + "/results/strategies-defensives")
	wantStatus(t, p, http.StatusOK)
	// The result pages link to each other, the current one marked.
	wantContains(t, p, `<a href="`+base+`/results/strategies-defensives" aria-current="page">`, `<a href="`+base+`/duerp">Document unique</a>`,
		`<a href="`+base+`/actions">Plan d’action</a>`)
	links := regexp.MustCompile(`href="(/admin/campaigns/[^"]+/actions\?[^"]+)">Créer une action`).FindAllStringSubmatch(p.Body, -1)
	if len(links) == 0 {
		t.Fatalf("no « Créer une action » on the priorities:\n%s", p.Body)
	}
	href := strings.NewReplacer("&amp;", "&", "&#43;", "+").Replace(links[0][1])
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if !strings.HasPrefix(q.Get("dimension"), "strategies-defensives/") || !strings.HasPrefix(q.Get("title"), "Agir sur « ") {
		t.Errorf("action link %q: want the dimension and a title", href)
	}
	form := as.signedIn(t, consultantEmail).get(href)
	wantContains(t, form, `name="dimensions" value="`+q.Get("dimension")+`" checked>`)
	if strings.Contains(as.signedIn(t, viewerEmail).get(base+"/results/strategies-defensives").Body, "Créer une action") {
		t.Error("a viewer is offered « Créer une action »")
	}
}

func TestAdminDUERPPage(t *testing.T) {
	as := closedSmallUnitServer(t)
	base := "/admin/campaigns/" + as.Campaign.ID
	b := as.signedIn(t, consultantEmail)
	p := b.get(base)
	wantContains(t, p, `href="`+base+`/actions">Plan d’action`, `href="`+base+`/duerp">Document unique (DUERP)`)

	p = b.get(base + "/duerp")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `<h2 id="u-0">Ensemble</h2>`, `<h2 id="u-2">Direction B</h2>`, "pas une mesure du risque", "Aucune version figée",
		`name="confirm" value="1" required`, "data-inplace")
	if strings.Contains(p.Body, `>Direction A / Service 2</h2>`) {
		t.Error("an unpublished unit has a DUERP table")
	}
	checkAccessible(t, p)
	// Saving a row comes back to it, saying so.
	row := regexp.MustCompile(`name="unit" value="Direction B"><input type="hidden" name="risk_family" value=""><input type="hidden" name="row" value="(\d+)">`).FindStringSubmatch(p.Body)
	if row == nil {
		t.Fatalf("no form for the row Direction B, unclassified:\n%s", p.Body)
	}
	loc := wantRedirect(t, b.post(base+"/duerp/measures", url.Values{"unit": {"Direction B"}, "risk_family": {""}, "row": {row[1]}, "measures": {"Entretiens annuels"}}),
		"/duerp?saved="+row[1]+"#r-"+row[1])
	loc, _, _ = strings.Cut(loc[strings.Index(loc, "/admin"):], "#") // a browser keeps the fragment
	wantContains(t, b.get(loc), `<tr id="r-`+row[1]+`">`, "Enregistré.")
	p = b.post(base+"/duerp/measures", url.Values{"unit": {"Direction A/Service 2"}, "risk_family": {""}, "measures": {"x"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "unit : l&#39;unité « Direction A/Service 2 » n&#39;a pas de ligne")

	// Freezing needs the box, then refuses a version identical to the last.
	p = b.post(base+"/duerp/versions", nil)
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "Rien n&#39;a été figé : cochez la case de confirmation")
	wantRedirect(t, b.post(base+"/duerp/versions", confirmed), base+"/duerp?frozen=1#versions")
	p = b.get(base + "/duerp?frozen=1")
	wantContains(t, p, "Version 1 figée.", "Rien n’a changé depuis la version 1 du 2\u00a0février\u00a02027")
	if strings.Contains(p.Body, "Figer la version 2") {
		t.Error("the freeze form is offered with nothing changed")
	}
	p = b.post(base+"/duerp/versions", confirmed)
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Rien n&#39;a changé depuis la version 1 du 2 février 2027 : une nouvelle version serait identique.")
	wantRedirect(t, b.post(base+"/duerp/measures", url.Values{"unit": {"Direction B"}, "risk_family": {""}, "measures": {"Entretiens annuels, médiation"}}), base+"/duerp")
	p = b.get(base + "/duerp")
	wantContains(t, p, "Ce qui a changé depuis la version 1", "Direction B, Non classé : mesures existantes modifiées.", "Figer la version 2")
	checkAccessible(t, p)

	v := as.signedIn(t, viewerEmail)
	p = v.get(base + "/duerp")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Entretiens annuels, médiation", `href="`+base+"/duerp/versions/1.xlsx\">Version 1 du 2\u00a0février\u00a02027</a>")
	if strings.Contains(p.Body, "<textarea") || strings.Contains(p.Body, "Figer une nouvelle version") {
		t.Error("the viewer's DUERP page has forms")
	}
	workbookRows(t, v.get(base+"/duerp/versions/1.xlsx"), "DUERP")
	workbookRows(t, v.get(base+"/duerp.xlsx"), "Actions")
	for _, path := range []string{base + "/duerp/measures", base + "/duerp/versions"} {
		if p := v.post(path, url.Values{"unit": {""}, "risk_family": {""}, "measures": {"x"}}); p.Status != http.StatusForbidden {
			t.Errorf("viewer POST %s: %d, want 403", path, p.Status)
		}
	}
}

func TestAdminAfterResultsWaitForClosing(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	for _, page := range []string{"/actions", "/duerp"} {
		p := b.get("/admin/campaigns/" + as.Campaign.ID + page)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "il s’ouvre à la clôture")
	}
	if p := b.get("/admin/campaigns/" + as.Campaign.ID); strings.Contains(p.Body, "Après les résultats") {
		t.Error("the campaign page links to the plan before the closing")
	}
}

// actionIDs lists the ids of the test campaign's actions.
func (as *adminServer) actionIDs(tb testing.TB) []string {
	tb.Helper()
	_, token := as.token(tb, as.Consultant)
	var list struct{ Actions []struct{ ID string } }
	decode(tb, as.api(tb, token, http.MethodGet, actionsPath(as, ""), ""), &list)
	var out []string
	for _, a := range list.Actions {
		out = append(out, a.ID)
	}
	return out
}
