package scoring_test

import (
	"strings"
	"testing"
)

func TestAttackStats(t *testing.T) {
	kinds := map[string]int{}
	fail := 0
	for seed := range 1000 {
		f := attackSeed(uint64(seed))
		if len(f) > 0 {
			fail++
		}
		seen := map[string]bool{}
		for _, x := range f {
			k := "other"
			switch {
			case strings.Contains(x, "combination"):
				k = "linear"
			case strings.Contains(x, "minus"):
				k = "subtraction"
			case strings.Contains(x, "hidden in"):
				k = "cross"
			case strings.Contains(x, "truth"):
				k = "truth"
			case strings.Contains(x, "dimension"), strings.Contains(x, "mean"):
				k = "measure"
			}
			if !seen[k] {
				seen[k] = true
				kinds[k]++
			}
			if k != "linear" && kinds[k] < 3 {
				t.Log(seed, x)
			}
		}
	}
	t.Log(fail, kinds)
}
