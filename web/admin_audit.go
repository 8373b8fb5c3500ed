package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// auditPage is the data of the audit log page.
type auditPage struct {
	Nav      adminNav
	Campaign string
	Entries  []vigie.AuditEntry
}

// adminAudit shows the latest entries of the audit log, all of them or
// those of one campaign (?campaign=ID).
func (s *Server) adminAudit(c *gin.Context) {
	p := &auditPage{Nav: nav(c), Campaign: c.Query("campaign")}
	var err error
	if p.Entries, err = s.store.AuditLog(c.Request.Context(), 500, p.Campaign); err != nil {
		s.htmlError(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_audit", p)
}
