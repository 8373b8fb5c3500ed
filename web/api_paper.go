package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/reports"
)

// errPaperCount is the answer to a missing or out-of-range count.
var errPaperCount = vigie.Errorf(vigie.EINVALID, "count : le nombre de questionnaires papier doit être un entier compris entre 1 et %d.", reports.MaxPaperSheets)

// errPaperUnconfirmed asks for the confirmation box of the paper form.
var errPaperUnconfirmed = vigie.Errorf(vigie.EINVALID, "Rien n'a été créé : cochez la case de confirmation. Chaque questionnaire papier est un nouveau code d'accès, montré une seule fois dans le fichier.")

// paperCount reads the number of sheets asked for.
func paperCount(raw string) (int, error) {
	count, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || count < 1 || count > reports.MaxPaperSheets {
		return 0, errPaperCount
	}
	return count, nil
}

// apiPaper hands out count printable questionnaires
// (POST /api/v1/campaigns/:id/paper.pdf?count=N). Each sheet number is a
// fresh access code of the campaign, shown this once, like the codes of
// the slips: creating them is a POST, never a GET a reload repeats.
func (s *Server) apiPaper(c *gin.Context) {
	count, err := paperCount(c.Query("count"))
	if err != nil {
		s.jsonError(c, err)
		return
	}
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	if err := s.sendPaper(c, camp, count); err != nil {
		s.jsonError(c, err)
	}
}

// adminPaper is the campaign page's paper form: the count and a
// confirmation box, refused on the page without it.
func (s *Server) adminPaper(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	count, err := paperCount(c.PostForm("count"))
	if err == nil && c.PostForm("confirm") != "1" {
		err = errPaperUnconfirmed
	}
	if err != nil {
		s.campaignPageWithError(c, camp, err)
		return
	}
	if err := s.sendPaper(c, camp, count); err != nil {
		s.htmlError(c, err)
	}
}

// sendPaper creates count sheets (codes), logs it, and sends the PDF.
func (s *Server) sendPaper(c *gin.Context, camp *vigie.Campaign, count int) error {
	ctx := c.Request.Context()
	qs, err := s.store.CampaignQuestionnaires(ctx, camp.ID)
	if err != nil {
		return err
	}
	sheets, err := s.store.GenerateCodes(ctx, camp.ID, count, nil)
	if err != nil {
		return err
	}
	s.audit(c, "paper.generate", camp.ID, fmt.Sprintf("%d questionnaires papier", len(sheets)))
	var buf bytes.Buffer
	if err := reports.PaperPDF(&buf, &reports.Paper{Campaign: camp, Questionnaires: qs, Sheets: sheets}); err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", downloadDisposition("questionnaires papier", camp.Title, s.now().In(vigie.Paris).Format(time.DateOnly), "pdf"))
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	return nil
}
