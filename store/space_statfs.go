//go:build linux || darwin || freebsd

package store

import (
	"os"
	"syscall"
)

// statFreeSpace returns the bytes an unprivileged process may still write
// on the file system of dir (root may use a few percent more), and the
// device that identifies that file system.
func statFreeSpace(dir string) (avail, id uint64, err error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, 0, err
	}
	info, err := os.Stat(dir)
	if err != nil {
		return 0, 0, err
	}
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		id = uint64(sys.Dev)
	}
	return uint64(st.Bavail) * uint64(st.Bsize), id, nil
}

// sqliteTempDir is the folder where SQLite writes its temporary files,
// VACUUM's copy among them, found as SQLite's unix VFS finds it: the
// first of $SQLITE_TMPDIR, $TMPDIR, /var/tmp, /usr/tmp, /tmp and the
// current folder that is a folder the process may write in.
func sqliteTempDir() string {
	for _, dir := range []string{os.Getenv("SQLITE_TMPDIR"), os.Getenv("TMPDIR"), "/var/tmp", "/usr/tmp", "/tmp", "."} {
		if dir == "" {
			continue
		}
		if info, err := os.Stat(dir); err == nil && info.IsDir() && syscall.Access(dir, 0o3) == nil {
			return dir
		}
	}
	return ""
}
