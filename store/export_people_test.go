package store

import "time"

// SetClock makes the audit log and new tokens read the time from fn until
// the returned function restores the real clock.
func SetClock(fn func() time.Time) (restore func()) {
	clock = fn
	return func() { clock = time.Now }
}

// HashPassword and CheckPassword expose the password hashing to tests.
var (
	HashPassword  = hashPassword
	CheckPassword = checkPassword
)
