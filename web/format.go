package web

import (
	"math"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie"
)

// itoa writes an integer.
func itoa(n int) string { return strconv.Itoa(n) }

// percent writes a share as a French percentage, "62 %".
func percent(x float64) string {
	return strconv.Itoa(int(math.Round(x*100))) + "\u00a0%"
}

// decimal writes x with d decimals and a French decimal comma.
func decimal(x float64, d int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', d, 64), ".", ",", 1)
}

// grouped writes n with the thousands separator of lang: a narrow
// non-breaking space in French (« 2 000 », never split across lines), a
// comma in English ("2,000").
func grouped(lang string, n int) string {
	if lang == "en" {
		return strings.ReplaceAll(vigie.Grouped(n), "\u202f", ",")
	}
	return vigie.Grouped(n)
}

// plural is vigie.Plural for templates: « 0 code créé », « 2 codes créés ».
func plural(n int, one, many string) string { return vigie.Plural(n, one, many) }
