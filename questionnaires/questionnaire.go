package questionnaires

import "slices"

// Text is a text in several languages, keyed by language code ("fr", "en").
type Text map[string]string

// In returns the text in lang, or in fallback when lang is missing.
func (t Text) In(lang, fallback string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t[fallback]
}

// Direction tells whether a high score is a good or a bad sign.
type Direction string

// The two directions of a dimension.
const (
	HigherIsWorse  Direction = "higher_is_worse"
	HigherIsBetter Direction = "higher_is_better"
)

// Scale is an answer scale: integers from Min to Max, one label per value
// in each language.
type Scale struct {
	ID     string
	Min    int
	Max    int
	Labels map[string][]string // language -> exactly Max-Min+1 labels
}

// Label returns the label of value v in lang (fallback language when lang has none).
func (s *Scale) Label(v int, lang, fallback string) string {
	labels := s.Labels[lang]
	if len(labels) == 0 {
		labels = s.Labels[fallback]
	}
	if i := v - s.Min; i >= 0 && i < len(labels) {
		return labels[i]
	}
	return ""
}

// Contains reports whether v is a value of the scale.
func (s *Scale) Contains(v int) bool { return v >= s.Min && v <= s.Max }

// Item is one question answered on a scale.
type Item struct {
	ID        string
	Text      Text
	Scale     *Scale
	Reverse   bool   // recoded as min+max-v before scoring
	Dimension string // id of the dimension the item belongs to
	Index     int    // position in Questionnaire.Items(), used by scoring
}

// Cutoffs are the low and high cut points of a dimension on the 0-100 scale.
type Cutoffs struct {
	Low  float64
	High float64
}

// Dimension is a scored group of items.
type Dimension struct {
	ID          string
	Title       Text
	Description Text
	Direction   Direction
	MinAnswered float64 // share of items needed for a score; default 0.5
	Cutoffs     Cutoffs
	Items       []*Item
	// RiskFamily is the Gollac family whose exposure the dimension
	// measures, the one whose DUERP row it assesses; "" when it measures
	// none (the file names none).
	RiskFamily RiskFamily
	// SignalFor is the family the dimension is a signal to discuss for: it
	// appears on that family's DUERP row, labelled as a signal, and never
	// counts in the exposure. At most one of RiskFamily and SignalFor.
	SignalFor RiskFamily
	// Reading is how the dimension's levels are named: ReadingLevels
	// (favourable to unfavourable) or ReadingSignal (a defensive strategy:
	// signal faible, à discuter, marqué).
	Reading    Reading
	Discussion TextList // open questions for a team session about the work; may be empty
}

// Reading is how the three levels of a dimension are named and coloured.
type Reading string

// The two readings of a dimension.
const (
	// ReadingLevels names the levels favourable, intermediate and
	// unfavourable: the default.
	ReadingLevels Reading = "levels"
	// ReadingSignal is the reading of a defensive strategy (after
	// Dejours): a collective way of coping, never good or bad in itself,
	// whose levels read weak signal, to discuss and marked.
	ReadingSignal Reading = "signal"
)

// Signal reports whether the dimension reads as a signal (ReadingSignal).
func (d *Dimension) Signal() bool { return d.Reading == ReadingSignal }

// IndicatorKind is the kind of an indicator; "ratio" is the only one so far.
type IndicatorKind string

// KindRatio is a ratio of two dimensions' mean raw (recoded) values.
const KindRatio IndicatorKind = "ratio"

// Indicator is a figure computed from dimensions, such as the effort/reward ratio.
type Indicator struct {
	ID          string
	Title       Text
	Kind        IndicatorKind
	Numerator   string // dimension id
	Denominator string // dimension id
	Threshold   float64
}

// Questionnaire is a validated instrument, as loaded from a YAML file.
type Questionnaire struct {
	ID         string
	Version    int
	Language   string // the default language: every text exists in it
	Title      Text
	Intro      Text // may be empty
	Comment    Text // the optional free-text question; empty when absent
	Scales     []*Scale
	Dimensions []*Dimension
	Indicators []*Indicator
	Source     []byte // the file as read, so a campaign can freeze it

	items []*Item // all items in file order; Item.Index is the position here
}

// Items returns every item of the questionnaire in file order.
func (q *Questionnaire) Items() []*Item { return q.items }

// Item returns the item with the given id, or nil.
func (q *Questionnaire) Item(id string) *Item {
	for _, it := range q.items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// Dimension returns the dimension with the given id, or nil.
func (q *Questionnaire) Dimension(id string) *Dimension {
	for _, d := range q.Dimensions {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Languages returns the languages in which every text of the title exists,
// the default language first.
func (q *Questionnaire) Languages() []string {
	langs := []string{q.Language}
	for lang := range q.Title {
		if lang != q.Language {
			langs = append(langs, lang)
		}
	}
	slices.Sort(langs[1:])
	return langs
}

// index numbers the items of q in file order and records their dimension;
// the loader calls it once the dimensions are built, and so can code that
// builds a Questionnaire by hand (tests).
func (q *Questionnaire) index() {
	q.items = q.items[:0]
	for _, d := range q.Dimensions {
		for _, it := range d.Items {
			it.Dimension = d.ID
			it.Index = len(q.items)
			q.items = append(q.items, it)
		}
	}
}

// Finish prepares a Questionnaire built in code (rather than loaded from a
// file) for use: it numbers the items. Loaded questionnaires are finished.
func (q *Questionnaire) Finish() { q.index() }
