package scoringtest

import (
	"slices"
	"strings"
)

// possibleCells returns every cell the attacker can tell apart from the
// group ids an output lists, without the truth: a person is at one unit
// of the tree (inside its ancestors; at "(non renseigné)" without one)
// and in one category of each segment, so a cell is one such combination,
// described by the published groups (pub) it belongs to. Outputs no
// longer say which groups are empty ("moins de k" covers 0 too), so every
// combination counts; two combinations in the same published groups are
// one cell.
func possibleCells(ids []string, pub []string) []cell {
	published := map[string]int{}
	for i, id := range pub {
		published[id] = i
	}
	var units []string
	var segments [][]string
	segIndex := map[string]int{}
	for _, id := range ids {
		switch {
		case strings.HasPrefix(id, "unit:"):
			units = append(units, id)
		case strings.HasPrefix(id, "segment:"):
			seg, _, _ := strings.Cut(id, "=")
			i, ok := segIndex[seg]
			if !ok {
				i = len(segments)
				segIndex[seg] = i
				segments = append(segments, nil)
			}
			segments[i] = append(segments[i], id)
		}
	}
	positions := [][]string{{"all"}}
	if len(units) > 0 {
		positions = unitPositions(units)
	}
	seen := map[string]bool{}
	var out []cell
	var walk func(s int, in []string)
	walk = func(s int, in []string) {
		if s == len(segments) {
			var groups []int
			for _, id := range in {
				if g, ok := published[id]; ok {
					groups = append(groups, g)
				}
			}
			slices.Sort(groups)
			if key := cellKey(groups); !seen[key] {
				seen[key] = true
				out = append(out, cell{groups: groups})
			}
			return
		}
		for _, cat := range segments[s] {
			walk(s+1, append(slices.Clip(in), cat))
		}
	}
	for _, p := range positions {
		walk(0, p)
	}
	return out
}

// unitPositions returns, for each unit of the list whose ancestors are
// listed, the groups a person attached to it is
// in: everyone, the unit and its ancestors.
func unitPositions(units []string) [][]string {
	listed := map[string]bool{}
	for _, u := range units {
		listed[u] = true
	}
	var out [][]string
	for _, u := range units {
		path := unitPath(u)
		in := []string{"all"}
		for i := 1; i <= len(path); i++ {
			id := "unit:" + strings.Join(path[:i], "/")
			if !listed[id] {
				in = nil
				break
			}
			in = append(in, id)
		}
		if in != nil {
			out = append(out, in)
		}
	}
	return out
}
