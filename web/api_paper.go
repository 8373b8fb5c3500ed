package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/reports"
)

// errPaperCount is the answer to a missing or out-of-range ?count=.
var errPaperCount = vigie.Errorf(vigie.EINVALID, "count : le nombre de questionnaires papier doit être un entier compris entre 1 et %d.", reports.MaxPaperSheets)

// apiPaper hands out count printable questionnaires
// (GET /api/v1/campaigns/:id/paper.pdf?count=N). Each sheet number is a
// fresh access code of the campaign, shown this once, like the codes of
// the slips; the campaign page's button leads here too.
func (s *Server) apiPaper(c *gin.Context) {
	count, err := strconv.Atoi(strings.TrimSpace(c.Query("count")))
	if err != nil || count < 1 || count > reports.MaxPaperSheets {
		s.jsonError(c, errPaperCount)
		return
	}
	ctx := c.Request.Context()
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	qs, err := s.store.CampaignQuestionnaires(ctx, camp.ID)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	sheets, err := s.store.GenerateCodes(ctx, camp.ID, count, nil)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "paper.generate", camp.ID, fmt.Sprintf("%d questionnaires papier", len(sheets)))
	var buf bytes.Buffer
	if err := reports.PaperPDF(&buf, &reports.Paper{Campaign: camp, Questionnaires: qs, Sheets: sheets}); err != nil {
		s.jsonError(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="questionnaires-papier-`+camp.ID+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}
