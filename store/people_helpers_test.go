package store_test

import (
	"context"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// Cheap argon2id parameters keep the tests fast; TestPasswordHash checks
// the production ones.
var productionPasswordParams = store.PasswordParams

func init() {
	store.PasswordParams = store.Argon2Params{Memory: 64, Time: 1, Threads: 1}
}

const testPassword = "correct horse battery"

// MustCreateUser creates an account with testPassword.
func MustCreateUser(tb testing.TB, s *store.Store, email string, role vigie.Role) *vigie.User {
	tb.Helper()
	u, err := s.CreateUser(context.Background(), email, role, testPassword)
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", email, err)
	}
	return u
}
