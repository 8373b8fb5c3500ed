package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// duerpPage is the "Document unique" page of a campaign: today's rows,
// the frozen versions; for consultants, the measures of each row and the
// button that freezes a version.
type duerpPage struct {
	Nav      adminNav
	C        *vigie.Campaign
	Pending  string
	D        *dossier.DUERP
	Rows     []duerpRow
	Versions []vigie.DUERPVersion
	Deleted  bool // the campaign was deleted: only its versions remain
	Method   []string
	Error    string
}

// duerpRow is a row as the page shows it: the dimensions that assess the
// family (or what would, when the survey does not measure it), and the
// signals to discuss, which never count in the exposure.
type duerpRow struct {
	dossier.DUERPRow
	DimensionsText, SignalsText, ActionsText string
	Error                                    string // a refused change of its measures
}

// adminDUERP shows the DUERP page.
// For a deleted campaign (a tombstone) it lists the frozen versions
// only: the law keeps them 40 years after the campaign is gone.
func (s *Server) adminDUERP(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if vigie.ErrorCode(err) == vigie.ENOTFOUND {
		s.deletedDUERP(c, err)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	s.renderDUERP(c, http.StatusOK, camp, nil, "")
}

// deletedDUERP shows the versions of a deleted campaign, or answers
// notFound when the campaign is not a tombstone either.
func (s *Server) deletedDUERP(c *gin.Context, notFound error) {
	ctx := c.Request.Context()
	camp, err := s.store.Tombstone(ctx, c.Param("id"))
	if vigie.ErrorCode(err) == vigie.ENOTFOUND {
		s.htmlError(c, notFound)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	p := &duerpPage{Nav: nav(c), C: camp, Deleted: true}
	if p.Versions, err = s.store.DUERPVersions(ctx, camp.ID); err != nil {
		s.htmlError(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_duerp", p)
}

// renderDUERP renders the page; refused is a row whose measures were
// refused, shown with msg and the text as typed.
func (s *Server) renderDUERP(c *gin.Context, status int, camp *vigie.Campaign, refused *dossier.DUERPRow, msg string) {
	p := &duerpPage{Nav: nav(c), C: camp}
	if err := store.ResultsAvailable(camp); err != nil {
		p.Pending = vigie.ErrorMessage(err)
		s.render(c, status, "admin_duerp", p)
		return
	}
	ctx := c.Request.Context()
	d, err := s.store.DUERP(ctx, camp.ID, s.now())
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if p.Versions, err = s.store.DUERPVersions(ctx, camp.ID); err != nil {
		s.htmlError(c, err)
		return
	}
	p.D, p.Method = d, reports.DUERPMethod(d.MinGroupSize)
	for _, r := range d.Rows {
		row := duerpRow{DUERPRow: r, DimensionsText: reports.RowDimensionsText(r, d.MinGroupSize),
			SignalsText: reports.DimensionsText(r.Signals, d.MinGroupSize), ActionsText: reports.ActionsText(r.Actions)}
		if refused != nil && refused.Unit == r.Unit && refused.RiskFamily == r.RiskFamily {
			row.Measures, row.Error = refused.Measures, msg
		}
		p.Rows = append(p.Rows, row)
	}
	if refused != nil && !d.HasRow(dossier.DUERPKey{Unit: refused.Unit, RiskFamily: refused.RiskFamily}) {
		p.Error = msg
	}
	s.render(c, status, "admin_duerp", p)
}

// adminDUERPMeasures stores the measures of one row from its form.
func (s *Server) adminDUERPMeasures(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	row := &dossier.DUERPRow{Unit: c.PostForm("unit"), RiskFamily: c.PostForm("risk_family"), Measures: c.PostForm("measures")}
	err := s.setMeasures(c, row.Unit, row.RiskFamily, row.Measures)
	switch {
	case vigie.ErrorCode(err) == vigie.EINVALID:
		s.renderDUERP(c, http.StatusBadRequest, camp, row, vigie.ErrorMessage(err))
	case err != nil:
		s.htmlError(c, err)
	default:
		c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/duerp")
	}
}

// adminDUERPFreeze freezes today's DUERP into a new version.
func (s *Server) adminDUERPFreeze(c *gin.Context) {
	if _, err := s.freezeDUERP(c); err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+c.Param("id")+"/duerp#versions")
}

// adminDUERPXLSX and adminDUERPVersionXLSX are the page's downloads.
func (s *Server) adminDUERPXLSX(c *gin.Context)        { s.duerpDownload(c, duerpXLSX, s.htmlError) }
func (s *Server) adminDUERPPDF(c *gin.Context)         { s.duerpDownload(c, duerpPDF, s.htmlError) }
func (s *Server) adminDUERPVersionXLSX(c *gin.Context) { s.duerpVersionDownload(c, s.htmlError) }
