package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
)

// closedWithComments is smallUnitServer closed, with every comment published.
func closedWithComments(t *testing.T) *adminServer {
	t.Helper()
	as := smallUnitServer(t)
	as.closeCampaign(t)
	ctx := context.Background()
	list, err := as.Store.CommentsForModeration(ctx, as.Campaign.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if err := as.Store.ModerateComment(ctx, as.Campaign.ID, c.ID, "publish", ""); err != nil {
			t.Fatal(err)
		}
	}
	return as
}

func TestArchiveFromCampaignPage(t *testing.T) {
	as := closedWithComments(t)
	_, token := as.token(t, as.Consultant)
	base := "/api/v1/campaigns/" + as.Campaign.ID
	readAll := func() map[string]string {
		out := map[string]string{}
		for _, path := range []string{"/results?questionnaire=charge-et-soutien", "/results?questionnaire=climat", "/participation"} {
			p := as.api(t, token, http.MethodGet, base+path, "")
			wantStatus(t, p, http.StatusOK)
			out[path] = p.Body
		}
		return out
	}
	before := readAll()

	b := as.signedIn(t, consultantEmail)
	page := "/admin/campaigns/" + as.Campaign.ID
	wantContains(t, b.get(page), `action="`+page+`/archive"`, "Les réponses individuelles seront effacées au plus tard le")

	t.Run("ErrUnconfirmed", func(t *testing.T) {
		p := b.post(page+"/archive", nil)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Cochez la case de confirmation")
	})

	wantRedirect(t, b.post(page+"/archive", url.Values{"confirm": {"1"}}), page)
	as.wantAudit(t, consultantEmail+" campaign.archive")

	t.Run("PageSaysArchived", func(t *testing.T) {
		p := b.get(page)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Campagne archivée le", "les réponses individuelles", "les empreintes des codes", "Archivée")
		if strings.Contains(p.Body, page+"/archive") || strings.Contains(p.Body, page+"/comments") {
			t.Error("an archived campaign's page still offers to archive or moderate")
		}
	})

	t.Run("OutputsUnchanged", func(t *testing.T) {
		after := readAll()
		for path, want := range before {
			if after[path] != want {
				t.Errorf("%s after archiving:\n%s\nwant\n%s", path, after[path], want)
			}
		}
	})

	t.Run("ResultsPageAndComments", func(t *testing.T) {
		for _, email := range []string{consultantEmail, viewerEmail} {
			p := as.signedIn(t, email).get(page + "/results/charge-et-soutien")
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, "Service 1 n°")
		}
	})

	t.Run("Reports", func(t *testing.T) {
		wantReportFile(t, b.get(reportPath(false, as.Campaign.ID, "pdf", "audience=committee")), "pdf", "comite")
		p := b.get(reportPath(false, as.Campaign.ID, "xlsx", "audience=consultant"))
		wantReportFile(t, p, "xlsx", "consultant")
		f, err := excelize.OpenReader(bytes.NewReader([]byte(p.Body)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if slices.Contains(f.GetSheetList(), "Scores") {
			t.Errorf("sheets %v: no Scores sheet once the responses are erased", f.GetSheetList())
		}
	})

	t.Run("ErrModeration", func(t *testing.T) {
		wantStatus(t, b.get(page+"/comments"), http.StatusConflict)
	})
}

func TestArchiveAPI(t *testing.T) {
	as := MustNewAdminServer(t)
	as.submitN(t, 6, []string{"Direction B"}, "")
	_, consultantToken := as.token(t, as.Consultant)
	_, viewerToken := as.token(t, as.Viewer)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/archive"

	wantStatus(t, as.api(t, consultantToken, http.MethodPost, path, ""), http.StatusConflict) // open
	as.closeCampaign(t)
	wantStatus(t, as.api(t, viewerToken, http.MethodPost, path, ""), http.StatusForbidden)

	p := as.api(t, consultantToken, http.MethodPost, path, "")
	wantStatus(t, p, http.StatusOK)
	var got struct {
		ArchivedAt    string `json:"archived_at"`
		RetentionDays int    `json:"retention_days"`
	}
	decode(t, p, &got)
	if got.ArchivedAt != now.Format("2006-01-02") || got.RetentionDays != vigie.DefaultRetentionDays {
		t.Fatalf("archived campaign = %+v, want archived_at %s and retention_days 365", got, now.Format("2006-01-02"))
	}
	as.wantAudit(t, consultantEmail+" campaign.archive")
	wantStatus(t, as.api(t, consultantToken, http.MethodPost, path, ""), http.StatusConflict) // twice
}

func TestDeleteCampaign(t *testing.T) {
	t.Run("DraftFromPage", func(t *testing.T) {
		as := MustNewAdminServer(t, withState(vigie.StateDraft))
		b := as.signedIn(t, consultantEmail)
		page := "/admin/campaigns/" + as.Campaign.ID
		wantContains(t, b.get(page), "Je confirme la suppression de ce brouillon")
		p := b.post(page+"/delete", nil)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Cochez la case de confirmation")
		wantRedirect(t, b.post(page+"/delete", url.Values{"confirm": {"1"}}), "/admin")
		wantStatus(t, b.get(page), http.StatusNotFound)
		as.wantAudit(t, consultantEmail+" campaign.delete")
	})

	t.Run("ClosedFromPageNeedsTitle", func(t *testing.T) {
		as := MustNewAdminServer(t)
		as.closeCampaign(t)
		b := as.signedIn(t, consultantEmail)
		page := "/admin/campaigns/" + as.Campaign.ID
		for _, title := range []string{"", "Baromètre", "baromètre 2027"} {
			p := b.post(page+"/delete", url.Values{"title": {title}})
			wantStatus(t, p, http.StatusBadRequest)
			wantContains(t, p, "recopiez exactement son titre")
		}
		wantRedirect(t, b.post(page+"/delete", url.Values{"title": {"Baromètre 2027"}}), "/admin")
		wantStatus(t, b.get(page), http.StatusNotFound)
	})

	t.Run("API", func(t *testing.T) {
		as := MustNewAdminServer(t)
		as.submitN(t, 3, []string{"Direction B"}, "")
		_, consultantToken := as.token(t, as.Consultant)
		_, viewerToken := as.token(t, as.Viewer)
		path := "/api/v1/campaigns/" + as.Campaign.ID
		for _, tc := range []struct {
			name, token, body string
			want              int
		}{
			{"ErrViewer", viewerToken, `{"confirm": "Baromètre 2027"}`, http.StatusForbidden},
			{"ErrNoBody", consultantToken, "", http.StatusBadRequest},
			{"ErrWrongTitle", consultantToken, `{"confirm": "Baromètre 2026"}`, http.StatusBadRequest},
			{"ErrNotJSON", consultantToken, `Baromètre 2027`, http.StatusBadRequest},
			{"WithTitle", consultantToken, `{"confirm": "Baromètre 2027"}`, http.StatusNoContent},
			{"ErrGone", consultantToken, `{"confirm": "Baromètre 2027"}`, http.StatusNotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantStatus(t, as.api(t, tc.token, http.MethodDelete, path, tc.body), tc.want)
			})
		}
		as.wantAudit(t, consultantEmail+" campaign.delete")
	})
}

