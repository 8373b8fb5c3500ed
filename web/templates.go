package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

//go:embed templates
var templateFS embed.FS

// parseTemplates parses the layout, the shared partials
// (templates/partials/*.html, if any) and each page
// (templates/<page>.html) into one template set per page, so that every
// page can define its own "content" and "title".
func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"static":     s.static.url,
		"join":       strings.Join,
		"paragraphs": paragraphs, // a text split at its blank lines
		"add":        func(a, b int) int { return a + b },
		"plural":     plural, // "0 code créé", "2 codes créés"
		"dateFR":     func(d string) string { return dateWords(d, "fr") },
		"weekFR":     func(w string) string { return weekWords(w, "fr") }, // « semaine du 7 décembre 2026 »
		"roleName":   roleLabel,                                           // "consultant", "lecteur", "saisie"
		// resultsPending says why a campaign has no results or reports
		// yet, "" once it has (closed): the rule is store's.
		"resultsPending": func(c *vigie.Campaign) string { return vigie.ErrorMessage(store.ResultsAvailable(c)) },
		// actionForm gives the action form partial its page, values,
		// target and a prefix for its ids (several forms share a page).
		"actionForm": func(p *actionsPage, f actionForm, action, prefix string) actionFormView {
			return actionFormView{Page: p, F: f, Action: action, P: prefix}
		},
		"seq": func(min, max int) []int {
			var v []int
			for i := min; i <= max; i++ {
				v = append(v, i)
			}
			return v
		},
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(templateFS, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	m := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" {
			continue
		}
		files := append([]string{"templates/layout.html"}, partials...)
		files = append(files, p)
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, files...)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		m[name] = t
	}
	return m, nil
}

// view is what every page template receives: the language, the
// translation helper T, and the page's own data in Page.
type view struct {
	Lang     string
	Langs    []langLink
	Page     any
	Progress *progress // set on the steps of the answering path
}

// T translates key into the page's language (see i18n.go).
func (v *view) T(key string, args ...any) string { return tr(v.Lang, key, args...) }

// TN translates a message that counts n, in the singular or plural form
// of the page's language (see trn).
func (v *view) TN(key string, n int, args ...any) string { return trn(v.Lang, key, n, args...) }

// Num writes n with the page language's thousands separator ("2 000").
func (v *view) Num(n int) string { return grouped(v.Lang, n) }

// langLink is one entry of the language switch.
type langLink struct {
	Code, Label, URL string
	Current          bool
}

// render executes page with data and writes it with status. The page is
// rendered in memory first so that a template error becomes a clean 500.
func (s *Server) render(c *gin.Context, status int, page string, data any) {
	s.renderStep(c, status, page, data, nil)
}

// renderStep is render for a step of the answering path, with its progress.
func (s *Server) renderStep(c *gin.Context, status int, page string, data any, p *progress) {
	v := &view{Lang: langOf(c), Page: data, Progress: p}
	langs, _ := c.Get(ctxLangs)
	offered, _ := langs.([]string)
	if offered == nil {
		offered = languages
	}
	if len(offered) > 1 {
		for _, l := range offered {
			v.Langs = append(v.Langs, langLink{
				Code: l, Label: tr(l, "lang.name"), URL: c.Request.URL.Path + "?lang=" + l,
				Current: l == v.Lang,
			})
		}
	}
	t, ok := s.pages[page]
	if !ok {
		s.logger.Error("unknown page template", "page", page)
		c.String(http.StatusInternalServerError, "Erreur interne")
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		s.logger.Error("render template", "page", page, "error", err.Error())
		c.String(http.StatusInternalServerError, "Erreur interne")
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// notFound renders the 404 page (JSON under /api/).
func (s *Server) notFound(c *gin.Context) {
	s.abort(c, errNotFound)
}
