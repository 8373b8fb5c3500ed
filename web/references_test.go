package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// chargeReferenceCSV is an imported reference for charge-et-soutien v1:
// charge far below every group (so that each published group reads
// « au-dessus »), soutien with no value.
const chargeReferenceCSV = "questionnaire;version;measure;mean;sd;n;source;year\ncharge-et-soutien;1;charge;5;5;800;Norme test;2024\n"

// fakePortfolio is a ReferenceSource standing for the portfolio.
type fakePortfolio struct{ ref *scoring.Reference }

func (f fakePortfolio) Reference(_ context.Context, _ *vigie.Campaign, q *questionnaires.Questionnaire) (*scoring.Reference, error) {
	if f.ref == nil || f.ref.Questionnaire != q.ID {
		return nil, nil
	}
	return f.ref, nil
}

var portfolioReference = &scoring.Reference{Questionnaire: "charge-et-soutien", Version: 1, Organisations: 6,
	Source:     "portefeuille de 6 organisations, version 2026-1",
	Dimensions: map[string]scoring.ReferenceValue{"charge": {Mean: 40, SD: 8, N: 6, Respondents: 900}, "soutien": {Mean: 60, SD: 8, N: 6, Respondents: 900}}}

func TestReferenceUpload(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/questionnaires/charge-et-soutien/reference"
	p := b.get(base)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Aucune valeur de référence n’est jointe")

	bad := strings.Replace(chargeReferenceCSV, ";5;5;800;", ";5;0;1;", 1)
	body, ctype := multipartBody(t, nil, map[string][2]string{"file": {"norme.csv", bad}})
	p = b.do(http.MethodPost, base, body, ctype)
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "ligne 2 : écart-type 0 : il doit être strictement positif", "ligne 2 : effectif n = 1")
	if _, err := as.Store.ReferenceFile(context.Background(), "charge-et-soutien", 1); vigie.ErrorCode(err) != vigie.ENOTFOUND {
		t.Fatalf("a refused file was stored: %v", err)
	}

	body, ctype = multipartBody(t, nil, map[string][2]string{"file": {"norme.csv", chargeReferenceCSV}})
	wantRedirect(t, b.do(http.MethodPost, base, body, ctype), base+"?saved=1")
	as.wantAudit(t, consultantEmail+" reference.upload")
	p = b.get(base + "?saved=1")
	wantContains(t, p, "Norme test (2024)", "norme.csv", `<th scope="row">Charge de travail</th>`)

	// A viewer reads results, never attaches references.
	if p := as.signedIn(t, viewerEmail).get(base); p.Status != http.StatusForbidden {
		t.Errorf("viewer: status %d, want 403", p.Status)
	}

	wantRedirect(t, b.post(base+"/delete", url.Values{}), base+"?deleted=1")
	as.wantAudit(t, consultantEmail+" reference.delete")
	if _, err := as.Store.ReferenceFile(context.Background(), "charge-et-soutien", 1); vigie.ErrorCode(err) != vigie.ENOTFOUND {
		t.Fatalf("after delete: %v, want ENOTFOUND", err)
	}
}

// referenceServer is smallUnitServer, closed, with chargeReferenceCSV
// attached and the portfolio source given.
func referenceServer(t *testing.T, portfolio *scoring.Reference, imported bool) *adminServer {
	t.Helper()
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) { c.References = []web.ReferenceSource{fakePortfolio{portfolio}} }))
	as.submitN(t, 6, []string{"Direction A", "Service 1"}, "Service 1")
	as.submitN(t, 2, []string{"Direction A", "Service 2"}, "Service 2")
	as.submitN(t, 6, []string{"Direction B"}, "Direction B")
	as.closeCampaign(t)
	if imported {
		if err := as.Store.SaveReferenceFile(context.Background(), &store.ReferenceFile{Questionnaire: "charge-et-soutien", Version: 1,
			Filename: "norme.csv", Content: []byte(chargeReferenceCSV)}); err != nil {
			t.Fatal(err)
		}
	}
	return as
}