func TestRetentionInFormAndWelcome(t *testing.T) {
	t.Run("WelcomeSaysRetention", func(t *testing.T) {
		ts := MustNewServer(t, withSpec(func(s *vigie.CampaignSpec) { s.RetentionDays = 200 }))
		p := ts.browser(t).get("/r/" + ts.Campaign.Slug)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "effacés au plus tard 200 jours après la clôture")
		p = ts.browser(t).get("/r/" + ts.Campaign.Slug + "?lang=en")
		wantContains(t, p, "at the latest 200 days after the survey closes")
	})

	as := MustNewAdminServer(t, withState(vigie.StateDraft))
	b := as.signedIn(t, consultantEmail)
	edit := "/admin/campaigns/" + as.Campaign.ID + "/edit"
	form := func(retention string) url.Values {
		return url.Values{
			"title": {"Baromètre 2027"}, "organisation": {"SSR"}, "questionnaires": {"charge-et-soutien"},
			"min_group_size": {"5"}, "comment_min_group_size": {"10"}, "access": {"codes"}, "retention_days": {retention},
		}
	}
	wantContains(t, b.get(edit), `name="retention_days"`, `value="365"`)
	for _, tc := range []struct {
		name, value string
		want        int
		message     string
	}{
		{"ErrZero", "0", http.StatusBadRequest, "retention_days : la durée de conservation"},
		{"ErrTooLong", "1096", http.StatusBadRequest, "de 1 à 1095 jours"},
		{"ErrNotNumber", "un an", http.StatusBadRequest, "Conservation des réponses : « un an »"},
		{"Max", "1095", http.StatusSeeOther, ""},
		{"Empty", "", http.StatusSeeOther, ""}, // the default
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := b.post(edit, form(tc.value))
			wantStatus(t, p, tc.want)
			if tc.message != "" {
				wantContains(t, p, tc.message)
			}
		})
	}
	c, err := as.Store.Campaign(context.Background(), as.Campaign.ID)
	if err != nil || c.RetentionDays != vigie.DefaultRetentionDays {
		t.Fatalf("retention after saving an empty field = %d, %v; want the default", c.RetentionDays, err)
	}
}

