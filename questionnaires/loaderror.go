package questionnaires

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie"
)

// Problem is one mistake found in a questionnaire file, located by line.
type Problem struct {
	File    string
	Line    int // 1-based; 0 when the problem concerns the whole file
	Message string
}

// String formats the problem as "file:line: message", the form editors and
// terminals recognise.
func (p Problem) String() string {
	if p.Line <= 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
}

// LoadError lists every problem of a questionnaire file, in line order, so a
// consultant can fix them all in one go rather than one per run.
type LoadError struct {
	Problems []Problem
}

// Error prints one "file:line: message" per line.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap presents the problems as a domain error, so that vigie.ErrorCode
// gives EINVALID and vigie.ErrorMessage the list of problems: they are safe
// to show to whoever sent the file.
func (e *LoadError) Unwrap() error {
	return &vigie.Error{Code: vigie.EINVALID, Message: e.Error()}
}
