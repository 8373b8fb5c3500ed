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

// patterns defines the dots and hatching laid over the colours, with
// ids prefixed by the chart's id so that two charts on a page never share one.
func (w *svgWriter) patterns(id string) {
	w.open("defs")
	w.open("pattern", "id", id+"-dots", "width", "6", "height", "6", "patternUnits", "userSpaceOnUse")
	w.leaf("circle", "cx", "3", "cy", "3", "r", "1.2", "fill", "#000", "fill-opacity", "0.45")
	w.end("pattern")
	w.open("pattern", "id", id+"-hatch", "width", "6", "height", "6", "patternUnits", "userSpaceOnUse", "patternTransform", "rotate(45)")
	w.leaf("rect", "width", "2", "height", "6", "fill", "#fff", "fill-opacity", "0.55")
	w.end("pattern")
	w.end("defs")
}

// distributionBar is one dimension's shares of respondents per level.
type distributionBar struct {
	Label  string
	N      int
	Shares map[scoring.Level]float64
	Dim    *questionnaires.Dimension // names and colours its levels
}

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
	var desc []string
	for _, bar := range bars {
		var parts []string
		for _, l := range scoring.Levels {
			parts = append(parts, fmt.Sprintf("%s %s", percent(bar.Shares[l]), levelLabel(bar.Dim, l)))
		}
		desc = append(desc, fmt.Sprintf("%s (n = %d) : %s.", bar.Label, bar.N, strings.Join(parts, ", ")))
	}
	w := newSVG("d", width, height)
	w.text("title", title, "id", "d-title")
	w.text("desc", strings.Join(desc, " "), "id", "d-desc")
	w.patterns("d")
	// Legend.
	for li, dim := range legends {
		x, ly := labelW, 8+24*float64(li)
		if len(legends) > 1 {
			name := "Dimensions"
			if dim != nil && dim.Signal() {
				name = "Stratégies défensives"
			}
			w.text("text", name, "x", f0(x-8), "y", f0(ly+13), "font-size", "13", "text-anchor", "end", "fill", "#1b1f24")
		}
		for _, l := range scoring.Levels {
			fill, pattern := paint(dim != nil && dim.Signal(), l)
			w.leaf("rect", "x", f0(x), "y", f0(ly), "width", "16", "height", "16", "fill", fill, "stroke", "#333")
			if pattern != "" {
				w.leaf("rect", "x", f0(x), "y", f0(ly), "width", "16", "height", "16", "fill", patternFill("d", pattern))
			}
			w.text("text", levelLabel(dim, l), "x", f0(x+20), "y", f0(ly+13), "font-size", "13", "fill", "#1b1f24")
			x += 140
		}
	}
	for i, bar := range bars {
		y := top + extra + rowH*float64(i)
		w.text("text", truncate(bar.Label, 40), "x", f0(labelW-8), "y", f1(y+barH/2+4), "font-size", "13", "text-anchor", "end", "fill", "#1b1f24")
		x := labelW
		for _, l := range scoring.Levels {
			share := bar.Shares[l]
			bw := share * barW
			if bw <= 0 {
				continue
			}
			fill, pattern := paint(bar.Dim != nil && bar.Dim.Signal(), l)
			w.leaf("rect", "x", f1(x), "y", f1(y), "width", f1(bw), "height", f0(barH), "fill", fill, "stroke", "#fff")
			if pattern != "" {
				w.leaf("rect", "x", f1(x), "y", f1(y), "width", f1(bw), "height", f0(barH), "fill", patternFill("d", pattern))
			}
			if bw >= 34 {
				w.leaf("rect", "x", f1(x+bw/2-15), "y", f1(y+4), "width", "30", "height", "14", "rx", "2", "fill", "#fff", "fill-opacity", "0.85")
				w.text("text", percent(share), "x", f1(x+bw/2), "y", f1(y+15), "font-size", "11", "text-anchor", "middle", "fill", "#000")
			}
			x += bw
		}
	}
	return w.html()
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
	var desc []string
	for _, m := range bars {
		desc = append(desc, fmt.Sprintf("%s : %s sur 100 (intervalle %s–%s), %s.", m.Label, decimal(m.Mean, 0), decimal(m.CI[0], 0), decimal(m.CI[1], 0), levelLabel(m.Dim, m.Level)))
	}
	w := newSVG("m", width, height)
	w.text("title", title, "id", "m-title")
	w.text("desc", strings.Join(desc, " "), "id", "m-desc")
	w.patterns("m")
	for _, t := range []float64{0, 25, 50, 75, 100} {
		x := labelW + t/100*barW
		w.leaf("line", "x1", f1(x), "y1", f0(top-6), "x2", f1(x), "y2", f0(height-6), "stroke", "#ccc")
		w.text("text", f0(t), "x", f1(x), "y", f0(top-10), "font-size", "11", "text-anchor", "middle", "fill", "#4a5360")
	}
	for i, m := range bars {
		y := top + rowH*float64(i)
		fill, pattern := paint(m.Dim != nil && m.Dim.Signal(), m.Level)
		w.text("text", truncate(m.Label, 40), "x", f0(labelW-8), "y", f1(y+barH/2+4), "font-size", "13", "text-anchor", "end", "fill", "#1b1f24")
		bw := clamp(m.Mean, 0, 100) / 100 * barW
		w.leaf("rect", "x", f0(labelW), "y", f1(y), "width", f1(bw), "height", f0(barH), "fill", fill)
		if pattern != "" {
			w.leaf("rect", "x", f0(labelW), "y", f1(y), "width", f1(bw), "height", f0(barH), "fill", patternFill("m", pattern))
		}
		lo, hi := labelW+clamp(m.CI[0], 0, 100)/100*barW, labelW+clamp(m.CI[1], 0, 100)/100*barW
		w.leaf("line", "x1", f1(lo), "y1", f1(y+barH/2), "x2", f1(hi), "y2", f1(y+barH/2), "stroke", "#000", "stroke-width", "1.5")
		w.leaf("line", "x1", f1(lo), "y1", f1(y+3), "x2", f1(lo), "y2", f1(y+barH-3), "stroke", "#000")
		w.leaf("line", "x1", f1(hi), "y1", f1(y+3), "x2", f1(hi), "y2", f1(y+barH-3), "stroke", "#000")
		w.text("text", decimal(m.Mean, 0)+" · "+levelLabel(m.Dim, m.Level)+m.Suffix, "x", f0(labelW+barW+8), "y", f1(y+barH/2+4), "font-size", "12", "fill", "#1b1f24")
	}
	return w.html()
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
