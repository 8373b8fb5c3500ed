package scoring

import (
	"cmp"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
)

// DefaultPriorityShare is the share of unfavourable respondents from which
// a published result is a priority when the campaign does not say.
const DefaultPriorityShare = 0.5

// priorityTolerance absorbs rounding in a share computed as a ratio, as the
// level cut-offs do: 0.49999999999 counts as 0.5.
const priorityTolerance = 1e-9

// Priority is a published (group, dimension) that calls for discussion:
// its mean is at the unfavourable level, or at least the campaign's
// priority share of its respondents are. It carries only figures the
// result publishes.
type Priority struct {
	Questionnaire     string  `json:"questionnaire"`
	Dimension         string  `json:"dimension"`
	Group             string  `json:"group"` // group id: "all", "unit:A/B", "segment:metier=X"
	Label             string  `json:"label"` // "Ensemble", the unit's full path, or the category
	N                 int     `json:"n"`
	Mean              float64 `json:"mean"`
	ShareUnfavourable float64 `json:"share_unfavourable"`
	Level             Level   `json:"level"`
	RiskFamily        string  `json:"risk_family"` // "" when the questionnaire names none, and for a signal
	// Signal marks a dimension that is a signal to discuss, not an
	// exposure: a defensive strategy (reading: signal, its level
	// « marqué ») or a dimension given as signal_for a family (SignalFor).
	// It is never an exposure of a risk family, in the DUERP or here.
	Signal    bool   `json:"signal,omitempty"`
	SignalFor string `json:"signal_for,omitempty"`
	// Kind and Segment say what the group is, for callers that word it.
	Kind    GroupKind `json:"-"`
	Segment string    `json:"-"`
}

// Scored is one questionnaire with its anonymised result.
type Scored struct {
	Questionnaire *questionnaires.Questionnaire
	Result        *Result
}

// Priorities returns the priorities of a campaign's results at share (0
// or less means DefaultPriorityShare): the exposures first, sorted by
// share of unfavourable respondents (descending), then group id, then
// "questionnaire/dimension"; then, in the same order, the signals to
// discuss (Priority.Signal), which are never exposures.
// Suppressed groups and measures are never priorities: what the anonymity
// rules hide cannot be pointed at by another route. Nor are the
// NotSpecified groups (people who left their unit or category blank):
// nobody can act for them, and they are no team to talk with.
func Priorities(share float64, scored ...Scored) []Priority {
	if share <= 0 {
		share = DefaultPriorityShare
	}
	var out []Priority
	for _, s := range scored {
		if s.Questionnaire == nil || s.Result == nil {
			continue
		}
		for _, g := range s.Result.Groups {
			if g.Suppressed || notSpecified(g) {
				continue
			}
			for _, dim := range s.Questionnaire.Dimensions {
				st := g.Dimensions[dim.ID]
				if st == nil || st.Suppressed || st.N == 0 {
					continue
				}
				unfav := st.Shares[Unfavourable]
				if st.Level != Unfavourable && unfav < share-priorityTolerance {
					continue
				}
				out = append(out, Priority{
					Questionnaire: s.Questionnaire.ID, Dimension: dim.ID,
					Group: g.ID, Label: GroupLabel(g), N: st.N, Mean: st.Mean,
					ShareUnfavourable: unfav, Level: st.Level, RiskFamily: string(dim.RiskFamily),
					Signal: dim.Signal() || dim.SignalFor != "", SignalFor: string(dim.SignalFor),
					Kind: g.Kind, Segment: g.Segment,
				})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Priority) int {
		if a.Signal != b.Signal {
			if b.Signal {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.ShareUnfavourable, a.ShareUnfavourable); c != 0 {
			return c
		}
		if c := strings.Compare(a.Group, b.Group); c != 0 {
			return c
		}
		return strings.Compare(a.Questionnaire+"/"+a.Dimension, b.Questionnaire+"/"+b.Dimension)
	})
	return out
}

// notSpecified reports whether g gathers people who left their unit (or,
// below a unit, their sub-unit) or a segment's category blank.
func notSpecified(g *Group) bool {
	switch g.Kind {
	case KindUnit:
		path := strings.TrimPrefix(g.ID, "unit:")
		return path == NotSpecified || strings.HasSuffix(path, "/"+NotSpecified)
	case KindSegment:
		return g.Label == NotSpecified
	}
	return false
}

// GroupLabel names a group for a reader: a unit by its full path (two
// services may share a name in different directions), others by label.
func GroupLabel(g *Group) string {
	if g.Kind == KindUnit {
		if path, ok := strings.CutPrefix(g.ID, "unit:"); ok {
			return path
		}
	}
	return g.Label
}

// UnitGroupID is the id of the group of a unit path ("" for everyone).
func UnitGroupID(path string) string {
	if path == "" {
		return "all"
	}
	return "unit:" + path
}

// Published reports whether group id is published in at least one of the
// results: a discussion guide exists for such a group only. Within a
// campaign every output publishes the same groups, except that a group
// nobody in answered one questionnaire is masked for that one alone.
func Published(groupID string, scored ...Scored) bool {
	for _, s := range scored {
		if s.Result == nil {
			continue
		}
		for _, g := range s.Result.Groups {
			if g.ID == groupID && !g.Suppressed {
				return true
			}
		}
	}
	return false
}
