package store_test

import (
	"context"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

const statePassword = "un mot de passe assez long"

func mustUser(tb testing.TB, s *store.Store, email string, role vigie.Role) *vigie.User {
	tb.Helper()
	u, err := s.CreateUser(context.Background(), email, role, statePassword)
	if err != nil {
		tb.Fatalf("CreateUser %s: %v", email, err)
	}
	return u
}

func TestUserDisableEnableDelete(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	boss := mustUser(t, s, "boss@cabinet.test", vigie.RoleConsultant)

	for _, role := range []vigie.Role{vigie.RoleViewer, vigie.RoleEntry, vigie.RoleConsultant} {
		t.Run(string(role), func(t *testing.T) {
			u := mustUser(t, s, string(role)+"@client.test", role)
			_, token, err := s.CreateToken(ctx, u.ID, "t")
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.SetUserDisabled(ctx, u.ID, true)
			if err != nil || !got.Disabled || got.SessionGeneration != u.SessionGeneration+1 {
				t.Fatalf("SetUserDisabled = %+v, %v; want disabled, sessions ended", got, err)
			}
			_, err = s.Authenticate(ctx, u.Email, statePassword)
			wantCode(t, err, vigie.EFORBIDDEN)
			_, err = s.Authenticate(ctx, u.Email, "un autre mot de passe faux")
			wantCode(t, err, vigie.EUNAUTHORIZED) // the wrong password does not learn it is disabled
			_, err = s.TokenUser(ctx, token)
			wantCode(t, err, vigie.EUNAUTHORIZED)

			if got, err = s.SetUserDisabled(ctx, u.ID, false); err != nil || got.Disabled {
				t.Fatalf("enable = %+v, %v", got, err)
			}
			if _, err := s.Authenticate(ctx, u.Email, statePassword); err != nil {
				t.Errorf("sign-in after enabling: %v", err)
			}
			if _, err := s.TokenUser(ctx, token); err != nil {
				t.Errorf("token after enabling: %v", err)
			}

			if err := s.Audit(ctx, u.Email, "login", "", ""); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteUser(ctx, u.ID); err != nil {
				t.Fatalf("DeleteUser: %v", err)
			}
			_, err = s.User(ctx, u.ID)
			wantCode(t, err, vigie.ENOTFOUND)
			_, err = s.TokenUser(ctx, token)
			wantCode(t, err, vigie.EUNAUTHORIZED)
			log, err := s.AuditLog(ctx, 1, "")
			if err != nil || len(log) != 1 || log[0].Actor != u.Email {
				t.Errorf("audit log after deletion = %+v, %v; want the entry to keep %s", log, err, u.Email)
			}
		})
	}

	t.Run("ErrLastConsultant", func(t *testing.T) {
		_, err := s.SetUserDisabled(ctx, boss.ID, true)
		wantCode(t, err, vigie.ECONFLICT)
		wantCode(t, s.DeleteUser(ctx, boss.ID), vigie.ECONFLICT)
		other := mustUser(t, s, "other@cabinet.test", vigie.RoleConsultant)
		if _, err := s.SetUserDisabled(ctx, other.ID, true); err != nil {
			t.Fatal(err)
		}
		// A disabled consultant does not count.
		_, err = s.SetUserDisabled(ctx, boss.ID, true)
		wantCode(t, err, vigie.ECONFLICT)
		if _, err := s.SetUserDisabled(ctx, other.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteUser(ctx, boss.ID); err != nil {
			t.Errorf("delete with another active consultant: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.SetUserDisabled(ctx, "u_nope", true)
		wantCode(t, err, vigie.ENOTFOUND)
		wantCode(t, s.DeleteUser(ctx, "u_nope"), vigie.ENOTFOUND)
	})
}

func TestChangePassword(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	u := mustUser(t, s, "cse@client.test", vigie.RoleViewer)

	_, err := s.ChangePassword(ctx, u.ID, "pas le bon mot de passe", "un nouveau mot de passe")
	wantCode(t, err, vigie.EUNAUTHORIZED)
	_, err = s.ChangePassword(ctx, u.ID, statePassword, "court")
	wantCode(t, err, vigie.EINVALID)
	_, err = s.ChangePassword(ctx, u.ID, statePassword, statePassword)
	wantCode(t, err, vigie.EINVALID)
	if _, err := s.ChangePassword(ctx, u.ID, statePassword, "un nouveau mot de passe"); err != nil {
		t.Fatalf("ChangePassword: %v", err)
	}
	if _, err := s.Authenticate(ctx, u.Email, "un nouveau mot de passe"); err != nil {
		t.Errorf("sign-in with the new password: %v", err)
	}
	got, _ := s.User(ctx, u.ID)
	if got.SessionGeneration != u.SessionGeneration+1 {
		t.Errorf("session generation = %d, want %d (sessions ended)", got.SessionGeneration, u.SessionGeneration+1)
	}
}
