package web

import (
	"bytes"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/questionnaires/instrument"
)

// importPage previews a questionnaire imported from a template workbook
// or a LimeSurvey file, before it is downloaded or added.
type importPage struct {
	Nav      adminNav
	File     string   // the name of the file sent
	Warnings []string // what was left out or chosen, with its place
	YAML     string   // the questionnaire file, sent back by the two forms
	Preview  *previewPage
}

// adminQuestionnaireImport converts an uploaded workbook or .lss file and
// shows the questionnaire as respondents will see it; every problem is
// listed with its sheet, row and column, or its line.
func (s *Server) adminQuestionnaireImport(c *gin.Context) {
	if err := c.Request.ParseMultipartForm(1 << 20); err != nil {
		s.htmlError(c, formError(err))
		return
	}
	file, data, err := formUpload(c, "file")
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if file == "" {
		s.renderQuestionnaires(c, http.StatusBadRequest, &questionnairesPage{ImportProblems: []string{"Choisissez un classeur .xlsx rempli d’après le modèle ou un fichier LimeSurvey .lss."}})
		return
	}
	res, err := instrument.Import(bytes.NewReader(data), file)
	var ie *instrument.Error
	if errors.As(err, &ie) {
		p := &questionnairesPage{ImportFile: file}
		for _, pb := range ie.Problems {
			p.ImportProblems = append(p.ImportProblems, pb.String())
		}
		s.renderQuestionnaires(c, http.StatusBadRequest, p)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	p := &importPage{Nav: nav(c), File: file, Warnings: res.Warnings, YAML: string(res.YAML), Preview: previewOf(res.Questionnaire)}
	s.render(c, http.StatusOK, "admin_import", p)
}

// adminQuestionnaireYAML sends back a questionnaire file, checked, as a
// download named after its id.
func (s *Server) adminQuestionnaireYAML(c *gin.Context) {
	src := []byte(c.PostForm("source"))
	q, err := questionnaires.Parse("questionnaire.yaml", src)
	if err != nil {
		s.htmlError(c, vigie.Errorf(vigie.EINVALID, "Le fichier envoyé n’est pas un questionnaire valide : importez de nouveau le classeur ou le fichier LimeSurvey."))
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+q.ID+`.yaml"`)
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")))
}

// adminQuestionnaireTemplate sends the workbook to fill: empty, or
// holding the questionnaire named by ?from= to adapt.
func (s *Server) adminQuestionnaireTemplate(c *gin.Context) {
	var q *questionnaires.Questionnaire
	name := "modele-questionnaire-vigie.xlsx"
	if id := c.Query("from"); id != "" {
		var err error
		if q, err = s.store.Questionnaire(c.Request.Context(), id); err != nil {
			s.htmlError(c, err)
			return
		}
		name = "modele-" + q.ID + ".xlsx"
	}
	data, err := instrument.Template(q)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
}

// importAccept lists the files the import form takes.
var importAccept = strings.Join([]string{".xlsx", ".lss", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, ",")
