package web

import (
	"math"
	"strconv"

	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// lowRate is the participation under which results are fragile and the
// page warns (60 %).
const lowRate = 0.6

// participationRow is one unit's participation as pages show it.
type participationRow struct {
	Unit        string
	Depth       int
	Respondents string // a number, or why it is hidden ("moins de 5 réponses")
	Headcount   string
	Rate        string
	Low         bool // under 60 %
	Suppressed  bool
}

// participationRows formats rows for a page; why gives, row by row, why
// a row is hidden (store.ParticipationHidden). A hidden count is never
// written: « moins de 5 réponses » when the unit itself is under k, nobody
// included (a word of its own for 0 would flip when the first member of a
// small unit answers), or « masqué pour protéger un autre groupe ».
func participationRows(rows []scoring.UnitParticipation, why []string, k int) []participationRow {
	out := make([]participationRow, 0, len(rows))
	for i, r := range rows {
		p := participationRow{Unit: r.Path[len(r.Path)-1], Depth: len(r.Path) - 1, Headcount: "–", Rate: "–"}
		if r.Headcount > 0 {
			p.Headcount = itoa(r.Headcount)
		}
		if r.Respondents == nil {
			p.Suppressed = true
			reason := store.HiddenNone
			if i < len(why) {
				reason = why[i]
			}
			switch reason {
			case store.HiddenSecondary:
				// k or more: nothing to flag, and no bound to give.
				p.Respondents = "masqué pour protéger un autre groupe"
			case store.HiddenNone:
				// Archived before reasons were kept: say no more than
				// the rules guarantee.
				p.Respondents = "masqué"
			default:
				p.Respondents = belowK(k)
				if bound, low := hiddenRateBound(k, r.Headcount); low {
					p.Respondents += ", sur " + itoa(r.Headcount)
					p.Rate, p.Low = bound, low
				}
			}
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

// belowK is what pages say of a count under k, 0 included.
func belowK(k int) string {
	return "moins de " + itoa(k) + " réponses"
}

// hiddenRateBound is what the page can say of the rate of a unit shown
// as "moins de k": under k/headcount ("moins de 28 %"), rounded up so the
// bound stays true; low when that bound is itself at most 60 %, and only
// then do pages show it (a bound over 60 % says nothing useful). Both come
// from k and the headcount, which are public, never from the hidden count,
// so the flag tells nothing the "moins de k" does not. Such a unit needs
// reminders as much as a visible one. "" without a headcount.
func hiddenRateBound(k, headcount int) (string, bool) {
	if headcount <= 0 {
		return "", false
	}
	bound := float64(k) / float64(headcount)
	if bound >= 1 {
		return "", false
	}
	return "moins de " + strconv.Itoa(int(math.Ceil(bound*100))) + "\u00a0%", bound <= lowRate
}

// overallParticipation is the campaign's participation as a whole.
type overallParticipation struct {
	Respondents *int // nil when under k, none included: nothing is said about fewer than k people
	Headcount   int  // 0 when unknown
	Rate        *float64
}

// overall is the campaign's participation as a whole: respondents as the
// store publishes them (from k: docs/scoring.md, the whole campaign is a
// group like any other); the headcount is the sum of the top-level units'
// when every one of them has one, else unknown, since a rate over part of
// the headcount would be too high.
func overall(cp *store.CampaignParticipation) overallParticipation {
	o := overallParticipation{Respondents: cp.Respondents}
	known := false
	for _, r := range cp.Units {
		if len(r.Path) != 1 || r.Path[0] == scoring.NotSpecified {
			continue
		}
		if r.Headcount <= 0 {
			known, o.Headcount = false, 0
			break
		}
		known = true
		o.Headcount += r.Headcount
	}
	if !known {
		o.Headcount = 0
	}
	if o.Respondents != nil && o.Headcount > 0 {
		rate := float64(*o.Respondents) / float64(o.Headcount)
		o.Rate = &rate
	}
	return o
}

// totalRow formats the campaign's participation as the last row of the
// table.
func totalRow(o overallParticipation, k int) participationRow {
	p := participationRow{Unit: "Ensemble de la campagne", Respondents: belowK(k), Headcount: "–", Rate: "–"}
	if o.Headcount > 0 {
		p.Headcount = itoa(o.Headcount)
	}
	if o.Respondents != nil {
		p.Respondents = itoa(*o.Respondents)
	} else {
		p.Suppressed = true
		if bound, low := hiddenRateBound(k, o.Headcount); low {
			p.Rate, p.Low = bound, low
		}
	}
	if o.Rate != nil {
		p.Rate = percent(*o.Rate)
		p.Low = *o.Rate < lowRate
	}
	return p
}
