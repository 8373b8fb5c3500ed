package instrument

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// Result is a questionnaire brought from another format.
type Result struct {
	YAML          []byte                        // the questionnaire file, as docs/questionnaires.md describes it
	Questionnaire *questionnaires.Questionnaire // YAML parsed, for a preview
	Warnings      []string                      // what was left out or guessed, in French, each with its place
}

// Place is where something is in the source file.
type Place struct {
	Sheet  string // workbook sheet, "" for a .lss file
	Row    int    // workbook row, from 1
	Column int    // workbook column, from 1 (A); 0 for a whole row
	Header string // the column's heading
	Line   int    // line of a .lss file
	What   string // the .lss element, such as "question Q01"
}

// String says the place in French: « feuille Items, ligne 4, colonne C
// (Texte (français)) » or « ligne 120, question Q01 ».
func (p Place) String() string {
	var parts []string
	if p.Sheet != "" {
		parts = append(parts, "feuille « "+p.Sheet+" »")
	}
	if p.Row > 0 {
		parts = append(parts, fmt.Sprintf("ligne %d", p.Row))
	}
	if p.Column > 0 {
		col := "colonne " + columnName(p.Column)
		if p.Header != "" {
			col += " (" + p.Header + ")"
		}
		parts = append(parts, col)
	}
	if p.Line > 0 {
		parts = append(parts, fmt.Sprintf("ligne %d", p.Line))
	}
	if p.What != "" {
		parts = append(parts, p.What)
	}
	return strings.Join(parts, ", ")
}

// columnName writes a column number as Excel does: 1 is A, 27 is AA.
func columnName(n int) string {
	var s []byte
	for n > 0 {
		n--
		s = append([]byte{byte('A' + n%26)}, s...)
		n /= 26
	}
	return string(s)
}

// Problem is one mistake of the source file, at its place.
type Problem struct {
	Place   Place
	Message string
}

func (p Problem) String() string {
	if at := p.Place.String(); at != "" {
		return at + " : " + p.Message
	}
	return p.Message
}

// Error lists every problem of a source file, so that all can be fixed in
// one go.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap presents the problems as a domain error: they are safe to show
// to whoever sent the file.
func (e *Error) Unwrap() error {
	return &vigie.Error{Code: vigie.EINVALID, Message: e.Error()}
}

// problems gathers the problems of one conversion.
type problems []Problem

func (ps *problems) add(at Place, format string, args ...any) {
	*ps = append(*ps, Problem{Place: at, Message: fmt.Sprintf(format, args...)})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &Error{Problems: ps}
}

// Import reads a questionnaire from a template workbook or a LimeSurvey
// .lss file, told apart by the file's name and, failing that, its first
// bytes.
func Import(r io.Reader, name string) (*Result, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4)
	switch ext := strings.ToLower(path.Ext(name)); {
	case ext == ".xlsx" || ext != ".lss" && bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FromXLSX(br, name)
	case ext == ".lss" || bytes.HasPrefix(bytes.TrimSpace(head), []byte("<")):
		return FromLSS(br, name)
	}
	return nil, &Error{Problems: []Problem{{Message: "format inconnu : un classeur .xlsx rempli d'après le modèle de Vigie ou un fichier de structure LimeSurvey .lss est attendu"}}}
}
