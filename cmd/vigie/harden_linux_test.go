package main

import (
	"testing"

	"golang.org/x/sys/unix"
)

// TestHardenProcess checks what vigie serve and vigie demo do first: the
// process is no longer dumpable (no core file, no ptrace or /proc/PID/mem
// by other processes of its user) and its core size limit is 0. It runs
// in the test process itself, which nothing here needs to dump.
func TestHardenProcess(t *testing.T) {
	if err := hardenProcess(); err != nil {
		t.Fatalf("hardenProcess: %v", err)
	}
	d, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	if err != nil || d != 0 {
		t.Fatalf("PR_GET_DUMPABLE = %d, %v; want 0", d, err)
	}
	var rl unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_CORE, &rl); err != nil || rl.Cur != 0 || rl.Max != 0 {
		t.Fatalf("RLIMIT_CORE = %+v, %v; want 0, 0", rl, err)
	}
}
