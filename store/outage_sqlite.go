//go:build cgo

package store

import (
	"errors"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// sqliteOutage tells, when err is a SQLite error (ok), the outage it
// means: ErrFull, ErrUnavailable (the file locked beyond the busy
// timeout), or nil.
func sqliteOutage(err error) (outage error, ok bool) {
	var lite sqlite3.Error
	if !errors.As(err, &lite) {
		return nil, false
	}
	switch {
	case lite.Code == sqlite3.ErrFull, lite.SystemErrno == syscall.ENOSPC:
		return ErrFull, true
	case lite.Code == sqlite3.ErrBusy, lite.Code == sqlite3.ErrLocked:
		return ErrUnavailable, true
	}
	return nil, true
}
