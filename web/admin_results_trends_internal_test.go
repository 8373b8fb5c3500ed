package web

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
)

// A defensive strategy's change is a signal more or less marked, never
// an improvement or a deterioration coloured green or red; other
// dimensions keep their judgement. Both give the previous value.
func TestDimensionMarkSignals(t *testing.T) {
	rise := &scoring.DimensionTrend{PreviousMean: 40.2, Delta: 6.1, CI95: [2]float64{2.3, 9.9}, Change: scoring.Worse}
	for _, tc := range []struct {
		name         string
		signal       bool
		change, word string
	}{
		{"Levels", false, "worse", "en hausse, dégradation"},
		{"Signal", true, "signal", "en hausse, signal plus marqué"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := dimensionMark(rise, tc.signal, "2025")
			if m.Change != tc.change || !strings.HasSuffix(m.Words, tc.word) || m.Previous != "40" || m.Wave != "2025" || m.Delta != "+6,1" {
				t.Fatalf("mark = %+v, want change %q, words ending %q, previous 40 (rounded as the cell) in 2025, delta +6,1", m, tc.change, tc.word)
			}
			if !strings.HasPrefix(m.Words, "+6,1 points (de +2,3 à +9,9)") {
				t.Errorf("words = %q, want the difference then its interval", m.Words)
			}
			if tc.signal && (strings.Contains(m.Words, "dégradation") || strings.Contains(m.Words, "amélioration")) {
				t.Errorf("signal judged: %q", m.Words)
			}
		})
	}
}
