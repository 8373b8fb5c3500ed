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
		`<option value="Direction B" selected>`, `<option value="charge-et-soutien/charge" selected>`)

	form := url.Values{"title": {"Temps d'échange mensuel"}, "unit": {"Direction B"}, "dimensions": {"charge-et-soutien/soutien"},
		"risk_family": {"rapports-sociaux"}, "owner": {"Responsable de service"}, "due": {"2027-03-31"}, "status": {"planned"}, "dimensions_sent": {"1"}}
	wantRedirect(t, b.post(base+"/actions", form), base+"/actions")
	p = b.get(base + "/actions")
	wantContains(t, p, `Direction B <span class="eyebrow">· Rapports sociaux au travail dégradés</span>`,
		`Temps d&#39;échange mensuel <span class="lvl">prévue</span>`, "Porteur&nbsp;: Responsable de service", "Charge de travail et soutien – Soutien")
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
	wantContains(t, p, `Temps d&#39;échange mensuel <span class="lvl">en cours</span>`, "Porteur&nbsp;: Responsable de service")
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

	wantRedirect(t, b.post(base+"/actions/"+id+"/delete", nil), base+"/actions")
	if list := as.actionIDs(t); len(list) != 0 {
		t.Errorf("actions after deletion = %v", list)
	}
	as.wantAudit(t, consultantEmail+" action.update")
	as.wantAudit(t, consultantEmail+" action.delete")
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
