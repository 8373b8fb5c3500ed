package web

import (
	"strconv"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// longDate writes a day in words: « 1er février 2028 », "1 February 2028".
func longDate(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + " " + frenchMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

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
