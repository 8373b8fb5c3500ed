//go:build !linux

package storetest

import "testing"

// SmallDisk skips the test: filling a disk needs a Linux tmpfs.
func SmallDisk(tb testing.TB, size int) string {
	tb.Skip("filling a small disk needs a Linux tmpfs")
	return ""
}

// Filler takes the free space of a file system.
type Filler struct{}

// FillDisk is never reached: SmallDisk skipped the test.
func FillDisk(tb testing.TB, dir string) *Filler { return &Filler{} }

// Leave is never reached.
func (f *Filler) Leave(n int64) {}

// Free is never reached.
func (f *Filler) Free() {}