func TestInformationNotice(t *testing.T) {
	ts := MustNewServer(t, withState(vigie.StateDraft), withSpec(func(s *vigie.CampaignSpec) {
		s.DPOContact = "dpo@client.example"
		s.RetentionDays = 400
	}))
	b := ts.browser(t)
	base := "/r/" + ts.Campaign.Slug

	p := b.get(base + "/notice")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Notice d’information", "Service social régional", // the controller by default
		"intérêt légitime", "Répondre est facultatif", "au moins 5 personnes", "400 jours après la clôture",
		"dpo@client.example", "ne retrouvera pas vos réponses", base+"/notice.pdf")
	// The French notice is prose an employee reads: typographic
	// apostrophes, and no line that could start with a colon.
	if i := strings.Index(p.Body, " :"); i >= 0 {
		t.Errorf("notice has a normal space before a colon: %q", p.Body[max(0, i-40):i+2])
	}
	if strings.Contains(p.Body, "&#39;") {
		i := strings.Index(p.Body, "&#39;")
		t.Errorf("notice has a straight apostrophe: %q", p.Body[max(0, i-60):i+5])
	}

	p = ts.browser(t).get(base + "/notice?lang=en")
	wantContains(t, p, "Why an access request will not find your answers", "400 days after the survey closes")

	p = b.get(base + "/notice.pdf")
	wantStatus(t, p, http.StatusOK)
	if p.Header.Get("Content-Type") != pdfType || !strings.HasPrefix(p.Body, "%PDF-") {
		t.Fatalf("notice.pdf: Content-Type %q, body %.8q", p.Header.Get("Content-Type"), p.Body)
	}
	text := pdfText(t, p.Body)
	for _, want := range []string{"Baromètre 2027", "dpo@client.example", "400 jours"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice.pdf lacks %q:\n%s", want, text)
		}
	}

	wantStatus(t, b.get("/r/inconnu/notice"), http.StatusNotFound)
}

func TestWelcomeLinksNotice(t *testing.T) {
	ts := MustNewServer(t)
	wantContains(t, ts.browser(t).get("/r/"+ts.Campaign.Slug), `href="/r/`+ts.Campaign.Slug+`/notice"`)
}

func TestRegistre(t *testing.T) {
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) { s.DPOContact = "dpo@client.example" }))
	_, consultantToken := as.token(t, as.Consultant)
	_, viewerToken := as.token(t, as.Viewer)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/registre.json"
	wantStatus(t, as.api(t, viewerToken, http.MethodGet, path, ""), http.StatusForbidden)

	p := as.api(t, consultantToken, http.MethodGet, path, "")
	wantStatus(t, p, http.StatusOK)
	var got struct {
		Controller struct {
			Name string `json:"nom"`
		} `json:"responsable_du_traitement"`
		DPO          string   `json:"delegue_protection_donnees"`
		Purposes     []string `json:"finalites"`
		LegalBasis   string   `json:"base_legale"`
		Subjects     []string `json:"categories_de_personnes"`
		Data         []string `json:"categories_de_donnees"`
		Recipients   []string `json:"categories_de_destinataires"`
		Transfers    string   `json:"transferts_hors_ue"`
		Security     []string `json:"mesures_de_securite"`
		ToComplete   []string `json:"a_completer"`
		RetentionRaw struct {
			Days int `json:"jours_apres_cloture"`
		} `json:"durees_de_conservation"`
	}
	decode(t, p, &got)
	if got.Controller.Name != "Service social régional" || got.DPO != "dpo@client.example" ||
		!strings.Contains(got.LegalBasis, "intérêt légitime") || got.RetentionRaw.Days != 365 {
		t.Errorf("registre = %+v", got)
	}
	if !strings.Contains(got.Subjects[0], "39 personnes") { // 12 + 7 + 20
		t.Errorf("data subjects = %q, want the declared headcount 39", got.Subjects)
	}
	if !strings.Contains(strings.Join(got.Data, " "), "Charge") || len(got.Purposes) == 0 || len(got.Recipients) == 0 || len(got.Security) == 0 || got.Transfers == "" {
		t.Errorf("registre lacks an article 30 field: %+v", got)
	}
	if !slices.Contains(got.ToComplete, "hebergement") || slices.Contains(got.ToComplete, "delegue_protection_donnees") {
		t.Errorf("a_completer = %q: hosting to complete, the DPO given", got.ToComplete)
	}
	as.wantAudit(t, consultantEmail+" registre.export")
}

