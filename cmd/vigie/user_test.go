package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

func init() {
	// Cheap argon2id parameters: these tests check the commands, not the hash.
	store.PasswordParams = store.Argon2Params{Memory: 64, Time: 1, Threads: 1}
}

// withStdin makes the commands read input instead of the real standard input.
func withStdin(t *testing.T, input string) {
	t.Helper()
	saved := stdin
	stdin = strings.NewReader(input)
	t.Cleanup(func() { stdin = saved })
}

// openTestStore opens the database the commands wrote, to check it.
func openTestStore(t *testing.T, db string) *store.Store {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestUserCommands(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()

	withStdin(t, "un mot de passe solide\nligne ignorée\n")
	code, out, errOut := runVigie(t, "user", "add", "Alice@Example.fr", "--role", "consultant", "--db", db)
	if code != 0 || !strings.Contains(out, "alice@example.fr") {
		t.Fatalf("user add: exit %d, %s%s", code, out, errOut)
	}
	withStdin(t, "mot de passe du CSE\r\n")
	if code, out, errOut = runVigie(t, "user", "add", "cse@example.fr", "--role", "viewer", "--db", db); code != 0 {
		t.Fatalf("user add viewer: exit %d, %s%s", code, out, errOut)
	}
	id, _ := mustCreateCampaign(t, db)
	if code, out, errOut = runVigie(t, "user", "grant", "CSE@example.fr", "--campaign", id, "--db", db); code != 0 || !strings.Contains(out, id) {
		t.Fatalf("user grant: exit %d, %s%s", code, out, errOut)
	}
	code, out, errOut = runVigie(t, "user", "list", "--db", db)
	if code != 0 || !regexp.MustCompile(`alice@example.fr\s+consultant\s+actif\s+toutes`).MatchString(out) ||
		!regexp.MustCompile(`cse@example.fr\s+viewer\s+actif\s+`+id).MatchString(out) {
		t.Fatalf("user list: exit %d\n%s%s", code, out, errOut)
	}

	s := openTestStore(t, db)
	if u, err := s.Authenticate(ctx, "alice@example.fr", "un mot de passe solide"); err != nil || u.Role != vigie.RoleConsultant {
		t.Fatalf("password from stdin: Authenticate = %+v, %v", u, err)
	}
	if _, err := s.Authenticate(ctx, "cse@example.fr", "mot de passe du CSE"); err != nil {
		t.Fatalf("CRLF line: Authenticate: %v", err)
	}
	log, err := s.AuditLog(ctx, 0, "")
	if err != nil || len(log) != 3 || log[0].Action != "user.grant" || log[0].Target != id || log[0].Actor != "cli" || log[2].Action != "user.add" {
		t.Fatalf("audit log = %+v, %v; want user.add twice then user.grant by cli", log, err)
	}

	t.Run("Password", func(t *testing.T) {
		withStdin(t, "un nouveau mot de passe\n")
		if code, out, errOut := runVigie(t, "user", "password", "alice@example.fr", "--db", db); code != 0 {
			t.Fatalf("user password: exit %d, %s%s", code, out, errOut)
		}
		if _, err := s.Authenticate(ctx, "alice@example.fr", "un nouveau mot de passe"); err != nil {
			t.Fatalf("new password refused: %v", err)
		}
	})
	t.Run("Revoke", func(t *testing.T) {
		if code, out, errOut := runVigie(t, "user", "revoke", "cse@example.fr", "--campaign", id, "--db", db); code != 0 {
			t.Fatalf("user revoke: exit %d, %s%s", code, out, errOut)
		}
		if ids, _ := s.GrantedCampaigns(ctx, mustUser(t, s, "cse@example.fr").ID); len(ids) != 0 {
			t.Fatalf("campaigns after revoke = %v", ids)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			input string
			args  []string
			code  int
			want  string
		}{
			{"Duplicate", "un mot de passe solide\n", []string{"user", "add", "ALICE@example.fr", "--role", "viewer"}, 1, "existe déjà"},
			{"ShortPassword", "court\n", []string{"user", "add", "bob@example.fr", "--role", "viewer"}, 1, "au moins 12 caractères"},
			{"NoPassword", "", []string{"user", "add", "bob@example.fr", "--role", "viewer"}, 1, "aucun mot de passe"},
			{"BadEmail", "un mot de passe solide\n", []string{"user", "add", "bob", "--role", "viewer"}, 1, "n'est pas valide"},
			{"BadRole", "", []string{"user", "add", "bob@example.fr", "--role", "admin"}, 2, "consultant|viewer"},
			{"GrantConsultant", "", []string{"user", "grant", "alice@example.fr", "--campaign", id}, 1, "voit déjà toutes"},
			{"GrantUnknownUser", "", []string{"user", "grant", "nobody@example.fr", "--campaign", id}, 1, "Aucun compte"},
			{"GrantUnknownCampaign", "", []string{"user", "grant", "cse@example.fr", "--campaign", "c_none"}, 1, "n'existe pas"},
			{"GrantNoCampaign", "", []string{"user", "grant", "cse@example.fr"}, 2, "--campaign"},
			{"Unknown", "", []string{"user", "frobnicate"}, 2, "inconnue"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				withStdin(t, tc.input)
				code, _, errOut := runVigie(t, append(tc.args, "--db", db)...)
				if code != tc.code || !strings.Contains(errOut, tc.want) {
					t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
				}
			})
		}
		if users, _ := s.Users(ctx); len(users) != 2 {
			t.Fatalf("%d accounts after failed commands, want 2", len(users))
		}
	})
}

