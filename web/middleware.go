package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// requestLog logs one line per request with the method, the route pattern
// (never the path with its values, nor the query string), the status and
// the latency. No address, user agent or referrer: see doc.go. A
// respondent's request (respondentRequest) is logged only when the server
// failed (5xx): the time of a log line is exact, and a line per answering
// step would date each answer to the second.
func (s *Server) requestLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		if respondentRequest(c) && c.Writer.Status() < http.StatusInternalServerError {
			return
		}
		route := c.FullPath()
		if route == "" {
			route = "(no route)"
		}
		s.logger.Info("request",
			"method", c.Request.Method,
			"route", route,
			"status", c.Writer.Status(),
			"latency", time.Since(start).Round(time.Microsecond).String(),
		)
	}
}

// respondentRequest tells whether c is part of an employee's answering:
// any path under /r/ (routed or not) or the JSON submission of a response.
func respondentRequest(c *gin.Context) bool {
	p := c.Request.URL.Path
	return p == "/r" || strings.HasPrefix(p, "/r/") ||
		c.FullPath() == "/api/v1/campaigns/:id/responses"
}

// noStore forbids caching of every back-office page and API answer
// (results, participation, codes, accounts): neither the browser's cache
// nor a proxy may keep a copy for the next user of the machine. It is
// set before the handler runs so that error answers carry it too.
func noStore() gin.HandlerFunc {
	return func(c *gin.Context) {
		if backOfficePath(c.Request.URL.Path) {
			c.Header("Cache-Control", "no-store")
		}
		c.Next()
	}
}

// backOfficePath tells whether path belongs to the back office (pages,
// login) or the JSON API.
func backOfficePath(path string) bool {
	if strings.HasPrefix(path, "/api/") {
		return true
	}
	for _, p := range []string{"/admin", "/login", "/logout"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// recovery turns a panic into a 500 page; the panic value is logged
// without any request detail.
func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err := fmt.Errorf("web: panic in %s: %v", c.FullPath(), v)
				if strings.HasPrefix(c.Request.URL.Path, "/api/") {
					s.jsonError(c, err)
				} else {
					s.htmlError(c, err)
				}
			}
		}()
		c.Next()
	}
}

// contentSecurityPolicy allows only same-origin resources: no inline
// script or style anywhere, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every answer carries.
func securityHeaders(secure bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		c.Next()
	}
}

// bodyLimit caps request bodies at n bytes. A declared length over the
// limit is refused at once; otherwise the reader fails when it passes the
// limit and the handler reports the *http.MaxBytesError as a 413.
func (s *Server) bodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			s.abort(c, errTooLarge)
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// crossOrigin refuses state-changing requests sent by another site
// (CSRF), with net/http's CrossOriginProtection: it trusts Sec-Fetch-Site,
// then compares Origin with Host. Requests with neither header (scripts,
// kiosks using the JSON API) are allowed: they carry no ambient cookie.
func (s *Server) crossOrigin() gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := s.csrf.Check(c.Request); err != nil {
			s.abort(c, vigie.Errorf(vigie.EFORBIDDEN, "%s", tr(langOf(c), "error.crossorigin")))
			return
		}
		c.Next()
	}
}

// abort answers err as JSON under /api/ and as an HTML page elsewhere.
func (s *Server) abort(c *gin.Context, err error) {
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		s.jsonError(c, err)
	} else {
		s.htmlError(c, err)
	}
}

// language picks the page's language: ?lang=fr|en (then kept in a
// cookie), else the cookie, else French. A campaign's pages may then
// follow Accept-Language when neither was given (useCampaignLanguages);
// the back office, in French only, never does.
func (s *Server) language() gin.HandlerFunc {
	return func(c *gin.Context) {
		lang := defaultLang
		if q := c.Query("lang"); isLang(q) {
			lang = q
			c.Set(ctxLangChosen, true)
			http.SetCookie(c.Writer, &http.Cookie{
				Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
			})
		} else if ck, err := c.Request.Cookie(langCookie); err == nil && isLang(ck.Value) {
			lang = ck.Value
			c.Set(ctxLangChosen, true)
		}
		c.Set(ctxLang, lang)
		c.Next()
	}
}

// Keys of values kept in the gin context.
const (
	ctxLang  = "vigie.lang"
	ctxLangs = "vigie.langs" // languages offered on this page, when restricted
	// ctxLangChosen is set when the person chose the language (switch or
	// its cookie): that choice wins over the browser's preferences.
	ctxLangChosen = "vigie.lang.chosen"
)

// langCookie is the cookie that keeps the chosen language.
const langCookie = "vigie_lang"

// langOf returns the language of the current page.
func langOf(c *gin.Context) string {
	if l := c.GetString(ctxLang); l != "" {
		return l
	}
	return defaultLang
}
