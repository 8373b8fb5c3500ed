package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// scheme is how the three levels of a dimension are named, coloured and
// marked, in the PDF and the workbook alike. A defensive strategy (after
// Dejours; reading: signal in its questionnaire file) is a collective way
// of coping, to discuss, not a measure of anyone: its levels get their
// own names and colours, never a red « défavorable ».
type scheme struct {
	signals bool // the defensive strategies' scheme
}

// schemeOf returns the scheme of dim's levels.
func schemeOf(dim *questionnaires.Dimension) scheme {
	return scheme{signals: dim != nil && dim.Signal()}
}

// schemesOf lists the schemes q's dimensions use, the levels first: a
// legend or a note shows one block per scheme.
func schemesOf(q *questionnaires.Questionnaire) []scheme {
	var levels, signals bool
	for _, d := range q.Dimensions {
		if d.Signal() {
			signals = true
		} else {
			levels = true
		}
	}
	var out []scheme
	if levels {
		out = append(out, scheme{})
	}
	if signals {
		out = append(out, scheme{signals: true})
	}
	return out
}

// hasSignals reports whether q has a dimension read as a signal.
func hasSignals(q *questionnaires.Questionnaire) bool {
	return q != nil && slices.ContainsFunc(q.Dimensions, (*questionnaires.Dimension).Signal)
}

// LevelName names level l of dimension dim in lang: favorable,
// intermédiaire, défavorable, or, for a defensive strategy, signal faible,
// à discuter, marqué. The web pages take the words from here, so that the
// page, the PDF, the workbook and the guides never disagree.
func LevelName(lang string, dim *questionnaires.Dimension, l scoring.Level) string {
	if l == "" {
		return ""
	}
	return schemeOf(dim).name(lang, l)
}

// key prefixes the i18n keys of the scheme's texts.
func (s scheme) key(name string) string {
	if s.signals {
		return "signal_" + name
	}
	return name
}

// name is the level's name: favorable / intermédiaire / défavorable, or
// signal faible / à discuter / marqué.
func (s scheme) name(lang string, l scoring.Level) string {
	if s.signals {
		return tr(lang, "signal_level_"+string(l))
	}
	return tr(lang, "word."+string(l)) // the words the pages and the workbook share
}

// Level colours. The traffic lights are chosen so that their greys differ
// too (light, medium, dark) for a black-and-white copy; the signals of
// defensive strategies run from pale to deep violet, with no red and no
// green, so that none reads as good or bad. Symbols (○ ◐ ●) and, in the
// PDF, patterns repeat the level for colour-blind readers.
var (
	colFavourable   = rgb{200, 230, 201}
	colIntermediate = rgb{255, 204, 92}
	colUnfavourable = rgb{183, 28, 28}
	colSignalLow    = rgb{222, 226, 240}
	colSignalMid    = rgb{160, 150, 200}
	colSignalHigh   = rgb{84, 39, 143}
)

// colour is the fill of level l.
func (s scheme) colour(l scoring.Level) rgb {
	switch {
	case l == scoring.Favourable && s.signals:
		return colSignalLow
	case l == scoring.Intermediate && s.signals:
		return colSignalMid
	case l == scoring.Unfavourable && s.signals:
		return colSignalHigh
	case l == scoring.Favourable:
		return colFavourable
	case l == scoring.Intermediate:
		return colIntermediate
	case l == scoring.Unfavourable:
		return colUnfavourable
	}
	return colMasked
}

// ink is the colour of text written on level l's fill.
func (s scheme) ink(l scoring.Level) rgb {
	if l == scoring.Unfavourable {
		return rgb{255, 255, 255}
	}
	return rgb{0, 0, 0}
}

// hex is the fill of level l as Excel writes it ("C8E6C9").
func (s scheme) hex(l scoring.Level) string {
	c := s.colour(l)
	return strings.ToUpper(fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B))
}

// levelSymbol marks a level without colour: ○ favourable (or weak
// signal), ◐ intermediate, ● unfavourable (or marked signal).
func levelSymbol(l scoring.Level) string {
	switch l {
	case scoring.Favourable:
		return "○"
	case scoring.Intermediate:
		return "◐"
	case scoring.Unfavourable:
		return "●"
	}
	return ""
}
