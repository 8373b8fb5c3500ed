package web

import (
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// minSeriesWaves is how many waves a line chart needs: with two, the
// arrows of the heat map say it all.
const minSeriesWaves = 3

// seriesChart is the line chart of one dimension across the waves.
type seriesChart struct {
	Dimension string
	SVG       template.HTML
}

// seriesLine is one group's means, one per wave; nil where the wave did not
// publish it.
type seriesLine struct {
	Label  string
	Values []*float64
}

// seriesCharts draws, for each dimension of questionnaire qid, its mean
// for everyone and each of today's top-level units across the waves that
// published it. A dimension is drawn over the last waves in which it stayed
// comparable (scoring.Comparability), and only when they are at least
// minSeriesWaves; units renamed between waves are followed by each wave's
// unit_map. Only published figures appear: a missing point breaks the line.
func seriesCharts(waves []*store.Wave, qid string) []seriesChart {
	var ws []*store.Wave
	for _, w := range waves {
		if w.Questionnaires[qid] != nil && w.Means[qid] != nil {
			ws = append(ws, w)
		}
	}
	if len(ws) < minSeriesWaves {
		return nil
	}
	last := ws[len(ws)-1]
	q := last.Questionnaires[qid]
	var out []seriesChart
	for _, d := range q.Dimensions {
		start := len(ws) - 1
		for start > 0 && scoring.Comparability(ws[start-1].Questionnaires[qid], ws[start].Questionnaires[qid])[d.ID] == "" {
			start--
		}
		run := ws[start:]
		if len(run) < minSeriesWaves {
			continue
		}
		lines := []*seriesLine{{Label: "Ensemble", Values: make([]*float64, len(run))}}
		units := map[string]*seriesLine{}
		for name := range last.Units[qid] {
			units[name] = &seriesLine{Label: name, Values: make([]*float64, len(run))}
		}
		for i, w := range run {
			if v, ok := w.Means[qid][d.ID]; ok {
				lines[0].Values[i] = &v
			}
			for name, means := range w.Units[qid] {
				// Follow the unit through the renames of the later waves.
				path := name
				for _, later := range run[i+1:] {
					path = scoring.RenameUnit(path, later.Campaign.UnitMap)
				}
				if l := units[path]; l != nil {
					if v, ok := means[d.ID]; ok {
						l.Values[i] = &v
					}
				}
			}
		}
		for _, name := range slices.Sorted(maps.Keys(units)) {
			lines = append(lines, units[name])
		}
		labels := make([]string, len(run))
		for i, w := range run {
			labels[i] = w.Campaign.Title
		}
		title := fmt.Sprintf("%s : score moyen sur %d vagues, ensemble et unités", d.Title.In("fr", q.Language), len(run))
		out = append(out, seriesChart{Dimension: d.Title.In("fr", q.Language), SVG: lineSVG(fmt.Sprintf("s%d", len(out)), title, labels, lines, d)})
	}
	return out
}

// Lines after the first (everyone, black and thick) are told apart by
// colour and by dash, so that they read in black and white.
var (
	lineColours = []string{"#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#ad1457", "#2e7d32", "#455a64"}
	lineDashes  = []string{"", "6 3", "2 3", "8 3 2 3"}
)

// lineSVG draws lines of means (0–100) over the waves, each point printed
// in the description, each line named at its end.
func lineSVG(id, title string, waves []string, lines []*seriesLine, dim *questionnaires.Dimension) template.HTML {
	const (
		left, right, top, bottom = 40.0, 230.0, 16.0, 46.0
		plotW, plotH             = 460.0, 180.0
	)
	width, height := left+plotW+right, top+plotH+bottom
	x := func(i int) float64 { return left + plotW*float64(i)/float64(len(waves)-1) }
	y := func(v float64) float64 { return top + (100-clamp(v, 0, 100))/100*plotH }
	var desc []string
	for _, l := range lines {
		var pts []string
		for i, v := range l.Values {
			if v != nil {
				pts = append(pts, fmt.Sprintf("%s %s", waves[i], decimal(*v, 0)))
			} else {
				pts = append(pts, waves[i]+" non publié")
			}
		}
		desc = append(desc, l.Label+" : "+strings.Join(pts, ", ")+".")
	}
	reading := "Plus haut = plus favorable."
	switch {
	case dim.Signal():
		reading = "Plus haut = signal plus marqué."
	case dim.Direction == questionnaires.HigherIsWorse:
		reading = "Plus haut = plus préoccupant."
	}
	w := newSVG(id, width, height)
	w.text("title", title, "id", id+"-title")
	w.text("desc", reading+" "+strings.Join(desc, " "), "id", id+"-desc")
	for _, t := range []float64{0, 25, 50, 75, 100} {
		w.leaf("line", "x1", f0(left), "y1", f1(y(t)), "x2", f0(left+plotW), "y2", f1(y(t)), "stroke", "#ccc")
		w.text("text", f0(t), "x", f0(left-6), "y", f1(y(t)+4), "font-size", "11", "text-anchor", "end", "fill", "#4a5360")
	}
	for i, wave := range waves {
		w.text("text", truncate(wave, 28), "x", f1(x(i)), "y", f0(top+plotH+18), "font-size", "11", "text-anchor", "middle", "fill", "#4a5360")
	}
	type endLabel struct {
		y            float64
		colour, text string
	}
	var ends []endLabel
	for n, l := range lines {
		colour, width, dash := "#1b1f24", 3.0, ""
		if n > 0 {
			colour, width, dash = lineColours[(n-1)%len(lineColours)], 1.8, lineDashes[(n-1)%len(lineDashes)]
		}
		// One polyline per run of published points: a gap stays a gap.
		var run []string
		flush := func() {
			if len(run) > 1 {
				w.leaf("polyline", "points", strings.Join(run, " "), "fill", "none", "stroke", colour, "stroke-width", f1(width), "stroke-dasharray", dash)
			}
			run = nil
		}
		for i, v := range l.Values {
			if v == nil {
				flush()
				continue
			}
			run = append(run, f1(x(i))+","+f1(y(*v)))
			w.leaf("circle", "cx", f1(x(i)), "cy", f1(y(*v)), "r", "3", "fill", colour)
		}
		flush()
		if v := l.Values[len(l.Values)-1]; v != nil {
			ends = append(ends, endLabel{y(*v) + 4, colour, truncate(l.Label, 26) + " " + decimal(*v, 0)})
		}
	}
	// Names at the lines' ends, pushed apart when values are close.
	slices.SortFunc(ends, func(a, b endLabel) int { return cmp.Compare(a.y, b.y) })
	for i := range ends {
		if i > 0 && ends[i].y < ends[i-1].y+13 {
			ends[i].y = ends[i-1].y + 13
		}
		w.text("text", ends[i].text, "x", f0(left+plotW+8), "y", f1(ends[i].y), "font-size", "11", "fill", ends[i].colour)
	}
	return w.html()
}
