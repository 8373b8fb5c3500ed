package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// stdin is where commands read secrets typed or piped in; tests replace it.
var stdin io.Reader = os.Stdin

// readNewPassword asks for a new password twice, without echo, when stdin
// is a terminal; otherwise it reads the first line of stdin, so scripts can
// pipe it (never pass a password as an argument: it would show in ps and
// in the shell history).
func readNewPassword(stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Mot de passe (12 caractères au moins) : ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("lecture du mot de passe : %w", err)
		}
		fmt.Fprint(stderr, "Encore une fois : ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("lecture du mot de passe : %w", err)
		}
		if string(first) != string(second) {
			return "", errors.New("les deux mots de passe diffèrent")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("lecture du mot de passe sur l'entrée standard : %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("aucun mot de passe sur l'entrée standard (la première ligne est lue)")
	}
	return line, nil
}
