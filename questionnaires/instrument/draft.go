package instrument

// A draft is the questionnaire as read from the source, every value with
// its place, before it is written as YAML (yaml.go) and checked by the
// questionnaire parser. Values stay as written: the parser judges them.

// field is one value of the source and its place.
type field struct {
	V  string
	At Place
}

// text is a text in several languages, in the order they are written.
type text []langText

type langText struct {
	Lang, V string
	At      Place
}

// add appends the text in lang when it is not empty.
func (t *text) add(lang, v string, at Place) {
	if v != "" {
		*t = append(*t, langText{lang, v, at})
	}
}

// list is a list of texts in one language (scale labels, discussion
// questions).
type list struct {
	Lang string
	V    []string
	At   Place
}

type draft struct {
	Head                  string // comment written above the YAML
	ID, Version, Language field
	Title, Intro, Comment text
	Scales                []*scaleDraft
	Dimensions            []*dimensionDraft
	Indicators            []*indicatorDraft
}

type scaleDraft struct {
	ID       field
	Min, Max field
	Labels   []list
}

type dimensionDraft struct {
	ID, Direction, MinAnswered  field
	Title, Description          text
	Low, High                   field
	RiskFamily, SignalFor, Read field
	Discussion                  []list
	Items                       []*itemDraft
}

type itemDraft struct {
	ID, Scale field
	Text      text
	Reverse   bool
	ReverseAt Place
}

type indicatorDraft struct {
	ID                               field
	Title                            text
	Kind, Numerator, Denominator, Th field
}
