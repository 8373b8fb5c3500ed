package main

import (
	"maps"
	"slices"

	"github.com/vigie-sante/vigie"
)

// The demo's barometer has a previous wave, a year earlier, so that its
// results show trends. The changes planted between the two waves:
//   - Direction Littoral: the case-management software arrived during the
//     year; before it, none of the direction's planted pattern
//     (demoDirectionShift), so the direction is clearly worse now;
//   - Secteur Lens: the effort/reward imbalance was half as strong;
//   - Direction Métropole: autonomy was 12 points lower, before the actions
//     that followed the first wave: clearly better now;
//   - Secteur Saint-Omer was called Antenne Saint-Omer: the barometer's
//     unit_map links the two names.
const (
	demoPreviousTitle = "Baromètre qualité de vie au travail 2025"
	demoPreviousSeed  = demoSeed - 1
	demoOldSaintOmer  = "Direction Littoral/Antenne Saint-Omer"
	demoNewSaintOmer  = "Direction Littoral/Secteur Saint-Omer"
)

// demoPreviousTeams is the organisation as it answered the previous wave.
func demoPreviousTeams() []demoTeam {
	teams := demoTeams()
	for i := range teams {
		t := &teams[i]
		t.directionShift = nil
		t.shift = maps.Clone(t.shift)
		if t.shift == nil {
			t.shift = map[string]float64{}
		}
		switch {
		case t.name == "Secteur Lens":
			for id, v := range t.shift {
				t.shift[id] = v / 2
			}
		case t.name == "Secteur Saint-Omer":
			t.name = "Antenne Saint-Omer"
		}
		if t.direction == "Direction Métropole" {
			t.shift["autonomie"] -= 12
		}
	}
	return teams
}

// demoPreviousSpec is the previous wave: the same barometer, a year
// before, without the questionnaire added in 2026.
func demoPreviousSpec() *vigie.CampaignSpec {
	spec := demoClosedSpec()
	spec.Questionnaires = slices.Clone(demoFirstQuestionnaires)
	spec.Title = demoPreviousTitle
	spec.Units = demoUnits(demoPreviousTeams())
	return spec
}
