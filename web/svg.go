package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// Charts are drawn on the server as SVG, so the results read without
// JavaScript. Every chart has a <title> and a <desc> that say in words
// what it shows, prints its values, and tells levels apart by pattern as
// well as by colour, so it reads in black and white and with a screen
// reader. Presentation attributes (fill=...) are used rather than style,
// which the Content-Security-Policy forbids inline.

// Colours and patterns of the three levels; a pattern is the id suffix
// of one of svgPatterns' definitions. A defensive strategy's signal runs
// from pale to deep violet, with no red and no green, as in the PDF.
var (
	levelPaint = map[scoring.Level]struct{ fill, pattern string }{
		scoring.Favourable:   {"#2e7d32", ""},
		scoring.Intermediate: {"#f2b705", "dots"},
		scoring.Unfavourable: {"#c62828", "hatch"},
	}
	signalPaint = map[scoring.Level]struct{ fill, pattern string }{
		scoring.Favourable:   {"#dee2f0", ""},
		scoring.Intermediate: {"#a096c8", "dots"},
		scoring.Unfavourable: {"#54278f", "hatch"},
	}
)

// paint is the fill and pattern of level l of a dimension read as levels
// or, when signal, as a defensive strategy's signal.
func paint(signal bool, l scoring.Level) (fill, pattern string) {
	p := levelPaint[l]
	if signal {
		p = signalPaint[l]
	}
	return p.fill, p.pattern
}

// patternFill is the fill of pattern in the chart whose ids start with id.
func patternFill(id, pattern string) string { return "url(#" + id + "-" + pattern + ")" }

// levelLabel names level l of dim in French, in the words of the reports
// (reports.LevelName): favorable… or, for a defensive strategy, signal
// faible, à discuter, marqué.
func levelLabel(dim *questionnaires.Dimension, l scoring.Level) string {
	return reports.LevelName("fr", dim, l)
}

// levelClass is the css class of level l of dim: favourable… or, for a
// defensive strategy, signal-weak, signal-discuss, signal-marked.
func levelClass(dim *questionnaires.Dimension, l scoring.Level) string {
	if dim != nil && dim.Signal() {
		return map[scoring.Level]string{scoring.Favourable: "signal-weak", scoring.Intermediate: "signal-discuss", scoring.Unfavourable: "signal-marked"}[l]
	}
	return string(l)
}

// svgPatterns defines the dots and hatching laid over the colours, with
// ids prefixed by the chart's id so that two charts on a page never share one.
func svgPatterns(id string) string {
	return `<defs>` +
		`<pattern id="` + id + `-dots" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.2" fill="#000" fill-opacity="0.45"/></pattern>` +
		`<pattern id="` + id + `-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6" fill="#fff" fill-opacity="0.55"/></pattern>` +
		`</defs>`
}

// distributionBar is one dimension's shares of respondents per level.
type distributionBar struct {
	Label  string
	N      int
	Shares map[scoring.Level]float64
	Dim    *questionnaires.Dimension // names and colours its levels
}

// esc escapes text for SVG (XML) content and attributes.
func esc(s string) string { return template.HTMLEscapeString(s) }

