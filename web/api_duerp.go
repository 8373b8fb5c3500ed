package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
)

// apiDUERP answers today's DUERP of a closed campaign as JSON
// (dossier.DUERP, the shape a frozen version keeps): six families per
// published unit, the dimensions that assess each, its signals.
func (s *Server) apiDUERP(c *gin.Context) {
	id := c.Param("id")
	d, err := s.store.DUERP(c.Request.Context(), id, s.now())
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "duerp.export", id, "json du "+d.Date)
	c.JSON(http.StatusOK, d)
}

// apiDUERPXLSX and apiDUERPPDF serve today's DUERP of a closed campaign,
// as the workbook or as the stand-alone PDF.
func (s *Server) apiDUERPXLSX(c *gin.Context) { s.duerpDownload(c, duerpXLSX, s.jsonError) }
func (s *Server) apiDUERPPDF(c *gin.Context)  { s.duerpDownload(c, duerpPDF, s.jsonError) }

// duerpFormat is a way to download the DUERP: the file's extension, its
// media type and how it is rendered.
type duerpFormat struct {
	ext, contentType string
	render           func(*dossier.DUERP) ([]byte, error)
}

var (
	duerpXLSX = duerpFormat{"xlsx", reportXLSX.contentType, reports.DUERPWorkbook}
	duerpPDF  = duerpFormat{"pdf", reportPDF.contentType, reports.DUERPDocument}
)

// duerpDownload renders today's DUERP in memory, then sends it: a failure
// is a proper status, never half a file.
func (s *Server) duerpDownload(c *gin.Context, f duerpFormat, fail func(*gin.Context, error)) {
	id := c.Param("id")
	d, err := s.store.DUERP(c.Request.Context(), id, s.now())
	if err != nil {
		fail(c, err)
		return
	}
	data, err := f.render(d)
	if err != nil {
		fail(c, err)
		return
	}
	s.audit(c, "duerp.export", id, f.ext+" du "+d.Date)
	sendFile(c, data, fmt.Sprintf("duerp-%s.%s", d.Date, f.ext), f.contentType)
}

// sendFile answers data as a download named name (ASCII).
func sendFile(c *gin.Context, data []byte, name, contentType string) {
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("Content-Length", strconv.Itoa(len(data)))
	c.Data(http.StatusOK, contentType, data)
}

// apiMeasuresRequest is the body of PUT .../duerp/measures.
type apiMeasuresRequest struct {
	Unit       string  `json:"unit"`
	RiskFamily string  `json:"risk_family"`
	Measures   *string `json:"measures"`
}

// apiDUERPMeasures stores the "mesures existantes" of one DUERP row.
func (s *Server) apiDUERPMeasures(c *gin.Context) {
	var req apiMeasuresRequest
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		s.jsonError(c, err)
		return
	}
	if req.Measures == nil {
		s.jsonError(c, vigie.Errorf(vigie.EINVALID, "measures : indiquez le texte des mesures existantes (\"\" pour l'effacer)."))
		return
	}
	if err := s.setMeasures(c, req.Unit, req.RiskFamily, *req.Measures); err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// setMeasures stores a row's measures and logs which row (not the text).
func (s *Server) setMeasures(c *gin.Context, unit, family, text string) error {
	id := c.Param("id")
	if err := s.store.SetDUERPMeasures(c.Request.Context(), id, unit, family, text); err != nil {
		return err
	}
	s.audit(c, "duerp.measures", id, dossier.UnitLabel(strings.TrimSpace(unit))+" – "+dossier.FamilyLabel(strings.TrimSpace(family)))
	return nil
}

// apiDUERPVersion is a frozen version as the API lists it.
type apiDUERPVersion struct {
	Number   int    `json:"number"`
	FrozenOn string `json:"frozen_on"`
	FrozenBy string `json:"frozen_by"`
	URL      string `json:"url"`
}

func toAPIVersion(v *vigie.DUERPVersion) apiDUERPVersion {
	return apiDUERPVersion{Number: v.Number, FrozenOn: v.FrozenOn, FrozenBy: v.FrozenBy,
		URL: fmt.Sprintf("/api/v1/campaigns/%s/duerp/versions/%d.xlsx", v.CampaignID, v.Number)}
}

// apiDUERPFreeze freezes today's DUERP into a new version (201).
func (s *Server) apiDUERPFreeze(c *gin.Context) {
	v, err := s.freezeDUERP(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusCreated, toAPIVersion(v))
}

// freezeDUERP freezes the DUERP of :id and logs it.
func (s *Server) freezeDUERP(c *gin.Context) (*vigie.DUERPVersion, error) {
	id := c.Param("id")
	v, err := s.store.FreezeDUERP(c.Request.Context(), id, actor(c), s.now(), reports.DUERPWorkbook)
	if err != nil {
		return nil, err
	}
	s.audit(c, "duerp.freeze", id, fmt.Sprintf("version %d du %s", v.Number, v.FrozenOn))
	return v, nil
}

// apiDUERPVersions lists the frozen versions.
func (s *Server) apiDUERPVersions(c *gin.Context) {
	list, err := s.store.DUERPVersions(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.jsonError(c, err)
		return
	}
	out := make([]apiDUERPVersion, len(list))
	for i := range list {
		out[i] = toAPIVersion(&list[i])
	}
	c.JSON(http.StatusOK, gin.H{"versions": out})
}

// apiDUERPVersionXLSX gives a frozen version back, byte for byte as it
// was handed out when frozen.
func (s *Server) apiDUERPVersionXLSX(c *gin.Context) { s.duerpVersionDownload(c, s.jsonError) }

// duerpVersionDownload serves :version ("3.xlsx") of campaign :id.
func (s *Server) duerpVersionDownload(c *gin.Context, fail func(*gin.Context, error)) {
	num, ok := strings.CutSuffix(c.Param("version"), ".xlsx")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 || strconv.Itoa(n) != num {
		fail(c, errNotFound)
		return
	}
	id := c.Param("id")
	v, _, file, err := s.store.DUERPVersion(c.Request.Context(), id, n)
	if err != nil {
		fail(c, err)
		return
	}
	s.audit(c, "duerp.export", id, fmt.Sprintf("version %d", v.Number))
	sendFile(c, file, fmt.Sprintf("duerp-version-%d-%s.xlsx", v.Number, v.FrozenOn), reportXLSX.contentType)
}
