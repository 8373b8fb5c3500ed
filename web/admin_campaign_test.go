package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
)

// multipartBody builds a multipart form with fields and files (name ->
// file name and content).
func multipartBody(tb testing.TB, fields url.Values, files map[string][2]string) (io.Reader, string) {
	tb.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for field, f := range files {
		fw, err := w.CreateFormFile(field, f[0])
		if err != nil {
			tb.Fatal(err)
		}
		fw.Write([]byte(f[1]))
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

// campaignFields is a valid campaign form.
func campaignFields() url.Values {
	return url.Values{
		"title":                  {"Baromètre social 2027"},
		"organisation":           {"Mairie de Trifouillis"},
		"questionnaires":         {"charge-et-soutien", "climat"},
		"units":                  {"Services techniques/Voirie;14\nServices techniques/Espaces verts;9\nAccueil;6\n"},
		"segments":               {"metier;Métier;Agent;Encadrant\n"},
		"min_group_size":         {"5"},
		"comment_min_group_size": {"10"},
		"access":                 {"codes"},
	}
}

func TestCampaignCreateForm(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	p := b.get("/admin/campaigns/new")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Taille minimale des groupes (k)", "une même personne peut répondre deux fois", "/admin/questionnaires/charge-et-soutien")
	checkAccessible(t, p)

	body, ctype := multipartBody(t, campaignFields(), nil)
	p = b.do(http.MethodPost, "/admin/campaigns", body, ctype)
	loc := wantRedirect(t, p, "")
	id := strings.TrimPrefix(loc, "/admin/campaigns/")
	camp, err := as.Store.Campaign(context.Background(), id)
	if err != nil {
		t.Fatalf("campaign %s not created: %v", id, err)
	}
	if camp.Title != "Baromètre social 2027" || camp.State != vigie.StateDraft || len(camp.Units) != 4 || len(camp.Segments) != 1 {
		t.Fatalf("campaign = %+v", camp)
	}
	as.wantAudit(t, consultantEmail+" campaign.create")

	// The edit form shows the settings back and saves them.
	p = b.get(loc + "/edit")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Services techniques/Voirie;14", "metier;Métier;Agent;Encadrant")
	f := campaignFields()
	f.Set("title", "Baromètre social 2027 (v2)")
	f.Set("access", "link")
	body, ctype = multipartBody(t, f, nil)
	wantRedirect(t, b.do(http.MethodPost, loc+"/edit", body, ctype), loc)
	camp, _ = as.Store.Campaign(context.Background(), id)
	if camp.Title != "Baromètre social 2027 (v2)" || camp.Access != vigie.AccessLink {
		t.Fatalf("campaign not updated: %+v", camp)
	}
	p = b.get(loc)
	wantContains(t, p, "une même personne peut répondre deux fois")

	t.Run("InvalidKeepsInput", func(t *testing.T) {
		f := campaignFields()
		f.Set("min_group_size", "2")
		f.Set("title", "")
		body, ctype := multipartBody(t, f, nil)
		p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Le titre est requis.")
		if strings.Contains(p.Body, "title :") {
			t.Errorf("the form's message names the key, not the label")
		}
		wantContains(t, p, "Mairie de Trifouillis", "Services techniques/Voirie;14", `role="alert"`)
	})
}

func TestUnitsImportErrorsPerLine(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	post := func(t *testing.T, name, content string) *page {
		f := campaignFields()
		f.Set("units", "")
		body, ctype := multipartBody(t, f, map[string][2]string{"units_file": {name, content}})
		return b.do(http.MethodPost, "/admin/campaigns", body, ctype)
	}

	t.Run("CSV", func(t *testing.T) {
		p := post(t, "unites.csv", "Unité;Effectif\nDirection A/Service 1;12\nDirection A/Service 2;douze\nDirection A//Service 3;4\nDirection A/Service 1;3\nDirection B;-2\n")
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p,
			"ligne 3 : l&#39;effectif « douze » n&#39;est pas un nombre entier.",
			"ligne 4 : un niveau du chemin est vide",
			"ligne 5 : l&#39;unité « Direction A / Service 1 » figure déjà ligne 2.",
			"ligne 6 : l&#39;effectif -2 est négatif.")
		if strings.Contains(p.Body, "ligne 2 :") {
			t.Errorf("line 2 is valid but reported:\n%s", p.Body)
		}
	})

	t.Run("CSVValid", func(t *testing.T) {
		p := post(t, "unites.csv", "\xef\xbb\xbfDirection,Service,Effectif\nDirection A,Service 1,12\nDirection A,Service 2,7\nDirection B,,20\n")
		loc := wantRedirect(t, p, "")
		camp, err := as.Store.Campaign(context.Background(), strings.TrimPrefix(loc, "/admin/campaigns/"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range camp.Units {
			got = append(got, strings.Join(u.Path, "/")+"="+itoa(u.Headcount))
		}
		want := "Direction A=0 Direction A/Service 1=12 Direction A/Service 2=7 Direction B=20"
		if strings.Join(got, " ") != want {
			t.Fatalf("units = %v, want %s", got, want)
		}
	})

	t.Run("CSVColumnsSlashOrEmptyParent", func(t *testing.T) {
		p := post(t, "unites.csv", "Direction;Équipe;Effectif\nDirection Sud;Équipe Nîmes/Gard;8\n;Équipe Alès;6\nDirection Nord;;12\nDirection Sud;Équipe Arles;5\n")
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p,
			"ligne 2 : le nom « Équipe Nîmes/Gard » (colonne 2) contient « / »",
			"ligne 3 : la colonne 1 (niveau 1) est vide alors que la colonne 2 donne un nom")
		for _, line := range []string{"ligne 4 :", "ligne 5 :"} {
			if strings.Contains(p.Body, line) {
				t.Errorf("%s is valid but reported", line)
			}
		}
	})

	t.Run("XLSX", func(t *testing.T) {
		x := excelize.NewFile()
		rows := [][]any{{"Unité", "Effectif"}, {"Pôle social/Accueil", 8}, {"Pôle social/Instruction", "beaucoup"}, {"", ""}, {"Pôle social/Accueil", 5}}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			x.SetSheetRow("Sheet1", cell, &r)
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		p := post(t, "unites.xlsx", buf.String())
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "ligne 3 : l&#39;effectif « beaucoup »", "ligne 5 : l&#39;unité « Pôle social / Accueil » figure déjà ligne 2.")
	})
}

func TestQuestionnaireUpload(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	p := b.get("/admin/questionnaires")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Charge de travail et soutien")

	bad := strings.Replace(chargeYAML, "direction: higher_is_worse", "direction: plus_haut", 1)
	bad = strings.Replace(bad, "id: charge-et-soutien", "id: perso", 1)
	body, ctype := multipartBody(t, nil, map[string][2]string{"file": {"perso.yaml", bad}})
	p = b.do(http.MethodPost, "/admin/questionnaires", body, ctype)
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "Ligne 18 : dimension charge : « direction » vaut « plus_haut »")

	good := strings.Replace(chargeYAML, "id: charge-et-soutien", "id: perso", 1)
	body, ctype = multipartBody(t, nil, map[string][2]string{"file": {"perso.yaml", good}})
	wantRedirect(t, b.do(http.MethodPost, "/admin/questionnaires", body, ctype), "/admin/questionnaires?saved=perso")
	if _, err := as.Store.Questionnaire(context.Background(), "perso"); err != nil {
		t.Fatalf("questionnaire not saved: %v", err)
	}
	as.wantAudit(t, consultantEmail+" questionnaire.upload")

	p = b.get("/admin/questionnaires/perso")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Je dois souvent me dépêcher.", "Plutôt d&#39;accord", "disabled")
}

