package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// errInvalidFiles makes `validate` exit with status 1 after it has printed
// the problems itself.
var errInvalidFiles = errors.New("au moins un fichier est invalide")

// runQuestionnaires lists, shows and validates questionnaires.
func runQuestionnaires(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("sous-commande attendue : list, show ID|FICHIER [--lang fr|en], validate FICHIER..., import FICHIER.xlsx|FICHIER.lss [--out FICHIER.yaml], template --out FICHIER.xlsx [--from ID|FICHIER]")
	}
	switch args[0] {
	case "list":
		return questionnairesList(args[1:], stdout, stderr)
	case "show":
		return questionnairesShow(args[1:], stdout, stderr)
	case "validate":
		return questionnairesValidate(args[1:], stdout, stderr)
	case "import":
		return questionnairesImport(args[1:], stdout, stderr)
	case "template":
		return questionnairesTemplate(args[1:], stderr)
	}
	return usagef("sous-commande inconnue « %s » (list, show, validate, import, template)", args[0])
}

// questionnairesList prints one line per built-in questionnaire.
func questionnairesList(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("questionnaires list", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list ne prend pas d'argument")
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tTITRE\tLANGUES\tDIMENSIONS\tITEMS\tDURÉE")
	for _, q := range questionnaires.Builtin() {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%d\t%d min\n", q.ID, q.Version, q.Title.In(q.Language, q.Language),
			strings.Join(q.Languages(), ","), len(q.Dimensions), len(q.Items()), q.EstimatedMinutes())
	}
	return tw.Flush()
}

// questionnairesShow prints the outline of one questionnaire.
func questionnairesShow(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("questionnaires show", stderr)
	lang := fs.String("lang", "", "langue des textes (par défaut : celle du questionnaire)")
	target, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(target) != 1 {
		return usagef("usage : vigie questionnaires show ID|FICHIER [--lang fr|en]")
	}
	q, err := questionnaires.Resolve(target[0])
	if err != nil {
		return describeError(err)
	}
	l := q.Language
	if *lang != "" {
		l = *lang
	}
	printOutline(stdout, q, l)
	return nil
}

// questionnairesValidate checks each file and prints its verdict or every
// problem found.
func questionnairesValidate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("questionnaires validate", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("usage : vigie questionnaires validate FICHIER...")
	}
	failed := false
	for _, path := range fs.Args() {
		q, err := questionnaires.Load(path)
		if err != nil {
			failed = true
			fmt.Fprintln(stdout, describeError(err))
			continue
		}
		fmt.Fprintf(stdout, "%s : valide (%d items)\n", path, len(q.Items()))
	}
	if failed {
		return errInvalidFiles
	}
	return nil
}

// describeError keeps the problems of a file as they are and reduces a
// domain error to its plain French message.
func describeError(err error) error {
	var le *questionnaires.LoadError
	if errors.As(err, &le) {
		return fmt.Errorf("fichier invalide :\n%w", err)
	}
	if code := vigie.ErrorCode(err); code != vigie.EINTERNAL {
		return errors.New(vigie.ErrorMessage(err))
	}
	return err
}
