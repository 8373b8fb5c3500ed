package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// The portfolio page lets a consultant run the portfolio reference
// (docs/scoring.md section 7, docs/guide-consultant.md): turn it on, set
// its minimum, include or leave out each campaign, see what freezing
// would publish, freeze a version, and list the frozen ones.

// portfolioPage is the data of the portfolio page.
type portfolioPage struct {
	Nav       adminNav
	Settings  *store.PortfolioSettings
	Plan      *store.PortfolioPlan
	Versions  []*store.PortfolioVersion
	Campaigns []portfolioCampaign
	Error     string
	Notice    string
	Minimum   string // the minimum field, kept when refused
}

// portfolioCampaign is one campaign and whether it feeds the portfolio.
type portfolioCampaign struct {
	ID, Title, Organisation string
	Closed, Included        bool
}

// adminPortfolio shows the portfolio page.
func (s *Server) adminPortfolio(c *gin.Context) {
	s.renderPortfolio(c, http.StatusOK, &portfolioPage{})
}

// renderPortfolio fills in p and shows it.
func (s *Server) renderPortfolio(c *gin.Context, status int, p *portfolioPage) {
	ctx := c.Request.Context()
	p.Nav = nav(c)
	var err error
	if p.Settings, err = s.store.PortfolioSettings(ctx); err != nil {
		s.htmlError(c, err)
		return
	}
	if p.Minimum == "" {
		p.Minimum = strconv.Itoa(p.Settings.MinOrganisations)
	}
	if p.Plan, err = s.store.PlanPortfolio(ctx, s.now()); err != nil {
		s.htmlError(c, err)
		return
	}
	if p.Versions, err = s.store.PortfolioVersions(ctx); err != nil {
		s.htmlError(c, err)
		return
	}
	camps, err := s.store.Campaigns(ctx)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	for _, cp := range camps {
		in, err := s.store.CampaignInPortfolio(ctx, cp.ID)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		p.Campaigns = append(p.Campaigns, portfolioCampaign{ID: cp.ID, Title: cp.Title, Organisation: cp.Organisation,
			Closed: cp.State == vigie.StateClosed, Included: in})
	}
	s.render(c, status, "admin_portfolio", p)
}

// adminPortfolioSettings turns the portfolio on or off and sets its
// minimum; a minimum under 5 is refused on the page, the input kept.
func (s *Server) adminPortfolioSettings(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	p := &portfolioPage{Minimum: c.PostForm("minimum")}
	n, err := strconv.Atoi(p.Minimum)
	if err != nil {
		p.Error = "Le nombre minimal d'organisations doit être un nombre entier (au moins 5)."
		s.renderPortfolio(c, http.StatusBadRequest, p)
		return
	}
	settings := store.PortfolioSettings{Enabled: c.PostForm("enabled") == "1", MinOrganisations: n}
	if err := s.store.SetPortfolioSettings(c.Request.Context(), settings); vigie.ErrorCode(err) == vigie.EINVALID {
		p.Error = vigie.ErrorMessage(err)
		s.renderPortfolio(c, http.StatusBadRequest, p)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	action := "portfolio.off"
	if settings.Enabled {
		action = "portfolio.on"
	}
	s.audit(c, action, "", "minimum "+p.Minimum)
	s.renderPortfolio(c, http.StatusOK, &portfolioPage{Notice: "Réglages du portefeuille enregistrés."})
}

// adminPortfolioCampaign includes a campaign in the portfolio or leaves
// it out.
func (s *Server) adminPortfolioCampaign(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	in := c.PostForm("included") == "1"
	if err := s.store.SetCampaignInPortfolio(c.Request.Context(), c.Param("id"), in); err != nil {
		s.htmlError(c, err)
		return
	}
	action, notice := "portfolio.exclude", "Campagne exclue du portefeuille : les versions déjà figées ne changent pas ; la prochaine l'écartera dès qu'elle le pourra sans l'isoler."
	if in {
		action, notice = "portfolio.include", "Campagne incluse dans le portefeuille."
	}
	s.audit(c, action, c.Param("id"), "")
	s.renderPortfolio(c, http.StatusOK, &portfolioPage{Notice: notice})
}

// adminPortfolioFreeze freezes a new version; a refusal (not due, too few
// organisations) is shown on the page.
func (s *Server) adminPortfolioFreeze(c *gin.Context) {
	v, err := s.store.FreezePortfolio(c.Request.Context(), s.now())
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		s.renderPortfolio(c, http.StatusConflict, &portfolioPage{Error: vigie.ErrorMessage(err)})
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "portfolio.freeze", "", v.Label)
	s.renderPortfolio(c, http.StatusOK, &portfolioPage{Notice: "Version " + v.Label + " figée : " + strconv.Itoa(v.Organisations) + " organisations, " + strconv.Itoa(v.Measures()) + " mesures."})
}
