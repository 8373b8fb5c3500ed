package reports

import (
	"fmt"
	"math"
	"regexp"
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

// TrendWords says a dimension's change in words, the difference first
// and its interval after, e.g. « −4,3 points (de −8,5 à −0,2) : en
// baisse, amélioration », « +0,4 point (de −1,2 à +2,0) : stable ». A
// defensive strategy (signal) is never judged better or worse: its change
// reads « signal plus marqué » or « signal moins marqué ». The pages, the
// PDF and the workbook share it.
func TrendWords(lang string, t *scoring.DimensionTrend, signal bool) string {
	lo, hi := fmtSigned(lang, t.CI95[0], meanDecimals), fmtSigned(lang, t.CI95[1], meanDecimals)
	unit := trendText(lang, "trend_points")
	if math.Abs(t.Delta) < 2 && (lang != "en" || math.Abs(t.Delta) == 1) {
		unit = trendText(lang, "trend_point") // French: « 0,4 point », « 1,9 point »
	}
	s := fmt.Sprintf(trendText(lang, "trend_delta"), fmtSigned(lang, t.Delta, meanDecimals), unit, lo, hi) + colon(lang)
	judgement := "trend_" + string(t.Change)
	if signal {
		judgement = signalChangeKey[t.Change]
	}
	switch {
	case t.Change == scoring.Stable:
		return s + trendText(lang, "trend_stable")
	case t.CI95[0] > 0:
		return s + trendText(lang, "trend_up") + ", " + trendText(lang, judgement)
	default:
		return s + trendText(lang, "trend_down") + ", " + trendText(lang, judgement)
	}
}

// signalChangeKey is the word for a defensive strategy's change: its
// signal more or less marked, never better or worse.
var signalChangeKey = map[scoring.Change]string{
	scoring.Worse:  "word.signal_more_marked",
	scoring.Better: "word.signal_less_marked",
}

// yearPattern finds a year (1900-2099) in a wave's title.
var yearPattern = regexp.MustCompile(`\b(19|20)\d\d\b`)

// WaveNames are the short names of the previous and the current waves in
// a trend table's headers: their years when each title has its own
// (« 2025 », « 2026 »), else their titles, else « Avant » and
// « Maintenant ».
func WaveNames(lang, previous, current string) (string, string) {
	py, cy := yearPattern.FindAllString(previous, -1), yearPattern.FindAllString(current, -1)
	switch {
	case len(py) == 1 && len(cy) == 1 && py[0] != cy[0]:
		return py[0], cy[0]
	case previous != "" && current != "" && previous != current:
		return previous, current
	}
	return trendText(lang, "col_previous"), trendText(lang, "col_current")
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
