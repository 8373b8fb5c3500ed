package web

import (
	"context"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// lowRate is the participation under which results are fragile and the
// page warns (60 %).
const lowRate = 0.6

// participation returns the participation of each unit of a campaign
// after the anonymity rules: the store counts, scoring.Participation
// suppresses. Respondents without a unit count in "(non renseigné)", as
// in the results.
func (s *Server) participation(ctx context.Context, camp *vigie.Campaign) ([]scoring.UnitParticipation, error) {
	counts, err := s.store.UnitCounts(ctx, camp.ID)
	if err != nil {
		return nil, err
	}
	total, err := s.store.ResponseCount(ctx, camp.ID)
	if err != nil {
		return nil, err
	}
	for _, n := range counts {
		total -= n
	}
	if total > 0 {
		counts[""] = total
	}
	heads := map[string]int{}
	for _, u := range camp.Units {
		if u.Headcount > 0 {
			heads[strings.Join(u.Path, "/")] = u.Headcount
		}
	}
	return scoring.Participation(store.ScoringOptions(camp), counts, heads), nil
}

// participationRow is one unit's participation as pages show it.
type participationRow struct {
	Unit        string
	Depth       int
	Respondents string // a number, or "moins de k"
	Headcount   string
	Rate        string
	Low         bool // under 60 %
	Suppressed  bool
}

// participationRows formats rows for a page; a suppressed count is never
// written, only "moins de k".
func participationRows(rows []scoring.UnitParticipation, k int) []participationRow {
	out := make([]participationRow, 0, len(rows))
	for _, r := range rows {
		p := participationRow{Unit: r.Path[len(r.Path)-1], Depth: len(r.Path) - 1, Headcount: "–", Rate: "–"}
		if r.Headcount > 0 {
			p.Headcount = itoa(r.Headcount)
		}
		if r.Respondents == nil {
			p.Suppressed = true
			p.Respondents = "moins de " + itoa(k)
		} else {
			p.Respondents = itoa(*r.Respondents)
		}
		if r.Rate != nil {
			p.Rate = percent(*r.Rate)
			p.Low = *r.Rate < lowRate
		}
		out = append(out, p)
	}
	return out
}
