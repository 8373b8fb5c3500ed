package web

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// ReferenceSource provides the reference values a campaign's results are
// compared with: the files attached to questionnaires (importedReferences)
// or a portfolio of organisations (Config.References).
type ReferenceSource interface {
	// Reference returns the reference for questionnaire q as campaign c
	// froze it, or nil, nil when the source has none. An EINVALID error
	// says why the source's reference cannot be used (shown to the
	// consultant); any other error is internal.
	Reference(ctx context.Context, c *vigie.Campaign, q *questionnaires.Questionnaire) (*scoring.Reference, error)
}

// importedReferences are the files of reference values attached to a
// questionnaire version in the back office.
type importedReferences struct{ store *store.Store }

var (
	_ ReferenceSource = importedReferences{}
	_ ReferenceSource = store.PortfolioReferences{}
)

func (r importedReferences) Reference(ctx context.Context, _ *vigie.Campaign, q *questionnaires.Questionnaire) (*scoring.Reference, error) {
	f, err := r.store.ReferenceFile(ctx, q.ID, q.Version)
	if vigie.ErrorCode(err) == vigie.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	// A questionnaire saved again under the same version may have lost a
	// dimension the file names: the parse says so, with the line.
	return f.Parse(q)
}

// referenceChoice is the comparison shown for one questionnaire of a
// campaign, and what else could have been.
type referenceChoice struct {
	Comparison *scoring.ReferenceComparison // nil when no reference applies
	// Others are the sources of the references that exist too but are
	// not shown: the first source wins (the imported file before the
	// portfolio), and the page says the others exist.
	Others []string
	// Problems say why a reference could not be compared (another
	// version, a file that no longer fits the questionnaire).
	Problems []string
}

// compareReferences compares res with the first reference the sources
// hold for q. A reference that cannot be compared is skipped with its
// reason: a consultant must learn that the file she attached does not
// apply, rather than see nothing.
func (s *Server) compareReferences(ctx context.Context, c *vigie.Campaign, q *questionnaires.Questionnaire, res *scoring.Result) (*referenceChoice, error) {
	ch := &referenceChoice{}
	for _, src := range s.references {
		ref, err := src.Reference(ctx, c, q)
		if vigie.ErrorCode(err) == vigie.EINVALID {
			ch.Problems = append(ch.Problems, vigie.ErrorMessage(err))
			continue
		} else if err != nil {
			return nil, err
		}
		if ref == nil {
			continue
		}
		if ch.Comparison != nil {
			ch.Others = append(ch.Others, ref.Source)
			continue
		}
		cmp, err := scoring.CompareReference(q, res, ref)
		if err != nil {
			ch.Problems = append(ch.Problems, ref.Source+" : "+vigie.ErrorMessage(err))
			continue
		}
		ch.Comparison = cmp
	}
	return ch, nil
}

// addReferences compares each section of r with its reference, for the
// PDF and the workbook.
func (s *Server) addReferences(ctx context.Context, c *vigie.Campaign, r *dossier.Report) error {
	for i := range r.Sections {
		sec := &r.Sections[i]
		if sec.Questionnaire == nil || sec.Result == nil {
			continue
		}
		ch, err := s.compareReferences(ctx, c, sec.Questionnaire, sec.Result)
		if err != nil {
			return err
		}
		sec.Reference = ch.Comparison
	}
	return nil
}

// addCampaignReferences is addReferences for the campaign of a request.
func (s *Server) addCampaignReferences(c *gin.Context, id string, r *dossier.Report) error {
	camp, err := s.store.Campaign(c.Request.Context(), id)
	if err != nil {
		return err
	}
	return s.addReferences(c.Request.Context(), camp, r)
}

// campaignReference compares res, the result of questionnaire qid in
// campaign c, with its reference; nil when none applies.
func (s *Server) campaignReference(ctx context.Context, c *vigie.Campaign, qid string, res *scoring.Result) (*scoring.ReferenceComparison, error) {
	qs, err := s.store.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		if q.ID == qid {
			ch, err := s.compareReferences(ctx, c, q, res)
			if err != nil {
				return nil, err
			}
			return ch.Comparison, nil
		}
	}
	return nil, nil
}
