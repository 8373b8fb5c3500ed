package reports

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/scoring"
)

// fmtSigned writes x with its sign, always: "+0,4", "−5,4" (a true minus
// sign), "0,0".
func fmtSigned(lang string, x float64, prec int) string {
	s := fmtDec(lang, x, prec)
	switch {
	case strings.HasPrefix(s, "-"):
		return "−" + s[1:]
	case strings.Trim(s, "0.,") == "":
		return s
	}
	return "+" + s
}

// trendWords says a dimension's change in words, e.g. « en hausse, de
// +0,4 à +5,4 points : dégradation ».
func trendWords(lang string, t *scoring.DimensionTrend) string {
	lo, hi := fmtSigned(lang, t.CI95[0], meanDecimals), fmtSigned(lang, t.CI95[1], meanDecimals)
	switch {
	case t.Change == scoring.Stable:
		return fmt.Sprintf(trendText(lang, "trend_stable"), lo, hi)
	case t.CI95[0] > 0:
		return fmt.Sprintf(trendText(lang, "trend_up"), lo, hi) + colon(lang) + trendText(lang, "trend_"+string(t.Change))
	default:
		return fmt.Sprintf(trendText(lang, "trend_down"), lo, hi) + colon(lang) + trendText(lang, "trend_"+string(t.Change))
	}
}

// colon is a colon with the spacing of the language: « : » in French.
func colon(lang string) string {
	if lang == "en" {
		return ": "
	}
	return " : "
}

// previousTitle is how the report names the previous wave.
func previousTitle(r *dossier.Report, lang string) string {
	if r.PreviousTitle != "" {
		return r.PreviousTitle
	}
	return trendText(lang, "previous_wave")
}

// groupOf returns the group of res with the given id, or nil.
func groupOf(res *scoring.Result, id string) *scoring.Group {
	for _, g := range res.Groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}
