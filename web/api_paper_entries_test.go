package web_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

// paperBody is a complete paper entry; tension2 varies to make entries differ.
func paperBody(sheet, unit string, tension2 int) string {
	return fmt.Sprintf(`{"sheet": %q, "unit": %q, "segments": {"metier": "Encadrement"},
		"answers": {"charge-et-soutien": {"charge1": 4, "charge2": null}, "charge3": 3, "climat": {"charge1": 0}, "tension2": %d},
		"comments": {"charge-et-soutien": "Trop de dossiers."}}`, sheet, unit, tension2)
}

// entryToken returns the token of a new data-entry account, granted the
// campaign when granted is true.
func entryToken(tb testing.TB, as *adminServer, email string, granted bool) string {
	tb.Helper()
	ctx := context.Background()
	u, err := as.Store.CreateUser(ctx, email, vigie.RoleEntry, testPassword)
	if err != nil {
		tb.Fatalf("CreateUser saisie: %v", err)
	}
	if granted {
		if err := as.Store.GrantCampaign(ctx, u.ID, as.Campaign.ID); err != nil {
			tb.Fatalf("GrantCampaign saisie: %v", err)
		}
	}
	_, tok := as.token(tb, u)
	return tok
}

func (as *adminServer) pending(tb testing.TB) int {
	tb.Helper()
	n, err := as.Store.PendingPaperCount(context.Background(), as.Campaign.ID)
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestPaperEntries(t *testing.T) {
	as := MustNewAdminServer(t)
	tok := entryToken(t, as, "saisie@cabinet.test", true)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/paper-entries"
	sheets := as.MustCodes(t, 4)
	status := func(p *page) string {
		var v struct{ Status string }
		decode(t, p, &v)
		return v.Status
	}

	t.Run("IdenticalEntriesRecorded", func(t *testing.T) {
		p := as.api(t, tok, http.MethodPost, path, paperBody(sheets[0], "Direction A/Service 2", 4))
		wantStatus(t, p, http.StatusAccepted)
		if s := status(p); s != "awaiting_second_entry" {
			t.Fatalf("first entry: status %q, want awaiting_second_entry", s)
		}
		if as.responseCount(t) != 0 || as.pending(t) != 1 {
			t.Fatalf("after a first entry: %d responses, %d pending; want 0, 1", as.responseCount(t), as.pending(t))
		}
		// Lower case and without dashes: the same sheet.
		p = as.api(t, tok, http.MethodPost, path, paperBody(strings.ToLower(strings.ReplaceAll(sheets[0], "-", "")), "Direction A/Service 2", 4))
		wantStatus(t, p, http.StatusCreated)
		if s := status(p); s != "recorded" {
			t.Fatalf("second entry: status %q, want recorded", s)
		}
		if as.responseCount(t) != 1 || as.pending(t) != 0 {
			t.Fatalf("after two entries: %d responses, %d pending; want 1, 0", as.responseCount(t), as.pending(t))
		}
		got := as.responses(t)[0]
		want := &vigie.Response{ID: got.ID, CampaignID: as.Campaign.ID, Unit: []string{"Direction A", "Service 2"},
			Segments: map[string]string{"metier": "Encadrement"},
			Answers:  map[string]map[string]int{"charge-et-soutien": {"charge1": 4, "charge3": 3}, "climat": {"charge1": 0, "tension2": 4}},
			Comments: map[string]string{"charge-et-soutien": "Trop de dossiers."}, Week: got.Week}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("stored %+v\nwant %+v", got, want)
		}
	})

	t.Run("SheetUsed", func(t *testing.T) {
		p := as.api(t, tok, http.MethodPost, path, paperBody(sheets[0], "", 1))
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "déjà enregistrée")
		// A sheet number is a code: once entered it cannot answer online,
		// and a code used online cannot be entered.
		wantStatus(t, as.browser(t).postJSON(responsesPath(as.testServer), validBody(sheets[0])), http.StatusConflict)
		wantStatus(t, as.browser(t).postJSON(responsesPath(as.testServer), validBody(sheets[3])), http.StatusCreated)
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheets[3], "", 1)), http.StatusConflict)
	})

	t.Run("Unknown", func(t *testing.T) {
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody("ZZZZ-ZZZZ-ZZZZ", "", 1)), http.StatusNotFound)
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody("ZZZ", "", 1)), http.StatusNotFound)
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody("", "", 1)), http.StatusBadRequest)
	})

	t.Run("InvalidValue", func(t *testing.T) {
		p := as.api(t, tok, http.MethodPost, path, paperBody(sheets[1], "", 7))
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "answers.climat.tension2")
		p = as.api(t, tok, http.MethodPost, path, paperBody(sheets[1], "Direction Z", 1))
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "unit")
		if as.pending(t) != 0 {
			t.Fatal("an invalid entry was kept")
		}
	})

	t.Run("MismatchThenResolve", func(t *testing.T) {
		before := as.responseCount(t)
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheets[1], "Direction B", 2)), http.StatusAccepted)
		// A corrected entry cannot stand in for a second entry.
		p := as.api(t, tok, http.MethodPost, path+"/"+sheets[1]+"/resolve", paperBody("", "Direction B", 2))
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "n'ont pas différé")
		p = as.api(t, tok, http.MethodPost, path, paperBody(sheets[1], "Direction A/Service 1", 3))
		wantStatus(t, p, http.StatusConflict)
		var v struct {
			Status string
			Fields []string
		}
		decode(t, p, &v)
		if v.Status != "mismatch" || !reflect.DeepEqual(v.Fields, []string{"unit", "answers.climat.tension2"}) {
			t.Fatalf("mismatch answer = %+v, want fields [unit answers.climat.tension2]", v)
		}
		if as.responseCount(t) != before || as.pending(t) != 1 {
			t.Fatalf("after a mismatch: %d responses (want %d), %d pending (want 1)", as.responseCount(t), before, as.pending(t))
		}
		wantStatus(t, as.api(t, tok, http.MethodPost, path+"/"+sheets[2]+"/resolve", paperBody("", "Direction B", 3)), http.StatusNotFound)
		p = as.api(t, tok, http.MethodPost, path+"/"+sheets[1]+"/resolve", paperBody("", "Direction B", 3))
		wantStatus(t, p, http.StatusCreated)
		if as.responseCount(t) != before+1 || as.pending(t) != 0 {
			t.Fatalf("after resolving: %d responses (want %d), %d pending (want 0)", as.responseCount(t), before+1, as.pending(t))
		}
		// Recorded, the sheet has no first entry waiting: the answer an
		// unused sheet would get, which says nothing of its use.
		wantStatus(t, as.api(t, tok, http.MethodPost, path+"/"+sheets[1]+"/resolve", paperBody("", "Direction B", 3)), http.StatusNotFound)
	})

	t.Run("PendingDeletedAtClose", func(t *testing.T) {
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheets[2], "", 1)), http.StatusAccepted)
		as.closeCampaign(t)
		if n := as.pending(t); n != 0 {
			t.Fatalf("%d pending entries after closing, want 0", n)
		}
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheets[2], "", 1)), http.StatusConflict)
	})
}

