package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
)

// printOutline writes a human-readable outline of q in lang: what a
// consultant reviews before choosing an instrument.
func printOutline(w io.Writer, q *questionnaires.Questionnaire, lang string) {
	fb := q.Language
	fmt.Fprintf(w, "%s (%s, version %d)\n", q.Title.In(lang, fb), q.ID, q.Version)
	fmt.Fprintf(w, "Langues : %s ; %d dimensions, %d items, environ %d min\n",
		strings.Join(q.Languages(), ", "), len(q.Dimensions), len(q.Items()), q.EstimatedMinutes())
	if s := q.Intro.In(lang, fb); s != "" {
		fmt.Fprintf(w, "\n%s\n", s)
	}
	fmt.Fprintln(w, "\nÉchelles :")
	for _, s := range q.Scales {
		labels := make([]string, 0, s.Max-s.Min+1)
		for v := s.Min; v <= s.Max; v++ {
			labels = append(labels, fmt.Sprintf("%d=%s", v, s.Label(v, lang, fb)))
		}
		fmt.Fprintf(w, "  %s (%d à %d) : %s\n", s.ID, s.Min, s.Max, strings.Join(labels, " ; "))
	}
	for _, d := range q.Dimensions {
		fmt.Fprintf(w, "\nDimension %s : %s\n", d.ID, d.Title.In(lang, fb))
		if s := d.Description.In(lang, fb); s != "" {
			fmt.Fprintf(w, "  %s\n", s)
		}
		fmt.Fprintf(w, "  sens : %s ; seuils : %g / %g ; réponses requises : %g %%\n",
			directionLabel(d.Direction), d.Cutoffs.Low, d.Cutoffs.High, d.MinAnswered*100)
		for _, it := range d.Items {
			r := ""
			if it.Reverse {
				r = " (R)"
			}
			fmt.Fprintf(w, "  - %s%s [%s] %s\n", it.ID, r, it.Scale.ID, it.Text.In(lang, fb))
		}
	}
	if len(q.Indicators) > 0 {
		fmt.Fprintln(w, "\nIndicateurs :")
		for _, ind := range q.Indicators {
			fmt.Fprintf(w, "  %s : %s = %s / %s, seuil %g\n", ind.ID, ind.Title.In(lang, fb), ind.Numerator, ind.Denominator, ind.Threshold)
		}
	}
	if s := q.Comment.In(lang, fb); s != "" {
		fmt.Fprintf(w, "\nQuestion libre : %s\n", s)
	}
	fmt.Fprintln(w, "\n(R) : item inversé, recodé avant calcul.")
}

func directionLabel(d questionnaires.Direction) string {
	if d == questionnaires.HigherIsWorse {
		return "score élevé = défavorable"
	}
	return "score élevé = favorable"
}
