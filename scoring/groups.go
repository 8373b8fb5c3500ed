package scoring

import (
	"cmp"
	"slices"
	"strings"
)

// unitNode is one unit of the unit tree. Its accumulator counts everyone in
// the unit and its descendants.
type unitNode struct {
	name     string
	path     []string
	declared bool // listed in Options.Units: keeps its declared position
	children []*unitNode
	byName   map[string]*unitNode
	acc      *groupAcc // scoring: the unit's running sums
	own      int       // participation: respondents attached to this very unit
}

func (u *unitNode) id() string { return "unit:" + strings.Join(u.path, "/") }

// unitTree is the unit tree of a campaign, declared units first, grown by
// the units met in the answers.
type unitTree struct {
	root    *unitNode
	newNode func(*unitNode) // called on every node created
}

func newUnitTree(declared [][]string, newNode func(*unitNode)) *unitTree {
	t := &unitTree{root: &unitNode{byName: map[string]*unitNode{}}, newNode: newNode}
	for _, path := range declared {
		if len(path) == 0 || path[0] == "" {
			continue // NotSpecified is added by the callers, never declared
		}
		u := t.root
		for _, name := range cleanPath(path) {
			u = t.child(u, name)
			u.declared = true
		}
	}
	return t
}

// cleanPath returns the path a respondent belongs to: up to the first empty
// name, and the NotSpecified top-level unit when that leaves nothing.
func cleanPath(path []string) []string {
	for i, name := range path {
		if name == "" {
			path = path[:i]
			break
		}
	}
	if len(path) == 0 {
		return notSpecifiedPath
	}
	return path
}

var notSpecifiedPath = []string{NotSpecified}

// child returns the child of u with the given name, creating it if needed.
func (t *unitTree) child(u *unitNode, name string) *unitNode {
	if c, ok := u.byName[name]; ok {
		return c
	}
	c := &unitNode{name: name, path: append(slices.Clip(u.path), name), byName: map[string]*unitNode{}}
	u.byName[name] = c
	u.children = append(u.children, c)
	if t.newNode != nil {
		t.newNode(c)
	}
	return c
}

// empty reports whether the tree has no unit but, perhaps, NotSpecified:
// then unit groups would only repeat everyone, and none are shown.
func (t *unitTree) empty() bool {
	for _, c := range t.root.children {
		if c.name != NotSpecified || c.declared {
			return false
		}
	}
	return true
}

// sorted walks the tree depth-first in display order: declared units in
// their declared order, then the others by name, NotSpecified last.
func (t *unitTree) sorted(visit func(u *unitNode)) {
	var walk func(u *unitNode)
	walk = func(u *unitNode) {
		slices.SortStableFunc(u.children, compareNames)
		for _, c := range u.children {
			visit(c)
			walk(c)
		}
	}
	walk(t.root)
}

// compareNames orders declared names first (stable: declaration order),
// then the others alphabetically, NotSpecified last.
func compareNames(a, b *unitNode) int {
	return compareDeclared(a.name, a.declared, b.name, b.declared)
}

func compareDeclared(a string, aDeclared bool, b string, bDeclared bool) int {
	rank := func(name string, declared bool) int {
		switch {
		case declared:
			return 0
		case name == NotSpecified:
			return 2
		}
		return 1
	}
	if c := cmp.Compare(rank(a, aDeclared), rank(b, bDeclared)); c != 0 || aDeclared {
		return c
	}
	return strings.Compare(a, b)
}

// segmentState is one segment and its categories, with their running sums.
type segmentState struct {
	id       string
	declared bool
	cats     []*categoryState
	byName   map[string]*categoryState
}

type categoryState struct {
	name     string
	declared bool
	acc      *groupAcc
}

func (s *segmentState) category(name string, newAcc func() *groupAcc) *categoryState {
	if c, ok := s.byName[name]; ok {
		return c
	}
	c := &categoryState{name: name, acc: newAcc()}
	s.byName[name] = c
	s.cats = append(s.cats, c)
	return c
}