// distributionSVG draws one stacked horizontal bar per dimension:
// favourable, intermediate and unfavourable shares, each printed.
func distributionSVG(title string, bars []distributionBar) template.HTML {
	const (
		labelW = 300.0
		barW   = 420.0
		rowH   = 34.0
		barH   = 22.0
		top    = 40.0
	)
	// One legend line per reading the bars use: levels, signals.
	var legends []*questionnaires.Dimension
	var levels, signals bool
	for _, bar := range bars {
		switch s := bar.Dim != nil && bar.Dim.Signal(); {
		case s && !signals:
			signals = true
			legends = append(legends, bar.Dim)
		case !s && !levels:
			levels = true
			legends = append(legends, bar.Dim)
		}
	}
	extra := 24 * float64(len(legends)-1)
	width := labelW + barW + 20
	height := top + extra + rowH*float64(len(bars)) + 10
	var b strings.Builder
	var desc []string
	for _, bar := range bars {
		var parts []string
		for _, l := range scoring.Levels {
			parts = append(parts, fmt.Sprintf("%s %s", percent(bar.Shares[l]), levelLabel(bar.Dim, l)))
		}
		desc = append(desc, fmt.Sprintf("%s (n = %d) : %s.", bar.Label, bar.N, strings.Join(parts, ", ")))
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" aria-labelledby="d-title d-desc">`, width, height, width, height)
	fmt.Fprintf(&b, `<title id="d-title">%s</title><desc id="d-desc">%s</desc>`, esc(title), esc(strings.Join(desc, " ")))
	b.WriteString(svgPatterns("d"))
	// Legend.
	for li, dim := range legends {
		x, ly := labelW, 8+24*float64(li)
		if len(legends) > 1 {
			name := "Dimensions"
			if dim != nil && dim.Signal() {
				name = "Stratégies défensives"
			}
			fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="13" text-anchor="end" fill="#1b1f24">%s</text>`, x-8, ly+13, esc(name))
		}
		for _, l := range scoring.Levels {
			fill, pattern := paint(dim != nil && dim.Signal(), l)
			fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="16" height="16" fill="%s" stroke="#333"/>`, x, ly, fill)
			if pattern != "" {
				fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="16" height="16" fill="%s"/>`, x, ly, patternFill("d", pattern))
			}
			fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="13" fill="#1b1f24">%s</text>`, x+20, ly+13, esc(levelLabel(dim, l)))
			x += 140
		}
	}
	for i, bar := range bars {
		y := top + extra + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="13" text-anchor="end" fill="#1b1f24">%s</text>`, labelW-8, y+barH/2+4, esc(truncate(bar.Label, 40)))
		x := labelW
		for _, l := range scoring.Levels {
			share := bar.Shares[l]
			w := share * barW
			if w <= 0 {
				continue
			}
			fill, pattern := paint(bar.Dim != nil && bar.Dim.Signal(), l)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.0f" fill="%s" stroke="#fff"/>`, x, y, w, barH, fill)
			if pattern != "" {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.0f" fill="%s"/>`, x, y, w, barH, patternFill("d", pattern))
			}
			if w >= 34 {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="30" height="14" rx="2" fill="#fff" fill-opacity="0.85"/>`, x+w/2-15, y+4)
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="middle" fill="#000">%s</text>`, x+w/2, y+15, esc(percent(share)))
			}
			x += w
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// meanBar is one dimension's mean with its 95 % interval.
type meanBar struct {
	Label  string
	Mean   float64
	CI     [2]float64
	Level  scoring.Level
	Dim    *questionnaires.Dimension // names and colours its level
	Suffix string
}

// meansSVG draws the dimension means of a group on the 0–100 scale, with
// their 95 % intervals, the value and the level printed on each bar.
func meansSVG(title string, bars []meanBar) template.HTML {
	const (
		labelW = 300.0
		barW   = 360.0
		rowH   = 30.0
		barH   = 18.0
		top    = 28.0
	)
	width := labelW + barW + 290
	height := top + rowH*float64(len(bars)) + 10
	var b strings.Builder
	var desc []string
	for _, m := range bars {
		desc = append(desc, fmt.Sprintf("%s : %s sur 100 (intervalle %s–%s), %s.", m.Label, decimal(m.Mean, 0), decimal(m.CI[0], 0), decimal(m.CI[1], 0), levelLabel(m.Dim, m.Level)))
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" aria-labelledby="m-title m-desc">`, width, height, width, height)
	fmt.Fprintf(&b, `<title id="m-title">%s</title><desc id="m-desc">%s</desc>`, esc(title), esc(strings.Join(desc, " ")))
	b.WriteString(svgPatterns("m"))
	for _, t := range []float64{0, 25, 50, 75, 100} {
		x := labelW + t/100*barW
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#ccc"/>`, x, top-6, x, height-6)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="11" text-anchor="middle" fill="#4a5360">%.0f</text>`, x, top-10, t)
	}
	for i, m := range bars {
		y := top + rowH*float64(i)
		fill, pattern := paint(m.Dim != nil && m.Dim.Signal(), m.Level)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="13" text-anchor="end" fill="#1b1f24">%s</text>`, labelW-8, y+barH/2+4, esc(truncate(m.Label, 40)))
		w := clamp(m.Mean, 0, 100) / 100 * barW
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.0f" fill="%s"/>`, labelW, y, w, barH, fill)
		if pattern != "" {
			fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.0f" fill="%s"/>`, labelW, y, w, barH, patternFill("m", pattern))
		}
		lo, hi := labelW+clamp(m.CI[0], 0, 100)/100*barW, labelW+clamp(m.CI[1], 0, 100)/100*barW
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="1.5"/>`, lo, y+barH/2, hi, y+barH/2)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`, lo, y+3, lo, y+barH-3, hi, y+3, hi, y+barH-3)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="12" fill="#1b1f24">%s · %s%s</text>`, labelW+barW+8, y+barH/2+4, esc(decimal(m.Mean, 0)), esc(levelLabel(m.Dim, m.Level)), esc(m.Suffix))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func clamp(x, lo, hi float64) float64 { return max(lo, min(hi, x)) }

// truncate shortens s to n characters with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
