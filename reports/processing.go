package reports

import (
	"time"

	"github.com/vigie-sante/vigie"
)

// Processing is what a campaign's data-protection documents state about
// it: the record of processing (registre, RGPD art. 30) and the impact
// assessment (AIPD). The caller fills it from the campaign; the package
// only renders it.
type Processing struct {
	ID           string // the campaign id, for the links to its documents
	Lang         string // the AIPD's language: "fr" (default) or "en"
	Campaign     string // title
	Organisation string // the client organisation
	Controller   string // the organisation responsible
	DPOContact   string // "" when not said
	LegalBasis   string
	ConductedBy  string // who runs the survey (French); "" when not said
	Purpose      string // why (French); "" when not said
	State        string // brouillon, ouverte, close or archivée
	OpenedWeek   string
	ClosedWeek   string

	Questionnaires []ProcessingQuestionnaire
	Units          []ProcessingUnit
	Headcount      int      // employees concerned, from the units' headcounts; 0 when unknown
	Segments       []string // "Métier (Assistant social, Encadrement, Administratif)"
	Languages      []string

	MinGroupSize        int
	CommentMinGroupSize int
	Codes               bool // single-use codes; false for an open link
	RetentionDays       int
	RetentionEnd        string // day in words once closed
	ArchivedAt          string // day in words once archived
	Viewers             int    // committee accounts granted the campaign

	GeneratedAt time.Time
	Version     string
	Logo        *vigie.Logo // the consultant's, on the first page; nil for none
}

// ProcessingQuestionnaire is one questionnaire of the campaign and the
// themes (dimensions) it asks about.
type ProcessingQuestionnaire struct {
	ID      string
	Title   string
	Themes  []string
	Comment bool // asks a free-text comment
}

// ProcessingUnit is one unit of the campaign with its headcount.
type ProcessingUnit struct {
	Path      string // names joined by " / "
	Headcount int    // 0 when unknown
}

// SmallUnits returns the units whose known headcount is under k: their
// results will never be shown, and they are where re-identification is
// likeliest.
func (p *Processing) SmallUnits() []ProcessingUnit {
	var out []ProcessingUnit
	for _, u := range p.Units {
		if u.Headcount > 0 && u.Headcount < p.MinGroupSize {
			out = append(out, u)
		}
	}
	return out
}
