package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestTokens(t *testing.T) {
	ctx := context.Background()
	defer store.SetClock(func() time.Time { return now })()
	s := MustOpenStore(t)
	u := MustCreateUser(t, s, "conseil@example.fr", vigie.RoleConsultant)

	id, token, err := s.CreateToken(ctx, u.ID, "  export nocturne ")
	if err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	if !strings.HasPrefix(token, "vigie_") || len(token) < len("vigie_")+43 || !strings.HasPrefix(id, "t_") {
		t.Fatalf("token %q id %q, want vigie_ and 43 base64url characters, and a t_ id", token, id)
	}
	if got, err := s.TokenUser(ctx, token); err != nil || *got != *u {
		t.Fatalf("TokenUser = %+v, %v; want %+v", got, err, u)
	}
	list, err := s.Tokens(ctx, u.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("Tokens = %+v, %v", list, err)
	}
	if want := (vigie.Token{ID: id, UserID: u.ID, Label: "export nocturne", CreatedOn: "2027-02-02"}); *list[0] != want {
		t.Fatalf("token = %+v, want %+v", *list[0], want)
	}

	outer := t
	t.Run("StoredOnlyHashed", func(t *testing.T) {
		s.Close() // flush the WAL into the main file
		var seen bool
		for name, data := range dbFiles(t, s) {
			seen = seen || bytes.Contains(data, []byte("export nocturne"))
			if bytes.Contains(data, []byte(token)) || bytes.Contains(data, []byte(strings.TrimPrefix(token, "vigie_"))) {
				t.Fatalf("%s holds the token in clear", name)
			}
		}
		if !seen {
			t.Fatal("the label is not in the files either: this test reads the wrong files")
		}
		var err error
		if s, err = store.Open(s.Path()); err != nil {
			t.Fatal(err)
		}
		outer.Cleanup(func() { s.Close() })
	})
	t.Run("Unknown", func(t *testing.T) {
		for _, bad := range []string{"", "vigie_", token + "x", strings.TrimPrefix(token, "vigie_"), strings.ToUpper(token)} {
			_, err := s.TokenUser(ctx, bad)
			wantCode(t, err, vigie.EUNAUTHORIZED)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		_, _, err := s.CreateToken(ctx, "u_nobody", "")
		wantCode(t, err, vigie.ENOTFOUND)
		_, _, err = s.CreateToken(ctx, u.ID, strings.Repeat("x", 101))
		wantCode(t, err, vigie.EINVALID)
		wantCode(t, s.RevokeToken(ctx, "t_nothing"), vigie.ENOTFOUND)
		_, err = s.Token(ctx, "t_nothing")
		wantCode(t, err, vigie.ENOTFOUND)
	})
	t.Run("Revoke", func(t *testing.T) {
		id2, token2, err := s.CreateToken(ctx, u.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, id); err != nil {
			t.Fatalf("RevokeToken: %v", err)
		}
		_, err = s.TokenUser(ctx, token)
		wantCode(t, err, vigie.EUNAUTHORIZED)
		if _, err := s.TokenUser(ctx, token2); err != nil {
			t.Fatalf("revoking one token broke another: %v", err)
		}
		if tk, err := s.Token(ctx, id); err != nil || !tk.Revoked {
			t.Fatalf("Token after revocation = %+v, %v", tk, err)
		}
		if tk, err := s.Token(ctx, id2); err != nil || tk.Revoked {
			t.Fatalf("other token = %+v, %v", tk, err)
		}
		if err := s.RevokeToken(ctx, id); err != nil {
			t.Fatalf("revoking twice: %v", err)
		}
	})
}