// TestPaperDoubleEntryShare checks the draw: with paper_double_entry 0.2,
// about a fifth of the sheets wait for a second entry, the others are
// recorded at the first.
func TestPaperDoubleEntryShare(t *testing.T) {
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) { s.PaperDoubleEntry = 0.2 }))
	if as.Campaign.PaperDoubleEntry != 0.2 {
		t.Fatalf("PaperDoubleEntry = %v, want 0.2", as.Campaign.PaperDoubleEntry)
	}
	_, tok := as.token(t, as.Consultant) // consultants enter sheets too
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/paper-entries"
	const n = 200
	awaiting := 0
	for _, sheet := range as.MustCodes(t, n) {
		p := as.api(t, tok, http.MethodPost, path, paperBody(sheet, "", 1))
		switch p.Status {
		case http.StatusAccepted:
			awaiting++
		case http.StatusCreated:
		default:
			t.Fatalf("entry: %d %s", p.Status, p.Body)
		}
	}
	// Binomial(200, 0.2): mean 40, standard deviation 5.7.
	if awaiting < 15 || awaiting > 70 {
		t.Fatalf("%d of %d sheets drawn for a second entry, want about %d", awaiting, n, n/5)
	}
	if got := as.responseCount(t); got != n-awaiting {
		t.Fatalf("%d responses, want %d", got, n-awaiting)
	}
}

// TestEntryRoleLimits checks that a data-entry account reaches the entry
// of its campaigns only.
func TestEntryRoleLimits(t *testing.T) {
	as := MustNewAdminServer(t)
	granted := entryToken(t, as, "saisie@cabinet.test", true)
	other := entryToken(t, as, "saisie2@cabinet.test", false)
	_, viewer := as.token(t, as.Viewer)
	id := as.Campaign.ID
	path := "/api/v1/campaigns/" + id + "/paper-entries"
	sheet := as.MustCodes(t, 1)[0]
	wantStatus(t, as.api(t, granted, http.MethodPost, path, paperBody(sheet, "", 1)), http.StatusAccepted)
	wantStatus(t, as.api(t, other, http.MethodPost, path, paperBody(sheet, "", 1)), http.StatusForbidden)
	wantStatus(t, as.api(t, viewer, http.MethodPost, path, paperBody(sheet, "", 1)), http.StatusForbidden)
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, "/api/v1/campaigns/" + id},
		{http.MethodGet, "/api/v1/campaigns/" + id + "/results"},
		{http.MethodGet, "/api/v1/campaigns/" + id + "/participation"},
		{http.MethodGet, "/api/v1/campaigns/" + id + "/comments"},
		{http.MethodPost, "/api/v1/campaigns/" + id + "/codes"},
		{http.MethodPost, "/api/v1/campaigns/" + id + "/paper.pdf?count=1"},
		{http.MethodGet, "/api/v1/campaigns/" + id + "/report.pdf"},
	} {
		body := ""
		if r.method == http.MethodPost {
			body = `{"count": 1}`
		}
		if p := as.api(t, granted, r.method, r.path, body); p.Status != http.StatusForbidden {
			t.Errorf("saisie %s %s: status %d, want 403", r.method, r.path, p.Status)
		}
	}
}
