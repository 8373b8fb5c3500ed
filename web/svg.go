package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/vigie-sante/vigie/scoring"
)

// Charts are drawn on the server as SVG, so the results read without
// JavaScript. Every chart has a <title> and a <desc> that say in words
// what it shows, prints its values, and tells levels apart by pattern as
// well as by colour, so it reads in black and white and with a screen
// reader. Presentation attributes (fill=...) are used rather than style,
// which the Content-Security-Policy forbids inline.

// Colours and patterns of the three levels; a pattern is the id suffix
// of one of svgPatterns' definitions.
var levelPaint = map[scoring.Level]struct{ fill, pattern, label string }{
	scoring.Favourable:   {"#2e7d32", "", "favorable"},
	scoring.Intermediate: {"#f2b705", "dots", "intermédiaire"},
	scoring.Unfavourable: {"#c62828", "hatch", "défavorable"},
}

// patternFill is the fill of pattern in the chart whose ids start with id.
func patternFill(id, pattern string) string { return "url(#" + id + "-" + pattern + ")" }

// levelLabel names a level in French.
func levelLabel(l scoring.Level) string { return levelPaint[l].label }

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
	width := labelW + barW + 20
	height := top + rowH*float64(len(bars)) + 10
	var b strings.Builder
	var desc []string
	for _, bar := range bars {
		var parts []string
		for _, l := range scoring.Levels {
			parts = append(parts, fmt.Sprintf("%s %s", percent(bar.Shares[l]), levelLabel(l)))
		}
		desc = append(desc, fmt.Sprintf("%s (n = %d) : %s.", bar.Label, bar.N, strings.Join(parts, ", ")))
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" aria-labelledby="d-title d-desc">`, width, height, width, height)
	fmt.Fprintf(&b, `<title id="d-title">%s</title><desc id="d-desc">%s</desc>`, esc(title), esc(strings.Join(desc, " ")))
	b.WriteString(svgPatterns("d"))
	// Legend.
	x := labelW
	for _, l := range scoring.Levels {
		p := levelPaint[l]
		fmt.Fprintf(&b, `<rect x="%.0f" y="8" width="16" height="16" fill="%s" stroke="#333"/>`, x, p.fill)
		if p.pattern != "" {
			fmt.Fprintf(&b, `<rect x="%.0f" y="8" width="16" height="16" fill="%s"/>`, x, patternFill("d", p.pattern))
		}
		fmt.Fprintf(&b, `<text x="%.0f" y="21" font-size="13" fill="#1b1f24">%s</text>`, x+20, esc(p.label))
		x += 140
	}
	for i, bar := range bars {
		y := top + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="13" text-anchor="end" fill="#1b1f24">%s</text>`, labelW-8, y+barH/2+4, esc(truncate(bar.Label, 40)))
		x := labelW
		for _, l := range scoring.Levels {
			share := bar.Shares[l]
			w := share * barW
			if w <= 0 {
				continue
			}
			p := levelPaint[l]
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.0f" fill="%s" stroke="#fff"/>`, x, y, w, barH, p.fill)
			if p.pattern != "" {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.0f" fill="%s"/>`, x, y, w, barH, patternFill("d", p.pattern))
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
	Worse  bool // higher is worse
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
		desc = append(desc, fmt.Sprintf("%s : %s sur 100 (intervalle %s–%s), %s.", m.Label, decimal(m.Mean, 0), decimal(m.CI[0], 0), decimal(m.CI[1], 0), levelLabel(m.Level)))
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
		p := levelPaint[m.Level]
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="13" text-anchor="end" fill="#1b1f24">%s</text>`, labelW-8, y+barH/2+4, esc(truncate(m.Label, 40)))
		w := clamp(m.Mean, 0, 100) / 100 * barW
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.0f" fill="%s"/>`, labelW, y, w, barH, p.fill)
		if p.pattern != "" {
			fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.0f" fill="%s"/>`, labelW, y, w, barH, patternFill("m", p.pattern))
		}
		lo, hi := labelW+clamp(m.CI[0], 0, 100)/100*barW, labelW+clamp(m.CI[1], 0, 100)/100*barW
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="1.5"/>`, lo, y+barH/2, hi, y+barH/2)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000"/>`, lo, y+3, lo, y+barH-3, hi, y+3, hi, y+barH-3)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="12" fill="#1b1f24">%s · %s%s</text>`, labelW+barW+8, y+barH/2+4, esc(decimal(m.Mean, 0)), esc(levelLabel(m.Level)), esc(m.Suffix))
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
