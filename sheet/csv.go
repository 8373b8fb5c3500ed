package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// OpenCSV reads CSV text in UTF-8, with or without a byte-order mark
// (Excel writes one in « CSV UTF-8 »), separated by ";" (French Excel) or
// "," (whichever the first line with content uses more, ";" on a tie).
// Line numbers are the file's, blank lines included.
func OpenCSV(r io.Reader, lim Limits) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	peek, _ := br.Peek(64 << 10) // the first line decides; a shorter file is all there
	sep := separator(firstLine(peek))
	guard := &fieldGuard{r: br, sep: sep, max: MaxColumns, line: 1}
	cr := csv.NewReader(guard)
	cr.Comma = rune(sep)
	cr.FieldsPerRecord = -1 // the caller decides what a short row means
	cr.ReuseRecord = true   // a row's cells are copied below
	cols := lim.columns()
	sr := &Reader{lim: lim}
	sr.next = func() (Row, error) {
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return Row{}, io.EOF
			} else if err != nil {
				return Row{}, csvError(err)
			}
			if blank(rec) {
				continue
			}
			line, _ := cr.FieldPos(0)
			row := Row{Line: line}
			kept := rec[:min(len(rec), cols)]
			row.Wider = len(rec) > cols && !blank(rec[cols:])
			for _, c := range kept {
				if !utf8.ValidString(c) {
					return Row{}, &Error{line, "le texte n'est pas en UTF-8 ; dans Excel, enregistrez le fichier au format « CSV UTF-8 »"}
				}
			}
			row.Cells = kept
			if !sr.reuse {
				row.Cells = slices.Clone(kept)
			}
			return row, nil
		}
	}
	return sr, nil
}

// firstLine returns the first line of data with something else than spaces.
func firstLine(data []byte) []byte {
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			return line
		}
		data = rest
	}
	return nil
}

// separator returns ';' when line has at least as many semicolons as
// commas outside quotes, and some; ',' otherwise.
func separator(line []byte) byte {
	commas, semicolons, quoted := 0, 0, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		}
	}
	if semicolons > 0 && semicolons >= commas {
		return ';'
	}
	return ','
}

// csvError words a parse error of encoding/csv.
func csvError(err error) error {
	var wide *tooWideError
	if errors.As(err, &wide) {
		return &Error{wide.line, fmt.Sprintf("plus de %d colonnes : ce n'est pas un tableau que Vigie sait lire", MaxColumns)}
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("lecture impossible : %w", err)
	}
	if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
		return &Error{pe.StartLine, "guillemet mal placé (un champ entre guillemets doit doubler ses guillemets intérieurs)"}
	}
	return &Error{pe.StartLine, pe.Err.Error()}
}

// fieldGuard passes CSV text through, counting the separators of each
// record outside quotes, and fails at the record that has more than max
// fields, before encoding/csv splits it: that reader would otherwise
// build every field of a line made of a few megabytes of separators.
// Toggling at each quote is exact for valid CSV (a doubled quote toggles
// twice); on invalid CSV, encoding/csv reports the quote itself.
type fieldGuard struct {
	r      io.Reader
	sep    byte
	max    int
	quoted bool
	seps   int
	line   int
}

type tooWideError struct{ line int }

func (e *tooWideError) Error() string { return fmt.Sprintf("line %d: too many fields", e.line) }

func (g *fieldGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for i, c := range p[:n] {
		switch {
		case c == '"':
			g.quoted = !g.quoted
		case c == '\n':
			if !g.quoted {
				g.seps = 0
			}
			g.line++
		case c == g.sep && !g.quoted:
			if g.seps++; g.seps >= g.max {
				return i, &tooWideError{g.line}
			}
		}
	}
	return n, err
}
