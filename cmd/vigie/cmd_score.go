package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// maxReportedErrors is how many bad cells `vigie score` lists before
// summing up the rest: enough to see a pattern, short enough to read.
const maxReportedErrors = 20

// runScore scores a responses file offline and prints the anonymised result
// as JSON: the consultant's way to use Vigie on answers collected elsewhere.
func runScore(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("score", stderr)
	qArg := fs.String("questionnaire", "", "identifiant d'un questionnaire intégré, ou fichier YAML de questionnaire")
	responses := fs.String("responses", "", "fichier de réponses : .csv (séparateur , ou ;) ou .xlsx (première feuille)")
	k := fs.Int("min-group-size", scoring.DefaultMinGroupSize, "taille minimale des groupes publiés (au moins 3)")
	out := fs.String("out", "", "fichier JSON à écrire (par défaut : la sortie standard)")
	previous := addPreviousFlags(fs)
	reference := addReferenceFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := previous.check(); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("argument inattendu « %s »", fs.Arg(0))
	case *qArg == "" || *responses == "":
		return usagef("--questionnaire et --responses sont obligatoires")
	case *k < scoring.MinimumMinGroupSize:
		return usagef("--min-group-size vaut %d : il doit valoir au moins %d, sinon des personnes pourraient être reconnues", *k, scoring.MinimumMinGroupSize)
	}
	q, err := questionnaires.Resolve(*qArg)
	if err != nil {
		return errors.New(userMessage(err))
	}
	result, warnings, err := scoreFile(q, *responses, *k)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "vigie score : %s : attention : %s\n", *responses, w)
	}
	if err != nil {
		return fmt.Errorf("%s : %s", *responses, userMessage(err))
	}
	prev, err := previous.score("score", q, *k, false, stderr)
	if err != nil {
		return err
	}
	trends, err := prev.trends(q, result)
	if err != nil {
		return err
	}
	ref, err := compareWithFile(*reference, q, result)
	if err != nil {
		return err
	}
	// Trends and the reference sit next to the result's fields, absent
	// without --previous and --reference.
	data, err := json.MarshalIndent(struct {
		*scoring.Result
		Trends    *scoring.Trends              `json:"trends,omitempty"`
		Reference *scoring.ReferenceComparison `json:"reference,omitempty"`
	}{result, trends, ref}, "", "  ")
	if err != nil {
		return fmt.Errorf("score: encode result: %w", err)
	}
	data = append(data, '\n')
	if *out == "" {
		_, err = stdout.Write(data)
		return err
	}
	return writeFileAtomic(*out, data)
}

// scoreFile streams a responses file into a Scorer. Any bad cell or row is
// an error and no result comes back; warnings are about ignored columns.
func scoreFile(q *questionnaires.Questionnaire, path string, k int) (*scoring.Result, []string, error) {
	f, warnings, err := openResponseFile(q, path)
	if err != nil {
		return nil, warnings, err
	}
	defer f.Close()
	// Units are not declared: those met in the file are all there is.
	s, err := scoring.New(q, scoring.Options{MinGroupSize: k, Segments: f.Segments()})
	if err != nil {
		return nil, warnings, err
	}
	if err := f.Each(s.Add); err != nil {
		return nil, warnings, err
	}
	return s.Result(), warnings, nil
}

// badCells collects the bad cells and rows of a file, to report them
// together rather than one per run.
type badCells struct {
	shown []string
	total int
}

func (b *badCells) add(err error) {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			b.add(e)
		}
		return
	}
	b.total++
	if len(b.shown) < maxReportedErrors {
		b.shown = append(b.shown, userMessage(err))
	}
}

func (b *badCells) err() error {
	msg := fmt.Sprintf("%s, aucun résultat n'a été calculé :\n  %s", vigie.Plural(b.total, "erreur", "erreurs"), strings.Join(b.shown, "\n  "))
	if more := b.total - len(b.shown); more > 0 {
		msg += fmt.Sprintf("\n  … et %d autres erreurs", more)
	}
	return errors.New(msg)
}

// userMessage is the message of a domain error, or the error itself: the
// consultant runs the command on their own files, so an I/O error is theirs
// to read.
func userMessage(err error) string {
	if code := vigie.ErrorCode(err); code != vigie.EINTERNAL {
		return vigie.ErrorMessage(err)
	}
	return err.Error()
}

// writeFileAtomic writes data to a temporary file next to path and renames
// it, so that a failed run never leaves a half-written result behind.
func writeFileAtomic(path string, data []byte) error {
	_, err := writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, nil)
	return err
}
