package main

import (
	"errors"
	"io"
)

// runDemo is not written yet; its owner replaces this file.
func runDemo(args []string, stdout, stderr io.Writer) error {
	return errors.New("pas encore disponible")
}