func TestCodesDownload(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID

	p := b.post(base+"/codes", url.Values{"count": {"3"}, "unit": {"Direction A/Service 2"}, "format": {"csv"}})
	wantStatus(t, p, http.StatusOK)
	if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("Content-Type = %q", ct)
	}
	// For a French Excel: a byte-order mark, ";" between cells, French
	// headings; the file named after the campaign and the day.
	body, bom := strings.CutPrefix(p.Body, "\ufeff")
	if !bom {
		t.Errorf("CSV without a byte-order mark")
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("CSV = %q (%v), want a header and 3 codes", p.Body, err)
	}
	if strings.Join(recs[0], ";") != "Code;Unité;Lien direct" || recs[1][1] != "Direction A / Service 2" {
		t.Errorf("CSV header %q, unit %q", recs[0], recs[1][1])
	}
	if cd := p.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="codes-barometre-2027-2027-02-02.csv"`) || !strings.Contains(cd, "filename*=UTF-8''codes%20") {
		t.Errorf("Content-Disposition = %q, want the campaign's title and the day", cd)
	}
	for _, r := range recs[1:] {
		unit, err := as.Store.CheckCode(context.Background(), as.Campaign.ID, r[0])
		if err != nil || strings.Join(unit, "/") != "Direction A/Service 2" {
			t.Errorf("code %s: unit %v, %v", r[0], unit, err)
		}
		if r[2] != "https://vigie.example.org/r/"+as.Campaign.Slug+"?code="+r[0] {
			t.Errorf("link = %q", r[2])
		}
	}
	as.wantAudit(t, consultantEmail+" codes.generate")

	p = b.post(base+"/codes", url.Values{"count": {"9"}, "format": {"pdf"}})
	wantStatus(t, p, http.StatusOK)
	if cd := p.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="coupons-`) || strings.Contains(cd, as.Campaign.ID) {
		t.Errorf("Content-Disposition = %q, want « coupons- » and the title, not the id", cd)
	}
	if !strings.HasPrefix(p.Body, "%PDF-") || p.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("not a PDF: %q", p.Header.Get("Content-Type"))
	}
	total, _, _ := as.Store.CodeCounts(context.Background(), as.Campaign.ID)
	if total != 12 {
		t.Fatalf("%d codes stored, want 12", total)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not found: PDF text not checked")
		return
	}
	file := filepath.Join(t.TempDir(), "coupons.pdf")
	os.WriteFile(file, []byte(p.Body), 0o600)
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{as.Campaign.Title, "Votre code", "au moins 5 personnes", "https://vigie.example.org/r/"} {
		if !strings.Contains(text, want) {
			t.Errorf("slips lack %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "Votre code"); n != 9 {
		t.Errorf("%d slips, want 9", n)
	}
	codes := map[string]bool{}
	for _, c := range regexp.MustCompile(`\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b`).FindAllString(text, -1) {
		codes[c] = true
	}
	if len(codes) != 9 {
		t.Errorf("%d distinct codes printed, want 9", len(codes))
	}
	for c := range codes {
		if _, err := as.Store.CheckCode(context.Background(), as.Campaign.ID, c); err != nil {
			t.Errorf("printed code %s is not valid: %v", c, err)
		}
	}

	t.Run("Invalid", func(t *testing.T) {
		p := b.post(base+"/codes", url.Values{"count": {"0"}, "format": {"csv"}})
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Codes d’accès", `role="alert"`)
	})
	t.Run("EmptyCountOnTheSamePage", func(t *testing.T) {
		p := b.post(base+"/codes", url.Values{"count": {""}, "format": {"pdf"}})
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Indiquez le nombre de codes", `action="/admin/campaigns/`+as.Campaign.ID+`/codes"`)
	})
	t.Run("CountUpdates", func(t *testing.T) {
		before := b.get(base)
		p := b.post(base+"/codes", url.Values{"count": {"1"}, "format": {"csv"}})
		wantStatus(t, p, http.StatusOK)
		total := p.Header.Get("X-Vigie-Codes-Total")
		if total == "" {
			t.Fatalf("no X-Vigie-Codes-Total header")
		}
		wantContains(t, b.get(base), total+"\u00a0codes créés")
		if strings.Contains(before.Body, total+"\u00a0codes créés") {
			t.Errorf("the count did not change")
		}
	})
}

// TestSlipsForAUnitInEnglish: slips bound to a unit print it, and a
// bilingual campaign's slips come in the language chosen.
func TestSlipsForAUnitInEnglish(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found")
	}
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"fr", []string{"Unité : Direction A / Service 2", "Votre code"}},
		{"en", []string{"Unit: Direction A / Service 2", "Your code"}},
		{"de", []string{"Votre code"}}, // not a language of the campaign: French
	} {
		p := b.post(base+"/codes", url.Values{"count": {"1"}, "unit": {"Direction A/Service 2"}, "format": {"pdf"}, "lang": {tc.lang}})
		wantStatus(t, p, http.StatusOK)
		file := filepath.Join(t.TempDir(), "coupons.pdf")
		os.WriteFile(file, []byte(p.Body), 0o600)
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s slips lack %q:\n%s", tc.lang, w, text)
			}
		}
	}
}