func TestUserDisableEnableDeleteCommands(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	for _, a := range [][2]string{{"alice@example.fr", "consultant"}, {"saisie@example.fr", "saisie"}} {
		withStdin(t, "un mot de passe solide\n")
		if code, out, errOut := runVigie(t, "user", "add", a[0], "--role", a[1], "--db", db); code != 0 {
			t.Fatalf("user add %s: exit %d, %s%s", a[1], code, out, errOut)
		}
	}
	s := openTestStore(t, db)
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"user", "disable", "saisie@example.fr"}, 0, "désactivé"},
		{[]string{"user", "list"}, 0, "désactivé"},
		{[]string{"user", "enable", "saisie@example.fr"}, 0, "réactivé"},
		{[]string{"user", "disable", "alice@example.fr"}, 1, "dernier compte consultant"},
		{[]string{"user", "delete", "alice@example.fr", "--yes"}, 1, "dernier compte consultant"},
		{[]string{"user", "delete", "saisie@example.fr"}, 2, "--yes"},
		{[]string{"user", "delete", "saisie@example.fr", "--yes"}, 0, "supprimé"},
		{[]string{"user", "enable", "saisie@example.fr"}, 1, "Aucun compte"},
	}
	for _, st := range steps {
		code, out, errOut := runVigie(t, append(st.args, "--db", db)...)
		if code != st.code || !strings.Contains(out+errOut, st.want) {
			t.Fatalf("%v: exit %d, %s%s; want %d and %q", st.args, code, out, errOut, st.code, st.want)
		}
		if st.args[1] == "disable" && code == 0 {
			_, err := s.Authenticate(ctx, "saisie@example.fr", "un mot de passe solide")
			if vigie.ErrorCode(err) != vigie.EFORBIDDEN {
				t.Fatalf("sign-in of a disabled account: %v, want refused", err)
			}
		}
	}
	log, err := s.AuditLog(ctx, 1, "")
	if err != nil || len(log) != 1 || log[0].Action != "user.delete" || !strings.Contains(log[0].Detail, "saisie@example.fr") {
		t.Fatalf("last audit entry = %+v, %v; want user.delete naming the address", log, err)
	}
}

