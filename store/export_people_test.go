package store

import (
	"context"
	"time"
)

// SetClock makes the audit log and new tokens read the time from fn until
// the returned function restores the real clock.
func SetClock(fn func() time.Time) (restore func()) {
	clock = fn
	return func() { clock = time.Now }
}

// HashPassword and CheckPassword expose the password hashing to tests,
// with no deadline.
var (
	HashPassword = func(password string) string {
		h, err := hashPassword(context.Background(), password)
		if err != nil {
			panic(err)
		}
		return h
	}
	CheckPassword = func(encoded, password string) (bool, error) {
		return checkPassword(context.Background(), encoded, password)
	}
)