func TestOpenClose(t *testing.T) {
	as := MustNewAdminServer(t, withState(vigie.StateDraft))
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	p := b.get(base)
	wantContains(t, p, "Brouillon", "Ouvrir la campagne", `name="confirm" value="1" required`)
	t.Run("OpenUnconfirmed", func(t *testing.T) {
		p := b.post(base+"/open", nil)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Cochez la case de confirmation", "ne pourront plus être modifiés")
		wantContains(t, b.get(base), "Brouillon")
	})
	wantRedirect(t, b.post(base+"/open", confirmed), base)
	p = b.get(base)
	wantContains(t, p, "Ouverte", "Clore la campagne")
	wantStatus(t, b.post(base+"/open", confirmed), http.StatusConflict)
	t.Run("CloseUnconfirmed", func(t *testing.T) {
		p := b.post(base+"/close", url.Values{"confirm": {"oui"}})
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "ne pourra plus recevoir de réponses")
		wantContains(t, b.get(base), "Ouverte")
	})
	wantRedirect(t, b.post(base+"/close", confirmed), base)
	wantContains(t, b.get(base), "Close", "Modérer les commentaires")
	as.wantAudit(t, consultantEmail+" campaign.open")
	as.wantAudit(t, consultantEmail+" campaign.close")
}

func itoa(n int) string { return strconv.Itoa(n) }

