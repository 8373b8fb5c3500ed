package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/mail/mailtest"
)

// TestInvitationsInBackground reproduces the faults of issue 24, item 1,
// against a fake relay that is slow, holds, refuses and drops: the request
// that starts a sending answers at once whatever the relay does, one
// sending runs at a time, nobody gets a second code (across sendings and
// restarts), a code is deleted only when its mail surely did not leave,
// and the marks of invited addresses go at closing.
func TestInvitationsInBackground(t *testing.T) {
	relay := startSMTP(t)
	opts := []option{withMailer(t, relay, true)}
	as := MustNewAdminServer(t, opts...)
	_, tok := as.token(t, as.Consultant)
	ctx := context.Background()
	codes := func() int {
		total, _, err := as.Store.CodeCounts(ctx, as.Campaign.ID)
		if err != nil {
			t.Fatal(err)
		}
		return total
	}
	sentTo := func(addr string) int {
		n := 0
		for _, m := range relay.Messages() {
			if m.To == addr {
				n++
			}
		}
		return n
	}
	list := func(prefix string, n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%s%d@client.test", prefix, i+1))
		}
		return out
	}

	t.Run("AnswersAtOnceWhateverTheRelay", func(t *testing.T) {
		// 70 addresses at 0.15 s each ran past the server's 60 s write
		// timeout; here the relay does not even greet until released.
		relay.Hold()
		defer relay.Release()
		addrs := list("lent", 70)
		st := as.startSending(t, tok, "invitations", recipients(addrs...))
		if st.State != "running" || st.Sent != 0 || st.Total != 70 {
			t.Fatalf("answer = %+v, want a running sending of 70 with nothing sent yet", st)
		}

		// One sending at a time: a second start is refused with the
		// running one's address, from the API and from the form.
		p := as.api(t, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/reminders", recipients("autre@client.test"))
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, `"url":"`+st.URL+`"`, "déjà en cours")
		b := as.signedIn(t, consultantEmail)
		p = b.post("/admin/campaigns/"+as.Campaign.ID+"/invitations", url.Values{"kind": {"invite"}, "addresses": {"autre@client.test"}})
		wantStatus(t, p, http.StatusConflict)
		page := strings.TrimPrefix(st.URL, "/api/v1")
		wantContains(t, p, "déjà en cours", `href="/admin`+page+`"`, `http-equiv="refresh"`)
		wantContains(t, b.get("/admin/campaigns/"+as.Campaign.ID), "Un envoi est en cours", "/admin"+page)

		relay.Release()
		st = as.waitSending(t, tok, st.URL)
		if st.State != "done" || st.Sent != 70 || codes() != 70 {
			t.Fatalf("progress = %+v with %d codes, want 70 sent and 70 codes", st, codes())
		}
	})

	t.Run("SlowRelay", func(t *testing.T) {
		relay.SetDelay(100 * time.Millisecond)
		defer relay.SetDelay(0)
		st := as.startSending(t, tok, "invitations", recipients(list("lent-bis", 8)...))
		if st.State != "running" || st.Sent == 8 {
			t.Fatalf("answer = %+v: the request waited for the relay", st)
		}
		if st = as.waitSending(t, tok, st.URL); st.Sent != 8 {
			t.Fatalf("progress = %+v, want 8 sent", st)
		}
	})

	faulty := []string{"ok1@client.test", "refuse@client.test", "rejete@client.test", "coupe-avant@client.test", "coupe-apres@client.test", "ok2@client.test"}
	relay.Fail(mailtest.RejectRecipient, "refuse@client.test")
	relay.Fail(mailtest.RejectMessage, "rejete@client.test")
	relay.Fail(mailtest.DropBeforeData, "coupe-avant@client.test")
	relay.Fail(mailtest.DropAfterData, "coupe-apres@client.test")

	t.Run("RefusedDeletedUncertainKept", func(t *testing.T) {
		before := codes()
		st := as.waitSending(t, tok, as.startSending(t, tok, "invitations", recipients(faulty...)).URL)
		var failed []string
		for _, f := range st.Failed {
			failed = append(failed, f.Email)
		}
		slices.Sort(failed)
		if st.Sent != 2 || !slices.Equal(failed, []string{"coupe-avant@client.test", "refuse@client.test", "rejete@client.test"}) ||
			!slices.Equal(st.Uncertain, []string{"coupe-apres@client.test"}) {
			t.Fatalf("progress = %+v, want 2 sent, 3 failed, coupe-apres uncertain", st)
		}
		for _, f := range st.Failed {
			if f.Error == "" {
				t.Errorf("%s failed without a reason", f.Email)
			}
		}
		// The two sent and the uncertain one keep their codes; the three
		// refused lost theirs.
		if got := codes() - before; got != 3 {
			t.Fatalf("%d new codes, want 3 (2 sent, 1 uncertain)", got)
		}
		b := as.signedIn(t, consultantEmail)
		p := b.get("/admin" + strings.TrimPrefix(st.URL, "/api/v1"))
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "1\u00a0envoi en état incertain", "coupe-apres@client.test", "le courriel est peut-être parti", "3\u00a0échecs", "leur code a été supprimé")
		if strings.Contains(p.Body, `http-equiv="refresh"`) {
			t.Error("a finished sending's page still reloads itself")
		}
	})

	t.Run("SameListAgainGivesNoSecondCode", func(t *testing.T) {
		before := codes()
		again := slices.Clone(faulty)
		again[0] = "lent1@client.test" // invited by the first sending
		st := as.waitSending(t, tok, as.startSending(t, tok, "invitations", recipients(again...)).URL)
		if st.Sent != 0 || st.AlreadyInvited != 3 || len(st.Failed) != 3 || len(st.Uncertain) != 0 {
			t.Fatalf("progress = %+v, want lent1, coupe-apres and ok2 already invited, the 3 refused again", st)
		}
		if codes() != before {
			t.Fatalf("%d codes, want still %d", codes(), before)
		}
		// Once the relay takes them, the three refused get their code.
		relay.Fail(mailtest.Accept, "refuse@client.test", "rejete@client.test", "coupe-avant@client.test")
		st = as.waitSending(t, tok, as.startSending(t, tok, "invitations", recipients(append(slices.Clone(faulty[1:]), "OK1@client.test ")...)).URL)
		if st.Sent != 3 || st.AlreadyInvited != 3 || codes() != before+3 {
			t.Fatalf("progress = %+v with %d codes, want 3 sent, 3 already invited, %d codes", st, codes(), before+3)
		}
		for _, a := range append(faulty, "lent1@client.test") {
			want := 1
			if a == "coupe-apres@client.test" {
				want = 0 // dropped after the data: never recorded by the relay
			}
			if n := sentTo(a); n != want {
				t.Errorf("%d messages to %s, want %d", n, a, want)
			}
		}
	})

	t.Run("Restart", func(t *testing.T) {
		before := codes()
		addrs := list("redemarrage", 5)
		relay.Hold()
		st := as.startSending(t, tok, "invitations", recipients(addrs...))
		// The server stops while the first message waits for the relay:
		// that message is abandoned (not sent), the rest never started.
		as.Server.Close()
		p := as.api(t, tok, http.MethodGet, st.URL, "")
		wantStatus(t, p, http.StatusOK)
		decode(t, p, &st)
		if st.State != "interrupted" || st.Remaining != 5 || st.Sent != 0 || !strings.Contains(st.Problem, "serveur s'est arrêté") {
			t.Fatalf("progress after stopping = %+v, want interrupted with the 5 addresses remaining", st)
		}
		if codes() != before {
			t.Fatalf("%d codes after the interrupted sending, want still %d", codes(), before)
		}
		relay.Release()

		// A new server knows nothing of the sending, and says what to do.
		srv := mustNewAdminWeb(t, as.testServer, opts)
		as.Server, as.Handler = srv, srv.Handler()
		p = as.api(t, tok, http.MethodGet, st.URL, "")
		wantStatus(t, p, http.StatusNotFound)
		wantContains(t, p, "redémarré", "Renvoyez la liste entière")
		first := as.waitSending(t, tok, as.startSending(t, tok, "invitations", recipients(append(addrs, "lent2@client.test")...)).URL)
		if first.Sent != 5 || first.AlreadyInvited != 1 {
			t.Fatalf("progress = %+v, want 5 sent and lent2 already invited", first)
		}
		again := as.waitSending(t, tok, as.startSending(t, tok, "invitations", recipients(addrs...)).URL)
		if again.Sent != 0 || again.AlreadyInvited != 5 || codes() != before+5 {
			t.Fatalf("progress = %+v with %d codes, want 5 already invited and %d codes", again, codes(), before+5)
		}
	})

	t.Run("ClosingErasesTheMarks", func(t *testing.T) {
		if n, err := as.Store.InvitedCount(ctx, as.Campaign.ID); err != nil || n == 0 {
			t.Fatalf("InvitedCount = %d, %v before closing, want some", n, err)
		}
		wantStatus(t, as.api(t, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/close", ""), http.StatusOK)
		if n, err := as.Store.InvitedCount(ctx, as.Campaign.ID); err != nil || n != 0 {
			t.Fatalf("InvitedCount = %d, %v after closing, want 0", n, err)
		}
		p := as.api(t, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/invitations", recipients("tard@client.test"))
		wantStatus(t, p, http.StatusConflict)
	})
}
