package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// errorStatus is the one place where a domain error code becomes an HTTP
// status; HTML pages and JSON answers both go through it.
func errorStatus(code string) int {
	switch code {
	case vigie.EINVALID:
		return http.StatusBadRequest
	case vigie.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case vigie.EFORBIDDEN:
		return http.StatusForbidden
	case vigie.ENOTFOUND:
		return http.StatusNotFound
	case vigie.ECONFLICT:
		return http.StatusConflict
	case vigie.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case vigie.ERATELIMIT:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// classify returns the status and the message safe to show for err; an
// internal error is logged here (once) and shown as a generic message in
// the page's language.
func (s *Server) classify(c *gin.Context, err error) (int, string) {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		err = errTooLarge
	}
	code := vigie.ErrorCode(err)
	status := errorStatus(code)
	if status == http.StatusInternalServerError {
		s.logger.Error("internal error", "route", c.FullPath(), "error", err.Error())
		return status, tr(langOf(c), "error.internal")
	}
	for e, key := range translatedErrors {
		if errors.Is(err, e) {
			return status, tr(langOf(c), key)
		}
	}
	return status, vigie.ErrorMessage(err)
}

// translatedErrors are the web layer's own errors, shown in the page's
// language (the store's messages are in French).
var translatedErrors = map[error]string{
	errTooLarge:         "error.toolarge",
	errNotFound:         "error.notfound",
	errNotYetOpen:       "error.notyetopen",
	errClosed:           "error.closed",
	errAlreadySubmitted: "error.already",
	errTooManyAttempts:  "code.toomany",
	errBusy:             "error.busy",
}

// errTooLarge is what a body over the size limit becomes.
var errTooLarge = vigie.Errorf(vigie.ETOOLARGE, "La requête est trop volumineuse.")

// jsonError answers {"error": message} with the status of err.
func (s *Server) jsonError(c *gin.Context, err error) {
	status, msg := s.classify(c, err)
	c.AbortWithStatusJSON(status, gin.H{"error": msg})
}

// htmlError renders the error page with the status of err.
func (s *Server) htmlError(c *gin.Context, err error) {
	status, msg := s.classify(c, err)
	s.render(c, status, "error", &errorPage{Message: msg})
	c.Abort()
}

// errorPage is the data of the error page.
type errorPage struct {
	Message string
	Detail  string // a second sentence, e.g. a campaign's end date
	Back    string // a link to go back to, if any
}

// errNotFound is the answer for an address that serves nothing.
var errNotFound = vigie.Errorf(vigie.ENOTFOUND, "Cette page n'existe pas.")

// parseForm reads a posted form; a body over the limit becomes a 413 and
// any other failure a 400.
func parseForm(c *gin.Context) error {
	err := c.Request.ParseForm()
	var maxErr *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &maxErr):
		return errTooLarge
	default:
		return vigie.Errorf(vigie.EINVALID, "Le formulaire envoyé est illisible.")
	}
}