// TestRegistrePDF pins the record of processing as a PDF: the same facts
// as the JSON, for consultants only, logged.
func TestRegistrePDF(t *testing.T) {
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) { s.DPOContact = "dpo@client.example" }))
	base := "/admin/campaigns/" + as.Campaign.ID
	wantStatus(t, as.signedIn(t, viewerEmail).get(base+"/registre.pdf"), http.StatusForbidden)
	wantContains(t, as.signedIn(t, consultantEmail).get(base), `href="`+base+`/registre.pdf"`)
	p := as.signedIn(t, consultantEmail).get(base + "/registre.pdf")
	wantStatus(t, p, http.StatusOK)
	if p.Header.Get("Content-Type") != pdfType || !strings.HasPrefix(p.Body, "%PDF-") {
		t.Fatalf("registre.pdf: Content-Type %q", p.Header.Get("Content-Type"))
	}
	text := strings.Join(strings.Fields(pdfText(t, p.Body)), " ")
	for _, want := range []string{"Registre des activités de traitement", "Responsable du traitement", "Service social régional",
		"dpo@client.example", "Base légale", "intérêt légitime", "39 personnes", "Mesures de sécurité", "À COMPLÉTER"} {
		if !strings.Contains(text, want) {
			t.Errorf("registre.pdf lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Vigie,") || strings.Contains(text, "par Vigie") {
		t.Errorf("registre.pdf speaks in Vigie's name:\n%s", text)
	}
	as.wantAudit(t, consultantEmail+" registre.export")
}

func TestAIPD(t *testing.T) {
	as := MustNewAdminServer(t, withAccess(vigie.AccessLink), withSpec(func(s *vigie.CampaignSpec) {
		s.Units = append(s.Units, vigie.UnitSpec{Path: []string{"Direction C"}, Headcount: 3})
	}))
	_, consultantToken := as.token(t, as.Consultant)
	_, viewerToken := as.token(t, as.Viewer)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/aipd.pdf"
	wantStatus(t, as.api(t, viewerToken, http.MethodGet, path, ""), http.StatusForbidden)
	wantStatus(t, as.signedIn(t, viewerEmail).get("/admin/campaigns/"+as.Campaign.ID+"/aipd.pdf"), http.StatusForbidden)

	for _, p := range []*page{
		as.api(t, consultantToken, http.MethodGet, path, ""),
		as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID + "/aipd.pdf"),
	} {
		wantStatus(t, p, http.StatusOK)
		if p.Header.Get("Content-Type") != pdfType || !strings.HasPrefix(p.Body, "%PDF-") {
			t.Fatalf("aipd.pdf: Content-Type %q", p.Header.Get("Content-Type"))
		}
	}
	text := strings.Join(strings.Fields(pdfText(t, as.api(t, consultantToken, http.MethodGet, path, "").Body)), " ")
	for _, want := range []string{
		"1. Contexte", "2. Principes fondamentaux", "3. Risques", "4. Validation", // CNIL's PIA structure
		"Service social régional", "Charge", "moins de 5 personnes", "Direction C (3)", // the campaign's facts
		"365 jours", "une personne peut répondre deux fois", "À COMPLÉTER",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("aipd.pdf lacks %q:\n%s", want, text)
		}
	}
	as.wantAudit(t, consultantEmail+" aipd.export")
}
