package web

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// preferredLanguage returns the language of offered that an
// Accept-Language header ("en-GB,en;q=0.9,fr;q=0.8") ranks highest, or ""
// when it names none of them. Only the primary subtag counts: en-GB and
// en-US both get the English pages. A wildcard is ignored, since it says
// nothing about which of the offered languages the person reads.
func preferredLanguage(header string, offered []string) string {
	type pref struct {
		lang string
		q    float64
	}
	var prefs []pref
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if primary == "" || primary == "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.TrimSpace(k) == "q" {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				q = f
			}
		}
		if q > 0 {
			prefs = append(prefs, pref{primary, q})
		}
	}
	// Highest weight first; at equal weight, the order the browser wrote.
	slices.SortStableFunc(prefs, func(a, b pref) int { return cmp.Compare(b.q, a.q) })
	for _, p := range prefs {
		if slices.Contains(offered, p.lang) {
			return p.lang
		}
	}
	return ""
}
