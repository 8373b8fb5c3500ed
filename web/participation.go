package web

import "github.com/vigie-sante/vigie/scoring"

// lowRate is the participation under which results are fragile and the
// page warns (60 %).
const lowRate = 0.6

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
