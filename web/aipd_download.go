package web

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/reports"
)

// gdprDocument is one of a campaign's data-protection documents, rendered
// from the campaign's facts (processing).
type gdprDocument struct {
	action string // the audit log's name of the download
	file   string // the file name's prefix, before the campaign's slug
	render func(io.Writer, *reports.Processing) error
}

// The data-protection documents served by gdprDownload: the pre-filled
// impact assessment and the campaign's entry in the record of processing.
var (
	aipdDocument     = gdprDocument{"aipd.export", "aipd-", reports.AIPDPDF}
	registreDocument = gdprDocument{"registre.export", "registre-", reports.RecordPDF}
)

// gdprDownload serves a campaign's data-protection document as a PDF, to
// a page (errors as an error page) or to the API (errors as JSON), and
// logs the download.
func (s *Server) gdprDownload(doc gdprDocument, fail func(*gin.Context, error)) gin.HandlerFunc {
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
		if err := doc.render(&buf, p); err != nil {
			fail(c, err)
			return
		}
		s.audit(c, doc.action, camp.ID, "")
		c.Header("Content-Disposition", `attachment; filename="`+doc.file+asciiSlug(camp.Title)+`.pdf"`)
		c.Header("Content-Length", strconv.Itoa(buf.Len()))
		c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	}
}
