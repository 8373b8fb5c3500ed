package reports_test

import (
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// The participation table's reason for a hidden unit follows the results:
// secondary wins, below k otherwise (issue 15, point 4), a unit nobody
// answered in included (issue 19: 0 reads as 1 to k-1). A legacy reason
// "no_respondents", as archives frozen before issue 19 hold, reads below k.
func TestUnitReason(t *testing.T) {
	section := func(reasons map[string]string) dossier.Section {
		res := &scoring.Result{}
		for id, why := range reasons {
			res.Groups = append(res.Groups, &scoring.Group{ID: id, Suppressed: why != "", Reason: why})
		}
		return dossier.Section{Result: res}
	}
	r := &dossier.Report{Sections: []dossier.Section{
		section(map[string]string{"unit:A": "no_respondents", "unit:B": "no_respondents", "unit:C": scoring.ReasonBelowThreshold}),
		section(map[string]string{"unit:A": "no_respondents", "unit:B": scoring.ReasonBelowThreshold, "unit:C": scoring.ReasonSecondary}),
	}}
	for unit, want := range map[string]string{
		"A": scoring.ReasonBelowThreshold, // nobody in any questionnaire
		"B": scoring.ReasonBelowThreshold,
		"C": scoring.ReasonSecondary,
		"D": scoring.ReasonBelowThreshold, // in no section
	} {
		if got := reports.UnitReason(r, []string{unit}); got != want {
			t.Errorf("unit %s reads %q, want %q", unit, got, want)
		}
	}
	// The participation row's own reason, from scoring, comes first.
	r.Participation = []scoring.UnitParticipation{{Path: []string{"B"}, Reason: scoring.ReasonSecondary}}
	for unit, want := range map[string]string{"B": scoring.ReasonSecondary, "A": scoring.ReasonBelowThreshold} {
		if got := reports.UnitReason(r, []string{unit}); got != want {
			t.Errorf("unit %s reads %q, want %q", unit, got, want)
		}
	}
}
