package reports_test

import (
	"testing"

	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// The participation table's reason for a hidden unit follows the results:
// secondary wins, « aucune réponse » only when no section has anyone
// there, below k otherwise (issue 15, point 4).
func TestUnitReason(t *testing.T) {
	section := func(reasons map[string]string) reports.Section {
		res := &scoring.Result{}
		for id, why := range reasons {
			res.Groups = append(res.Groups, &scoring.Group{ID: id, Suppressed: why != "", Reason: why})
		}
		return reports.Section{Result: res}
	}
	r := &reports.Report{Sections: []reports.Section{
		section(map[string]string{"unit:A": scoring.ReasonNoRespondents, "unit:B": scoring.ReasonNoRespondents, "unit:C": scoring.ReasonBelowThreshold}),
		section(map[string]string{"unit:A": scoring.ReasonNoRespondents, "unit:B": scoring.ReasonBelowThreshold, "unit:C": scoring.ReasonSecondary}),
	}}
	for unit, want := range map[string]string{
		"A": scoring.ReasonNoRespondents, // nobody in any questionnaire
		"B": scoring.ReasonBelowThreshold,
		"C": scoring.ReasonSecondary,
		"D": scoring.ReasonBelowThreshold, // in no section
	} {
		if got := r.UnitReason([]string{unit}); got != want {
			t.Errorf("unit %s reads %q, want %q", unit, got, want)
		}
	}
	// The participation row's own reason, from scoring, comes first.
	r.Participation = []scoring.UnitParticipation{{Path: []string{"B"}, Reason: scoring.ReasonSecondary}}
	for unit, want := range map[string]string{"B": scoring.ReasonSecondary, "A": scoring.ReasonNoRespondents} {
		if got := r.UnitReason([]string{unit}); got != want {
			t.Errorf("unit %s reads %q, want %q", unit, got, want)
		}
	}
}
