package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// questionnairesPage lists the questionnaires and takes an uploaded one.
type questionnairesPage struct {
	Nav            adminNav
	Questionnaires []questionnaireChoice
	Source         string   // the text sent, kept when it has errors
	Problems       []string // one per line of the file at fault
	Saved          string   // title of the questionnaire just saved
	ImportFile     string   // the workbook or .lss file whose import failed
	ImportProblems []string // its problems, each with its place
	ImportAccept   string   // the file types the import form takes
}

// adminQuestionnaires lists built-in and uploaded questionnaires.
func (s *Server) adminQuestionnaires(c *gin.Context) {
	s.renderQuestionnaires(c, http.StatusOK, &questionnairesPage{Saved: c.Query("saved")})
}

func (s *Server) renderQuestionnaires(c *gin.Context, status int, p *questionnairesPage) {
	qs, err := s.store.Questionnaires(c.Request.Context())
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p.Nav = nav(c)
	p.ImportAccept = importAccept
	for _, q := range qs {
		_, builtin := builtinQuestionnaire(q.ID)
		p.Questionnaires = append(p.Questionnaires, questionnaireChoice{ID: q.ID, Title: q.Title.In("fr", q.Language), Builtin: builtin})
	}
	s.render(c, status, "admin_questionnaires", p)
}

// adminQuestionnaireUpload checks an uploaded questionnaire file (or the
// pasted text) and saves it; every problem is listed with its line.
func (s *Server) adminQuestionnaireUpload(c *gin.Context) {
	if err := c.Request.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.htmlError(c, formError(err))
		return
	}
	name, src := "questionnaire.yaml", []byte(c.PostForm("source"))
	if file, data, err := formUpload(c, "file"); err != nil {
		s.htmlError(c, err)
		return
	} else if file != "" {
		name, src = file, data
	}
	p := &questionnairesPage{Source: string(src)}
	if strings.TrimSpace(string(src)) == "" {
		p.Problems = []string{"Choisissez un fichier YAML ou collez son contenu."}
		s.renderQuestionnaires(c, http.StatusBadRequest, p)
		return
	}
	q, err := questionnaires.Parse(name, src)
	var le *questionnaires.LoadError
	if errors.As(err, &le) {
		for _, pb := range le.Problems {
			p.Problems = append(p.Problems, problemLine(pb))
		}
		s.renderQuestionnaires(c, http.StatusBadRequest, p)
		return
	} else if err != nil {
		p.Problems = []string{vigie.ErrorMessage(err)}
		s.renderQuestionnaires(c, http.StatusBadRequest, p)
		return
	}
	if err := s.store.SaveQuestionnaire(c.Request.Context(), q); vigie.ErrorCode(err) == vigie.ECONFLICT || vigie.ErrorCode(err) == vigie.EINVALID {
		p.Problems = []string{vigie.ErrorMessage(err)}
		s.renderQuestionnaires(c, errorStatus(vigie.ErrorCode(err)), p)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "questionnaire.upload", q.ID, "version "+itoa(q.Version))
	c.Redirect(http.StatusSeeOther, "/admin/questionnaires?saved="+q.ID)
}

// problemLine writes a problem as "Ligne 12 : message".
func problemLine(p questionnaires.Problem) string {
	if p.Line <= 0 {
		return p.Message
	}
	return "Ligne " + itoa(p.Line) + " : " + p.Message
}
