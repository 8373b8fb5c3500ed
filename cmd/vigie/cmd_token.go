package main

import (
	"errors"
	"io"
)

// runToken is not written yet; its owner replaces this file.
func runToken(args []string, stdout, stderr io.Writer) error {
	return errors.New("pas encore disponible")
}
