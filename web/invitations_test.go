package web_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vigie-sante/vigie/mail"
	"github.com/vigie-sante/vigie/store/storetest"
	"github.com/vigie-sante/vigie/web"
)

// smtpServer is a minimal SMTP server for tests: it offers no STARTTLS,
// refuses the recipients in reject, and keeps every message it accepts.
type smtpServer struct {
	Addr   string
	reject map[string]bool
	mu     sync.Mutex
	msgs   []smtpMessage
}

type smtpMessage struct{ To, Data string }

func startSMTP(tb testing.TB, reject ...string) *smtpServer {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ln.Close() })
	s := &smtpServer{Addr: ln.Addr().String(), reject: map[string]bool{}}
	for _, r := range reject {
		s.reject[r] = true
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

func (s *smtpServer) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(line string) { conn.Write([]byte(line + "\r\n")) }
	say("220 test ESMTP")
	var to string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-test")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			to = strings.Trim(strings.TrimSpace(line)[len("RCPT TO:"):], "<> ")
			if s.reject[to] {
				say("550 mailbox unavailable")
				continue
			}
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(l)
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, smtpMessage{To: to, Data: data.String()})
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (s *smtpServer) messages() []smtpMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

// withMailer configures the back office to send through srv.
func withMailer(tb testing.TB, srv *smtpServer, insecure bool) option {
	m, err := mail.New(mail.Config{Addr: srv.Addr, From: "vigie@cabinet.test", Insecure: insecure})
	if err != nil {
		tb.Fatal(err)
	}
	return withConfig(func(c *web.Config) { c.Admin.Mailer = m })
}

var codePattern = regexp.MustCompile(`[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}`)

func TestInvitations(t *testing.T) {
	srv := startSMTP(t, "parti@client.test")
	as := MustNewAdminServer(t, withMailer(t, srv, true))
	_, tok := as.token(t, as.Consultant)
	path := "/api/v1/campaigns/" + as.Campaign.ID
	ctx := context.Background()
	addresses := []string{"alice@client.test", "bob@client.test", "parti@client.test"}

	t.Run("InvalidRefusedBeforeSending", func(t *testing.T) {
		p := as.api(t, tok, http.MethodPost, path+"/invitations",
			`{"recipients": [{"email": "alice@client.test"}, {"email": "pas-une-adresse"}, {"email": "x@y"}, {"email": "ALICE@client.test"}, {"email": "c@client.test", "unit": "Direction Z"}]}`)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "pas-une-adresse", "x@y", "figure deux fois", "Direction Z")
		if n := len(srv.messages()); n != 0 {
			t.Fatalf("%d messages sent, want none", n)
		}
		if total, _, _ := as.Store.CodeCounts(ctx, as.Campaign.ID); total != 0 {
			t.Fatalf("%d codes created, want none", total)
		}
	})

	t.Run("Invitations", func(t *testing.T) {
		p := as.api(t, tok, http.MethodPost, path+"/invitations",
			`{"recipients": [{"email": "alice@client.test", "unit": "Direction B"}, {"email": "bob@client.test"}, {"email": "parti@client.test"}], "subject": "Votre code"}`)
		wantStatus(t, p, http.StatusOK)
		var got struct {
			Sent   int
			Failed []struct{ Email, Error string }
		}
		decode(t, p, &got)
		if got.Sent != 2 || len(got.Failed) != 1 || got.Failed[0].Email != "parti@client.test" || got.Failed[0].Error == "" {
			t.Fatalf("answer = %+v, want 2 sent and parti@client.test failed", got)
		}
		msgs := srv.messages()
		if len(msgs) != 2 || msgs[0].To != "alice@client.test" || msgs[1].To != "bob@client.test" {
			t.Fatalf("messages = %+v, want one to alice, one to bob", msgs)
		}
		var codes []string
		for _, m := range msgs {
			for _, want := range []string{"Subject: Votre code", "To: " + m.To, "Baromètre 2027", "au moins 5 personnes"} {
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
		as.wantAudit(t, consultantEmail+" invitations.send")
	})

	t.Run("Reminders", func(t *testing.T) {
		before := len(srv.messages())
		p := as.api(t, tok, http.MethodPost, path+"/reminders", `{"recipients": [{"email": "alice@client.test"}, {"email": "bob@client.test"}]}`)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, `"sent":2`)
		msgs := srv.messages()[before:]
		if len(msgs) != 2 {
			t.Fatalf("%d reminders, want 2", len(msgs))
		}
		for _, m := range msgs {
			if !strings.Contains(decodeQP(m.Data), "déjà répondu") || codePattern.MatchString(m.Data) {
				t.Errorf("reminder to %s: want the thanks and no code:\n%s", m.To, m.Data)
			}
		}
	})

	t.Run("NoAddressKept", func(t *testing.T) {
		for _, a := range addresses {
			if strings.Contains(as.Logs.String(), a) {
				t.Errorf("%s is in the logs", a)
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

func TestInvitationsRequireSTARTTLS(t *testing.T) {
	srv := startSMTP(t)
	as := MustNewAdminServer(t, withMailer(t, srv, false))
	_, tok := as.token(t, as.Consultant)
	p := as.api(t, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/invitations", `{"recipients": [{"email": "alice@client.test"}]}`)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"sent":0`, "STARTTLS")
	if len(srv.messages()) != 0 {
		t.Fatal("a message went out without STARTTLS")
	}
	if total, _, _ := as.Store.CodeCounts(context.Background(), as.Campaign.ID); total != 0 {
		t.Fatalf("%d codes left, want 0", total)
	}
}

func TestInvitationsWithoutMailer(t *testing.T) {
	as := MustNewAdminServer(t)
	_, tok := as.token(t, as.Consultant)
	p := as.api(t, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/invitations", `{"recipients": [{"email": "alice@client.test"}]}`)
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
// addresses typed and read from a CSV file.
func TestAdminInvitationsForm(t *testing.T) {
	srv := startSMTP(t)
	as := MustNewAdminServer(t, withMailer(t, srv, true))
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
	p := b.do(http.MethodPost, path+"/invitations", &body, w.FormDataContentType())
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "3\u00a0courriels envoyés")
	if n := len(srv.messages()); n != 3 {
		t.Fatalf("%d messages, want 3", n)
	}
	p = b.post(path+"/invitations", url.Values{"kind": {"remind"}, "addresses": {"alice@client.test\nnon"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "« non »")
	if n := len(srv.messages()); n != 3 {
		t.Fatalf("%d messages after a refused list, want still 3", n)
	}
}
