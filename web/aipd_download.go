package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/reports"
)

// aipdDownload serves a campaign's pre-filled impact assessment (AIPD) as
// a PDF, to a page (errors as an error page) or to the API (errors as
// JSON), and logs the download.
func (s *Server) aipdDownload(fail func(*gin.Context, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		camp, err := s.campaignOf(c)
		if err != nil {
			fail(c, err)
			return
		}
		p, err := s.processing(c, camp)
		if err != nil {
			fail(c, err)
			return
		}
		var buf bytes.Buffer
		if err := reports.AIPDPDF(&buf, p); err != nil {
			fail(c, err)
			return
		}
		s.audit(c, "aipd.export", camp.ID, "")
		c.Header("Content-Disposition", `attachment; filename="aipd-`+asciiSlug(camp.Title)+`.pdf"`)
		c.Header("Content-Length", strconv.Itoa(buf.Len()))
		c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	}
}
