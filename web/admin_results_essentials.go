package web

import (
	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// resultsEssentials words the results page's "L'essentiel" for one
// questionnaire, with the PDF's rules (reports.NewEssentials): the whole
// organisation's figure first, units by their name, no "(non renseigné)"
// group, the change since the previous wave (trends nil without one), a
// caution under half participation.
func resultsEssentials(camp *vigie.Campaign, q *questionnaires.Questionnaire, res *scoring.Result,
	trends *scoring.Trends, previousTitle string) *reports.Essentials {
	r := &dossier.Report{
		Lang:          "fr",
		MinGroupSize:  res.MinGroupSize,
		PriorityShare: camp.PriorityShare,
		SegmentLabels: map[string]string{},
		Sections:      []dossier.Section{{Questionnaire: q, Result: res, Trends: trends}},
	}
	if trends != nil {
		r.PreviousTitle = previousTitle
	}
	for _, g := range camp.Segments {
		r.SegmentLabels[g.ID] = vigie.InLanguage(g.Label, "fr")
	}
	// The headcount of the top-level units, when the campaign has them:
	// the participation rate and its caution need it.
	for _, u := range camp.Units {
		if len(u.Path) == 1 {
			r.Participation = append(r.Participation, scoring.UnitParticipation{Path: u.Path, Headcount: u.Headcount})
		}
	}
	return reports.NewEssentials(r)
}
