package vigie

import (
	"errors"
	"fmt"
)

// Error codes of domain errors. Each maps to one HTTP status in web/error.go.
const (
	EINVALID      = "invalid"      // the input is wrong: 400
	EUNAUTHORIZED = "unauthorized" // not logged in: 401
	EFORBIDDEN    = "forbidden"    // logged in but not allowed, or a bad access code: 403
	ENOTFOUND     = "not_found"    // 404
	ECONFLICT     = "conflict"     // state does not allow it (code used, campaign closed): 409
	ETOOLARGE     = "too_large"    // body or file over its limit: 413
	ERATELIMIT    = "rate_limited" // too many attempts: 429
	EUNAVAILABLE  = "unavailable"  // the database cannot be reached or its disk is full: 503, try again later
	EINTERNAL     = "internal"     // everything else: 500, message not shown
)

// Error is a domain error: Code says what kind of failure it is, Message is
// plain text safe to show to the user (in French unless the page is English).
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("vigie error: code=%s message=%s", e.Code, e.Message)
}

// Errorf builds a domain error with a formatted user-facing message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first domain error in err's chain,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first domain error in
// err's chain, or a generic message for internal errors (whose detail must
// be logged, never shown).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Une erreur interne est survenue."
}
