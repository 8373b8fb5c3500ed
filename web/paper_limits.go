package web

import (
	"errors"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// enterPaper records one entry of a paper sheet, or with resolve the
// corrected entry of a sheet whose entries differed, within the limits of
// data entry (code_limits.go): a sheet number is a code, and an account
// that could try numbers freely would learn which have served online,
// hence who answered, and when. Every refusal takes a token from the
// account and from the campaign and goes to the audit log with the
// account, never the sheet; once either has none left, every entry is
// refused (429) before the sheet is even looked at, so that a 429 tells
// nothing of the sheet either. Honest entry, where refusals are rare
// typos and mismatches, never comes near the limits.
func (s *Server) enterPaper(c *gin.Context, cv *campaignView, sheet string, r *vigie.Response, resolve bool) (*store.PaperResult, error) {
	var acct string
	if u := currentUser(c); u != nil { // always, behind the route's access check
		acct = accountID(u.ID)
	}
	if !s.limits.client.Allow(acct) || !s.limits.paper.Allow(cv.ID) {
		if s.limits.notes.Take(acct) { // one line a minute is enough to see it
			s.audit(c, "paper.limited", cv.ID, "")
		}
		return nil, errPaperLimited
	}
	ctx := c.Request.Context()
	var res *store.PaperResult
	var err error
	if resolve {
		if err = s.store.ResolvePaper(ctx, cv.ID, sheet, r, s.now()); err == nil {
			res = &store.PaperResult{Status: store.PaperRecorded}
		}
	} else {
		res, err = s.store.EnterPaper(ctx, cv.ID, sheet, r, s.now())
	}
	if why := paperRefusal(res, err); why != "" {
		s.limits.client.Fail(acct)
		s.limits.paper.Fail(cv.ID)
		s.audit(c, "paper.refused", cv.ID, why)
	}
	return res, err
}

// paperRefusal says, for the audit log, what an account was told of a
// refused entry, or "" when the entry was not refused. A sheet used online
// whose second entry differs is a mismatch (store.PaperResult), here too.
func paperRefusal(res *store.PaperResult, err error) string {
	switch {
	case err == nil && res.Status == store.PaperMismatch:
		return "saisies différentes"
	case errors.Is(err, store.ErrSheetUsed):
		return "feuille déjà enregistrée"
	case errors.Is(err, store.ErrNotDisputed):
		return "correction sans saisies différentes"
	case vigie.ErrorCode(err) == vigie.ENOTFOUND:
		return "numéro inconnu, ou sans première saisie"
	}
	return ""
}
