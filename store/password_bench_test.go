package store_test

import (
	"testing"

	"github.com/vigie-sante/vigie/store"
)

// BenchmarkHashPassword measures one login's hashing cost with the
// production argon2id parameters.
func BenchmarkHashPassword(b *testing.B) {
	saved := store.PasswordParams
	store.PasswordParams = productionPasswordParams
	defer func() { store.PasswordParams = saved }()
	for b.Loop() {
		store.HashPassword(testPassword)
	}
}
