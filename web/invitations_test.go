package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/mail"
	"github.com/vigie-sante/vigie/mail/mailtest"
	"github.com/vigie-sante/vigie/sheet/sheettest"
	"github.com/vigie-sante/vigie/store/storetest"
	"github.com/vigie-sante/vigie/web"
)

// startSMTP starts a fake relay (mail/mailtest) that refuses the
// recipients in reject.
func startSMTP(tb testing.TB, reject ...string) *mailtest.Relay {
	tb.Helper()
	r := mailtest.Start(tb)
	r.Fail(mailtest.RejectRecipient, reject...)
	return r
}

// withMailer configures the back office to send through relay.
func withMailer(tb testing.TB, relay *mailtest.Relay, insecure bool) option {
	m, err := mail.New(mail.Config{Addr: relay.Addr, From: "vigie@cabinet.test", Insecure: insecure, Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return withConfig(func(c *web.Config) { c.Admin.Mailer = m })
}

var codePattern = regexp.MustCompile(`[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}`)

// sendingStatus is a sending's progress as the API gives it.
type sendingStatus struct {
	ID, Kind, State, URL, Problem string
	Total, Sent, Remaining        int
	AlreadyInvited                int      `json:"already_invited"`
	AlreadyInvitedAddresses       []string `json:"already_invited_addresses"`
	Repeated                      []string
	Uncertain                     []string
	Failed                        []struct{ Email, Error string }
}

// startSending posts a recipient list to the API (kind "invitations" or
// "reminders") and wants it accepted at once.
func (as *adminServer) startSending(tb testing.TB, tok, kind, body string) sendingStatus {
	tb.Helper()
	p := as.api(tb, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/"+kind, body)
	wantStatus(tb, p, http.StatusAccepted)
	var st sendingStatus
	decode(tb, p, &st)
	if st.URL == "" || p.Header.Get("Location") != st.URL || st.Kind != kind {
		tb.Fatalf("answer %+v, Location %q: want the sending's URL in both", st, p.Header.Get("Location"))
	}
	return st
}

// waitSending polls a sending's progress until it is no longer running.
func (as *adminServer) waitSending(tb testing.TB, tok, url string) sendingStatus {
	tb.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		p := as.api(tb, tok, http.MethodGet, url, "")
		wantStatus(tb, p, http.StatusOK)
		var st sendingStatus
		decode(tb, p, &st)
		if st.State != "running" {
			return st
		}
		if time.Now().After(deadline) {
			tb.Fatalf("sending still running after 20 s: %+v", st)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// recipients writes a JSON recipient list.
func recipients(addrs ...string) string {
	var parts []string
	for _, a := range addrs {
		parts = append(parts, fmt.Sprintf(`{"email": %q}`, a))
	}
	return `{"recipients": [` + strings.Join(parts, ", ") + `]}`
}

func TestInvitations(t *testing.T) {
	relay := startSMTP(t, "parti@client.test")
	as := MustNewAdminServer(t, withMailer(t, relay, true))
	_, tok := as.token(t, as.Consultant)
	path := "/api/v1/campaigns/" + as.Campaign.ID
	ctx := context.Background()
	addresses := []string{"alice@client.test", "bob@client.test", "parti@client.test"}

	t.Run("InvalidRefusedBeforeSending", func(t *testing.T) {
		p := as.api(t, tok, http.MethodPost, path+"/invitations",
			`{"recipients": [{"email": "alice@client.test"}, {"email": "pas-une-adresse"}, {"email": "x@y"}, {"email": " ALICE@client.test"}, {"email": "c@client.test", "unit": "Direction Z"}]}`)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "pas-une-adresse", "x@y", "Direction Z")
		if n := relay.Sessions(); n != 0 {
			t.Fatalf("%d SMTP sessions, want none", n)
		}
		if total, _, _ := as.Store.CodeCounts(ctx, as.Campaign.ID); total != 0 {
			t.Fatalf("%d codes created, want none", total)
		}
	})

	t.Run("Invitations", func(t *testing.T) {
		st := as.startSending(t, tok, "invitations",
			`{"recipients": [{"email": "alice@client.test", "unit": "Direction B"}, {"email": "bob@client.test"}, {"email": "parti@client.test"}], "subject": "Votre code"}`)
		st = as.waitSending(t, tok, st.URL)
		if st.State != "done" || st.Sent != 2 || len(st.Failed) != 1 || st.Failed[0].Email != "parti@client.test" || !strings.Contains(st.Failed[0].Error, "550") || st.Remaining != 0 {
			t.Fatalf("progress = %+v, want done, 2 sent and parti@client.test failed (550)", st)
		}
		msgs := relay.Messages()
		if len(msgs) != 2 || msgs[0].To != "alice@client.test" || msgs[1].To != "bob@client.test" {
			t.Fatalf("messages = %+v, want one to alice, one to bob", msgs)
		}
		var codes []string
		for _, m := range msgs {
			for _, want := range []string{"Subject: Votre code", "To: " + m.To, "Baromètre 2027", "au moins 5 personnes", "empreinte de votre adresse (hachage à clé)"} {
				if !strings.Contains(decodeQP(m.Data), want) {
					t.Errorf("message to %s lacks %q:\n%s", m.To, want, m.Data)
				}
			}
			found := codePattern.FindAllString(m.Data, -1)
			if len(found) == 0 {
				t.Fatalf("no code in the message to %s", m.To)
			}
			codes = append(codes, found[0])
		}
		if codes[0] == codes[1] {
			t.Fatalf("both recipients got code %s", codes[0])
		}
		// The failed recipient's code was deleted: two codes exist.
		if total, _, _ := as.Store.CodeCounts(ctx, as.Campaign.ID); total != 2 {
			t.Fatalf("%d codes, want 2 (the failed recipient's deleted)", total)
		}
		if unit, err := as.Store.CheckCode(ctx, as.Campaign.ID, codes[0]); err != nil || strings.Join(unit, "/") != "Direction B" {
			t.Fatalf("alice's code: unit %v, %v; want Direction B", unit, err)
		}
		// Each code works once.
		b := as.browser(t)
		wantStatus(t, b.postJSON(responsesPath(as.testServer), validBody(codes[1])), http.StatusCreated)
		wantStatus(t, b.postJSON(responsesPath(as.testServer), validBody(codes[1])), http.StatusConflict)
		as.wantAudit(t, consultantEmail+" invitations.start")
		as.wantAudit(t, consultantEmail+" invitations.send")
	})

	t.Run("Reminders", func(t *testing.T) {
		before := len(relay.Messages())
		st := as.startSending(t, tok, "reminders", recipients("alice@client.test", "bob@client.test"))
		st = as.waitSending(t, tok, st.URL)
		if st.Sent != 2 || len(st.Failed) != 0 {
			t.Fatalf("progress = %+v, want 2 sent", st)
		}
		msgs := relay.Messages()[before:]
		if len(msgs) != 2 {
			t.Fatalf("%d reminders, want 2", len(msgs))
		}
		for _, m := range msgs {
			if !strings.Contains(decodeQP(m.Data), "déjà répondu") || codePattern.MatchString(m.Data) {
				t.Errorf("reminder to %s: want the thanks and no code:\n%s", m.To, m.Data)
			}
		}
		as.wantAudit(t, consultantEmail+" reminders.send")
	})

	t.Run("NoAddressKept", func(t *testing.T) {
		for _, a := range addresses {
			if strings.Contains(as.Logs.String(), a) {
				t.Errorf("%s is in the logs", a)
			}
		}
		for _, a := range as.auditDetails(t) {
			if strings.Contains(a, "@") {
				t.Errorf("the audit log holds an address: %q", a)
			}
		}
		if storetest.Postgres() {
			t.Skip("the database's files are PostgreSQL's: the file check is SQLite's")
		}
		data, err := os.ReadFile(as.Store.Path())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range addresses {
			if strings.Contains(strings.ToLower(string(data)), a) {
				t.Errorf("%s is in the database file", a)
			}
		}
	})
}

// auditDetails returns the details of the audit log's entries.
func (as *adminServer) auditDetails(tb testing.TB) []string {
	tb.Helper()
	entries, err := as.Store.AuditLog(context.Background(), 0, "")
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Detail)
	}
	return out
}

func TestInvitationsRequireSTARTTLS(t *testing.T) {
	relay := startSMTP(t)
	as := MustNewAdminServer(t, withMailer(t, relay, false))
	_, tok := as.token(t, as.Consultant)
	st := as.startSending(t, tok, "invitations", recipients("alice@client.test"))
	st = as.waitSending(t, tok, st.URL)
	if st.Sent != 0 || len(st.Failed) != 1 || !strings.Contains(st.Failed[0].Error, "STARTTLS") {
		t.Fatalf("progress = %+v, want alice failed for STARTTLS", st)
	}
	if len(relay.Messages()) != 0 {
		t.Fatal("a message went out without STARTTLS")
	}
	if total, _, _ := as.Store.CodeCounts(context.Background(), as.Campaign.ID); total != 0 {
		t.Fatalf("%d codes left, want 0", total)
	}
}

// TestInvitationsWithoutMailer checks the relay's settings first: without
// one, even a file beyond every limit is not read.
func TestInvitationsWithoutMailer(t *testing.T) {
	as := MustNewAdminServer(t)
	_, tok := as.token(t, as.Consultant)
	p := as.api(t, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/invitations", recipients("alice@client.test"))
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "smtp-addr")

	b := as.signedIn(t, consultantEmail)
	body, ctype := multipartBody(t, url.Values{"kind": {"invite"}}, map[string][2]string{"file": {"liste.xlsx", string(sheettest.XFDWorkbook(t, 12_000))}})
	p = b.do(http.MethodPost, "/admin/campaigns/"+as.Campaign.ID+"/invitations", body, ctype)
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "smtp-addr")
}

// decodeQP returns a message with its headers and quoted-printable body
// decoded, as a mail reader shows it.
func decodeQP(s string) string {
	head, body, _ := strings.Cut(s, "\r\n\r\n")
	h, err := new(mime.WordDecoder).DecodeHeader(head)
	if err != nil {
		h = head
	}
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
	if err != nil {
		return s
	}
	return h + "\n\n" + string(b)
}

// TestAdminInvitationsForm sends codes from the back-office form, the
// addresses typed and read from a CSV file, and follows the sending on
// its page.
func TestAdminInvitationsForm(t *testing.T) {
	relay := startSMTP(t)
	as := MustNewAdminServer(t, withMailer(t, relay, true))
	b := as.signedIn(t, consultantEmail)
	path := "/admin/campaigns/" + as.Campaign.ID
	wantContains(t, b.get(path), "Envoi des codes par courriel")

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("kind", "invite")
	w.WriteField("addresses", "alice@client.test;Direction B\n\n")
	fw, _ := w.CreateFormFile("file", "adresses.csv")
	fw.Write([]byte("adresse;unité\nbob@client.test;\ncarole@client.test;Direction A/Service 1\n"))
	w.Close()
	loc := wantRedirect(t, b.do(http.MethodPost, path+"/invitations", &body, w.FormDataContentType()), "")
	if !strings.HasPrefix(loc, path+"/sendings/") {
		t.Fatalf("redirected to %s, want the sending's page", loc)
	}
	var p *page
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		p = b.get(loc)
		wantStatus(t, p, http.StatusOK)
		if !strings.Contains(p.Body, `http-equiv="refresh"`) {
			break // finished: the page no longer reloads itself
		}
		wantContains(t, p, "Envoi en cours", "arrêter la mise à jour automatique")
		if manual := b.get(loc + "?auto=non"); strings.Contains(manual.Body, "Envoi en cours") &&
			(strings.Contains(manual.Body, `http-equiv="refresh"`) || !strings.Contains(manual.Body, "actualiser maintenant")) {
			t.Fatalf("with ?auto=non, want no reload and a link to reload:\n%s", manual.Body)
		}
		if time.Now().After(deadline) {
			t.Fatalf("still running after 20 s:\n%s", p.Body)
		}
	}
	wantContains(t, p, "Envoi terminé", "3\u00a0courriels envoyés", "Aucun échec.")
	wantNotContains(t, p, "0\u00a0échec", "déjà reçu un code dans cette campagne", "incertain", "restante")
	if n := len(relay.Messages()); n != 3 {
		t.Fatalf("%d messages, want 3", n)
	}
	wantContains(t, b.get(path), "3\u00a0adresses ont reçu un code par courriel")
	p = b.post(path+"/invitations", url.Values{"kind": {"remind"}, "addresses": {"alice@client.test\nnon"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "« non »")
	if n := relay.Sessions(); n != 3 {
		t.Fatalf("%d SMTP sessions after a refused list, want still 3", n)
	}
}
