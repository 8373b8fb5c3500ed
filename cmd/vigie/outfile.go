package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeAtomic writes a file through write into a temporary file next to
// path, then renames it to path, so that a failed run never leaves a
// half-written file behind (nor replaces a good one). beforeRename, when
// not nil, runs once the content is safely written and can still cancel
// it (the export of a report is logged there: no file without its log
// entry). It returns the size written. The file is readable by its owner
// only (mode 0600, whatever the umask): reports and scores are about
// named teams.
func writeAtomic(path string, write func(io.Writer) error, beforeRename func() error) (int64, error) {
	fail := func(err error) (int64, error) {
		return 0, fmt.Errorf("écriture de %s impossible : %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fail(err)
	}
	info, err := tmp.Stat()
	if err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if beforeRename != nil {
		if err := beforeRename(); err != nil {
			return 0, err
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fail(err)
	}
	return info.Size(), nil
}
