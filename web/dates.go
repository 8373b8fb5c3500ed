package web

import (
	"strings"

	"github.com/vigie-sante/vigie/store"
)

// weekWords writes an ISO week ("2027-W03") in words: « semaine du 18
// janvier 2027 », "week of 18 January 2027"; the input itself when it is
// not a week. The date's spaces are non-breaking (dateWords). (A small formatter for the campaign list, issue 21; the
// result pages may have their own, to be merged.)
func weekWords(lang, week string) string {
	monday, ok := store.WeekMonday(week)
	if !ok {
		return week
	}
	prefix := "semaine du "
	if lang == "en" {
		prefix = "week of "
	}
	return prefix + strings.ReplaceAll(longDate(lang, monday), " ", "\u00a0")
}
