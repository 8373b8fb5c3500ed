package dossier

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Audience chooses what a report contains.
type Audience string

// The audiences of a report.
const (
	AudienceConsultant Audience = "consultant" // everything
	AudienceCommittee  Audience = "committee"  // aggregates and moderated comments
)

// Report is everything a report shows: the store assembles it from a
// campaign (cmd/vigie from an offline file), and reports renders it.
type Report struct {
	Organisation string
	Campaign     string // campaign title
	// ConductedBy names who ran the survey (the consultant's firm), in
	// the report's language: on the cover and in every page's footer.
	// "" when the campaign does not say.
	ConductedBy string
	// Logo is the consultant's logo, drawn on the cover and in the
	// running headers; nil for none.
	Logo *vigie.Logo
	// OpenedWeek and ClosedWeek are the ISO weeks ("2026-W41") the survey
	// opened and closed in: the store keeps no exact date, for anonymity,
	// so the report shows the period from the Monday of the first to the
	// Sunday of the second, in words, and says why. Empty offline.
	OpenedWeek, ClosedWeek string
	// Period is a free-text period, shown as written when the weeks are
	// not given (e.g. "printemps 2027" for a paper survey).
	Period              string
	GeneratedAt         time.Time
	Audience            Audience
	Lang                string // "fr" (default) or "en"
	MinGroupSize        int    // k
	CommentMinGroupSize int
	IncludeItemAnnex    bool // the committee variant may leave the item annex out
	// Short asks for the committee's short report (about ten pages:
	// L'essentiel, participation, maps of units, priorities, method and
	// limits) rather than the full one.
	Short   bool
	Version string // Vigie's version; "dev" or empty is not shown
	// Offline marks a report built from a responses file rather than a
	// campaign: no comments were collected and no headcount is known.
	Offline       bool
	Participation []scoring.UnitParticipation
	// Respondents is how many people took part in the campaign; nil when
	// fewer than k (or offline, where Sections say it per questionnaire).
	Respondents *int
	// PriorityShare is the campaign's priority_share (0: the default):
	// "L'essentiel" and the discussion guides read priorities with it.
	PriorityShare float64
	Sections      []Section
	// SegmentLabels names segments in the report's language (segment id ->
	// label, e.g. "metier" -> "Métier"); a segment missing here is shown
	// by its id made readable ("type_contrat" -> "Type contrat"), as
	// offline reports (no campaign) do.
	SegmentLabels map[string]string
	// DUERP, when set, adds the document unique's part after the
	// questionnaires; nil leaves it out (offline reports).
	DUERP *DUERP
	// PreviousTitle names the previous wave when sections carry trends:
	// the PDF heads their section "Évolution depuis <PreviousTitle>".
	PreviousTitle string
}

// SegmentLabel names a segment in the report's language. Without a label
// the id is humanised rather than shown raw: a committee reads
// "Segment : Type contrat", not a column name.
func (r *Report) SegmentLabel(id string) string {
	if l := r.SegmentLabels[id]; l != "" {
		return l
	}
	return humanise(id)
}

// humanise turns an identifier into a heading: separators become spaces
// and the first letter is capitalised.
func humanise(id string) string {
	s := strings.TrimSpace(strings.NewReplacer("_", " ", "-", " ", ".", " ").Replace(id))
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return id
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// Section is the part of a report about one questionnaire.
type Section struct {
	Questionnaire *questionnaires.Questionnaire
	Result        *scoring.Result
	Comments      []Comment // moderated comments only, from groups at or above the comment threshold
	// When Comments is empty, these say why, so that the report does not
	// leave the reader wondering: some comments still await moderation,
	// and/or some came from groups below the comment threshold (never
	// shown). They carry no count: the report only says that some exist.
	CommentsPending, CommentsWithheld bool
	// Trends compares Result with the previous wave's; nil without one.
	Trends *scoring.Trends
	// Reference compares Result with reference values (imported norms or
	// a portfolio of organisations); nil without one.
	Reference *scoring.ReferenceComparison
}

// Comment is a moderated, published comment and the group it belongs to.
type Comment struct {
	Group string // group label, e.g. the unit name
	Text  string
}
