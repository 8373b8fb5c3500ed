package web

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/reports"
)

// noticePage is the data of the information notice page.
type noticePage struct {
	Slug     string
	Title    string
	Sections []reports.NoticeSection
}

// notice builds the information notice of the campaign named by :slug in
// the page's language when the campaign offers it, else in French. It is
// shown whatever the campaign's state: a consultant prints it for notice
// boards before opening, and employees may read it again after closing.
func (s *Server) notice(c *gin.Context) (*reports.Notice, error) {
	camp, err := s.store.CampaignBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		return nil, err
	}
	portfolio, err := s.store.FeedsPortfolio(c.Request.Context(), camp.ID)
	if err != nil {
		return nil, err
	}
	lang := langOf(c)
	if !slices.Contains(camp.Languages, lang) {
		lang = "fr"
	}
	logo, err := s.store.DocumentLogo(c.Request.Context(), camp.ID)
	if err != nil {
		return nil, err
	}
	return &reports.Notice{
		Logo:                logo,
		Lang:                lang,
		Title:               camp.Title,
		Organisation:        camp.Organisation,
		Controller:          camp.DataController(),
		ConductedBy:         vigie.InLanguage(camp.ConductedBy, lang),
		Purpose:             vigie.InLanguage(camp.Purpose, lang),
		LegalBasis:          camp.LegalBasisText(),
		DPOContact:          camp.DPOContact,
		MinGroupSize:        camp.MinGroupSize,
		CommentMinGroupSize: camp.CommentMinGroupSize,
		RetentionDays:       camp.RetentionDays,
		RetentionEnd:        retentionEnd(lang, camp),
		Codes:               camp.Access != vigie.AccessLink,
		Portfolio:           portfolio,
		URL:                 s.respondentURL(c, camp),
		NoticeURL:           s.respondentURL(c, camp) + "/notice" + noticeLangQuery(lang),
		GeneratedAt:         s.now(),
	}, nil
}

// respondNotice shows the information notice, linked from the welcome page.
func (s *Server) respondNotice(c *gin.Context) {
	n, err := s.notice(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	s.render(c, http.StatusOK, "notice", &noticePage{Slug: c.Param("slug"), Title: n.Title, Sections: n.Sections()})
}

// respondNoticePDF serves the same notice as a PDF to print.
func (s *Server) respondNoticePDF(c *gin.Context) {
	n, err := s.notice(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	var buf bytes.Buffer
	if err := reports.NoticePDF(&buf, n); err != nil {
		s.htmlError(c, err)
		return
	}
	name := "notice-information.pdf"
	if n.Lang == "en" {
		name = "information-notice.pdf"
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("Content-Length", strconv.Itoa(buf.Len()))
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}

// noticeLangQuery keeps the notice's language in its QR code's address:
// the poster in English opens the English page, the French one the
// French page whatever the phone's language.
func noticeLangQuery(lang string) string { return "?lang=" + lang }
