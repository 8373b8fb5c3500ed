package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestAccountsEveryRole(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	password := regexp.MustCompile(`<code class="password">([^<]+)</code>`)
	ctx := context.Background()

	for _, role := range []struct{ value, label string }{{"consultant", "consultant"}, {"viewer", "lecteur"}, {"saisie", "saisie"}} {
		t.Run(role.value, func(t *testing.T) {
			email := role.value + ".nouveau@client.test"
			p := b.post("/admin/users", url.Values{"email": {email}, "role": {role.value}})
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, "Compte "+role.label+" créé pour "+email)
			m := password.FindStringSubmatch(p.Body)
			if m == nil {
				t.Fatal("no generated password shown")
			}
			u, err := as.Store.UserByEmail(ctx, email)
			if err != nil || string(u.Role) != role.value {
				t.Fatalf("account = %+v, %v; want role %s", u, err, role.value)
			}
			row := regexp.MustCompile(`(?s)<tr id="account-` + u.ID + `">.*?</tr>`).FindString(b.get("/admin/users").Body)
			if !strings.Contains(row, "<td>"+role.label+"</td>") {
				t.Errorf("row of %s does not name its role %q:\n%s", email, role.label, row)
			}

			// Signed in, then disabled: the session ends and sign-in is refused.
			nb := as.browser(t)
			wantRedirect(t, nb.post("/login", url.Values{"email": {email}, "password": {m[1]}}), "/admin")
			wantStatus(t, nb.get("/admin/account"), http.StatusOK)
			p = b.post("/admin/users/"+u.ID+"/disable", url.Values{"disable": {"1"}})
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, "désactivé", `name="disable" value="0"`)
			wantRedirect(t, nb.get("/admin/account"), "/login?next=%2Fadmin%2Faccount")
			p = as.browser(t).post("/login", url.Values{"email": {email}, "password": {m[1]}})
			wantStatus(t, p, http.StatusForbidden)
			wantContains(t, p, "Ce compte est désactivé")

			wantStatus(t, b.post("/admin/users/"+u.ID+"/disable", url.Values{"disable": {"0"}}), http.StatusOK)
			wantRedirect(t, as.browser(t).post("/login", url.Values{"email": {email}, "password": {m[1]}}), "/admin")

			p = b.post("/admin/users/"+u.ID+"/delete", nil)
			wantStatus(t, p, http.StatusBadRequest)
			wantContains(t, p, "Cochez la case de confirmation")
			p = b.post("/admin/users/"+u.ID+"/delete", url.Values{"confirm": {"1"}})
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, "supprimé")
			if _, err := as.Store.User(ctx, u.ID); vigie.ErrorCode(err) != vigie.ENOTFOUND {
				t.Errorf("account after deletion: %v, want not found", err)
			}
			log, _ := as.Store.AuditLog(ctx, 0, "")
			kept := false
			for _, e := range log {
				kept = kept || (e.Actor == email && e.Action == "login")
			}
			if !kept {
				t.Errorf("the deleted account's sign-in is gone from the audit log")
			}
		})
	}
	t.Run("ErrSelf", func(t *testing.T) {
		wantStatus(t, b.post("/admin/users/"+as.Consultant.ID+"/disable", url.Values{"disable": {"1"}}), http.StatusBadRequest)
		wantStatus(t, b.post("/admin/users/"+as.Consultant.ID+"/delete", url.Values{"confirm": {"1"}}), http.StatusBadRequest)
	})
	t.Run("ErrViewer", func(t *testing.T) {
		v := as.signedIn(t, viewerEmail)
		wantStatus(t, v.post("/admin/users/"+as.Outsider.ID+"/disable", url.Values{"disable": {"1"}}), http.StatusForbidden)
		wantStatus(t, v.post("/admin/users/"+as.Outsider.ID+"/delete", url.Values{"confirm": {"1"}}), http.StatusForbidden)
	})
	for _, a := range []string{"user.disable", "user.enable", "user.delete"} {
		as.wantAudit(t, consultantEmail+" "+a)
	}
}

