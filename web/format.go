package web

import (
	"math"
	"strconv"
	"strings"
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
