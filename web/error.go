package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
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
	case vigie.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// classify returns the status and the message safe to show for err; an
// internal error is logged here (once) and shown as a generic message in
// the page's language. A database out of reach or a full disk (the
// drivers' errors, store.Outage) is no internal error: 503, with what
// happened in words, and Retry-After, so that a person, a client or a
// load balancer knows to try again later; its detail is logged too.
func (s *Server) classify(c *gin.Context, err error) (int, string) {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		err = errTooLarge
	}
	lang := langOf(c)
	if outage := store.Outage(err); outage != nil {
		s.logger.Error("database unavailable", "route", c.FullPath(), "error", err.Error())
		c.Header("Retry-After", retryAfter)
		if key, ok := uncertainKey(err); ok {
			return http.StatusServiceUnavailable, tr(lang, key)
		}
		err = outage
	}
	code := vigie.ErrorCode(err)
	status := errorStatus(code)
	if status == http.StatusInternalServerError {
		s.logger.Error("internal error", "route", c.FullPath(), "error", err.Error())
		if key, ok := uncertainKey(err); ok {
			return status, tr(lang, key)
		}
		return status, tr(lang, "error.internal")
	}
	for e, key := range translatedErrors {
		if errors.Is(err, e) {
			return status, tr(lang, key)
		}
	}
	return status, vigie.ErrorMessage(err)
}

// retryAfter is the Retry-After of an outage's 503, in seconds.
const retryAfter = "60"

// A submission that failed for a reason other than the answers or the
// code (an outage, an internal error) may have been recorded all the
// same: the commit may have reached the database and its acknowledgement
// been lost. The handlers wrap such errors with one of these, and the
// message says so, and what to do.
var (
	errSubmitUncertain    = errors.New("web: the submission may have been recorded")
	errSubmitUncertainAPI = errors.New("web: the submission sent to the API may have been recorded")
)

// uncertainKey returns the message of a submission whose outcome is
// unknown, if err is one.
func uncertainKey(err error) (string, bool) {
	switch {
	case errors.Is(err, errSubmitUncertain):
		return "error.submit.uncertain", true
	case errors.Is(err, errSubmitUncertainAPI):
		return "api.submit.uncertain", true
	}
	return "", false
}

// translatedErrors are the web layer's own errors, shown in the page's
// language (the store's messages are in French).
var translatedErrors = map[error]string{
	errTooLarge:          "error.toolarge",
	errNotFound:          "error.notfound",
	errNotYetOpen:        "error.notyetopen",
	errClosed:            "error.closed",
	errAlreadySubmitted:  "error.already",
	errTooManyAttempts:   "code.toomany",
	errBusy:              "error.busy",
	errRecordedAfter:     "error.recorded.after",
	store.ErrUnavailable: "error.unavailable",
	store.ErrFull:        "error.full",
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
