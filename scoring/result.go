package scoring

import "encoding/json"

// Level is the band a score falls in.
type Level string

// The three levels. Which band of the 0-100 scale is favourable depends on
// the dimension's direction.
const (
	Favourable   Level = "favourable"
	Intermediate Level = "intermediate"
	Unfavourable Level = "unfavourable"
)

// Levels lists the levels in display order.
var Levels = []Level{Favourable, Intermediate, Unfavourable}

// GroupKind is the kind of a group of respondents.
type GroupKind string

// The kinds of groups.
const (
	KindAll     GroupKind = "all"
	KindUnit    GroupKind = "unit"
	KindSegment GroupKind = "segment"
)

// Reasons for suppression.
const (
	ReasonBelowThreshold = "below_threshold" // fewer than k respondents
	ReasonSecondary      = "secondary"       // would let a subtraction isolate fewer than k
)

// A group nobody belongs to is withheld as below_threshold too, and says
// « moins de k réponses » like any group of 1 to k-1: a reason of its own
// would tell, read before and after one submission, that the first member
// of a small unit has just taken part (docs/anonymat.md). The rules still
// tell the two apart where nothing is published: a count of 0 isolates
// nobody, so it never hides another group (suppress, jointReasons).

// NotSpecified is the category of respondents who left a unit or segment
// empty. It takes part in the anonymity rules like any other category.
const NotSpecified = "(non renseigné)"

// Result is the scored, anonymised outcome for one questionnaire. It is the
// JSON that `vigie score` prints and that the API returns.
type Result struct {
	Questionnaire QuestionnaireRef       `json:"questionnaire"`
	MinGroupSize  int                    `json:"min_group_size"`
	Respondents   int                    `json:"respondents"`
	Groups        []*Group               `json:"groups"`
	Reliability   map[string]Reliability `json:"reliability"`
}

// PublishedSegments tells, for each segment of r, whether at least one of
// its categories is published: under rule 4, crossing units and segments
// often withholds a whole segment, which pages and reports then explain
// in a sentence instead of listing its withheld categories.
func (r *Result) PublishedSegments() map[string]bool {
	out := map[string]bool{}
	for _, g := range r.Groups {
		if g.Kind == KindSegment {
			out[g.Segment] = out[g.Segment] || !g.Suppressed
		}
	}
	return out
}

// QuestionnaireRef names the questionnaire and its version.
type QuestionnaireRef struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// Group is the result for one group of respondents. A suppressed group
// carries no figure at all, not even its respondent count.
type Group struct {
	ID         string    `json:"id"`               // "all", "unit:A/B", "segment:metier=X"
	Kind       GroupKind `json:"kind"`             // all, unit or segment
	Label      string    `json:"label"`            // last path element, category, or "Ensemble"
	Parent     string    `json:"parent,omitempty"` // id of the parent unit, for units below the top level
	Segment    string    `json:"segment,omitempty"`
	Suppressed bool      `json:"suppressed"`
	Reason     string    `json:"reason,omitempty"`

	Respondents int                        `json:"respondents,omitempty"`
	Dimensions  map[string]*DimensionStats `json:"dimensions,omitempty"`
	Indicators  map[string]*IndicatorStats `json:"indicators,omitempty"`
	Items       map[string]*ItemStats      `json:"items,omitempty"`
}

// DimensionStats are the figures of one dimension in one group.
type DimensionStats struct {
	Suppressed bool
	Reason     string
	N          int
	Mean       float64
	SD         float64
	CI95       [2]float64
	Level      Level
	Shares     map[Level]float64 // share of the N respondents in each level
}

// MarshalJSON writes {"suppressed": true, "reason": ...} for a suppressed
// measure, and the figures otherwise.
func (d *DimensionStats) MarshalJSON() ([]byte, error) {
	if d.Suppressed {
		return marshalSuppressed(d.Reason)
	}
	return json.Marshal(struct {
		N      int               `json:"n"`
		Mean   float64           `json:"mean"`
		SD     float64           `json:"sd"`
		CI95   [2]float64        `json:"ci95"`
		Level  Level             `json:"level"`
		Shares map[Level]float64 `json:"shares"`
	}{d.N, d.Mean, d.SD, d.CI95, d.Level, d.Shares})
}

// IndicatorStats are the figures of one indicator in one group.
type IndicatorStats struct {
	Suppressed bool
	Reason     string
	N          int
	Mean       float64
	ShareAbove float64 // share of the N respondents strictly above the threshold
}

// MarshalJSON writes suppressed measures without figures.
func (s *IndicatorStats) MarshalJSON() ([]byte, error) {
	if s.Suppressed {
		return marshalSuppressed(s.Reason)
	}
	return json.Marshal(struct {
		N          int     `json:"n"`
		Mean       float64 `json:"mean"`
		ShareAbove float64 `json:"share_above"`
	}{s.N, s.Mean, s.ShareAbove})
}

// ItemStats are the answer counts of one item in one group, keyed by the
// scale value written as a decimal string ("1" ... "5").
type ItemStats struct {
	Suppressed bool
	Reason     string
	N          int
	Counts     map[string]int
}

// MarshalJSON writes suppressed measures without figures.
func (s *ItemStats) MarshalJSON() ([]byte, error) {
	if s.Suppressed {
		return marshalSuppressed(s.Reason)
	}
	return json.Marshal(struct {
		N      int            `json:"n"`
		Counts map[string]int `json:"counts"`
	}{s.N, s.Counts})
}

// Reliability is Cronbach's alpha of a dimension over the respondents who
// answered all its items; Alpha is nil below 10 such respondents.
type Reliability struct {
	Alpha *float64 `json:"alpha"`
	N     int      `json:"n"`
}

func marshalSuppressed(reason string) ([]byte, error) {
	return json.Marshal(struct {
		Suppressed bool   `json:"suppressed"`
		Reason     string `json:"reason,omitempty"`
	}{true, reason})
}
