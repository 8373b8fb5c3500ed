package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// withPassword adds a password to a PostgreSQL URL: the test server
// trusts its user and ignores it, so the tests can check that no message
// shows it.
func withPassword(t *testing.T, db, password string) string {
	t.Helper()
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

// newDemoFile sets up the demo in a new SQLite file and returns its path
// with what setupDemo returned.
func newDemoFile(t *testing.T) (string, *demoInfo) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vigie.db")
	return path, setupDemoIn(t, path)
}

// setupDemoIn sets up the demo in the database db (a file or a
// PostgreSQL URL) and closes it.
func setupDemoIn(t *testing.T, db string) *demoInfo {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	info, err := setupDemo(context.Background(), st, demoNow)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("setupDemo in %s: %v", store.RedactURL(db), err)
	}
	return info
}

// moderateSome publishes two comments of a closed campaign and rejects a
// third, so that a copy has moderated comments to keep.
func moderateSome(t *testing.T, path string, c *vigie.Campaign) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.CommentsForModeration(ctx, c.ID, c.CommentMinGroupSize)
	if err != nil || len(list) < 3 {
		t.Fatalf("CommentsForModeration: %d comments, %v; want at least 3", len(list), err)
	}
	if err := st.ModerateComments(ctx, c.ID, []string{list[0].ID, list[1].ID}, store.ModeratePublish); err != nil {
		t.Fatalf("ModerateComments: %v", err)
	}
	if err := st.ModerateComments(ctx, c.ID, []string{list[2].ID}, store.ModerateReject); err != nil {
		t.Fatalf("ModerateComments: %v", err)
	}
}

// sortedComments returns comments in id order (the store shuffles them).
func sortedComments(list []vigie.Comment, err error) (any, error) {
	slices.SortFunc(list, func(a, b vigie.Comment) int { return strings.Compare(a.ID, b.ID) })
	return list, err
}

// TestMigrateDemo copies the demo (campaigns open, closed, archived and a
// previous wave; codes, paper entries, comments, actions, a frozen DUERP
// version, accounts, tokens, audit) from SQLite to PostgreSQL with
// "vigie migrate", and checks that the PostgreSQL store tells the same.
func TestMigrateDemo(t *testing.T) {
	if onPostgres {
		t.Skip("not one of bothEngines")
	}
	dstURL := storetest.NewPostgres(t)
	const secret = "mot-de-passe-jamais-affiche"
	to := withPassword(t, dstURL, secret)
	srcPath, info := newDemoFile(t)
	moderateSome(t, srcPath, info.Closed)

	code, out, errOut := runVigie(t, "migrate", "--from", srcPath, "--to", to)
	if code != 0 {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errOut)
	}
	t.Logf("migrate output:\n%s%s", out, errOut)
	if strings.Contains(out+errOut, secret) {
		t.Errorf("migrate printed the password:\n%s%s", out, errOut)
	}
	for _, want := range []string{"Table", "SQLite", "PostgreSQL", "responses", "duerp_versions", "audit_log", "Migration terminée"} {
		if !strings.Contains(out, want) {
			t.Errorf("migrate output lacks %q:\n%s", want, out)
		}
	}

	ctx := context.Background()
	src := openTestStore(t, srcPath)
	dst := openTestStore(t, dstURL)
	same := func(t *testing.T, what string, get func(s *store.Store) (any, error)) {
		t.Helper()
		want, werr := get(src)
		got, gerr := get(dst)
		if werr != nil || gerr != nil {
			// The same refusal on both (results of an open campaign) is fine.
			if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
				t.Errorf("%s: error %v on PostgreSQL, %v on SQLite", what, gerr, werr)
			}
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs after the migration:\n got %+v\nwant %+v", what, got, want)
		}
	}

	campaigns, err := src.Campaigns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(campaigns) < 3 {
		t.Fatalf("the demo has %d campaigns, want at least 3 (open, closed, archived previous wave)", len(campaigns))
	}
	same(t, "Campaigns", func(s *store.Store) (any, error) { return s.Campaigns(ctx) })
	same(t, "Users", func(s *store.Store) (any, error) { return s.Users(ctx) })
	same(t, "AuditLog", func(s *store.Store) (any, error) { return s.AuditLog(ctx, store.MaxAuditLimit, "") })
	for _, c := range campaigns {
		t.Run(c.Title, func(t *testing.T) {
			if c.State != vigie.StateDraft {
				same(t, "Participation", func(s *store.Store) (any, error) { return s.Participation(ctx, c, time.Now()) })
			}
			if c.State == vigie.StateClosed {
				same(t, "CampaignResults", func(s *store.Store) (any, error) { return s.CampaignResults(ctx, c.ID) })
			}
			same(t, "CodeCounts", func(s *store.Store) (any, error) {
				total, used, err := s.CodeCounts(ctx, c.ID)
				return [2]int{total, used}, err
			})
			same(t, "Actions", func(s *store.Store) (any, error) { return s.Actions(ctx, c.ID) })
			same(t, "DUERPVersions", func(s *store.Store) (any, error) { return s.DUERPVersions(ctx, c.ID) })
			same(t, "PublishedComments", func(s *store.Store) (any, error) {
				return sortedComments(s.PublishedComments(ctx, c.ID, ""))
			})
			if c.ID == info.Closed.ID {
				same(t, "CommentsForModeration", func(s *store.Store) (any, error) {
					return sortedComments(s.CommentsForModeration(ctx, c.ID, c.CommentMinGroupSize))
				})
			}
		})
	}

	t.Run("LoginsWork", func(t *testing.T) {
		for _, l := range []demoLogin{demoConsultant, demoViewer} {
			if _, err := dst.Authenticate(ctx, l.Email, l.Password); err != nil {
				t.Errorf("Authenticate(%s) on PostgreSQL: %v", l.Email, err)
			}
		}
	})
	t.Run("UnusedCodesStillWork", func(t *testing.T) {
		for _, code := range info.Codes {
			if _, err := dst.CheckCode(ctx, info.Open.ID, code); err != nil {
				t.Errorf("CheckCode(%s) on PostgreSQL: %v", code, err)
			}
		}
	})
	t.Run("RefusesNonEmptyTarget", func(t *testing.T) {
		code, out, errOut := runVigie(t, "migrate", "--from", srcPath, "--to", to)
		if code != 1 || !strings.Contains(errOut, "n'est pas vide") || strings.Contains(out+errOut, secret) {
			t.Errorf("second migrate: exit %d, want 1 and a target not empty\n%s%s", code, out, errOut)
		}
	})
}

func TestMigrateErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "vigie.db")
	st, err := store.Open(existing)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoFlags", nil, 2, "usage : vigie migrate"},
		{"TargetNotPostgres", []string{"--from", existing, "--to", filepath.Join(dir, "autre.db")}, 2, "--to doit être l'adresse d'une base PostgreSQL"},
		{"SourcePostgres", []string{"--from", "postgres://vigie@localhost/vigie", "--to", "postgres://vigie@localhost/vigie2"}, 2, "--from est le fichier SQLite"},
		{"SourceMissing", []string{"--from", filepath.Join(dir, "absente.db"), "--to", "postgres://vigie@localhost/vigie"}, 1, "introuvable"},
		{"BadURL", []string{"--from", existing, "--to", "postgres://vigie:secret@h%zz/vigie"}, 1, "invalide"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runVigie(t, append([]string{"migrate"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Contains(out+errOut, "secret") {
				t.Errorf("exit %d, stderr %q; want %d and %q, no password", code, errOut, tc.code, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "absente.db")); err == nil {
		t.Errorf("migrate created the missing source file")
	}
}
