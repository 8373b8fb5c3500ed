package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
)

// row builds a ScoreRow whose "id" score identifies it, so a test can find
// each output row's input row.
func row(id int, unit string, segs map[string]string) scoring.ScoreRow {
	v := float64(id)
	s := 50.0 + float64(id%7)
	var path []string
	if unit != "" {
		path = strings.Split(unit, "/")
	}
	return scoring.ScoreRow{Unit: path, Segments: segs, Scores: map[string]*float64{"id": &v, "sens": &s, "vide": nil}}
}

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// combination is the class key of a row as the Scores sheet shows it.
func combination(r scoring.ScoreRow) string {
	ids := make([]string, 0, len(r.Segments))
	for id := range r.Segments {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	fmt.Fprintf(&b, "%q", r.Unit)
	for _, id := range ids {
		fmt.Fprintf(&b, " %s=%q", id, r.Segments[id])
	}
	return b.String()
}

func scoreVector(r scoring.ScoreRow) string {
	ids := make([]string, 0, len(r.Scores))
	for id := range r.Scores {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		if v := r.Scores[id]; v != nil {
			fmt.Fprintf(&b, "%s=%v;", id, *v)
		} else {
			fmt.Fprintf(&b, "%s=nil;", id)
		}
	}
	return b.String()
}

// randomRows draws n rows over a three-level unit tree and two segments,
// with some units and categories left empty.
func randomRows(rng *rand.Rand, n int) []scoring.ScoreRow {
	units := []string{"", "A", "A/A1", "A/A2", "A/A2/x", "A/A2/y", "B", "B/B1", "B/B1/z", "C"}
	ages := []string{"", "<30", "30-50", ">50"}
	jobs := []string{"", "=cmd", "infirmier", "aide-soignant", "cadre", "médecin"}
	rows := make([]scoring.ScoreRow, n)
	for i := range rows {
		segs := map[string]string{"age": ages[rng.IntN(len(ages))]}
		if rng.IntN(5) > 0 { // sometimes the segment is missing altogether
			segs["metier"] = jobs[rng.IntN(len(jobs))]
		}
		// Skewed unit choice so that both large and tiny classes occur.
		u := units[min(rng.IntN(len(units)), rng.IntN(len(units)))]
		rows[i] = row(i, u, segs)
	}
	return rows
}

func TestAnonymiseRowsProperties(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		rng := seeded(seed)
		k := []int{3, 5, 7, 10}[rng.IntN(4)]
		n := rng.IntN(400)
		in := randomRows(rng, n)
		before := make([]string, len(in))
		for i, r := range in {
			before[i] = combination(r)
		}
		out := scoring.AnonymiseRowsRand(in, k, seeded(seed))

		t.Run(fmt.Sprintf("seed%d_k%d_n%d", seed, k, n), func(t *testing.T) {
			if n < k {
				if len(out) != 0 {
					t.Fatalf("%d rows out of %d < k=%d, want none", len(out), n, k)
				}
				return
			}
			// Every combination shown is shared by at least k rows.
			count := map[string]int{}
			for _, r := range out {
				count[combination(r)]++
			}
			for c, m := range count {
				if m < k {
					t.Errorf("combination %s appears %d times, want >= %d", c, m, k)
				}
			}
			// Scores are preserved per row: same multiset of vectors.
			want, got := make([]string, n), make([]string, len(out))
			for i := range in {
				want[i] = scoreVector(in[i])
			}
			for i := range out {
				got[i] = scoreVector(out[i])
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Fatalf("score vectors changed: %d rows in, %d out", len(want), len(got))
			}
			// Units only go up the tree (or are masked); categories are
			// kept, normalised or masked; every segment is on every row.
			for _, r := range out {
				src := in[int(*r.Scores["id"])]
				if !(slices.Equal(r.Unit, []string{scoring.Masked}) ||
					len(src.Unit) == 0 && slices.Equal(r.Unit, []string{scoring.NotSpecified}) ||
					len(r.Unit) > 0 && len(r.Unit) <= len(src.Unit) && slices.Equal(r.Unit, src.Unit[:len(r.Unit)])) {
					t.Errorf("unit %q of row from %q is neither an ancestor nor masked", r.Unit, src.Unit)
				}
				for _, id := range []string{"age", "metier"} {
					c, ok := r.Segments[id]
					wantCat := src.Segments[id]
					if wantCat == "" {
						wantCat = scoring.NotSpecified
					}
					if !ok || c != wantCat && c != scoring.Masked {
						t.Errorf("segment %s = %q (present %v) for input %q", id, c, ok, src.Segments[id])
					}
				}
			}
			// The input is left alone.
			for i, r := range in {
				if combination(r) != before[i] {
					t.Fatalf("input row %d modified: %s, was %s", i, combination(r), before[i])
				}
			}
		})
	}
}

