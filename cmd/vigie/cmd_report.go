package main

import (
	"errors"
	"io"
)

// runReport is not written yet; its owner replaces this file.
func runReport(args []string, stdout, stderr io.Writer) error {
	return errors.New("pas encore disponible")
}
