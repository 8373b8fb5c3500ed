package main

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// hardenProcess keeps the server's memory out of reach of other processes
// and off the disk: what a request holds for a moment (answers, codes,
// addresses) and what lives longer (answering sessions, the limiters'
// keyed hashes, the draft of a link-mode session) must not end up in a
// core file or be read through ptrace or /proc/PID/mem by another process
// of the same user. A non-dumpable process writes no core file, cannot be
// attached to without CAP_SYS_PTRACE, and its /proc entries belong to
// root; RLIMIT_CORE 0 covers what would still dump it (GOTRACEBACK=crash).
// docs/anonymat.md, "Ce qui reste en mémoire".
func hardenProcess() error {
	if err := unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{Cur: 0, Max: 0}); err != nil {
		return fmt.Errorf("RLIMIT_CORE à 0 : %w", err)
	}
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return fmt.Errorf("PR_SET_DUMPABLE à 0 : %w", err)
	}
	return nil
}
