package storetest

import (
	"fmt"
	"math/rand/v2"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// LargeResponse returns the i-th response of a large benchmark campaign
// c answering qs, drawn from a generator seeded by i, so that every run
// stores the same campaign: a unit and categories at random, every item
// answered but one in twenty, one person in ten leaving a comment on the
// first questionnaire.
func LargeResponse(c *vigie.Campaign, qs []*questionnaires.Questionnaire, i int) *vigie.Response {
	rng := rand.New(rand.NewPCG(uint64(i), 22))
	r := &vigie.Response{
		CampaignID: c.ID,
		Unit:       c.Units[rng.IntN(len(c.Units))].Path,
		Segments:   map[string]string{},
		Answers:    map[string]map[string]int{},
		Comments:   map[string]string{},
	}
	for _, g := range c.Segments {
		r.Segments[g.ID] = g.Categories[rng.IntN(len(g.Categories))]
	}
	for _, q := range qs {
		a := map[string]int{}
		for _, it := range q.Items() {
			if rng.IntN(20) > 0 {
				a[it.ID] = it.Scale.Min + rng.IntN(it.Scale.Max-it.Scale.Min+1)
			}
		}
		r.Answers[q.ID] = a
	}
	if rng.IntN(10) == 0 {
		r.Comments[qs[0].ID] = "Trop de dossiers, pas assez de temps."
	}
	return r
}

// LargeCampaign makes s the large benchmark campaign of issue 22 (its
// questionnaires aside): 40 services under 8 directions, two segments of
// 4 and 3 categories, open by link so that no codes are needed to fill it.
func LargeCampaign(s *vigie.CampaignSpec) {
	s.Access = vigie.AccessLink
	s.Units = nil
	for d := range 8 {
		for sv := range 5 {
			s.Units = append(s.Units, vigie.UnitSpec{Path: []string{fmt.Sprintf("Direction %d", d), fmt.Sprintf("Service %d", sv)}, Headcount: 3000})
		}
	}
	s.Segments = []vigie.Segment{
		{ID: "metier", Label: map[string]string{"fr": "Métier", "en": "Job"}, Categories: []string{"Assistant social", "Éducateur", "Secrétaire", "Cadre"}},
		{ID: "anciennete", Label: map[string]string{"fr": "Ancienneté", "en": "Seniority"}, Categories: []string{"< 2 ans", "2-10 ans", "> 10 ans"}},
	}
}