// The last active consultant cannot be removed from the page either: the
// only consultant who could ask is that one, refused as themself; a
// second consultant may disable the first.
func TestConsultantDisablesConsultant(t *testing.T) {
	as := MustNewAdminServer(t)
	if _, err := as.Store.CreateUser(context.Background(), "second@cabinet.test", vigie.RoleConsultant, testPassword); err != nil {
		t.Fatal(err)
	}
	first := as.signedIn(t, consultantEmail)
	b := as.signedIn(t, "second@cabinet.test")
	wantStatus(t, b.post("/admin/users/"+as.Consultant.ID+"/disable", url.Values{"disable": {"1"}}), http.StatusOK)
	wantRedirect(t, first.get("/admin/users"), "/login?next=%2Fadmin%2Fusers")
	p := b.post("/admin/users/"+mustAccount(t, as, "second@cabinet.test").ID+"/disable", url.Values{"disable": {"1"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "votre propre compte")
}

func TestChangeOwnPassword(t *testing.T) {
	as := MustNewAdminServer(t)
	for _, email := range []string{viewerEmail, consultantEmail} {
		t.Run(email, func(t *testing.T) {
			b := as.signedIn(t, email)
			other := as.signedIn(t, email)
			p := b.get("/admin/account")
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, "Changer mon mot de passe", `autocomplete="current-password"`)

			for _, tc := range []struct {
				name   string
				form   url.Values
				status int
				want   string
			}{
				{"ErrWrongCurrent", url.Values{"current": {"pas le bon"}, "password": {"un nouveau mot de passe"}, "confirm": {"un nouveau mot de passe"}}, http.StatusBadRequest, "Le mot de passe actuel est incorrect"},
				{"ErrMismatch", url.Values{"current": {testPassword}, "password": {"un nouveau mot de passe"}, "confirm": {"un autre"}}, http.StatusBadRequest, "diffèrent"},
				{"ErrShort", url.Values{"current": {testPassword}, "password": {"court"}, "confirm": {"court"}}, http.StatusBadRequest, "au moins 12"},
			} {
				p := b.post("/admin/account/password", tc.form)
				wantStatus(t, p, tc.status)
				wantContains(t, p, tc.want)
			}
			p = b.post("/admin/account/password", url.Values{"current": {testPassword}, "password": {"un nouveau mot de passe"}, "confirm": {"un nouveau mot de passe"}})
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, "Votre mot de passe a été changé", "Vos autres sessions sont fermées")
			wantStatus(t, b.get("/admin/account"), http.StatusOK)                          // this browser goes on
			wantRedirect(t, other.get("/admin/account"), "/login?next=%2Fadmin%2Faccount") // the other session ended
			wantRedirect(t, as.browser(t).post("/login", url.Values{"email": {email}, "password": {"un nouveau mot de passe"}}), "/admin")
			// Put it back for the next account's run and other tests.
			if _, err := as.Store.SetPassword(context.Background(), mustAccount(t, as, email).ID, testPassword, store0()); err != nil {
				t.Fatal(err)
			}
		})
	}
	as.wantAudit(t, viewerEmail+" password.change")
	as.wantAudit(t, viewerEmail+" password.failure")
}

func TestChangeOwnPasswordLimited(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, viewerEmail)
	wrong := url.Values{"current": {"pas le bon"}, "password": {"un nouveau mot de passe"}, "confirm": {"un nouveau mot de passe"}}
	limited := false
	for range 50 {
		p := b.post("/admin/account/password", wrong)
		if p.Status == http.StatusTooManyRequests {
			limited = true
			break
		}
		wantStatus(t, p, http.StatusBadRequest)
	}
	if !limited {
		t.Fatal("50 wrong current passwords in a row were all checked; want the sign-in limits to stop them")
	}
}

func mustAccount(tb testing.TB, as *adminServer, email string) *vigie.User {
	tb.Helper()
	u, err := as.Store.UserByEmail(context.Background(), email)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func store0() store.PasswordChange { return store.PasswordChange{} }
