package dossier

import (
	"encoding/json"
	"fmt"
	"slices"
)

// DUERPChanges says, in French, what differs between a frozen version of
// the DUERP (prev) and today's (cur): rows added or gone, exposures,
// measures and actions of each row changed, actions of the plan added or
// gone. The date and the version number do not count: an empty list
// means that freezing cur would repeat prev.
func DUERPChanges(prev, cur *DUERP) []string {
	var out []string
	before := map[DUERPKey]DUERPRow{}
	for _, r := range prev.Rows {
		before[DUERPKey{r.Unit, r.RiskFamily}] = r
	}
	now := map[DUERPKey]bool{}
	for _, r := range cur.Rows {
		k := DUERPKey{r.Unit, r.RiskFamily}
		now[k] = true
		where := r.UnitLabel + ", " + r.FamilyLabel
		old, ok := before[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("Nouvelle ligne : %s.", where))
			continue
		case old.Exposure != r.Exposure:
			out = append(out, fmt.Sprintf("%s : exposition « %s » au lieu de « %s ».", where, r.Exposure, old.Exposure))
		}
		if old.Measures != r.Measures {
			out = append(out, fmt.Sprintf("%s : mesures existantes modifiées.", where))
		}
		if !sameJSON(old.Dimensions, r.Dimensions) || !sameJSON(old.Signals, r.Signals) {
			out = append(out, fmt.Sprintf("%s : dimensions ou signaux modifiés.", where))
		}
	}
	for _, r := range prev.Rows {
		if !now[DUERPKey{r.Unit, r.RiskFamily}] {
			out = append(out, fmt.Sprintf("Ligne retirée : %s, %s.", r.UnitLabel, r.FamilyLabel))
		}
	}
	return append(out, actionChanges(prev.Actions, cur.Actions)...)
}

// actionChanges lists the plan's actions added, gone or changed, matched
// by title.
func actionChanges(prev, cur []DUERPAction) []string {
	var out []string
	for _, a := range cur {
		i := slices.IndexFunc(prev, func(p DUERPAction) bool { return p.Title == a.Title })
		switch {
		case i < 0:
			out = append(out, fmt.Sprintf("Action ajoutée : « %s ».", a.Title))
		case !sameJSON(prev[i], a):
			out = append(out, fmt.Sprintf("Action modifiée : « %s » (%s).", a.Title, a.Status))
		}
	}
	for _, p := range prev {
		if !slices.ContainsFunc(cur, func(a DUERPAction) bool { return a.Title == p.Title }) {
			out = append(out, fmt.Sprintf("Action retirée : « %s ».", p.Title))
		}
	}
	return out
}

// sameJSON compares two values as a frozen version stores them, so that
// a version read back equals the document it was frozen from.
func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}
