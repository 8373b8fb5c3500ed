package dossier

import (
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Exposure is how the DUERP reads a (work unit, risk family) from the
// survey: a reading aid set by convention on the share of unfavourable
// respondents, not a measured risk (docs/reports.md, "Le DUERP").
type Exposure string

// The exposure levels, from the share of unfavourable respondents, and
// the two ways a row has none. The values are the words the document
// shows and the frozen versions keep: they never change.
const (
	ExposureLow      Exposure = "faible"      // share < 0.25
	ExposureModerate Exposure = "modérée"     // 0.25 <= share < 0.50
	ExposureHigh     Exposure = "élevée"      // 0.50 <= share < 0.75
	ExposureVeryHigh Exposure = "très élevée" // share >= 0.75
	// ExposureNotPublished: the survey measures the family, but none of
	// its dimensions has a published figure for the unit (fewer than k
	// respondents, or masked so that it cannot be deduced).
	ExposureNotPublished Exposure = "non évaluable"
	// ExposureNotMeasured: no dimension of the campaign's questionnaires
	// measures an exposure of the family; the row says what would
	// (DUERPRow.AssessedBy). Signals, if any, do not make it assessed.
	ExposureNotMeasured Exposure = "non évaluée par cette enquête"
	// ExposureNotClassified: the « Non classé » row, whose dimensions
	// name no family. They are listed for the consultant to place; an
	// exposure computed across unrelated measures would mean nothing.
	ExposureNotClassified Exposure = "sans objet : dimensions à rattacher à une famille"
	exposureTolerance              = 1e-9
	unclassifiedFamilyFR           = "Non classé"
)

// ExposureOf is the exposure level of the largest share of unfavourable
// respondents among a family's published dimensions. A boundary belongs to
// the level above it (0.25 is modérée); a share computed a hair below a
// boundary (0.2499999999) counts as the boundary, as scoring does for its
// cut-offs.
func ExposureOf(share float64) Exposure {
	switch {
	case share < 0.25-exposureTolerance:
		return ExposureLow
	case share < 0.50-exposureTolerance:
		return ExposureModerate
	case share < 0.75-exposureTolerance:
		return ExposureHigh
	default:
		return ExposureVeryHigh
	}
}

// DUERP is the psychosocial-risk part of a campaign's document unique
// (document unique d'évaluation des risques professionnels): one row per
// (work unit, risk family), and the action plan. It is what the DUERP
// workbook, the PDF section and a frozen version hold; its JSON is the
// frozen content, so its fields never change meaning.
type DUERP struct {
	Organisation string        `json:"organisation"`
	Campaign     string        `json:"campaign"`
	Date         string        `json:"date"`              // YYYY-MM-DD: the day the rows were read
	Version      int           `json:"version,omitempty"` // the frozen version's number; 0 for the live document
	MinGroupSize int           `json:"min_group_size"`    // k, restated next to the rows
	Rows         []DUERPRow    `json:"rows"`
	Actions      []DUERPAction `json:"actions"` // the whole plan, for the Actions sheet
}

// DUERPRow is one (work unit, risk family) of the DUERP. Versions frozen
// before issue 20 have no signals and no assessed_by, may lack a family
// the survey did not measure, and may have a "Non classé" row reading
// defensive strategies as exposures: they read back as they were.
type DUERPRow struct {
	Unit        string `json:"unit"`         // unit path joined by "/", "" for everyone
	UnitLabel   string `json:"unit_label"`   // as the document shows it
	RiskFamily  string `json:"risk_family"`  // a questionnaires.RiskFamily; "" when not classified
	FamilyLabel string `json:"family_label"` // INRS/Gollac wording
	// Dimensions are those that measure an exposure of the family: the
	// exposure is read from them alone.
	Dimensions []DUERPDimension `json:"dimensions"`
	Exposure   Exposure         `json:"exposure"`
	// AssessedBy, for a family no dimension measures, says what questions
	// would assess it ("des questions sur la crainte de perdre son
	// emploi..."); "" otherwise.
	AssessedBy string `json:"assessed_by,omitempty"`
	// Signals are the dimensions that are signals to discuss for the
	// family (signal_for: defensive strategies, tool dimensions): shown
	// with the row, labelled so, never counted in the exposure.
	Signals  []DUERPDimension `json:"signals,omitempty"`
	Measures string           `json:"measures"` // mesures existantes, free text
	Actions  []DUERPAction    `json:"actions"`  // the plan's actions for this unit and family
}

// Measured reports whether the campaign measures the row's family (its
// exposure may still be unpublished for the unit).
func (r *DUERPRow) Measured() bool { return r.Exposure != ExposureNotMeasured }

// DUERPDimension is one dimension of a row, with the unit's figures when
// the anonymity rules publish them.
type DUERPDimension struct {
	Questionnaire     string  `json:"questionnaire"`
	Dimension         string  `json:"dimension"`
	Title             string  `json:"title"`
	Published         bool    `json:"published"`
	N                 int     `json:"n,omitempty"`
	Mean              float64 `json:"mean,omitempty"`
	ShareUnfavourable float64 `json:"share_unfavourable,omitempty"`
	// Signal marks a dimension read as a signal (a defensive strategy):
	// its share is that of respondents at a marked signal, never called
	// unfavourable.
	Signal bool `json:"signal,omitempty"`
}

// DUERPAction is an action of the plan as the DUERP lists it.
type DUERPAction struct {
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Unit        string   `json:"unit"`
	RiskFamily  string   `json:"risk_family"`
	Dimensions  []string `json:"dimensions,omitempty"`
	Owner       string   `json:"owner,omitempty"`
	Due         string   `json:"due,omitempty"`
	Budget      string   `json:"budget,omitempty"`
	Status      string   `json:"status"` // in words: prévue, en cours, réalisée, abandonnée
	FollowUp    string   `json:"follow_up,omitempty"`
}

// DUERPKey names a row: its work unit and risk family.
type DUERPKey struct {
	Unit       string // "" for everyone
	RiskFamily string // "" when not classified
}

// DUERPInput is what NewDUERP builds the rows from.
type DUERPInput struct {
	Organisation, Campaign string
	Date                   string
	MinGroupSize           int
	Units                  []string  // the campaign's unit paths joined by "/", in its order
	Sections               []Section // Questionnaire and Result of each questionnaire
	Actions                []DUERPAction
	Measures               map[DUERPKey]string
}

// NewDUERP builds the rows of a DUERP: work units are everyone and every
// unit the anonymity rules publish in at least one questionnaire's result
// (one set of groups per campaign: a unit published anywhere is published
// everywhere it has respondents); families are the six of the Gollac
// report for every unit, in its order, then "Non classé" when a dimension
// that reads as levels names neither a family nor a signal.
//
// A family's exposure is read only from the dimensions that measure it
// (risk_family): the largest share of unfavourable respondents among those
// published for the unit, "non évaluable" when none is published, "non
// évaluée par cette enquête" when no dimension of the campaign measures
// it. Dimensions that are signals for the family (signal_for) are listed
// with the row and never change its exposure; a defensive strategy
// without signal_for appears nowhere.
func NewDUERP(in DUERPInput) *DUERP {
	d := &DUERP{Organisation: in.Organisation, Campaign: in.Campaign, Date: in.Date, MinGroupSize: in.MinGroupSize,
		Rows: []DUERPRow{}, Actions: slices.Clone(in.Actions)}
	if d.Actions == nil {
		d.Actions = []DUERPAction{}
	}
	units := []string{""}
	for _, u := range in.Units {
		if publishedInAny(in.Sections, "unit:"+u) {
			units = append(units, u)
		}
	}
	families := make([]string, 0, len(questionnaires.RiskFamilies)+1)
	for _, f := range questionnaires.RiskFamilies {
		families = append(families, string(f))
	}
	if hasUnclassified(in.Sections) {
		families = append(families, "")
	}
	for _, u := range units {
		group := "all"
		if u != "" {
			group = "unit:" + u
		}
		for _, f := range families {
			row := DUERPRow{Unit: u, UnitLabel: UnitLabel(u), RiskFamily: f, FamilyLabel: FamilyLabel(f),
				Dimensions: []DUERPDimension{}, Measures: in.Measures[DUERPKey{u, f}], Actions: []DUERPAction{}}
			best, measured, published := 0.0, false, false
			for _, s := range in.Sections {
				for _, dim := range s.Questionnaire.Dimensions {
					exposure := exposureOf(dim) == f
					signal := f != "" && string(dim.SignalFor) == f
					if !exposure && !signal {
						continue
					}
					dd := duerpDimension(s, dim, group)
					if signal {
						row.Signals = append(row.Signals, dd)
						continue
					}
					measured = true
					if dd.Published {
						best, published = max(best, dd.ShareUnfavourable), true
					}
					row.Dimensions = append(row.Dimensions, dd)
				}
			}
			switch {
			case f == "":
				row.Exposure = ExposureNotClassified
			case published:
				row.Exposure = ExposureOf(best)
			case measured:
				row.Exposure = ExposureNotPublished
			default:
				row.Exposure = ExposureNotMeasured
				row.AssessedBy = questionnaires.RiskFamily(f).AssessedBy("fr")
			}
			for _, a := range in.Actions {
				if a.Unit == u && a.RiskFamily == f {
					row.Actions = append(row.Actions, a)
				}
			}
			d.Rows = append(d.Rows, row)
		}
	}
	return d
}

// exposureOf is the row a dimension's exposure belongs to: its family,
// "" ("Non classé") for a dimension read as levels that names neither a
// family nor a signal, and no row ("-") for a signal: a defensive
// strategy is never an exposure, even unclassified.
func exposureOf(dim *questionnaires.Dimension) string {
	switch {
	case dim.RiskFamily != "":
		return string(dim.RiskFamily)
	case dim.SignalFor != "" || dim.Signal():
		return "-"
	}
	return ""
}

// hasUnclassified reports whether a dimension of the sections goes to the
// "Non classé" row.
func hasUnclassified(sections []Section) bool {
	for _, s := range sections {
		for _, dim := range s.Questionnaire.Dimensions {
			if exposureOf(dim) == "" {
				return true
			}
		}
	}
	return false
}

// duerpDimension is dim with its figures in group when published.
func duerpDimension(s Section, dim *questionnaires.Dimension, group string) DUERPDimension {
	dd := DUERPDimension{Questionnaire: s.Questionnaire.ID, Dimension: dim.ID,
		Title: dim.Title.In("fr", s.Questionnaire.Language), Signal: dim.Signal()}
	if st := publishedStats(s.Result, group, dim.ID); st != nil {
		dd.Published, dd.N, dd.Mean = true, st.N, st.Mean
		dd.ShareUnfavourable = st.Shares[scoring.Unfavourable]
	}
	return dd
}

// HasRow reports whether the DUERP has a row for key.
func (d *DUERP) HasRow(key DUERPKey) bool {
	return slices.ContainsFunc(d.Rows, func(r DUERPRow) bool { return r.Unit == key.Unit && r.RiskFamily == key.RiskFamily })
}

// UnitLabel names a work unit in the DUERP: its path with " / ", or
// "Ensemble" for everyone.
func UnitLabel(unit string) string {
	if unit == "" {
		return "Ensemble"
	}
	return strings.ReplaceAll(unit, "/", " / ")
}

// FamilyLabel names a risk family in the INRS/Gollac wording, "Non
// classé" for dimensions whose questionnaire gives no family.
func FamilyLabel(f string) string {
	if f == "" {
		return unclassifiedFamilyFR
	}
	return questionnaires.RiskFamily(f).Label("fr")
}

// publishedInAny reports whether the group is published in at least one
// section's result.
func publishedInAny(sections []Section, groupID string) bool {
	for _, s := range sections {
		if g := findGroup(s.Result, groupID); g != nil && !g.Suppressed {
			return true
		}
	}
	return false
}

// publishedStats returns a dimension's figures in a group, nil when the
// group or the dimension is suppressed or absent.
func publishedStats(res *scoring.Result, groupID, dim string) *scoring.DimensionStats {
	g := findGroup(res, groupID)
	if g == nil || g.Suppressed {
		return nil
	}
	st := g.Dimensions[dim]
	if st == nil || st.Suppressed {
		return nil
	}
	return st
}

func findGroup(res *scoring.Result, id string) *scoring.Group {
	if res == nil {
		return nil
	}
	for _, g := range res.Groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}