func TestAnonymiseRowsPrefersParentUnit(t *testing.T) {
	// k = 5: A/B has 3 rows and A 2 rows; together in A they make 5, so
	// nothing needs masking. A/C keeps its own 5 rows.
	var in []scoring.ScoreRow
	add := func(unit string, n int) {
		for range n {
			in = append(in, row(len(in), unit, map[string]string{"age": "<30"}))
		}
	}
	add("A/B", 3)
	add("A", 2)
	add("A/C", 5)
	add("D/E/F", 6)
	out := scoring.AnonymiseRowsRand(in, 5, seeded(1))
	count := map[string]int{}
	for _, r := range out {
		count[strings.Join(r.Unit, "/")+" "+r.Segments["age"]]++
	}
	want := map[string]int{"A <30": 5, "A/C <30": 5, "D/E/F <30": 6}
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Fatalf("classes = %v, want %v", count, want)
	}
}

func TestAnonymiseRowsMasksWhenParentsDoNotSuffice(t *testing.T) {
	// 18 women and 2 men in one top-level unit, k = 5: the men's class
	// cannot be saved by the unit tree, so their category is masked, then
	// their unit, and rows join them until the masked class has 5.
	var in []scoring.ScoreRow
	for i := range 20 {
		sex := "F"
		if i < 2 {
			sex = "M"
		}
		in = append(in, row(i, "A", map[string]string{"sexe": sex}))
	}
	out := scoring.AnonymiseRowsRand(in, 5, seeded(2))
	count := map[string]int{}
	for _, r := range out {
		count[strings.Join(r.Unit, "/")+" "+r.Segments["sexe"]]++
	}
	// Step 5 then masks "F" in every row: 3 women are hidden in the masked
	// class, and the mean of the 18 women minus the 15 rows shown as "F"
	// would give those 3 women's scores.
	want := map[string]int{"A " + scoring.Masked: 15, scoring.Masked + " " + scoring.Masked: 5}
	if fmt.Sprint(count) != fmt.Sprint(want) {
		t.Fatalf("classes = %v, want %v", count, want)
	}
	for _, r := range out {
		if r.Segments["sexe"] == "M" {
			t.Fatalf("a man's category is still shown: %v", r)
		}
	}
}

func TestAnonymiseRowsShuffles(t *testing.T) {
	var in []scoring.ScoreRow
	for i := range 200 {
		in = append(in, row(i, "A", map[string]string{"age": "<30"}))
	}
	order := func(rows []scoring.ScoreRow) []int {
		ids := make([]int, len(rows))
		for i, r := range rows {
			ids[i] = int(*r.Scores["id"])
		}
		return ids
	}
	identity := order(in)
	a := order(scoring.AnonymiseRowsRand(in, 5, seeded(7)))
	b := order(scoring.AnonymiseRowsRand(in, 5, seeded(7)))
	c := order(scoring.AnonymiseRowsRand(in, 5, seeded(8)))
	if slices.Equal(a, identity) {
		t.Error("rows come out in input order")
	}
	if !slices.Equal(a, b) {
		t.Error("same seed, different order: not reproducible")
	}
	if slices.Equal(a, c) {
		t.Error("different seeds, same order")
	}
	if d := order(scoring.AnonymiseRows(in, 5)); slices.Equal(d, identity) || len(d) != 200 {
		t.Error("AnonymiseRows does not shuffle")
	}
}

func TestAnonymiseRowsTooFew(t *testing.T) {
	in := []scoring.ScoreRow{row(0, "A", nil), row(1, "A", nil)}
	if out := scoring.AnonymiseRowsRand(in, 3, seeded(1)); out != nil {
		t.Fatalf("2 rows with k=3 gave %d rows, want none", len(out))
	}
	// k below the minimum is raised to it.
	if out := scoring.AnonymiseRowsRand(in, 1, seeded(1)); out != nil {
		t.Fatalf("k=1 was not raised to %d: %d rows", scoring.MinimumMinGroupSize, len(out))
	}
}

func BenchmarkAnonymiseRows100k(b *testing.B) {
	rng := seeded(42)
	units := make([]string, 0, 40)
	for i := range 8 {
		for j := range 5 {
			units = append(units, fmt.Sprintf("Direction %d/Service %d", i, j))
		}
	}
	ages := []string{"<30", "30-50", ">50", ""}
	sexes := []string{"F", "H", "", "autre"}
	in := make([]scoring.ScoreRow, 100_000)
	for i := range in {
		v := float64(i)
		in[i] = scoring.ScoreRow{
			Unit:     strings.Split(units[rng.IntN(len(units))], "/"),
			Segments: map[string]string{"age": ages[rng.IntN(4)], "sexe": sexes[rng.IntN(len(sexes))]},
			Scores:   map[string]*float64{"d": &v},
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		scoring.AnonymiseRowsRand(in, 5, seeded(1))
	}
}
