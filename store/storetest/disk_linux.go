package storetest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// SmallDisk mounts a file system of size bytes (a tmpfs) on a new folder
// and returns the folder, for tests that fill a disk for real; it skips
// the test where mounting is not allowed (not root, no CAP_SYS_ADMIN).
// The file system is unmounted when the test ends.
func SmallDisk(tb testing.TB, size int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0700", size)); err != nil {
		tb.Skipf("cannot mount a small tmpfs to fill (%v): the test needs root", err)
	}
	// Registered after TempDir's removal, so it runs before it, and
	// before any cleanup registered earlier: register the store's Close
	// after calling SmallDisk.
	tb.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			tb.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// Filler takes the free space of a file system.
type Filler struct {
	tb   testing.TB
	path string
}

// FillDisk writes into a file of dir until its file system is full.
func FillDisk(tb testing.TB, dir string) *Filler {
	tb.Helper()
	f := &Filler{tb: tb, path: filepath.Join(dir, "filler")}
	file, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	defer file.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := file.Write(buf); errors.Is(err, syscall.ENOSPC) {
			return f
		} else if err != nil {
			tb.Fatalf("fill %s: %v", dir, err)
		}
	}
}

// Leave frees about n bytes of what the filler took.
func (f *Filler) Leave(n int64) {
	f.tb.Helper()
	info, err := os.Stat(f.path)
	if err != nil {
		f.tb.Fatal(err)
	}
	if err := os.Truncate(f.path, max(0, info.Size()-n)); err != nil {
		f.tb.Fatal(err)
	}
}

// Free gives back all the filler took.
func (f *Filler) Free() {
	f.tb.Helper()
	if err := os.Remove(f.path); err != nil {
		f.tb.Fatal(err)
	}
}
