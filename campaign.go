package vigie

// CampaignState is where a campaign is in its life: draft, then open, then closed.
type CampaignState string

// The states of a campaign.
const (
	StateDraft  CampaignState = "draft"
	StateOpen   CampaignState = "open"
	StateClosed CampaignState = "closed"
)

// AccessMode is how employees reach the questionnaire.
type AccessMode string

// The access modes.
const (
	AccessCodes AccessMode = "codes" // one single-use code per person
	AccessLink  AccessMode = "link"  // one open link; a person can answer twice
)

// Campaign is a survey run in one organisation.
type Campaign struct {
	ID                  string
	Slug                string // the respondent URL is /r/<slug>
	Title               string
	Organisation        string
	ConductedBy         map[string]string // language -> who runs the survey; nil when not said
	Purpose             map[string]string // language -> why the survey is run; nil when not said
	Questionnaires      []string          // questionnaire ids, in answering order
	Units               []Unit            // every unit, parents before children
	Segments            []Segment
	MinGroupSize        int     // k
	CommentMinGroupSize int     // comments are shown only for groups of at least this size
	PriorityShare       float64 // share of unfavourable respondents that makes a priority
	Languages           []string
	Access              AccessMode
	State               CampaignState
	OpenedWeek          string // ISO week of opening ("2027-W03"), "" while draft
	ClosedWeek          string
	// EndDate is the last day answers are accepted ("2026-11-15"), "" when
	// the consultant closes the campaign by hand; `vigie serve` closes an
	// open campaign once the day is over (CampaignSpec.EndDate).
	EndDate string
	// PaperDoubleEntry is the share of paper sheets typed in twice
	// before they count (1: every sheet; docs/guide-consultant.md).
	PaperDoubleEntry float64
	// Previous is the id of the previous wave of the same survey (a closed
	// campaign), "" when none: results then carry trends (docs/scoring.md).
	Previous string
	// UnitMap renames the previous wave's unit paths ("old/path" ->
	// "new/path") after a reorganisation; nil when none.
	UnitMap map[string]string
	// Controller, DPOContact and LegalBasis are the data-protection facts
	// the information notice, the record of processing and the AIPD state;
	// "" when not said (see DataController and LegalBasisText).
	Controller string
	DPOContact string
	LegalBasis string
	// RetentionDays is how long after closing the raw answers may be
	// kept; the campaign is archived (raw data erased) when it runs out.
	RetentionDays int
	// ArchivedAt is the day (YYYY-MM-DD) the raw data was erased and the
	// published outputs frozen; "" while they are kept. An archived
	// campaign stays closed.
	ArchivedAt string
	// DeletedAt is the day (YYYY-MM-DD) the campaign was deleted while it
	// had frozen DUERP versions: only its title, organisation and those
	// versions remain (a tombstone). Set only on what Store.Tombstone
	// returns; a live campaign has "".
	DeletedAt string
}

// Archived reports whether the campaign's raw data has been erased.
func (c *Campaign) Archived() bool { return c.ArchivedAt != "" }

// Deleted reports whether the campaign was deleted down to a tombstone
// that keeps its frozen DUERP versions.
func (c *Campaign) Deleted() bool { return c.DeletedAt != "" }

// Unit is one node of a campaign's unit tree.
type Unit struct {
	Path      []string // names from the top; a name never contains '/'
	Headcount int      // 0 when unknown
}

// Segment is a short closed list of broad categories (job, seniority band...).
type Segment struct {
	ID    string
	Label map[string]string // language -> label
	// Categories are the canonical names (the French text): answers,
	// results and anonymity groups use them, whatever language the
	// employee answered in.
	Categories []string
	// CategoryLabels translates categories for display (category ->
	// language -> label); nil, or a category absent, when the file gave
	// the plain form. Only the employee pages use it.
	CategoryLabels map[string]map[string]string
}

// CategoryLabel returns how category cat is shown in lang: its
// translation when the file gave one, else the canonical name.
func (s *Segment) CategoryLabel(cat, lang string) string {
	if v := InLanguage(s.CategoryLabels[cat], lang); v != "" {
		return v
	}
	return cat
}

// InLanguage returns the text of a language map (a segment label, the
// campaign's ConductedBy or Purpose) in lang, falling back to French, the
// language every such map must have.
func InLanguage(m map[string]string, lang string) string {
	if v := m[lang]; v != "" {
		return v
	}
	return m["fr"]
}

// Response is one submitted, anonymous answer set. It holds no code, no
// address, no exact time: Week is the ISO week of submission.
type Response struct {
	ID         string // random, reveals nothing about order
	CampaignID string
	Unit       []string                  // empty when not given
	Segments   map[string]string         // segment id -> category
	Answers    map[string]map[string]int // questionnaire id -> item id -> value; unanswered items absent
	Comments   map[string]string         // questionnaire id -> comment
	Week       string
}
