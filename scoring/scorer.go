package scoring

import (
	"slices"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// Scorer scores the respondents of one questionnaire in a single streaming
// pass: Add updates the running sums of every group the respondent belongs
// to and keeps nothing else about them; Result applies the anonymity rules
// and computes the figures. A Scorer is not safe for concurrent use.
type Scorer struct {
	q        *questionnaires.Questionnaire
	p        *plan
	k        int
	all      *groupAcc
	units    *unitTree
	segments []*segmentState
	segByID  map[string]*segmentState
	alpha    []alphaAcc // per dimension, over everyone
	scratch  *scores
	// cells count the people who share a unit and the same segment
	// categories, per measure, for rule 4 (overlap.go).
	cells   map[string]*cellAcc
	cellKey []byte // reused: a lookup with string(cellKey) allocates nothing
}

// cellAcc counts, for one cell, the people each measure counts.
type cellAcc struct {
	unit  []string
	cats  map[string]string // segment id -> category; missing: not specified
	n     int
	dimN  []int
	itemN []int
	indN  []int
}

// New prepares a Scorer for q. opts.MinGroupSize is k (0: DefaultMinGroupSize);
// a k under MinimumMinGroupSize is an EINVALID error.
func New(q *questionnaires.Questionnaire, opts Options) (*Scorer, error) {
	k := opts.MinGroupSize
	if k == 0 {
		k = DefaultMinGroupSize
	}
	if k < MinimumMinGroupSize {
		return nil, vigie.Errorf(vigie.EINVALID, "La taille minimale des groupes doit être d'au moins %d (reçu : %d).", MinimumMinGroupSize, k)
	}
	p, err := newPlan(q)
	if err != nil {
		return nil, err
	}
	s := &Scorer{q: q, p: p, k: k, all: newGroupAcc(p), segByID: map[string]*segmentState{}, scratch: p.newScores(), cells: map[string]*cellAcc{}}
	s.units = newUnitTree(opts.Units, func(u *unitNode) { u.acc = newGroupAcc(p) })
	s.units.child(s.units.root, NotSpecified) // always a member of the top-level partition
	for _, seg := range opts.Segments {
		st := s.segment(seg.ID)
		st.declared = true
		for _, name := range seg.Categories {
			if name != "" && name != NotSpecified {
				st.category(name, s.newAcc).declared = true
			}
		}
	}
	for _, dp := range p.dims {
		s.alpha = append(s.alpha, newAlphaAcc(len(dp.items)))
	}
	return s, nil
}

func (s *Scorer) newAcc() *groupAcc { return newGroupAcc(s.p) }

func (s *Scorer) segment(id string) *segmentState {
	st, ok := s.segByID[id]
	if !ok {
		st = &segmentState{id: id, byName: map[string]*categoryState{}}
		s.segByID[id] = st
		s.segments = append(s.segments, st)
	}
	return st
}

// Add counts one respondent. Answers must be aligned with the
// questionnaire's items and within their scales (EINVALID otherwise); a
// respondent who answered no item is not counted.
func (s *Scorer) Add(r Respondent) error {
	items := s.p.items
	if len(r.Answers) != len(items) {
		return vigie.Errorf(vigie.EINVALID, "%d réponses reçues pour les %d questions du questionnaire %s.", len(r.Answers), len(items), s.q.ID)
	}
	for j, v := range r.Answers {
		if v != Missing && !items[j].Scale.Contains(v) {
			sc := items[j].Scale
			return vigie.Errorf(vigie.EINVALID, "La valeur %d est hors de l'échelle %d–%d (question %s).", v, sc.Min, sc.Max, items[j].ID)
		}
	}
	sc := s.scratch
	s.p.score(r.Answers, sc)
	if sc.answered == 0 {
		return nil
	}
	s.all.add(s.p, sc)
	for i, dp := range s.p.dims {
		if sc.complete[i] {
			s.alpha[i].add(s.p, dp, r.Answers)
		}
	}
	u := s.units.root
	path := cleanPath(r.Unit)
	for _, name := range path {
		u = s.units.child(u, name)
		u.acc.add(s.p, sc)
	}
	s.cell(path, r.Segments).add(s.p, sc)
	// The "(non renseigné)" category of each segment is not counted here:
	// Result derives it as everyone minus the other categories, which also
	// covers respondents added before a segment was first met.
	for id, name := range r.Segments {
		if id == "" || name == "" || name == NotSpecified {
			continue
		}
		s.segment(id).category(name, s.newAcc).acc.add(s.p, sc)
	}
	return nil
}

// cell returns the cell of a unit path and segment categories.
func (s *Scorer) cell(path []string, segments map[string]string) *cellAcc {
	b := s.cellKey[:0]
	for _, name := range path {
		b = append(b, name...)
		b = append(b, 0)
	}
	if len(segments) > 0 {
		var small [8]string
		ids := small[:0]
		for id, name := range segments {
			if id != "" && name != "" && name != NotSpecified {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			b = append(b, 1)
			b = append(b, id...)
			b = append(b, 2)
			b = append(b, segments[id]...)
		}
	}
	s.cellKey = b
	if c, ok := s.cells[string(b)]; ok {
		return c
	}
	c := &cellAcc{unit: slices.Clone(path), cats: map[string]string{},
		dimN: make([]int, len(s.p.dims)), itemN: make([]int, len(s.p.items)), indN: make([]int, len(s.p.inds))}
	for id, name := range segments {
		if id != "" && name != "" && name != NotSpecified {
			c.cats[id] = name
		}
	}
	s.cells[string(b)] = c
	return c
}

// add counts one respondent in the cell, as groupAcc.add does.
func (c *cellAcc) add(p *plan, s *scores) {
	c.n++
	for i := range c.dimN {
		if s.dimOK[i] {
			c.dimN[i]++
		}
	}
	for i := range c.indN {
		if s.indOK[i] {
			c.indN[i]++
		}
	}
	for _, j := range s.itemIdx {
		if s.dimOK[p.itemDim[j]] {
			c.itemN[j]++
		}
	}
}
