package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// guideDownload serves the discussion guide of one group of a closed
// campaign: ?unit=PATH (empty or absent for everyone) and ?lang=fr|en. An
// unknown unit is 404; a unit the anonymity rules do not publish is 409,
// with the reason (reports.Guide). Like reports, the file is rendered in
// memory first, then the download is logged (unit and language, never a
// figure).
func (s *Server) guideDownload(fail func(*gin.Context, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		lang := c.DefaultQuery("lang", "fr")
		if lang != "fr" && lang != "en" {
			fail(c, vigie.Errorf(vigie.EINVALID, "Langue du guide inconnue « %s » : fr ou en.", lang))
			return
		}
		camp, err := s.campaignOf(c)
		if err != nil {
			fail(c, err)
			return
		}
		unit := strings.TrimSpace(c.Query("unit"))
		if unit != "" && !camp.HasUnit(strings.Split(unit, "/")) {
			fail(c, vigie.Errorf(vigie.ENOTFOUND, "L'unité « %s » n'existe pas dans cette campagne.", vigie.Reveal(unit)))
			return
		}
		r, err := s.store.Report(c.Request.Context(), camp.ID, store.ReportOptions{
			Audience: dossier.AudienceCommittee, Lang: lang, Version: s.version, Now: s.now(),
		})
		if err != nil {
			fail(c, err)
			return
		}
		var buf bytes.Buffer
		if err := reports.Guide(&buf, r, unit); err != nil {
			fail(c, err)
			return
		}
		s.audit(c, "guide.export", camp.ID, unitOrAll(unit)+", "+lang)
		c.Header("Cache-Control", "no-store")
		c.Header("Content-Disposition", guideDisposition(camp.Title, unit, lang))
		c.Header("Content-Length", strconv.Itoa(buf.Len()))
		c.Data(http.StatusOK, "application/pdf", buf.Bytes())
	}
}

// unitOrAll names a group for the audit log.
func unitOrAll(unit string) string {
	if unit == "" {
		return "ensemble"
	}
	return unit
}

// guideDisposition names the file after the campaign and the group, as
// reportDisposition does: "guide-barometre-2027-direction-a-service-2.pdf".
func guideDisposition(title, unit, lang string) string {
	kind, group := "Guide d'échange", unit
	if lang == "en" {
		kind = "Discussion guide"
	}
	if group == "" {
		group = map[string]string{"fr": "ensemble", "en": "everyone"}[lang]
	}
	name := kind + " " + strings.TrimSpace(title) + " (" + group + ").pdf"
	ascii := "guide-" + asciiSlug(title) + "-" + asciiSlug(group) + ".pdf"
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + rfc5987Escape(name)
}
