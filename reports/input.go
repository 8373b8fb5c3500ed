package reports

import (
	"time"

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

// Report is everything a report shows. The caller (web, cmd/vigie) builds
// it from the store or from an offline file; the package only renders it.
type Report struct {
	Organisation        string
	Campaign            string // campaign title
	Period              string // e.g. "2027-W03 – 2027-W07"; may be empty offline
	GeneratedAt         time.Time
	Audience            Audience
	Lang                string // "fr" (default) or "en"
	MinGroupSize        int    // k
	CommentMinGroupSize int
	IncludeItemAnnex    bool   // the committee variant may leave the item annex out
	Version             string // Vigie's version, written in the parameters
	Participation       []scoring.UnitParticipation
	Sections            []Section
	// SegmentLabels names segments in the report's language (segment id ->
	// label, e.g. "metier" -> "Métier"); a segment missing here is shown
	// by its id, as offline reports (no campaign) do.
	SegmentLabels map[string]string
}

// segmentLabel names a segment in the report's language, its id when the
// caller gave no label.
func (r *Report) segmentLabel(id string) string {
	if l := r.SegmentLabels[id]; l != "" {
		return l
	}
	return id
}

// Section is the part of a report about one questionnaire.
type Section struct {
	Questionnaire *questionnaires.Questionnaire
	Result        *scoring.Result
	Comments      []Comment          // moderated comments only, from groups at or above the comment threshold
	Rows          []scoring.ScoreRow // consultant audience only: k-anonymised respondent rows for the Scores sheet
}

// Comment is a moderated, published comment and the group it belongs to.
type Comment struct {
	Group string // group label, e.g. the unit name
	Text  string
}
