package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// apiPaperEntry is the body of POST /api/v1/campaigns/:id/paper-entries
// and of …/paper-entries/:sheet/resolve: a submission (same shapes and
// checks as POST …/responses) whose code is the sheet number.
type apiPaperEntry struct {
	Sheet    string                     `json:"sheet"`
	Unit     string                     `json:"unit"`
	Segments map[string]json.RawMessage `json:"segments"`
	Answers  map[string]json.RawMessage `json:"answers"`
	Comments map[string]json.RawMessage `json:"comments"`
}

// errSheetMissing is the answer to an entry without its sheet number.
var errSheetMissing = vigie.Errorf(vigie.EINVALID, "sheet : le numéro de feuille est obligatoire.")

// paperResponse reads and checks an entry's answers against the open
// campaign.
func (s *Server) paperResponse(c *gin.Context) (*campaignView, string, *vigie.Response, error) {
	cv, err := s.campaignByID(c.Request.Context(), c.Param("id"))
	if err != nil {
		return nil, "", nil, err
	}
	var e apiPaperEntry
	if err := decodeJSON(c.Request.Body, &e); err != nil {
		return nil, "", nil, err
	}
	if sheet := c.Param("sheet"); sheet != "" {
		if e.Sheet != "" && store.NormaliseCode(e.Sheet) != store.NormaliseCode(sheet) {
			return nil, "", nil, vigie.Errorf(vigie.EINVALID, "sheet : le numéro du corps diffère de celui de l'adresse.")
		}
		e.Sheet = sheet
	}
	if strings.TrimSpace(e.Sheet) == "" {
		return nil, "", nil, errSheetMissing
	}
	a, err := cv.apiAnswers(&apiSubmission{Unit: e.Unit, Segments: e.Segments, Answers: e.Answers, Comments: e.Comments})
	if err != nil {
		return nil, "", nil, err
	}
	r, err := cv.response(a, nil)
	if err != nil {
		return nil, "", nil, err
	}
	return cv, e.Sheet, r, nil
}

// apiPaperEntry records one entry of a paper sheet: 202 while a second
// entry is due, 201 once recorded, 409 with the differing fields when
// the second entry disagrees with the first (nothing stored).
func (s *Server) apiPaperEntry(c *gin.Context) {
	cv, sheet, r, err := s.paperResponse(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	res, err := s.enterPaper(c, cv, sheet, r, false)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	switch res.Status {
	case store.PaperAwaiting:
		c.JSON(http.StatusAccepted, gin.H{"status": res.Status})
	case store.PaperRecorded:
		c.JSON(http.StatusCreated, gin.H{"status": res.Status})
	default:
		c.JSON(http.StatusConflict, gin.H{"status": res.Status, "fields": res.Fields,
			"error": "Les deux saisies de cette feuille diffèrent : relisez la feuille et envoyez la saisie corrigée à …/paper-entries/{feuille}/resolve."})
	}
}

// apiPaperResolve records the corrected entry of a sheet whose two
// entries differed (201).
func (s *Server) apiPaperResolve(c *gin.Context) {
	cv, sheet, r, err := s.paperResponse(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	if _, err := s.enterPaper(c, cv, sheet, r, true); err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"status": store.PaperRecorded})
}
