package vigie

import (
	"fmt"
	"slices"
	"strings"
)

// Problems collects every mistake of a description with its location:
// the campaign-file decoder (campaignfile) adds what it finds while
// reading, CampaignSpec.Check what breaks a rule, and Err lists them all
// by line.
type Problems struct {
	File  string // the file name messages start with; "" for none
	lines []problem
}

type problem struct {
	line int
	msg  string
}

// Add records a problem at line (0: no line known).
func (p *Problems) Add(line int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	switch {
	case p.File != "" && line > 0:
		msg = fmt.Sprintf("%s:%d: %s", p.File, line, msg)
	case p.File != "":
		msg = fmt.Sprintf("%s: %s", p.File, msg)
	}
	p.lines = append(p.lines, problem{line, msg})
}

// Err returns nil, or an EINVALID *Error listing every problem, one per
// line, sorted by line.
func (p *Problems) Err() error {
	if len(p.lines) == 0 {
		return nil
	}
	slices.SortStableFunc(p.lines, func(a, b problem) int { return a.line - b.line })
	msgs := make([]string, len(p.lines))
	for i, l := range p.lines {
		msgs[i] = l.msg
	}
	return &Error{Code: EINVALID, Message: strings.Join(msgs, "\n")}
}