func TestResultsReference(t *testing.T) {
	as := referenceServer(t, nil, true)
	results := "/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien"
	for _, email := range []string{consultantEmail, viewerEmail} {
		b := as.signedIn(t, email)
		p := b.get(results)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Comparaison avec une référence", "Norme test (2024), valeurs importées par l’intervenant",
			`id="reference-table"`, "au-dessus de la référence, de &#43;", "points : moins favorable", `href="?vue=reference#h-heat"`)
		if strings.Contains(p.Body, `class="ref `) {
			t.Errorf("%s: the heat map shows differences without ?vue=reference", email)
		}

		p = b.get(results + "?vue=reference")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Écart à la référence par unité et par dimension", `aria-current="page">les écarts à la référence`)
		if !strings.Contains(rowOf(t, p.Body, "Direction B"), `class="ref ref-worse"`) {
			t.Errorf("%s: Direction B has no difference in the reference view", email)
		}
		// The suppressed unit shows no difference, only its mask.
		for _, td := range regexp.MustCompile(`<td[^>]*>`).FindAllString(rowOf(t, p.Body, "Service 2"), -1) {
			if !strings.Contains(td, `class="suppressed"`) {
				t.Errorf("%s: suppressed Service 2 has a cell %s in the reference view", email, td)
			}
		}
	}

	_, token := as.token(t, as.Viewer)
	p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/results?questionnaire=charge-et-soutien", "")
	wantStatus(t, p, http.StatusOK)
	var got struct {
		Groups    []scoring.Group
		Reference *scoring.ReferenceComparison
	}
	decode(t, p, &got)
	if got.Reference == nil || got.Reference.Source != "Norme test (2024)" || got.Reference.Organisations != nil {
		t.Fatalf("API reference = %+v, want the imported one", got.Reference)
	}
	for _, g := range got.Groups {
		if _, ok := got.Reference.Groups[g.ID]; ok == g.Suppressed {
			t.Errorf("group %s (suppressed %v) compared: %v", g.ID, g.Suppressed, ok)
		}
	}
	if d := got.Reference.Groups["all"].Dimensions["charge"]; d == nil || d.ReferenceMean != 5 || d.Change != scoring.Worse {
		t.Errorf("all/charge = %+v, want reference 5, worse", d)
	}
	if len(got.Reference.Groups["all"].Dimensions) != 1 {
		t.Errorf("dimensions compared = %v, want charge only", got.Reference.Groups["all"].Dimensions)
	}

	p = as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID + "/report.xlsx")
	wantStatus(t, p, http.StatusOK)
	f, err := excelize.OpenReader(bytes.NewReader([]byte(p.Body)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(reports.SheetReference)
	if err != nil || len(rows) < 3 || !strings.Contains(rows[1][10], "Norme test (2024)") {
		t.Fatalf("%s = %v (%v), want the reference named and compared rows", reports.SheetReference, rows, err)
	}
}

func TestResultsReferencePrecedence(t *testing.T) {
	results := func(as *adminServer) string {
		return "/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien"
	}
	t.Run("ImportedBeforePortfolio", func(t *testing.T) {
		as := referenceServer(t, portfolioReference, true)
		p := as.signedIn(t, consultantEmail).get(results(as))
		wantContains(t, p, "Norme test (2024), valeurs importées", `id="reference-others"`, "portefeuille de 6 organisations, version 2026-1")
	})
	t.Run("PortfolioAlone", func(t *testing.T) {
		as := referenceServer(t, portfolioReference, false)
		p := as.signedIn(t, consultantEmail).get(results(as))
		wantContains(t, p, "Référence&nbsp;: <strong>portefeuille de 6 organisations, version 2026-1</strong>")
		if strings.Contains(p.Body, "valeurs importées par l’intervenant") || strings.Contains(p.Body, `id="reference-others"`) {
			t.Error("the portfolio reference is named as imported, or another is mentioned")
		}
		_, token := as.token(t, as.Viewer)
		var got struct{ Reference json.RawMessage }
		decode(t, as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/results?questionnaire=charge-et-soutien", ""), &got)
		if !strings.Contains(string(got.Reference), `"organisations":6`) {
			t.Errorf("API reference = %s, want organisations 6", got.Reference)
		}
	})
	t.Run("OtherVersionSaysWhy", func(t *testing.T) {
		old := *portfolioReference
		old.Version = 7
		as := referenceServer(t, &old, false)
		p := as.signedIn(t, consultantEmail).get(results(as))
		wantContains(t, p, `id="reference-problems"`, "la référence porte sur la version 7")
		if strings.Contains(p.Body, `id="reference-table"`) {
			t.Error("a reference of another version was compared")
		}
	})
	t.Run("None", func(t *testing.T) {
		as := referenceServer(t, nil, false)
		if p := as.signedIn(t, consultantEmail).get(results(as)); strings.Contains(p.Body, "Comparaison avec une référence") {
			t.Error("a reference section without any reference")
		}
	})
}
