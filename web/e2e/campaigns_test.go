package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/mail"
	"github.com/vigie-sante/vigie/mail/mailtest"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/web"
)

// TestConsultantAmendsClosesAndPreparesNextWave follows a consultant's
// day on a running campaign: change the end date and the title of the
// open campaign (the locked settings are shown with their reasons),
// close it with a paper sheet still waiting for its second entry (listed,
// confirmed apart), prepare the next wave, and find it in the searched
// list. Every page passes axe-core at 390 and 1280 px.
func TestConsultantAmendsClosesAndPreparesNextWave(t *testing.T) {
	s := newSite(t)
	q, _ := questionnaires.BuiltinByID("reconnaissance")
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen)
	sheet := s.codes(t, c.ID, 1)[0]
	r := &vigie.Response{CampaignID: c.ID, Unit: []string{"Direction A", "Service 1"}, Segments: map[string]string{},
		Answers: map[string]map[string]int{q.ID: {q.Dimensions[0].Items[0].ID: 2}}, Comments: map[string]string{}}
	if _, err := s.Store.EnterPaper(context.Background(), c.ID, sheet, r, time.Now()); err != nil {
		t.Fatalf("EnterPaper: %v", err)
	}
	base := "/admin/campaigns/" + c.ID
	ctx := newTab(t)
	s.login(t, ctx, consultantEmail)

	// Edit the open campaign.
	s.open(t, ctx, base)
	clickAndLoad(t, ctx, `#amend-link`)
	if p := s.path(t, ctx); p != base+"/edit" {
		t.Fatalf("the edit link leads to %s", p)
	}
	wantText(t, ctx, "Ce qui ne change plus")
	auditWidths(t, ctx, "edit an open campaign")
	screenshot(t, ctx, "campaign-amend-phone.png", phoneWidth)
	screenshot(t, ctx, "campaign-amend-desktop.png", desktopWidth)
	end := time.Now().AddDate(0, 0, 14).Format("2006-01-02")
	do(t, ctx, "extend and retitle",
		chromedp.SetValue(chromedp.ID("end_date"), end),
		chromedp.SetValue(chromedp.ID("title"), "Baromètre 2027 – prolongé"),
	)
	clickAndLoad(t, ctx, `#amend-form button[type=submit]`)
	if p := s.path(t, ctx); p != base {
		t.Fatalf("after saving: %s, want the campaign page; it shows:\n%s", p, bodyText(t, ctx))
	}
	wantText(t, ctx, "Baromètre 2027 – prolongé")

	// Close, with the sheet waiting listed.
	wantText(t, ctx, "1\u00a0feuille papier attend encore sa seconde saisie")
	auditWidths(t, ctx, "campaign page with a sheet waiting")
	screenshotElement(t, ctx, "close-paper-waiting-desktop.png", "form[action$='/close']", desktopWidth)
	do(t, ctx, "confirm the closing", chromedp.Click(chromedp.ID("confirm-paper")), chromedp.Click(chromedp.ID("confirm-close")))
	clickAndLoad(t, ctx, `form[action$="/close"] button[type=submit]`)
	wantText(t, ctx, "Préparer la vague suivante")
	if n, _ := s.Store.PendingPaperCount(context.Background(), c.ID); n != 0 {
		t.Errorf("%d sheets waiting after closing, want 0", n)
	}

	// The next wave, then the list.
	clickAndLoad(t, ctx, `#next-wave-form button[type=submit]`)
	if p := s.path(t, ctx); !strings.HasSuffix(p, "/edit") || p == base+"/edit" {
		t.Fatalf("after « Préparer la vague suivante »: %s, want the new draft's form", p)
	}
	if v := eval[string](t, ctx, `document.getElementById("title").value`); !strings.Contains(v, "(vague suivante)") {
		t.Errorf("new wave's title = %q", v)
	}
	if v := eval[string](t, ctx, `document.getElementById("previous").value`); v != c.ID {
		t.Errorf("new wave's previous = %q, want %s", v, c.ID)
	}
	auditWidths(t, ctx, "next wave form")
	s.open(t, ctx, "/admin?q=prolonge&state=closed")
	wantText(t, ctx, "1\u00a0campagne trouvée sur 2")
	auditWidths(t, ctx, "campaign list searched")
	screenshot(t, ctx, "campaign-list-phone.png", phoneWidth)
	screenshot(t, ctx, "campaign-list-desktop.png", desktopWidth)
}

