package store_test

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// TestEnginesPublishTheSame stores the same random campaigns in SQLite and
// in PostgreSQL and compares everything the store publishes of them:
// results, participation, published comments and the report's input. The
// engines must differ in nothing a reader sees (ordering of text, numbers,
// suppression).
func TestEnginesPublishTheSame(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("compares SQLite with PostgreSQL: runs on the PostgreSQL pass")
	}
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	for seed := range seeds {
		t.Run("seed-"+strconv.Itoa(seed), func(t *testing.T) {
			lite, err := store.Open(filepath.Join(t.TempDir(), "vigie.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { lite.Close() })
			c := generateStoreCampaign(rand.New(rand.NewPCG(uint64(seed), 0xe9e)))
			want := publishedJSON(t, storeAndPublishIn(t, lite, c))
			got := publishedJSON(t, storeAndPublishIn(t, MustOpenStore(t), c))
			for name := range want {
				if got[name] != want[name] {
					t.Errorf("%s differs between the engines:\nsqlite:   %.600s\npostgres: %.600s", name, want[name], got[name])
				}
			}
		})
	}
}

// publishedJSON is what the store published, as JSON by output, without
// what differs by construction between two stores: the time a report was
// made; which comment the test published in each group (the first of the
// moderation list, whose order follows random ids); and the last bits of
// floating-point sums, which depend on the order responses are read in
// (their random ids), not on the engine.
func publishedJSON(t *testing.T, pub storePublished) map[string]string {
	t.Helper()
	out := map[string]string{}
	put := func(name string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var generic any
		if err := json.Unmarshal(b, &generic); err != nil {
			t.Fatal(err)
		}
		if b, err = json.Marshal(roundFloats(generic)); err != nil {
			t.Fatal(err)
		}
		out[name] = string(b)
	}
	put("results", pub.results)
	put("participation", pub.participation)
	var comments []string
	for _, c := range pub.comments {
		comments = append(comments, strings.Join(c.Unit, "/"))
	}
	slices.Sort(comments)
	put("comments", comments)
	r := *pub.report
	r.GeneratedAt = time.Time{}
	for i := range r.Sections {
		r.Sections[i].Comments = nil // compared above, as groups
	}
	put("report", r)
	return out
}

// roundFloats rounds every number of a decoded JSON value to 9
// significant digits.
func roundFloats(v any) any {
	switch v := v.(type) {
	case float64:
		f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 9, 64), 64)
		return f
	case []any:
		for i := range v {
			v[i] = roundFloats(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = roundFloats(v[k])
		}
	}
	return v
}
