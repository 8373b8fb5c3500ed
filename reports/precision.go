package reports

import (
	"math"
	"strconv"
)

// The precision of the figures a report shows, at its finest. The PDF
// prints no more digits than these (the heat map and the summary even
// round scores to the unit), and the workbook holds its figures rounded to
// them, as numbers: a cell never gives more precision than the PDF of the
// same campaign, since full-precision means and n of several groups can be
// solved for the people in them (issue 19).
const (
	// meanDecimals is for 0-100 scores: dimension means, their standard
	// deviations, 95 % intervals and changes between waves (the PDF's
	// trend table and DUERP part print means so).
	meanDecimals = 1
	// ratioDecimals is for the indicators' means (ratios) and their
	// changes, and for Cronbach's alpha.
	ratioDecimals = 2
)

// roundDec rounds x to prec decimals exactly as fmtDec prints it (the
// decimal nearest to x's binary value), so that a number in the workbook
// is the PDF's figure; -0 becomes 0. A negative prec leaves x as it is.
func roundDec(x float64, prec int) float64 {
	if prec < 0 {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', prec, 64), 64)
	return v + 0 // -0 + 0 is +0
}

// pctPoints is a share (0-1) in whole percentage points, as fmtPct prints it.
func pctPoints(p float64) int { return int(math.Round(100 * p)) }

// roundMean rounds a 0-100 score (mean, SD, interval bound, change) to
// the precision the PDF prints.
func roundMean(x float64) float64 { return roundDec(x, meanDecimals) }

// roundRatio rounds an indicator's mean or change, or an alpha.
func roundRatio(x float64) float64 { return roundDec(x, ratioDecimals) }

// roundShare rounds a share (0-1) to whole percentage points, keeping it a
// share: 0.4237 becomes 0.42, shown "42 %" by the percent format.
func roundShare(p float64) float64 { return float64(pctPoints(p)) / 100 }
