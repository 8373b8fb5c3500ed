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

// The exposure levels, from the share of unfavourable respondents.
const (
	ExposureLow          Exposure = "faible"        // share < 0.25
	ExposureModerate     Exposure = "modérée"       // 0.25 <= share < 0.50
	ExposureHigh         Exposure = "élevée"        // 0.50 <= share < 0.75
	ExposureVeryHigh     Exposure = "très élevée"   // share >= 0.75
	ExposureNotAssessed  Exposure = "non évaluable" // no published dimension
	exposureTolerance             = 1e-9
	unclassifiedFamilyFR          = "Non classé"
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

// DUERPRow is one (work unit, risk family) of the DUERP.
type DUERPRow struct {
	Unit        string           `json:"unit"`         // unit path joined by "/", "" for everyone
	UnitLabel   string           `json:"unit_label"`   // as the document shows it
	RiskFamily  string           `json:"risk_family"`  // a questionnaires.RiskFamily; "" when not classified
	FamilyLabel string           `json:"family_label"` // INRS/Gollac wording
	Dimensions  []DUERPDimension `json:"dimensions"`
	Exposure    Exposure         `json:"exposure"`
	Measures    string           `json:"measures"` // mesures existantes, free text
	Actions     []DUERPAction    `json:"actions"`  // the plan's actions for this unit and family
}

// DUERPDimension is one dimension of a row's family, with the unit's
// figures when the anonymity rules publish them.
type DUERPDimension struct {
	Questionnaire     string  `json:"questionnaire"`
	Dimension         string  `json:"dimension"`
	Title             string  `json:"title"`
	Published         bool    `json:"published"`
	N                 int     `json:"n,omitempty"`
	Mean              float64 `json:"mean,omitempty"`
	ShareUnfavourable float64 `json:"share_unfavourable,omitempty"`
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
// everywhere it has respondents); families are those of at least one of
// the questionnaires' dimensions, in the Gollac order, "non classé" last.
// Only published figures are read: a suppressed group or dimension gives
// no number, and a family none of whose dimensions is published for the
// unit is "non évaluable".
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
	for _, u := range units {
		for _, f := range familiesOf(in.Sections) {
			row := DUERPRow{Unit: u, UnitLabel: UnitLabel(u), RiskFamily: f, FamilyLabel: FamilyLabel(f),
				Dimensions: []DUERPDimension{}, Measures: in.Measures[DUERPKey{u, f}], Actions: []DUERPAction{}}
			best, assessed := 0.0, false
			group := "all"
			if u != "" {
				group = "unit:" + u
			}
			for _, s := range in.Sections {
				for _, dim := range s.Questionnaire.Dimensions {
					if string(dim.RiskFamily) != f {
						continue
					}
					dd := DUERPDimension{Questionnaire: s.Questionnaire.ID, Dimension: dim.ID,
						Title: dim.Title.In("fr", s.Questionnaire.Language)}
					if st := publishedStats(s.Result, group, dim.ID); st != nil {
						dd.Published, dd.N, dd.Mean = true, st.N, st.Mean
						dd.ShareUnfavourable = st.Shares[scoring.Unfavourable]
						best, assessed = max(best, dd.ShareUnfavourable), true
					}
					row.Dimensions = append(row.Dimensions, dd)
				}
			}
			row.Exposure = ExposureNotAssessed
			if assessed {
				row.Exposure = ExposureOf(best)
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

// familiesOf lists the families that have at least one dimension in the
// sections' questionnaires, in the Gollac order, "" last.
func familiesOf(sections []Section) []string {
	has := map[string]bool{}
	for _, s := range sections {
		for _, dim := range s.Questionnaire.Dimensions {
			has[string(dim.RiskFamily)] = true
		}
	}
	var out []string
	for _, f := range questionnaires.RiskFamilies {
		if has[string(f)] {
			out = append(out, string(f))
		}
	}
	if has[""] {
		out = append(out, "")
	}
	return out
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
