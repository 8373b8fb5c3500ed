package scoringtest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// This file is the counting attacker. Within one measure, the people who
// belong to exactly the same published groups form a cell; every
// published count of a value is the sum of that value's counts over the
// group's cells. Those counts are unknown, but they are integers and
// never negative: minimising one cell's count of one value under every
// published histogram is a linear program, and a minimum above 0 proves
// that someone in the cell gave that value. When the cell holds fewer
// than k people, that is an answer the rules should have kept. Counts
// are integers, so the minimum is rounded up: 0.4 proves 1.
//
// Maximising is left out on purpose. By duality a least upper bound is
// the count of some combination of groups covering the cell: either that
// combination counts k people or more, and the bound says of the cell
// only what it says of all of them ("no one outside these two categories
// chose 3", for 9 people); or it counts fewer, and the linear search
// (combination.go) already reports it. A lower bound is different: it
// subtracts large cells from a group and learns about a small one.
//
// The cells are those the attacker can tell apart from the group ids an
// output lists (the unit tree and the segments' categories), all of
// them: a unit × category crossing with no one in it is still a cell to
// the attacker, who cannot know it is empty. The truth only chooses which
// cells to attack, and tells a finding from a coincidence.
//
// Each value's counts are constrained only by that value's published
// counts (cell sizes are unknown, and a group's n is the sum of its
// histogram), so the program splits into one system per value, each set
// up once for all the cells it is asked about.

// Finding is a fact the counting attacker proved about a cell of fewer
// than k people.
type Finding struct {
	Output  string   // the questionnaire's id, or "participation"
	Measure string   // an item's id, "<dimension> (niveaux)", an indicator's id, "respondents"
	Cell    []string // the published groups the cell's people belong to, and none other
	People  int      // how many people the measure counts in the cell (the truth)
	Value   string   // the value the bounds are about
	AtLeast int      // proven: at least this many of them gave Value
	Truth   int      // how many did
	Note    string   // when the figures contradict the truth or each other: what
}

func (f Finding) String() string {
	people := "people"
	if f.People == 1 {
		people = "person"
	}
	where := fmt.Sprintf("%s %s: the %d %s in {%s}", f.Output, f.Measure, f.People, people, strings.Join(f.Cell, " "))
	if f.Note != "" {
		return where + ": " + f.Note
	}
	return fmt.Sprintf("%s: proven that at least %d gave the value %q (truth %d)", where, f.AtLeast, f.Value, f.Truth)
}

// cell is a set of people the attacker cannot tell apart in a measure:
// the same published groups.
type cell struct {
	groups   []int // indexes of its published groups
	size     int   // the truth: people the measure counts in it
	answered int   // of whom with a value other than "no answer"
	have     []int // the truth: how many have each value
}

// people returns how many people of the cell a bound on value v is
// about: for "no answer", everyone the measure counts; for an answer,
// those who answered.
func (c *cell) people(m *measure, v int) int {
	if v == m.absent {
		return c.size
	}
	return c.answered
}

// counting attacks every cell of 1 to k−1 people of m.
func (m *measure) counting(people []Person, k int) []Finding {
	var pub []string // the groups that publish m
	for _, id := range m.ids {
		if _, ok := m.counts[id]; ok {
			pub = append(pub, id)
		}
	}
	truth := m.truthCells(people, pub)
	if !hasSmall(truth, k) {
		return nil // nothing to attack: the usual case, and a quick one
	}
	cells := possibleCells(m.ids, pub)
	index := map[string]int{}
	for i, c := range cells {
		index[cellKey(c.groups)] = i
	}
	var findings []Finding
	for _, key := range slices.Sorted(maps.Keys(truth)) {
		t := truth[key]
		i, ok := index[key]
		if !ok {
			findings = append(findings, m.finding(pub, t, -1, "the output's groups say no one can be in this cell"))
			continue
		}
		cells[i].size, cells[i].answered, cells[i].have = t.size, t.answered, t.have
	}
	for v := range m.values {
		findings = append(findings, m.boundValue(k, v, pub, cells)...)
	}
	return findings
}

// hasSmall reports whether a cell holds 1 to k−1 people, or answerers.
func hasSmall(cells map[string]*cell, k int) bool {
	for _, c := range cells {
		if c.size > 0 && c.size < k || c.answered > 0 && c.answered < k {
			return true
		}
	}
	return false
}

// truthCells groups the people m counts by their published groups.
func (m *measure) truthCells(people []Person, pub []string) map[string]*cell {
	out := map[string]*cell{}
	for p, person := range people {
		v := m.truth[p]
		if v < 0 {
			continue
		}
		var groups []int
		for i, id := range pub {
			if member(person, id) {
				groups = append(groups, i)
			}
		}
		key := cellKey(groups)
		c := out[key]
		if c == nil {
			c = &cell{groups: groups, have: make([]int, len(m.values))}
			out[key] = c
		}
		c.size++
		if v != m.absent {
			c.answered++
		}
		c.have[v]++
	}
	return out
}

func cellKey(groups []int) string {
	return fmt.Sprint(groups)
}

// boundValue bounds from below the count of value v in the cells of 1
// to k−1 people that have it.
func (m *measure) boundValue(k, v int, pub []string, cells []cell) []Finding {
	// A group that published 0 for v says every cell in it has none: those
	// cells leave the system, and so does the group.
	var rows []int
	zero := map[int]bool{}
	for g, id := range pub {
		if m.counts[id][v] == 0 {
			zero[g] = true
		} else {
			rows = append(rows, g)
		}
	}
	column := make([]int, len(cells)) // -1: not in the system
	var cols, targets []int
	for i := range cells {
		c := &cells[i]
		column[i] = -1
		if len(c.groups) == 0 || anyIn(c.groups, zero) {
			continue
		}
		column[i] = len(cols)
		cols = append(cols, i)
		if n := c.people(m, v); n > 0 && n < k && c.have[v] > 0 {
			targets = append(targets, i)
		}
	}
	if len(targets) == 0 {
		return nil
	}
	a := make([][]int, len(rows))
	b := make([]int, len(rows))
	for r, g := range rows {
		a[r] = make([]int, len(cols))
		b[r] = m.counts[pub[g]][v]
		for j, i := range cols {
			if slices.Contains(cells[i].groups, g) {
				a[r][j] = 1
			}
		}
	}
	sys, ok := newSystem(a, b)
	if !ok {
		return []Finding{m.finding(pub, &cells[targets[0]], v, "the published counts of this value contradict each other")}
	}
	var findings []Finding
	for _, i := range targets {
		lo := sys.least(column[i])
		f := m.finding(pub, &cells[i], v, "")
		f.AtLeast = int(ceil(lo))
		if f.AtLeast > f.Truth {
			panic(fmt.Sprintf("scoringtest: the solver's bound excludes the truth: %v", f))
		}
		if f.AtLeast > 0 {
			findings = append(findings, f)
		}
	}
	return findings
}

// finding describes cell c of m for value v (-1: none).
func (m *measure) finding(pub []string, c *cell, v int, note string) Finding {
	f := Finding{Output: m.output, Measure: m.name, People: c.size, Note: note}
	for _, g := range c.groups {
		f.Cell = append(f.Cell, pub[g])
	}
	if v >= 0 {
		f.Value, f.Truth, f.People = m.values[v], c.have[v], c.people(m, v)
	}
	return f
}

func anyIn(groups []int, set map[int]bool) bool {
	for _, g := range groups {
		if set[g] {
			return true
		}
	}
	return false
}
