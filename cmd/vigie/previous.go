package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// previousFlags are the --previous flags that `vigie score` and `vigie
// report` share: the previous wave's responses file and, when the
// questionnaire changed since, the questionnaire it was answered with.
type previousFlags struct {
	responses     *string
	questionnaire *string
	unitMap       map[string]string // --unit-map, repeated
}

func addPreviousFlags(fs *flag.FlagSet) *previousFlags {
	p := &previousFlags{
		responses:     fs.String("previous", "", "fichier de réponses de la vague précédente, pour calculer l'évolution"),
		questionnaire: fs.String("previous-questionnaire", "", "questionnaire de la vague précédente, s'il a changé depuis (par défaut : le même)"),
	}
	fs.Func("unit-map", "service renommé depuis la vague précédente, « ancien/chemin=>nouveau/chemin » (répétable)", func(v string) error {
		old, cur, ok := strings.Cut(v, "=>")
		old, cur = strings.TrimSpace(old), strings.TrimSpace(cur)
		if !ok || old == "" || cur == "" {
			return fmt.Errorf("« %s » : écrivez « ancien/chemin=>nouveau/chemin »", v)
		}
		if p.unitMap == nil {
			p.unitMap = map[string]string{}
		}
		p.unitMap[old] = cur
		return nil
	})
	return p
}

// check refuses --previous-questionnaire or --unit-map alone: they would
// silently do nothing.
func (p *previousFlags) check() error {
	switch {
	case *p.questionnaire != "" && *p.responses == "":
		return usagef("--previous-questionnaire ne sert qu'avec --previous")
	case p.unitMap != nil && *p.responses == "":
		return usagef("--unit-map ne sert qu'avec --previous")
	}
	return nil
}

// previousWave is the previous wave scored offline.
type previousWave struct {
	q       *questionnaires.Questionnaire
	result  *scoring.Result
	title   string // the file's name, to head « Évolution depuis … »
	unitMap map[string]string
}

// score scores the previous wave's file, with the same threshold and the
// same rules as today's (within its own group pattern when pattern is
// true, as `vigie report` publishes it); nil without --previous.
func (p *previousFlags) score(cmd string, cur *questionnaires.Questionnaire, k int, pattern bool, stderr io.Writer) (*previousWave, error) {
	if *p.responses == "" {
		return nil, nil
	}
	q := cur
	if *p.questionnaire != "" {
		var err error
		if q, err = questionnaires.Resolve(*p.questionnaire); err != nil {
			return nil, errors.New(userMessage(err))
		}
	}
	f, warnings, err := openResponseFile(q, *p.responses)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "vigie %s : %s : attention : %s\n", cmd, *p.responses, w)
	}
	if err != nil {
		return nil, fmt.Errorf("%s : %s", *p.responses, userMessage(err))
	}
	defer f.Close()
	opts := scoring.Options{MinGroupSize: k, Segments: f.Segments()}
	s, err := scoring.New(q, opts)
	if err != nil {
		return nil, errors.New(userMessage(err))
	}
	counts := map[string]int{}
	err = f.Each(func(r scoring.Respondent) error {
		counts[strings.Join(r.Unit, "/")]++
		return s.Add(r)
	})
	if err != nil {
		return nil, fmt.Errorf("%s : %s", *p.responses, userMessage(err))
	}
	res := s.Result()
	if pattern {
		res = s.ResultWithin(scoring.CampaignPattern(opts, counts, s))
	}
	title := strings.TrimSuffix(filepath.Base(*p.responses), filepath.Ext(*p.responses))
	return &previousWave{q: q, result: res, title: title, unitMap: p.unitMap}, nil
}

// trends compares today's result with the previous wave; nil without one.
func (w *previousWave) trends(cur *questionnaires.Questionnaire, res *scoring.Result) (*scoring.Trends, error) {
	if w == nil {
		return nil, nil
	}
	t, err := scoring.CompareWaves(w.q, cur, w.result, res, w.unitMap)
	if err != nil {
		return nil, errors.New(userMessage(err))
	}
	return t, nil
}
