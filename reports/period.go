package reports

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
)

// The store keeps the weeks a campaign opened and closed in, never a date
// (an exact time next to answers could single someone out). Reports show
// those weeks as a period in words, from the Monday of the opening week to
// the Sunday of the closing week: a committee reads « du 5 octobre au
// 1er novembre 2026 », not « 2026-W41 – 2026-W44 ».

// legacyPeriodRE matches the "2027-W03 – 2027-W07" a caller may still put
// in Report.Period.
var legacyPeriodRE = regexp.MustCompile(`^\s*(\d{4}-W\d{2})\s*[–-]\s*(\d{4}-W\d{2})\s*$`)

// isoWeekMonday returns the Monday of ISO week w ("2026-W41").
func isoWeekMonday(w string) (time.Time, bool) { return vigie.WeekMonday(strings.TrimSpace(w)) }

// weeks returns the opening and closing weeks of r, from its fields or
// from a legacy "2027-W03 – 2027-W07" Period.
func reportWeeks(r *dossier.Report) (opened, closed string) {
	if r.OpenedWeek != "" || r.ClosedWeek != "" {
		return r.OpenedWeek, r.ClosedWeek
	}
	if m := legacyPeriodRE.FindStringSubmatch(r.Period); m != nil {
		return m[1], m[2]
	}
	return "", ""
}

// periodText is the survey period in words, and whether it was computed
// from weeks (then the report says why it has no exact dates). Without
// weeks it is the free-text Period.
func periodText(r *dossier.Report, lang string) (string, bool) {
	opened, closed := reportWeeks(r)
	start, okStart := isoWeekMonday(opened)
	end, okEnd := isoWeekMonday(closed)
	switch {
	case okStart && okEnd:
		return periodWords(lang, start, end.AddDate(0, 0, 6)), true
	case okStart:
		return fmt.Sprintf(tr(lang, "period_from"), dateWords(lang, start)), true
	}
	return r.Period, false
}

// periodWords writes the days from first to last: « du 5 octobre au
// 1er novembre 2026 », the year once when both are in the same year;
// a single week is « semaine du 5 octobre 2026 ».
func periodWords(lang string, first, last time.Time) string {
	if last.Sub(first) < 7*24*time.Hour {
		return fmt.Sprintf(tr(lang, "period_week"), dateWords(lang, first))
	}
	from := dateWords(lang, first)
	if first.Year() == last.Year() {
		from = dayMonth(lang, first)
	}
	return fmt.Sprintf(tr(lang, "period_range"), from, dateWords(lang, last))
}

// dayMonth writes "1er novembre" / "1 November" (vigie.DayMonth).
func dayMonth(lang string, t time.Time) string { return vigie.DayMonth(lang, t) }

// dateWords writes t as "1er novembre 2026" / "1 November 2026".
func dateWords(lang string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return vigie.LongDate(lang, t)
}

// versionShown is the version to print, or "" for a development build:
// « Produit avec Vigie dev » tells a committee nothing.
func versionShown(v string) string {
	if v == "dev" || v == "(devel)" {
		return ""
	}
	return v
}
