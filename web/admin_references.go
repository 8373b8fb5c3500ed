package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// maxReferenceUpload bounds an uploaded reference file: a questionnaire
// has a few dozen measures, a few hundred kilobytes is already a mistake.
const maxReferenceUpload = 1 << 20

// referencePage shows the reference values attached to the current
// version of a questionnaire, and takes a new file.
type referencePage struct {
	Nav      adminNav
	QID      string
	QTitle   string
	Version  int
	File     *store.ReferenceFile
	Uploaded string // the upload's date, in words
	Source   string
	Values   []referenceValueRow
	Problems []string // the new file's, one per line of the file at fault
	Stale    string   // why the attached file no longer fits the questionnaire
	Saved    bool
	Deleted  bool
}

// referenceValueRow is one measure of the attached file.
type referenceValueRow struct {
	Measure, Kind, Mean, SD, N string
}

// adminReference shows a questionnaire's reference values.
func (s *Server) adminReference(c *gin.Context) {
	s.renderReference(c, http.StatusOK, &referencePage{Saved: c.Query("saved") == "1", Deleted: c.Query("deleted") == "1"})
}

func (s *Server) renderReference(c *gin.Context, status int, p *referencePage) {
	ctx := c.Request.Context()
	q, err := s.store.Questionnaire(ctx, c.Param("qid"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p.Nav, p.QID, p.QTitle, p.Version = nav(c), q.ID, q.Title.In("fr", q.Language), q.Version
	f, err := s.store.ReferenceFile(ctx, q.ID, q.Version)
	switch {
	case vigie.ErrorCode(err) == vigie.ENOTFOUND:
	case err != nil:
		s.htmlError(c, err)
		return
	default:
		p.File, p.Uploaded = f, longDate("fr", f.UploadedAt)
		ref, err := f.Parse(q)
		if err != nil {
			p.Stale = vigie.ErrorMessage(err)
			break
		}
		p.Source = ref.Source
		p.Values = referenceValueRows(q, ref)
	}
	s.render(c, status, "admin_reference", p)
}

// referenceValueRows lists a reference's values in the questionnaire's
// order, as the file gives them.
func referenceValueRows(q *questionnaires.Questionnaire, ref *scoring.Reference) []referenceValueRow {
	var rows []referenceValueRow
	for _, d := range q.Dimensions {
		if v, ok := ref.Dimensions[d.ID]; ok {
			rows = append(rows, referenceValueRow{d.Title.In("fr", q.Language), "dimension", decimal(v.Mean, 1), decimal(v.SD, 1), itoa(v.N)})
		}
	}
	for _, ind := range q.Indicators {
		if v, ok := ref.Indicators[ind.ID]; ok {
			rows = append(rows, referenceValueRow{ind.Title.In("fr", q.Language), "indicateur", decimal(v.Mean, 2), decimal(v.SD, 2), itoa(v.N)})
		}
	}
	return rows
}

// adminReferenceUpload checks an uploaded file of reference values
// against the questionnaire's current version and attaches it, replacing
// the previous one; every problem is listed with its line.
func (s *Server) adminReferenceUpload(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := s.store.Questionnaire(ctx, c.Param("qid"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxReferenceUpload+64<<10)
	if err := c.Request.ParseMultipartForm(maxReferenceUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.htmlError(c, formError(err))
		return
	}
	file, data, err := formUpload(c, "file")
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if file == "" {
		s.renderReference(c, http.StatusBadRequest, &referencePage{Problems: []string{"Choisissez un fichier .csv ou .yaml de valeurs de référence."}})
		return
	}
	if _, err := scoring.ParseReference(file, data, q); err != nil {
		if vigie.ErrorCode(err) != vigie.EINVALID {
			s.htmlError(c, err)
			return
		}
		s.renderReference(c, http.StatusBadRequest, &referencePage{Problems: referenceProblems(vigie.ErrorMessage(err))})
		return
	}
	if err := s.store.SaveReferenceFile(ctx, &store.ReferenceFile{Questionnaire: q.ID, Version: q.Version, Filename: file, Content: data}); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "reference.upload", q.ID, "version "+itoa(q.Version)+", "+file)
	c.Redirect(http.StatusSeeOther, "/admin/questionnaires/"+q.ID+"/reference?saved=1")
}

// referenceProblems splits a parse error into its lines, one problem each.
func referenceProblems(msg string) []string {
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// adminReferenceDelete detaches the reference values of the current
// version of a questionnaire.
func (s *Server) adminReferenceDelete(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := s.store.Questionnaire(ctx, c.Param("qid"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if err := s.store.DeleteReferenceFile(ctx, q.ID, q.Version); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "reference.delete", q.ID, "version "+itoa(q.Version))
	c.Redirect(http.StatusSeeOther, "/admin/questionnaires/"+q.ID+"/reference?deleted=1")
}
