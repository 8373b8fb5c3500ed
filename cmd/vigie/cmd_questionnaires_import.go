package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/questionnaires/instrument"
)

// errImportFailed makes `import` exit with status 1 after it has printed
// the problems itself.
var errImportFailed = errors.New("le fichier n'a pas pu être importé")

// questionnairesImport converts a template workbook or a LimeSurvey .lss
// file into a questionnaire file: every problem with its place, the
// warnings on stderr, the YAML in --out (stdout without it).
func questionnairesImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("questionnaires import", stderr)
	out := fs.String("out", "", "fichier YAML à écrire (par défaut : la sortie standard)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usagef("usage : vigie questionnaires import FICHIER.xlsx|FICHIER.lss [--out FICHIER.yaml]")
	}
	f, err := os.Open(files[0])
	if err != nil {
		return fmt.Errorf("lecture de %s impossible : %w", files[0], err)
	}
	defer f.Close()
	res, err := instrument.Import(f, files[0])
	var ie *instrument.Error
	if errors.As(err, &ie) {
		for _, p := range ie.Problems {
			fmt.Fprintf(stdout, "%s: %s\n", files[0], p)
		}
		return errImportFailed
	} else if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "attention : %s\n", w)
	}
	if *out == "" {
		_, err := stdout.Write(res.YAML)
		return err
	}
	if _, err := writeAtomic(*out, func(w io.Writer) error { _, err := w.Write(res.YAML); return err }, nil); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s écrit : questionnaire %s, %d dimensions, %d items\n", *out, res.Questionnaire.ID,
		len(res.Questionnaire.Dimensions), len(res.Questionnaire.Items()))
	return nil
}

// questionnairesTemplate writes the workbook to fill, empty or holding a
// questionnaire to adapt.
func questionnairesTemplate(args []string, stderr io.Writer) error {
	fs := newFlagSet("questionnaires template", stderr)
	out := fs.String("out", "", "classeur à écrire (FICHIER.xlsx)")
	from := fs.String("from", "", "questionnaire à recopier dans le modèle (identifiant intégré ou fichier YAML)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usagef("usage : vigie questionnaires template --out FICHIER.xlsx [--from ID|FICHIER]")
	}
	var q *questionnaires.Questionnaire
	if *from != "" {
		var err error
		if q, err = questionnaires.Resolve(*from); err != nil {
			return describeError(err)
		}
	}
	data, err := instrument.Template(q)
	if err != nil {
		return describeError(err)
	}
	if _, err := writeAtomic(*out, func(w io.Writer) error { _, err := w.Write(data); return err }, nil); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s écrit : remplissez-le puis importez-le avec vigie questionnaires import %s --out questionnaire.yaml\n", *out, *out)
	return nil
}
