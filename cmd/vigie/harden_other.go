//go:build !linux

package main

// hardenProcess does nothing outside Linux, where Vigie is meant to run:
// docs/anonymat.md promises no core file and no reading of the server's
// memory on Linux only.
func hardenProcess() error { return nil }
