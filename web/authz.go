package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// access is what a route requires of the person calling it. routes.go
// declares one for every route; authorize enforces it, in this one place.
type access int

// The access levels, from the most open.
const (
	undeclared     access = iota // a route nobody declared: refused
	public                       // anyone; the back-office session is not even read
	guest                        // anyone, with the back-office session loaded (login)
	signedIn                     // any account, consultant or viewer
	consultant                   // consultants only
	campaignReader               // consultants, and viewers granted the campaign :id
	campaignEntry                // consultants, and data-entry accounts granted the campaign :id
)

// String names the level as routes.go and the tests do.
func (a access) String() string {
	switch a {
	case public:
		return "public"
	case guest:
		return "guest"
	case signedIn:
		return "signedIn"
	case consultant:
		return "consultant"
	case campaignReader:
		return "campaignReader"
	case campaignEntry:
		return "campaignEntry"
	}
	return "undeclared"
}

// RouteAccess is one route of the server with the access it requires.
type RouteAccess struct {
	Method string
	Path   string // gin pattern, e.g. /admin/campaigns/:id
	Access string // public, guest, signedIn, consultant, campaignReader, campaignEntry or undeclared
}

// Routes lists every route of the server with its declared access, so a
// test can walk the whole surface and find a route nobody declared.
func (s *Server) Routes() []RouteAccess {
	var out []RouteAccess
	for _, r := range s.engine.Routes() {
		out = append(out, RouteAccess{Method: r.Method, Path: r.Path, Access: s.accessOf(r.Method, r.Path).String()})
	}
	slices.SortFunc(out, func(a, b RouteAccess) int {
		return strings.Compare(a.Path+" "+a.Method, b.Path+" "+b.Method)
	})
	return out
}

// handle registers a route on g and records the access it requires.
func (s *Server) handle(g *gin.RouterGroup, a access, method, relPath string, h ...gin.HandlerFunc) {
	full := strings.TrimRight(g.BasePath(), "/") + relPath
	if full == "" {
		full = "/"
	}
	s.admin.mu.Lock()
	s.admin.access[method+" "+full] = a
	s.admin.mu.Unlock()
	g.Handle(method, relPath, h...)
}

// declare records the access of a route registered elsewhere.
func (s *Server) declare(a access, method, pattern string) {
	s.admin.mu.Lock()
	defer s.admin.mu.Unlock()
	s.admin.access[method+" "+pattern] = a
}

// declareTree gives access a to the route pattern prefix and every route
// below it, for the groups whose routes are all alike (the employee's
// answering path, the assets).
func (s *Server) declareTree(a access, prefixes ...string) {
	s.admin.mu.Lock()
	defer s.admin.mu.Unlock()
	for _, p := range prefixes {
		s.admin.prefix[p] = a
	}
}

// accessOf returns the access declared for a route pattern.
func (s *Server) accessOf(method, pattern string) access {
	s.admin.mu.RLock()
	defer s.admin.mu.RUnlock()
	if a, ok := s.admin.access[method+" "+pattern]; ok {
		return a
	}
	for p, a := range s.admin.prefix {
		if pattern == p || strings.HasPrefix(pattern, p+"/") {
			return a
		}
	}
	return undeclared
}

// Messages of refused requests.
var (
	errForbidden  = vigie.Errorf(vigie.EFORBIDDEN, "Votre compte ne donne pas accès à cette page.")
	errUndeclared = vigie.Errorf(vigie.EFORBIDDEN, "Accès refusé.")
	errAPISignIn  = vigie.Errorf(vigie.EUNAUTHORIZED, "Authentification requise : envoyez « Authorization: Bearer <jeton> ».")
	errAPIRefused = vigie.Errorf(vigie.EFORBIDDEN, "Ce compte n'a pas accès à cette ressource.")
)

// authorize is the one place where routes are checked for their access.
// Anonymous visitors of a page are sent to /login; an API call gets a 401;
// a signed-in account without the right gets a 403.
func (s *Server) authorize() gin.HandlerFunc {
	return func(c *gin.Context) {
		pattern := c.FullPath()
		if pattern == "" { // no route: NoRoute answers 404
			c.Next()
			return
		}
		a := s.accessOf(c.Request.Method, pattern)
		switch a {
		case public:
			c.Next()
			return
		case undeclared:
			s.logger.Error("route without access declaration", "method", c.Request.Method, "route", pattern)
			s.abort(c, errUndeclared)
			return
		}
		// The back office is written in French only: say so to the page
		// (lang="fr") rather than offer a switch that changes nothing.
		c.Set(ctxLang, defaultLang)
		c.Set(ctxLangs, []string{defaultLang})
		if err := s.identify(c); err != nil {
			s.refuse(c, err)
			return
		}
		user := currentUser(c)
		switch {
		case a == guest:
		case user == nil:
			s.refuse(c, nil)
			return
		case a == consultant && !user.IsConsultant():
			s.refuse(c, errForbidden)
			return
		case a == campaignReader:
			ok, err := s.canRead(c, c.Param("id"))
			if err != nil {
				s.abort(c, err)
				return
			}
			if !ok {
				s.refuse(c, errForbidden)
				return
			}
		case a == campaignEntry:
			ok, err := s.store.CanEnter(c.Request.Context(), user, c.Param("id"))
			if err != nil {
				s.abort(c, err)
				return
			}
			if !ok {
				s.refuse(c, errForbidden)
				return
			}
		}
		c.Next()
		s.finishSession(c)
	}
}

// refuse answers a request that lacks the access it needs: err nil means
// nobody is signed in.
func (s *Server) refuse(c *gin.Context, err error) {
	api := strings.HasPrefix(c.Request.URL.Path, "/api/")
	switch {
	case api && err == nil:
		s.jsonError(c, errAPISignIn)
	case api && vigie.ErrorCode(err) == vigie.EFORBIDDEN:
		s.jsonError(c, errAPIRefused)
	case api:
		s.jsonError(c, err)
	case err == nil:
		// A page: go and sign in, then come back here.
		next := c.Request.URL.Path
		if c.Request.Method != http.MethodGet {
			next = ""
		}
		target := "/login"
		if next != "" {
			target += "?next=" + url.QueryEscape(next)
		}
		c.Redirect(http.StatusSeeOther, target)
		s.finishSession(c)
		c.Abort()
	default:
		s.htmlError(c, err)
	}
}

// safeNext returns where to go after signing in: a path of this site
// only, never another site ("//evil.example", "https://..."). Browsers
// drop tabs and line breaks from a URL and read a backslash as "/", so
// "/\t/evil.example" would be "//evil.example": control characters,
// spaces and backslashes are refused anywhere in the path.
func safeNext(next string) string {
	unsafe := strings.IndexFunc(next, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '\\' }) >= 0
	if unsafe || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/admin"
	}
	return next
}
