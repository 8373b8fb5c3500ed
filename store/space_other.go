//go:build !linux && !darwin && !freebsd

package store

// statFreeSpace cannot tell the free space here: the check is skipped.
func statFreeSpace(string) (avail, id uint64, err error) { return 0, 0, errNoStatfs }

// sqliteTempDir is unknown here; statFreeSpace skips the check anyway.
func sqliteTempDir() string { return "" }
