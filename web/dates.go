package web

import (
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
)

// The back office and the employee pages write days, weeks and times in
// words and in Paris time through these wrappers of vigie's date helpers;
// the spaces are non-breaking, so a date is never split across lines.

// longDate writes a day in words: « 1er février 2028 », "1 February 2028".
func longDate(lang string, t time.Time) string { return vigie.LongDate(lang, t) }

// dateWords writes a "YYYY-MM-DD" date in words, unbreakable; the input
// itself when it is not a date.
func dateWords(date, lang string) string { return nobreak(vigie.DayWords(lang, date)) }

// weekWords writes an ISO week as « semaine du 7 décembre 2026 ».
func weekWords(week, lang string) string { return nobreak(vigie.WeekWords(lang, week)) }

// timeWords writes an instant in words in Paris time: « 8 décembre 2026
// à 6 h 02 ».
func timeWords(t time.Time, lang string) string {
	return nobreak(vigie.TimeWords(lang, t, vigie.Paris))
}

func nobreak(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
