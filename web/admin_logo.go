package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// adminLogo keeps or removes the consultant's logo drawn on the
// documents (reports, guides, notice, AIPD, record), for this campaign
// (scope=campaign) or for every campaign (scope=installation). The image
// is checked (vigie.CheckLogo: a real PNG or JPEG, size and pixel
// limits); a refusal shows the campaign page again with the reason.
func (s *Server) adminLogo(c *gin.Context) {
	if err := c.Request.ParseMultipartForm(vigie.MaxLogoBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.campaignPageRefused(c, formError(err))
		return
	}
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	scope, target := camp.ID, camp.ID
	switch c.PostForm("scope") {
	case "campaign":
	case "installation":
		scope, target = "", "installation"
	default:
		s.campaignPageRefused(c, vigie.Errorf(vigie.EINVALID, "Dites si le logo vaut pour cette campagne ou pour toutes."))
		return
	}
	if c.PostForm("delete") == "1" {
		if err := s.store.DeleteLogo(c.Request.Context(), scope); err != nil {
			s.htmlError(c, err)
			return
		}
		s.audit(c, "logo.delete", target, "")
		c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"#h-logo")
		return
	}
	data, err := readLogoUpload(c)
	if err != nil {
		s.campaignPageRefused(c, err)
		return
	}
	l, err := vigie.CheckLogo(data)
	if err != nil {
		s.campaignPageRefused(c, err)
		return
	}
	if err := s.store.SetLogo(c.Request.Context(), scope, l); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "logo.set", target, fmt.Sprintf("%s %d×%d", l.Format, l.Width, l.Height))
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"#h-logo")
}

// readLogoUpload reads the uploaded file "logo", at most one byte over
// vigie.MaxLogoBytes (CheckLogo then says it is too heavy).
func readLogoUpload(c *gin.Context) ([]byte, error) {
	fh, err := c.FormFile("logo")
	if err != nil || fh.Size == 0 {
		return nil, vigie.Errorf(vigie.EINVALID, "Choisissez le fichier du logo : une image PNG ou JPEG.")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("web: open logo upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, vigie.MaxLogoBytes+1))
	if err != nil {
		return nil, fmt.Errorf("web: read logo upload: %w", err)
	}
	return data, nil
}

// logoSize describes a logo on the campaign page: "" for none.
func logoSize(l *vigie.Logo) string {
	if l == nil {
		return ""
	}
	return fmt.Sprintf("%s, %d × %d pixels", formatLabel(l.Format), l.Width, l.Height)
}

// formatLabel names an image format as a reader knows it.
func formatLabel(format string) string {
	if format == "jpeg" {
		return "JPEG"
	}
	return "PNG"
}
