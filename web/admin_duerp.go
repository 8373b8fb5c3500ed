package web

import (
	"net/http"
	"strconv"

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
	Units    []duerpUnit // the rows, one table per unit
	Versions []vigie.DUERPVersion
	Deleted  bool // the campaign was deleted: only its versions remain
	Method   []string
	Error    string
	// Freezing: what changed since the last version (nil before the
	// first), a refused freeze's message, the version just frozen.
	Changes     []string
	Last        *vigie.DUERPVersion
	FreezeError string
	Frozen      string
	// ResultsNav links the campaign's result pages (nil for a deleted
	// campaign).
	ResultsNav *resultsNav
}

// duerpUnit is the table of one work unit's rows.
type duerpUnit struct {
	Label, Anchor string
	Rows          []duerpRow
}

// duerpRow is a row as the page shows it: the dimensions that assess the
// family (or what would, when the survey does not measure it), and the
// signals to discuss, which never count in the exposure.
type duerpRow struct {
	dossier.DUERPRow
	DimensionsText, SignalsText, ActionsText string
	Error                                    string // a refused change of its measures
	Index                                    int    // its place on the page, for its anchor "r-Index"
	Saved                                    bool   // its measures were just saved
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
	s.renderDUERP(c, http.StatusOK, camp, duerpView{saved: c.Query("saved"), frozen: c.Query("frozen")})
}

// duerpView is what a DUERP page shows besides its rows: a refused row
// (its text as typed and msg), the row just saved, a refused freeze, the
// version just frozen.
type duerpView struct {
	refused       *dossier.DUERPRow
	msg           string
	saved, frozen string
	freezeError   string
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

// renderDUERP renders the page.
func (s *Server) renderDUERP(c *gin.Context, status int, camp *vigie.Campaign, v duerpView) {
	p := &duerpPage{Nav: nav(c), C: camp, FreezeError: v.freezeError, ResultsNav: s.resultsNavOf(c, camp, "duerp")}
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
	if n := len(p.Versions); n > 0 {
		p.Last = &p.Versions[n-1]
		_, prev, _, err := s.store.DUERPVersion(ctx, camp.ID, p.Last.Number)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		p.Changes = dossier.DUERPChanges(prev, d)
		if v.frozen == strconv.Itoa(p.Last.Number) {
			p.Frozen = "Version " + v.frozen + " figée."
		}
	}
	p.D, p.Method = d, reports.DUERPMethod(d.MinGroupSize)
	refused := v.refused
	for i, r := range d.Rows {
		row := duerpRow{DUERPRow: r, DimensionsText: reports.RowDimensionsText(r, d.MinGroupSize),
			SignalsText: reports.DimensionsText(r.Signals, d.MinGroupSize), ActionsText: reports.ActionsText(r.Actions),
			Index: i, Saved: v.saved == strconv.Itoa(i)}
		if refused != nil && refused.Unit == r.Unit && refused.RiskFamily == r.RiskFamily {
			row.Measures, row.Error = refused.Measures, v.msg
		}
		p.Rows = append(p.Rows, row)
		if n := len(p.Units); n == 0 || p.Units[n-1].Label != r.UnitLabel {
			p.Units = append(p.Units, duerpUnit{Label: r.UnitLabel, Anchor: "u-" + strconv.Itoa(len(p.Units))})
		}
		p.Units[len(p.Units)-1].Rows = append(p.Units[len(p.Units)-1].Rows, row)
	}
	if refused != nil && !d.HasRow(dossier.DUERPKey{Unit: refused.Unit, RiskFamily: refused.RiskFamily}) {
		p.Error = v.msg
	}
	s.render(c, status, "admin_duerp", p)
}

// adminDUERPMeasures stores the measures of one row from its form and
// comes back to the row (its anchor), saying it was saved. The page's
// script posts the same form in the background and stays where it is.
func (s *Server) adminDUERPMeasures(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	row := &dossier.DUERPRow{Unit: c.PostForm("unit"), RiskFamily: c.PostForm("risk_family"), Measures: c.PostForm("measures")}
	err := s.setMeasures(c, row.Unit, row.RiskFamily, row.Measures)
	switch {
	case vigie.ErrorCode(err) == vigie.EINVALID:
		s.renderDUERP(c, http.StatusBadRequest, camp, duerpView{refused: row, msg: vigie.ErrorMessage(err)})
	case err != nil:
		s.htmlError(c, err)
	default:
		target := "/admin/campaigns/" + camp.ID + "/duerp"
		if i, err := strconv.Atoi(c.PostForm("row")); err == nil && i >= 0 {
			target += "?saved=" + strconv.Itoa(i) + "#r-" + strconv.Itoa(i)
		}
		c.Redirect(http.StatusSeeOther, target)
	}
}

// errFreezeUnconfirmed asks for the confirmation box of the freeze form.
const errFreezeUnconfirmed = "Rien n'a été figé : cochez la case de confirmation. Une version figée se conserve 40 ans et ne peut être ni modifiée ni supprimée."

// adminDUERPFreeze freezes today's DUERP into a new version once the
// consultant confirmed; a version identical to the previous one is
// refused (store.FreezeDUERP) with the reason on the page.
func (s *Server) adminDUERPFreeze(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	if c.PostForm("confirm") != "1" {
		s.renderDUERP(c, http.StatusBadRequest, camp, duerpView{freezeError: errFreezeUnconfirmed})
		return
	}
	v, err := s.freezeDUERP(c)
	if code := vigie.ErrorCode(err); code == vigie.ECONFLICT || code == vigie.EINVALID {
		s.renderDUERP(c, http.StatusConflict, camp, duerpView{freezeError: vigie.ErrorMessage(err)})
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/duerp?frozen="+strconv.Itoa(v.Number)+"#versions")
}

// adminDUERPXLSX and adminDUERPVersionXLSX are the page's downloads.
func (s *Server) adminDUERPXLSX(c *gin.Context)        { s.duerpDownload(c, duerpXLSX, s.htmlError) }
func (s *Server) adminDUERPPDF(c *gin.Context)         { s.duerpDownload(c, duerpPDF, s.htmlError) }
func (s *Server) adminDUERPVersionXLSX(c *gin.Context) { s.duerpVersionDownload(c, s.htmlError) }
