package web

import (
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// retentionEnd is the day, in words, a campaign's raw data will be erased
// at the latest; "" while it is not closed (the day is not known) or once
// it is archived.
func retentionEnd(lang string, c *vigie.Campaign) string {
	end, ok := store.RetentionEnd(c)
	if !ok || c.Archived() {
		return ""
	}
	return longDate(lang, end)
}

// archivedOn is the day, in words, a campaign was archived; "" if not.
func archivedOn(lang string, c *vigie.Campaign) string {
	t, err := time.Parse(time.DateOnly, c.ArchivedAt)
	if err != nil {
		return ""
	}
	return longDate(lang, t)
}