// confirmed is the form of an irreversible action with its confirmation
// box checked.
var confirmed = url.Values{"confirm": {"1"}}

func TestGrantViewerForm(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	outsider := as.signedIn(t, outsiderEmail)
	wantStatus(t, outsider.get(base), http.StatusForbidden)

	p := b.post(base+"/viewers", url.Values{"email": {"personne@nulle.part"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "Aucun compte pour l&#39;adresse", "Participation")
	p = b.post(base+"/viewers", url.Values{"email": {consultantEmail}})
	wantStatus(t, p, http.StatusBadRequest)

	wantRedirect(t, b.post(base+"/viewers", url.Values{"email": {" " + strings.ToUpper(outsiderEmail)}}), base)
	wantStatus(t, outsider.get(base), http.StatusOK)
	wantContains(t, b.get(base), outsiderEmail)
	as.wantAudit(t, consultantEmail+" viewer.grant")
}

func TestQuestionnaireOrder(t *testing.T) {
	as := MustNewAdminServer(t, withState(vigie.StateDraft))
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	order := func() string {
		t.Helper()
		c, err := as.Store.Campaign(t.Context(), as.Campaign.ID)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(c.Questionnaires, ",")
	}
	if got := order(); got != "charge-et-soutien,climat" {
		t.Fatalf("order = %s, want charge-et-soutien,climat", got)
	}
	wantContains(t, b.get(base), "Ordre des questionnaires", "Descendre")
	wantRedirect(t, b.post(base+"/questionnaires/move", url.Values{"qid": {"climat"}, "dir": {"up"}}), base+"#h-order")
	if got := order(); got != "climat,charge-et-soutien" {
		t.Errorf("after moving climat up, order = %s", got)
	}
	wantStatus(t, b.post(base+"/questionnaires/move", url.Values{"qid": {"climat"}, "dir": {"up"}}), http.StatusBadRequest)
	as.wantAudit(t, consultantEmail+" campaign.questionnaires")
	wantRedirect(t, b.post(base+"/open", confirmed), base)
	wantStatus(t, b.post(base+"/questionnaires/move", url.Values{"qid": {"climat"}, "dir": {"down"}}), http.StatusConflict)
	if got := order(); got != "climat,charge-et-soutien" {
		t.Errorf("an open campaign's order changed: %s", got)
	}
}

func TestCampaignFormPriorityShare(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	wantContains(t, b.get("/admin/campaigns/new"), `name="priority_share" value="0,5"`)

	f := campaignFields()
	f.Set("priority_share", "0,4") // the French decimal comma
	body, ctype := multipartBody(t, f, nil)
	loc := wantRedirect(t, b.do(http.MethodPost, "/admin/campaigns", body, ctype), "")
	camp, err := as.Store.Campaign(context.Background(), strings.TrimPrefix(loc, "/admin/campaigns/"))
	if err != nil || camp.PriorityShare != 0.4 {
		t.Fatalf("priority_share = %v (%v), want 0.4", camp.PriorityShare, err)
	}
	wantContains(t, b.get(loc+"/edit"), `name="priority_share" value="0,4"`)

	for _, tt := range []struct{ value, msg string }{
		{"moitié", "« moitié » n&#39;est pas un nombre"},
		{"1,5", "elle doit être comprise entre 0 (exclu) et 1, pas « 1,5 »"},
		{"0", "pas « 0 »"},
	} {
		f := campaignFields()
		f.Set("priority_share", tt.value)
		body, ctype := multipartBody(t, f, nil)
		p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, tt.msg, `value="`+tt.value+`"`)
	}
}

// TestOpenWarnsWithoutDPO pins the warning before opening a campaign that
// names no data protection officer: the notice would have no address.
func TestOpenWarnsWithoutDPO(t *testing.T) {
	for _, tt := range []struct {
		name, dpo string
		warn      bool
	}{{"NoDPO", "", true}, {"DPO", "dpo@client.example", false}} {
		t.Run(tt.name, func(t *testing.T) {
			as := MustNewAdminServer(t, withState(vigie.StateDraft), withSpec(func(s *vigie.CampaignSpec) { s.DPOContact = tt.dpo }))
			p := as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID)
			wantStatus(t, p, http.StatusOK)
			warned := strings.Contains(p.Body, `id="open-no-dpo"`)
			if warned != tt.warn {
				t.Fatalf("DPO %q: warning shown = %v, want %v", tt.dpo, warned, tt.warn)
			}
			if warned {
				wantContains(t, p, "n’aura pas d’adresse de DPO", "Service social régional", `href="/admin/campaigns/`+as.Campaign.ID+`/edit#dpo_contact"`)
				if strings.Index(p.Body, `id="open-no-dpo"`) > strings.Index(p.Body, `/open"`) {
					t.Error("the warning comes after the open button")
				}
			}
		})
	}
}
