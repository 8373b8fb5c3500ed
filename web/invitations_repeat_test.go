package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/store"
)

func TestInvitationRepeatedAddresses(t *testing.T) {
	relay := startSMTP(t)
	as := MustNewAdminServer(t, withMailer(t, relay, true))
	_, tok := as.token(t, as.Consultant)

	// Twice in one list, however written: one code, the repeat listed.
	st := as.waitSending(t, tok, as.startSending(t, tok, "invitations",
		recipients("alice@client.test", " ALICE@Client.test", "bob@client.test", "bob@client.test")).URL)
	if st.Total != 2 || st.Sent != 2 || !slices.Equal(st.Repeated, []string{"ALICE@Client.test", "bob@client.test"}) || len(st.Failed) != 0 {
		t.Fatalf("progress = %+v, want 2 sent, the 2 repeats listed", st)
	}
	if n := len(relay.Messages()); n != 2 {
		t.Fatalf("%d messages, want 2", n)
	}
	// Across sendings: recognised by the keyed hash, listed.
	st = as.waitSending(t, tok, as.startSending(t, tok, "invitations", recipients("Alice@client.test", "carole@client.test")).URL)
	if st.Sent != 1 || st.AlreadyInvited != 1 || !slices.Equal(st.AlreadyInvitedAddresses, []string{"Alice@client.test"}) {
		t.Fatalf("progress = %+v, want carole sent, Alice listed as already invited", st)
	}
	if total, _, _ := as.Store.CodeCounts(context.Background(), as.Campaign.ID); total != 3 {
		t.Fatalf("%d codes, want 3 (one per person)", total)
	}
	// The page lists them and says nothing failed.
	b := as.signedIn(t, consultantEmail)
	p := b.get("/admin" + strings.TrimPrefix(st.URL, "/api/v1"))
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Adresses qui avaient déjà reçu un code", "Alice@client.test", "Aucun échec.")
	wantNotContains(t, p, "0\u00a0échec", "Adresses en double")
}

func TestInvitationText(t *testing.T) {
	relay := startSMTP(t)
	as := MustNewAdminServer(t, withMailer(t, relay, true))
	ctx := context.Background()
	a := store.AmendmentOf(as.Campaign)
	a.EndDate = "2027-03-01"
	a.ConductedBy = map[string]string{"fr": "Cabinet Exemple, consultants en santé au travail", "en": "Cabinet Exemple, occupational-health consultants"}
	c, _, err := as.Store.AmendCampaign(ctx, as.Campaign.ID, a, now)
	if err != nil {
		t.Fatal(err)
	}
	as.Campaign = c
	qs, err := as.Store.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	minutes := 1
	for _, q := range qs {
		minutes += q.EstimatedMinutes()
	}
	_, tok := as.token(t, as.Consultant)
	as.waitSending(t, tok, as.startSending(t, tok, "invitations", recipients("alice@client.test")).URL)
	msgs := relay.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	body := decodeQP(msgs[0].Data)
	for _, want := range []string{
		"environ " + itoa(minutes) + " minutes", "about " + itoa(minutes) + " minutes",
		"1er mars 2027", "1 March 2027",
		"menée par Cabinet Exemple, consultants en santé au travail pour " + c.Organisation,
		"/r/" + c.Slug + "/notice",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("invitation lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "vingtaine") {
		t.Errorf("invitation still says « une vingtaine de minutes »")
	}
	// The welcome page says the same duration.
	wantContains(t, as.browser(t).get("/r/"+c.Slug), "environ "+itoa(minutes)+" minutes")
}

func TestInvitationFormWithoutSMTP(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	p := b.get("/admin/campaigns/" + as.Campaign.ID)
	wantContains(t, p, "L’envoi par courriel n’est pas configuré sur ce serveur", "--smtp-addr", "VIGIE_SMTP_PASSWORD")
	wantNotContains(t, p, `action="/admin/campaigns/`+as.Campaign.ID+`/invitations"`)
	wantStatus(t, b.post("/admin/campaigns/"+as.Campaign.ID+"/invitations", url.Values{"addresses": {"a@client.test"}}), http.StatusConflict)

	relay := startSMTP(t)
	with := MustNewAdminServer(t, withMailer(t, relay, true))
	p = with.signedIn(t, consultantEmail).get("/admin/campaigns/" + with.Campaign.ID)
	wantContains(t, p, `action="/admin/campaigns/`+with.Campaign.ID+`/invitations"`)
	wantNotContains(t, p, "n’est pas configuré")
}
