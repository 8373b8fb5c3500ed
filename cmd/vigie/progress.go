package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// progress shows what a long command is doing on one line of a terminal,
// rewritten in place. It stays silent when stderr is not a terminal (a
// script, a log file, a test), where such lines would only be noise.
type progress struct {
	w  io.Writer
	on bool
}

// progressEvery is how many rows go by between two updates of a count:
// often enough to see it move, rarely enough to cost nothing.
const progressEvery = 1000

func newProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	return &progress{w: stderr, on: ok && term.IsTerminal(int(f.Fd()))}
}

// step replaces the line with msg.
func (p *progress) step(msg string) {
	if p.on {
		fmt.Fprintf(p.w, "\r\033[K%s", msg)
	}
}

// count shows msg and n, every progressEvery rows.
func (p *progress) count(msg string, n int) {
	if p.on && n%progressEvery == 0 {
		fmt.Fprintf(p.w, "\r\033[K%s %s", msg, groupThousands(n))
	}
}

// clear erases the line, before an error or a warning is printed.
func (p *progress) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// done replaces the line with msg, which stays.
func (p *progress) done(msg string) {
	if p.on {
		fmt.Fprintf(p.w, "\r\033[K%s\n", msg)
	}
}

// groupThousands writes n the French way: 40 000, with no-break spaces.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatSize writes a file size the French way: 850 o, 12,4 ko, 1,2 Mo.
func formatSize(n int64) string {
	var s string
	switch {
	case n < 1000:
		return fmt.Sprintf("%d\u00a0o", n)
	case n < 1000*1000:
		s = strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + "\u00a0ko"
	default:
		s = strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + "\u00a0Mo"
	}
	return strings.Replace(s, ".", ",", 1)
}
