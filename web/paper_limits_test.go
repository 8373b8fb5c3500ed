package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// TestPaperProbeReplay replays the attack on the paper route: a sheet is
// entered once, then second entries with a different value each time
// watch for the moment its number is used online. A sheet used online
// meanwhile and one that is not answer alike, byte for byte, through the
// API and on the entry screen; every answer counts against the account,
// whose 11th probe is 429 whatever the sheet; the refusals and the 429 are
// in the audit log under the account, without any sheet number.
func TestPaperProbeReplay(t *testing.T) {
	as := MustNewAdminServer(t)
	tok := entryToken(t, as, "saisie@cabinet.test", true)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/paper-entries"
	sheets := as.MustCodes(t, 3)
	unused, usedOnline := sheets[0], sheets[1]
	for _, sheet := range sheets[:2] {
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheet, "", 1)), http.StatusAccepted)
	}
	// The holder of the second sheet's number answers online meanwhile.
	online := as.browser(t).withAddr("198.51.100.9:4000")
	wantStatus(t, online.postJSON(responsesPath(as.testServer), validBody(usedOnline)), http.StatusCreated)

	for i := range 5 {
		v := 2 + i%3
		pu := as.api(t, tok, http.MethodPost, path, paperBody(unused, "", v))
		po := as.api(t, tok, http.MethodPost, path, paperBody(usedOnline, "", v))
		wantStatus(t, pu, http.StatusConflict)
		if po.Status != pu.Status || po.Body != pu.Body {
			t.Fatalf("round %d: sheet used online answers %d %s, unused sheet %d %s", i+1, po.Status, po.Body, pu.Status, pu.Body)
		}
	}
	p := as.api(t, tok, http.MethodPost, path, paperBody(sheets[2], "", 1))
	wantStatus(t, p, http.StatusTooManyRequests)
	wantContains(t, p, "Trop de saisies refusées")

	count := map[string]int{}
	entries, err := as.Store.AuditLog(t.Context(), 0, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		count[e.Actor+" "+e.Action]++
		for _, sheet := range sheets {
			line := e.Actor + e.Action + e.Target + e.Detail
			if strings.Contains(line, sheet) || strings.Contains(line, store.NormaliseCode(sheet)) {
				t.Fatalf("audit entry %+v holds a sheet number", e)
			}
		}
	}
	if count["saisie@cabinet.test paper.refused"] != 10 || count["saisie@cabinet.test paper.limited"] != 1 {
		t.Fatalf("audit log counts %v, want 10 paper.refused and 1 paper.limited for the account", count)
	}

	// The entry screen, typed by another account, says the same of both.
	b := as.signedIn(t, consultantEmail)
	screen := "/admin/campaigns/" + as.Campaign.ID + "/saisie"
	pu := b.post(screen, entryForm(unused, "4-3214", "04"))
	po := b.post(screen, entryForm(usedOnline, "4-3214", "04"))
	wantStatus(t, pu, http.StatusConflict)
	wantContains(t, pu, "Les deux saisies de cette feuille diffèrent")
	if po.Status != pu.Status || strings.ReplaceAll(po.Body, usedOnline, "#") != strings.ReplaceAll(pu.Body, unused, "#") {
		t.Fatalf("entry screen: sheet used online answers %d, unused sheet %d, or their pages differ:\n%s\n---\n%s", po.Status, pu.Status, po.Body, pu.Body)
	}
	if n := as.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want the online one", n)
	}
}

// TestPaperHonestEntryNotLimited checks that a typist double-entering
// fresh sheets with one account, a few typos and mismatches included,
// never meets the limit.
func TestPaperHonestEntryNotLimited(t *testing.T) {
	as := MustNewAdminServer(t)
	tok := entryToken(t, as, "saisie@cabinet.test", true)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/paper-entries"
	sheets := as.MustCodes(t, 40)
	post := func(path, body string, want int) {
		t.Helper()
		wantStatus(t, as.api(t, tok, http.MethodPost, path, body), want)
	}
	for i, sheet := range sheets {
		post(path, paperBody(sheet, "", 1), http.StatusAccepted)
		switch {
		case i%10 == 3: // a mismatch, resolved
			post(path, paperBody(sheet, "", 2), http.StatusConflict)
			post(path+"/"+sheet+"/resolve", paperBody("", "", 2), http.StatusCreated)
		case i%20 == 7: // a typo in the sheet number, typed again
			post(path, paperBody("ZZZZ-ZZZZ-ZZZZ", "", 1), http.StatusNotFound)
			fallthrough
		default:
			post(path, paperBody(sheet, "", 1), http.StatusCreated)
		}
	}
	if n := as.responseCount(t); n != len(sheets) {
		t.Fatalf("%d responses, want %d", n, len(sheets))
	}
}

// TestPaperCampaignCeiling checks that accounts, which a consultant can
// create, do not multiply the allowance: after 30 refused entries in a
// campaign, all accounts together, every entry of the campaign is 429,
// a fresh account's fresh sheet included; one more comes back a minute
// later.
func TestPaperCampaignCeiling(t *testing.T) {
	clk := &clock{t: now}
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) { c.Now = clk.Now }))
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/paper-entries"
	sheet := as.MustCodes(t, 1)[0]
	refused := 0
	for _, email := range []string{"s1@cabinet.test", "s2@cabinet.test", "s3@cabinet.test", "s4@cabinet.test"} {
		tok := entryToken(t, as, email, true)
		for range 8 {
			p := as.api(t, tok, http.MethodPost, path, paperBody("ZZZZ-ZZZZ-ZZZZ", "", 1))
			switch {
			case refused < 30 && p.Status != http.StatusNotFound:
				t.Fatalf("refusal %d: status %d, want 404", refused+1, p.Status)
			case refused >= 30 && p.Status != http.StatusTooManyRequests:
				t.Fatalf("refusal %d: status %d, want 429", refused+1, p.Status)
			}
			refused++
		}
	}
	tok := entryToken(t, as, "s5@cabinet.test", true)
	wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheet, "", 1)), http.StatusTooManyRequests)
	clk.Add(time.Minute)
	wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheet, "", 1)), http.StatusAccepted)
}