func mustUser(t *testing.T, s *store.Store, email string) *vigie.User {
	t.Helper()
	u, err := s.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestTokenCommands(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	withStdin(t, "un mot de passe solide\n")
	if code, out, errOut := runVigie(t, "user", "add", "alice@example.fr", "--role", "consultant", "--db", db); code != 0 {
		t.Fatalf("user add: exit %d, %s%s", code, out, errOut)
	}

	code, out, errOut := runVigie(t, "token", "create", "alice@example.fr", "--label", "export Excel", "--db", db)
	token := strings.TrimSpace(out)
	if code != 0 || !regexp.MustCompile(`^vigie_[A-Za-z0-9_-]{43}$`).MatchString(token) || !strings.Contains(errOut, "ne sera plus affiché") {
		t.Fatalf("token create: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	tokenID := regexp.MustCompile(`t_[a-z0-9]{10}`).FindString(errOut)
	if tokenID == "" {
		t.Fatalf("token create did not name the token id: %q", errOut)
	}
	s := openTestStore(t, db)
	if u, err := s.TokenUser(ctx, token); err != nil || u.Email != "alice@example.fr" {
		t.Fatalf("TokenUser = %+v, %v", u, err)
	}

	code, out, errOut = runVigie(t, "token", "list", "alice@example.fr", "--db", db)
	if code != 0 || !regexp.MustCompile(tokenID+`\s+\d{4}-\d\d-\d\d\s+actif\s+export Excel`).MatchString(out) || strings.Contains(out, token) {
		t.Fatalf("token list: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut = runVigie(t, "token", "revoke", tokenID, "--db", db); code != 0 {
		t.Fatalf("token revoke: exit %d, %s%s", code, out, errOut)
	}
	if _, err := s.TokenUser(ctx, token); vigie.ErrorCode(err) != vigie.EUNAUTHORIZED {
		t.Fatalf("revoked token still works: %v", err)
	}
	if _, out, _ = runVigie(t, "token", "list", "alice@example.fr", "--db", db); !strings.Contains(out, "révoqué") {
		t.Fatalf("token list after revoke:\n%s", out)
	}
	log, _ := s.AuditLog(ctx, 0, "")
	for _, e := range log {
		if strings.Contains(e.Detail+e.Target, token) {
			t.Fatalf("audit entry %+v holds the token", e)
		}
	}
	if len(log) != 3 || log[0].Action != "token.revoke" || log[1].Action != "token.create" {
		t.Fatalf("audit log = %+v", log)
	}

	t.Run("Errors", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{"token", "create", "nobody@example.fr"}, 1, "Aucun compte"},
			{[]string{"token", "create"}, 2, "usage"},
			{[]string{"token", "revoke", "t_none"}, 1, "Aucun jeton"},
			{[]string{"token", "list"}, 2, "usage"},
			{[]string{"token"}, 2, "create"},
		} {
			code, _, errOut := runVigie(t, append(tc.args, "--db", db)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
			}
		}
	})
}

// TestUserPasswordEndsSessions checks, through the real back office on
// the same database, that `vigie user password` signs the account out
// everywhere and revokes its API tokens unless --keep-tokens.
func TestUserPasswordEndsSessions(t *testing.T) {
	db := testDB(t)
	withStdin(t, "un mot de passe solide\n")
	if code, out, errOut := runVigie(t, "user", "add", "alice@example.fr", "--role", "consultant", "--db", db); code != 0 {
		t.Fatalf("user add: exit %d, %s%s", code, out, errOut)
	}
	s := openTestStore(t, db)
	srv, err := web.New(web.Config{Store: s})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	h := srv.Handler()
	do := func(method, path, cookie, token string, form url.Values) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "http://vigie.test"+path, strings.NewReader(form.Encode()))
		req.RemoteAddr = "192.0.2.10:5555"
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "vigie_s", Value: cookie})
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	signIn := func(password string) string {
		t.Helper()
		rec := do(http.MethodPost, "/login", "", "", url.Values{"email": {"alice@example.fr"}, "password": {password}})
		for _, ck := range rec.Result().Cookies() {
			if ck.Name == "vigie_s" && rec.Code == http.StatusSeeOther {
				return ck.Value
			}
		}
		t.Fatalf("sign-in: status %d, no session cookie", rec.Code)
		return ""
	}
	newToken := func() string {
		t.Helper()
		code, out, errOut := runVigie(t, "token", "create", "alice@example.fr", "--db", db)
		if code != 0 {
			t.Fatalf("token create: exit %d, %s", code, errOut)
		}
		return strings.TrimSpace(out)
	}

	for _, tc := range []struct {
		name       string
		flags      []string
		password   string
		tokenWorks bool
		say        string
	}{
		{"RevokesTokens", nil, "un deuxième mot de passe", false, "1\u00a0jeton d'API révoqué"},
		{"KeepTokens", []string{"--keep-tokens"}, "un troisième mot de passe", true, "jetons d'API conservés"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := map[string]string{"RevokesTokens": "un mot de passe solide", "KeepTokens": "un deuxième mot de passe"}[tc.name]
			session := signIn(old)
			token := newToken()
			if rec := do(http.MethodGet, "/admin", session, "", nil); rec.Code != http.StatusOK {
				t.Fatalf("before: /admin status %d, want 200", rec.Code)
			}
			withStdin(t, tc.password+"\n")
			code, out, errOut := runVigie(t, append([]string{"user", "password", "alice@example.fr", "--db", db}, tc.flags...)...)
			if code != 0 || !strings.Contains(out, "sessions ouvertes sont fermées") || !strings.Contains(out, tc.say) {
				t.Fatalf("user password: exit %d, %s%s", code, out, errOut)
			}
			rec := do(http.MethodGet, "/admin", session, "", nil)
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fadmin" {
				t.Fatalf("old session after the change: status %d to %q, want a redirect to the sign-in page", rec.Code, rec.Header().Get("Location"))
			}
			want := http.StatusUnauthorized
			if tc.tokenWorks {
				want = http.StatusOK
			}
			if rec := do(http.MethodGet, "/api/v1/campaigns", "", token, nil); rec.Code != want {
				t.Fatalf("token after the change: status %d, want %d", rec.Code, want)
			}
			log, err := s.AuditLog(context.Background(), 0, "")
			if err != nil || log[0].Action != "user.password" || log[0].Actor != "cli" || !strings.Contains(log[0].Detail, tc.say) {
				t.Fatalf("last audit entry = %+v, %v; want user.password by cli saying %q", log[0], err, tc.say)
			}
			if rec := do(http.MethodGet, "/admin", signIn(tc.password), "", nil); rec.Code != http.StatusOK {
				t.Fatalf("new session: /admin status %d, want 200", rec.Code)
			}
		})
	}
}
