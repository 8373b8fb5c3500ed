package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// maxReferenceFile bounds a reference file read by --reference: a few
// dozen rows are expected, a few megabytes are a mistake.
const maxReferenceFile = 4 << 20

// addReferenceFlag adds --reference, shared by `vigie score` and `vigie
// report`: a file of reference values to compare the result with.
func addReferenceFlag(fs *flag.FlagSet) *string {
	return fs.String("reference", "", "fichier de valeurs de référence (.csv ou .yaml : questionnaire, version, measure, mean, sd, n, source, year) à comparer aux résultats")
}

// compareWithFile compares res with the reference values of path; nil
// without --reference.
func compareWithFile(path string, q *questionnaires.Questionnaire, res *scoring.Result) (*scoring.ReferenceComparison, error) {
	if path == "" {
		return nil, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxReferenceFile {
		return nil, errors.New(path + " : fichier de référence trop gros (plus de 4 Mo)")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ref, err := scoring.ParseReference(path, data, q)
	if err != nil {
		return nil, errors.New(userMessage(err))
	}
	c, err := scoring.CompareReference(q, res, ref)
	if err != nil {
		return nil, errors.New(path + " : " + userMessage(err))
	}
	return c, nil
}

// addReferenceFile compares each section of r answered with the file's
// questionnaire with the reference values of path (the file named on the
// command line comes before the campaign's own reference); a file that
// fits no section is an error, with each section's reason, not a silent
// no-op.
func addReferenceFile(r *dossier.Report, path string) error {
	if path == "" {
		return nil
	}
	var errs []string
	for i := range r.Sections {
		sec := &r.Sections[i]
		c, err := compareWithFile(path, sec.Questionnaire, sec.Result)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		sec.Reference = c
	}
	if len(errs) == len(r.Sections) {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// addAttachedReferences compares each section of a campaign's report with
// the reference values attached to its questionnaire version in the back
// office, as the web's downloads do; a file that no longer fits the
// questionnaire is left out (the results page says why).
func addAttachedReferences(ctx context.Context, s *store.Store, r *dossier.Report) error {
	for i := range r.Sections {
		sec := &r.Sections[i]
		if sec.Questionnaire == nil || sec.Result == nil {
			continue
		}
		ref, err := attachedReference(ctx, s, sec.Questionnaire)
		if err != nil {
			return err
		}
		if ref == nil {
			continue
		}
		if sec.Reference, err = scoring.CompareReference(sec.Questionnaire, sec.Result, ref); vigie.ErrorCode(err) == vigie.EINVALID {
			sec.Reference = nil
		} else if err != nil {
			return err
		}
	}
	return nil
}

// attachedReference is the reference a campaign's report compares
// questionnaire q with, in the web's order: the file attached to q in the
// back office, else the portfolio's (nil when the portfolio is off or
// holds no version of q). A file that no longer fits q is skipped, as the
// results page does (it says why there).
func attachedReference(ctx context.Context, s *store.Store, q *questionnaires.Questionnaire) (*scoring.Reference, error) {
	f, err := s.ReferenceFile(ctx, q.ID, q.Version)
	switch {
	case vigie.ErrorCode(err) == vigie.ENOTFOUND:
		return s.PortfolioReference(ctx, q.ID, q.Version)
	case err != nil:
		return nil, err
	}
	ref, err := f.Parse(q)
	if vigie.ErrorCode(err) == vigie.EINVALID {
		return s.PortfolioReference(ctx, q.ID, q.Version)
	}
	return ref, err
}