// TestAccountsAndOwnPassword creates a data-entry account from the
// accounts page, disables it, and has the viewer change their own
// password; the pages pass axe-core at both widths.
func TestAccountsAndOwnPassword(t *testing.T) {
	s := newSite(t)
	ctx := newTab(t)
	s.login(t, ctx, consultantEmail)
	s.open(t, ctx, "/admin/users")
	do(t, ctx, "new data-entry account",
		chromedp.SendKeys(chromedp.ID("email"), "saisie@cabinet.test"),
		chromedp.Click(chromedp.ID("role-entry")),
	)
	clickAndLoad(t, ctx, `form[action="/admin/users"] button[type=submit]`)
	wantText(t, ctx, "Compte saisie créé pour saisie@cabinet.test")
	u, err := s.Store.UserByEmail(context.Background(), "saisie@cabinet.test")
	if err != nil {
		t.Fatal(err)
	}
	clickAndLoad(t, ctx, `form[action="/admin/users/`+u.ID+`/disable"] button`)
	wantText(t, ctx, "désactivé")
	auditWidths(t, ctx, "accounts with a disabled account")
	screenshot(t, ctx, "accounts-manage-phone.png", phoneWidth)
	screenshot(t, ctx, "accounts-manage-desktop.png", desktopWidth)

	v := newTab(t)
	s.login(t, v, viewerEmail)
	s.open(t, v, "/admin/account")
	auditWidths(t, v, "own account")
	do(t, v, "change the password",
		chromedp.SendKeys(chromedp.ID("current"), testPassword),
		chromedp.SendKeys(chromedp.ID("password"), "une nouvelle phrase de passe"),
		chromedp.SendKeys(chromedp.ID("confirm"), "une nouvelle phrase de passe"),
	)
	clickAndLoad(t, v, `form[action="/admin/account/password"] button[type=submit]`)
	wantText(t, v, "Votre mot de passe a été changé")
	auditWidths(t, v, "own account, password changed")
	screenshot(t, v, "own-password-phone.png", phoneWidth)
}

// TestDraftInAnotherBrowserAsksFirst starts answering in one browser,
// types the same code in another: the second is asked before anything is
// erased, can go back, and the first browser still resumes.
func TestDraftInAnotherBrowserAsksFirst(t *testing.T) {
	s := newSite(t)
	q, _ := questionnaires.BuiltinByID("sens-du-travail")
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen)
	code := s.codes(t, c.ID, 1)[0]
	welcome := "/r/" + c.Slug

	first := newTab(t)
	s.open(t, first, welcome)
	do(t, first, "type the code", chromedp.SendKeys(chromedp.ID("code"), code))
	clickAndLoad(t, first, `form[action$="/code"] button[type=submit]`)
	do(t, first, "choose a unit", chromedp.Click(`input[name=unit]`, chromedp.NodeVisible))
	clickAndLoad(t, first, `form button[type=submit]`)
	if n, _ := s.Store.DraftCount(context.Background(), c.ID); n != 1 {
		t.Fatalf("%d drafts after the unit step, want 1", n)
	}

	other := newTab(t)
	s.open(t, other, welcome)
	do(t, other, "type the code elsewhere", chromedp.SendKeys(chromedp.ID("code"), code))
	clickAndLoad(t, other, `form[action$="/code"] button[type=submit]`)
	wantText(t, other, "Continuer ici efface vos réponses en cours")
	auditWidths(t, other, "draft elsewhere")
	screenshot(t, other, "draft-elsewhere-phone.png", phoneWidth)
	screenshot(t, other, "draft-elsewhere-desktop.png", desktopWidth)
	clickAndLoad(t, other, `#elsewhere-back`)
	if p := s.path(t, other); p != welcome {
		t.Fatalf("« Revenir » leads to %s, want the welcome page", p)
	}
	if n, _ := s.Store.DraftCount(context.Background(), c.ID); n != 1 {
		t.Fatalf("%d drafts after going back, want 1 (nothing erased)", n)
	}
}

// TestInvitationsRepeatedAddress sends codes by e-mail to a list with an
// address pasted twice: one code each, the repeat listed on the report,
// which says nothing failed.
func TestInvitationsRepeatedAddress(t *testing.T) {
	relay := mailtest.Start(t)
	s := newSite(t, func(cfg *web.Config) {
		m, err := mail.New(mail.Config{Addr: relay.Addr, From: "vigie@cabinet.test", Insecure: true, Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Admin.Mailer = m
	})
	q, _ := questionnaires.BuiltinByID("reconnaissance")
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen)
	ctx := newTab(t)
	s.login(t, ctx, consultantEmail)
	s.open(t, ctx, "/admin/campaigns/"+c.ID)
	do(t, ctx, "paste the addresses",
		chromedp.SendKeys(chromedp.ID("addresses"), "alice@client.test\nbob@client.test\nAlice@Client.test\n"))
	clickAndLoad(t, ctx, `button[name=kind][value=invite]`)
	for deadline := time.Now().Add(20 * time.Second); strings.Contains(bodyText(t, ctx), "Envoi en cours"); {
		if time.Now().After(deadline) {
			t.Fatal("the sending still runs after 20 s")
		}
		time.Sleep(500 * time.Millisecond)
		s.open(t, ctx, s.path(t, ctx))
	}
	wantText(t, ctx, "2\u00a0courriels envoyés")
	wantText(t, ctx, "Alice@Client.test")
	wantText(t, ctx, "Aucun échec.")
	if strings.Contains(bodyText(t, ctx), "0\u00a0échec") {
		t.Error("the report mentions 0 failures")
	}
	auditWidths(t, ctx, "sending report")
	screenshot(t, ctx, "sending-report-phone.png", phoneWidth)
	screenshot(t, ctx, "sending-report-desktop.png", desktopWidth)
	if n := len(relay.Messages()); n != 2 {
		t.Errorf("%d messages, want 2", n)
	}
}
