package questionnaires_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
)

// FuzzParse checks that Parse never panics and that whatever it accepts is
// consistent enough for scoring to trust without further checks.
func FuzzParse(f *testing.F) {
	// Only small seeds: the fuzzer minimises every new interesting input,
	// which on the 20 KB built-in files takes longer than a fuzzing run.
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(base))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("id: x\nversion: 1\n---\nid: y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := questionnaires.Parse("fuzz.yaml", data)
		if err != nil {
			if q != nil {
				t.Fatal("Parse returned both a questionnaire and an error")
			}
			return
		}
		checkConsistent(t, q)
	})
}

// checkConsistent asserts what the loader promises about a questionnaire it
// accepted.
func checkConsistent(t *testing.T, q *questionnaires.Questionnaire) {
	t.Helper()
	if q.ID == "" || q.Version <= 0 || q.Language == "" || q.Title[q.Language] == "" {
		t.Fatalf("header incomplete: %q v%d %q %v", q.ID, q.Version, q.Language, q.Title)
	}
	scales := map[*questionnaires.Scale]bool{}
	for _, s := range q.Scales {
		scales[s] = true
		if s.Min >= s.Max {
			t.Fatalf("scale %s: min %d >= max %d", s.ID, s.Min, s.Max)
		}
		for lang, labels := range s.Labels {
			if len(labels) != s.Max-s.Min+1 {
				t.Fatalf("scale %s: %d labels in %s", s.ID, len(labels), lang)
			}
		}
		if len(s.Labels[q.Language]) == 0 {
			t.Fatalf("scale %s: no labels in %s", s.ID, q.Language)
		}
	}
	n, dims, ids := 0, map[string]bool{}, map[string]bool{}
	for _, d := range q.Dimensions {
		if dims[d.ID] || len(d.Items) == 0 || d.Title[q.Language] == "" {
			t.Fatalf("dimension %q duplicated, empty or untitled", d.ID)
		}
		dims[d.ID] = true
		if !(d.MinAnswered > 0 && d.MinAnswered <= 1) || !(0 <= d.Cutoffs.Low && d.Cutoffs.Low < d.Cutoffs.High && d.Cutoffs.High <= 100) {
			t.Fatalf("dimension %s: min_answered %v, cutoffs %+v", d.ID, d.MinAnswered, d.Cutoffs)
		}
		if d.Direction != questionnaires.HigherIsWorse && d.Direction != questionnaires.HigherIsBetter {
			t.Fatalf("dimension %s: direction %q", d.ID, d.Direction)
		}
		if d.RiskFamily != "" && !d.RiskFamily.Valid() {
			t.Fatalf("dimension %s: risk family %q", d.ID, d.RiskFamily)
		}
		if len(d.Discussion) > 0 && len(d.Discussion[q.Language]) == 0 {
			t.Fatalf("dimension %s: discussion without the default language", d.ID)
		}
		for lang, qs := range d.Discussion {
			if len(qs) < questionnaires.MinDiscussion || len(qs) > questionnaires.MaxDiscussion {
				t.Fatalf("dimension %s: %d discussion questions in %s", d.ID, len(qs), lang)
			}
		}
		for _, it := range d.Items {
			if ids[it.ID] || !scales[it.Scale] || it.Dimension != d.ID || it.Index != n || q.Items()[n] != it || it.Text[q.Language] == "" {
				t.Fatalf("item %q not consistent: %+v", it.ID, it)
			}
			ids[it.ID] = true
			n++
		}
	}
	if len(q.Items()) != n {
		t.Fatalf("Items() has %d items, dimensions hold %d", len(q.Items()), n)
	}
	for _, ind := range q.Indicators {
		if ind.Kind != questionnaires.KindRatio || !dims[ind.Numerator] || !dims[ind.Denominator] ||
			ind.Numerator == ind.Denominator || !(ind.Threshold > 0) || math.IsInf(ind.Threshold, 0) {
			t.Fatalf("indicator not consistent: %+v", ind)
		}
	}
}
