package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestCreateUser(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	u, err := s.CreateUser(ctx, "  Alice.Martin@Example.FR ", vigie.RoleConsultant, testPassword)
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if u.Email != "alice.martin@example.fr" || u.Role != vigie.RoleConsultant || !strings.HasPrefix(u.ID, "u_") {
		t.Fatalf("user = %+v, want lower-case address, consultant role and a u_ id", u)
	}
	for _, get := range []func() (*vigie.User, error){
		func() (*vigie.User, error) { return s.User(ctx, u.ID) },
		func() (*vigie.User, error) { return s.UserByEmail(ctx, "ALICE.martin@example.fr") },
	} {
		if got, err := get(); err != nil || *got != *u {
			t.Fatalf("read back %+v, %v; want %+v", got, err, u)
		}
	}

	t.Run("ErrDuplicateEmail", func(t *testing.T) {
		_, err := s.CreateUser(ctx, "alice.MARTIN@example.fr", vigie.RoleViewer, testPassword)
		wantCode(t, err, vigie.ECONFLICT)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tc := range []struct {
			name, email string
			role        vigie.Role
			password    string
			msg         string
		}{
			{"ShortPassword", "b@example.fr", vigie.RoleViewer, "onze-caract", "au moins 12 caractères"},
			{"LongPassword", "b@example.fr", vigie.RoleViewer, strings.Repeat("x", 257), "dépasser"},
			{"NoEmail", " ", vigie.RoleViewer, testPassword, "obligatoire"},
			{"BadEmail", "pas une adresse", vigie.RoleViewer, testPassword, "n'est pas valide"},
			{"DisplayName", "Bob <b@example.fr>", vigie.RoleViewer, testPassword, "n'est pas valide"},
			{"NoDomainDot", "b@localhost", vigie.RoleViewer, testPassword, "n'est pas valide"},
			{"BadRole", "b@example.fr", "admin", testPassword, "consultant, viewer (lecteur) ou saisie"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.CreateUser(ctx, tc.email, tc.role, tc.password)
				wantCode(t, err, vigie.EINVALID)
				if !strings.Contains(vigie.ErrorMessage(err), tc.msg) {
					t.Fatalf("message %q, want it to contain %q", vigie.ErrorMessage(err), tc.msg)
				}
			})
		}
	})
	t.Run("ShortPasswordCountsCharacters", func(t *testing.T) {
		// 12 accented characters are 24 bytes but still 12 characters.
		if _, err := s.CreateUser(ctx, "c@example.fr", vigie.RoleViewer, strings.Repeat("é", 12)); err != nil {
			t.Fatalf("12-character password refused: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.User(ctx, "u_nobody")
		wantCode(t, err, vigie.ENOTFOUND)
		_, err = s.UserByEmail(ctx, "nobody@example.fr")
		wantCode(t, err, vigie.ENOTFOUND)
	})
	t.Run("Users", func(t *testing.T) {
		list, err := s.Users(ctx)
		if err != nil || len(list) != 2 || list[0].Email != "alice.martin@example.fr" || list[1].Email != "c@example.fr" {
			t.Fatalf("Users = %+v, %v; want alice then c, by address", list, err)
		}
	})
}

func TestAuthenticate(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	u := MustCreateUser(t, s, "alice@example.fr", vigie.RoleViewer)

	if got, err := s.Authenticate(ctx, "ALICE@example.fr ", testPassword); err != nil || got.ID != u.ID {
		t.Fatalf("Authenticate = %+v, %v; want %s", got, err, u.ID)
	}
	var messages []string
	for _, tc := range []struct{ name, email, password string }{
		{"WrongPassword", "alice@example.fr", testPassword + "!"},
		{"UnknownUser", "bob@example.fr", testPassword},
		{"EmptyPassword", "alice@example.fr", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Authenticate(ctx, tc.email, tc.password)
			if got != nil {
				t.Fatalf("Authenticate returned %+v", got)
			}
			wantCode(t, err, vigie.EUNAUTHORIZED)
			messages = append(messages, vigie.ErrorMessage(err))
		})
	}
	for _, m := range messages {
		if m != "Adresse ou mot de passe incorrect." {
			t.Fatalf("message %q: wrong password and unknown address must read the same", m)
		}
	}

	t.Run("SetPassword", func(t *testing.T) {
		const newPassword = "un tout autre mot de passe"
		_, err := s.SetPassword(ctx, u.ID, "court", store.PasswordChange{})
		wantCode(t, err, vigie.EINVALID)
		_, err = s.SetPassword(ctx, "u_nobody", newPassword, store.PasswordChange{})
		wantCode(t, err, vigie.ENOTFOUND)
		if _, err := s.SetPassword(ctx, u.ID, newPassword, store.PasswordChange{}); err != nil {
			t.Fatalf("SetPassword: %v", err)
		}
		if _, err := s.Authenticate(ctx, u.Email, testPassword); vigie.ErrorCode(err) != vigie.EUNAUTHORIZED {
			t.Fatalf("old password still accepted: %v", err)
		}
		if _, err := s.Authenticate(ctx, u.Email, newPassword); err != nil {
			t.Fatalf("new password refused: %v", err)
		}
	})

	t.Run("SetPasswordEndsSessionsAndTokens", func(t *testing.T) {
		before, _ := s.User(ctx, u.ID)
		_, kept, _ := s.CreateToken(ctx, u.ID, "gardé")
		if n, err := s.SetPassword(ctx, u.ID, "encore un autre mot de passe", store.PasswordChange{KeepTokens: true}); err != nil || n != 0 {
			t.Fatalf("SetPassword(KeepTokens) = %d, %v; want 0 tokens revoked", n, err)
		}
		if _, err := s.TokenUser(ctx, kept); err != nil {
			t.Fatalf("token revoked despite KeepTokens: %v", err)
		}
		_, second, _ := s.CreateToken(ctx, u.ID, "second")
		if n, err := s.SetPassword(ctx, u.ID, "et un dernier mot de passe", store.PasswordChange{}); err != nil || n != 2 {
			t.Fatalf("SetPassword = %d, %v; want 2 tokens revoked", n, err)
		}
		for _, tok := range []string{kept, second} {
			wantCode(t, func() error { _, err := s.TokenUser(ctx, tok); return err }(), vigie.EUNAUTHORIZED)
		}
		after, _ := s.User(ctx, u.ID)
		if after.SessionGeneration != before.SessionGeneration+2 {
			t.Fatalf("session generation %d after two changes from %d, want +2", after.SessionGeneration, before.SessionGeneration)
		}
		if got, err := s.Authenticate(ctx, u.Email, "et un dernier mot de passe"); err != nil || got.SessionGeneration != after.SessionGeneration {
			t.Fatalf("Authenticate = %+v, %v; want the current session generation", got, err)
		}
	})
}

func TestPasswordHash(t *testing.T) {
	saved := store.PasswordParams
	store.PasswordParams = productionPasswordParams
	defer func() { store.PasswordParams = saved }()

	h := store.HashPassword(testPassword)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Count(h, "$") != 5 {
		t.Fatalf("hash %q, want a PHC argon2id string with m=19456,t=2,p=1", h)
	}
	if h2 := store.HashPassword(testPassword); h2 == h {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if ok, err := store.CheckPassword(h, testPassword); !ok || err != nil {
		t.Fatalf("CheckPassword(right) = %v, %v", ok, err)
	}
	// A hash keeps its own parameters: lowering them later still verifies it.
	store.PasswordParams = saved
	if ok, err := store.CheckPassword(h, testPassword+"x"); ok || err != nil {
		t.Fatalf("CheckPassword(wrong) = %v, %v", ok, err)
	}
	for _, bad := range []string{"", "$2a$10$bcrypt", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA", "$argon2id$v=18$m=64,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=64,t=1,p=1$!!$AAAA"} {
		if ok, err := store.CheckPassword(bad, testPassword); ok || err == nil {
			t.Errorf("CheckPassword(%q) = %v, %v; want an error", bad, ok, err)
		}
	}
}
