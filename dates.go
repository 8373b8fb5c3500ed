package vigie

import (
	"regexp"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Paris, even on a host without zoneinfo
)

// People read dates in words and times in their own zone: « 7 décembre
// 2026 », « semaine du 7 décembre 2026 », « 8 décembre 2026 à 6 h 02 »,
// never "2026-12-07", "2026-W50" or UTC. These helpers are the one place
// that writes them, for the web pages and the store's messages.

// Paris is the zone times are shown in by default.
var Paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic("vigie: Europe/Paris: " + err.Error()) // embedded by time/tzdata: cannot happen
	}
	return loc
}()

var frenchMonthNames = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// LongDate writes a day in words: « 1er février 2028 », "1 February 2028".
func LongDate(lang string, t time.Time) string {
	return DayMonth(lang, t) + " " + strconv.Itoa(t.Year())
}

// DayMonth writes a day without its year: « 1er février », "1 February".
func DayMonth(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format("2 January")
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + " " + frenchMonthNames[t.Month()-1]
}

// DayWords writes a "YYYY-MM-DD" day in words (LongDate); the input
// itself when it is not a day.
func DayWords(lang, day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return LongDate(lang, t)
}

var isoWeekPattern = regexp.MustCompile(`^(\d{4})-W(\d{2})$`)

// WeekMonday returns the Monday of an ISO week ("2026-W50"), false when
// w is not one.
func WeekMonday(w string) (time.Time, bool) {
	m := isoWeekPattern.FindStringSubmatch(w)
	if m == nil {
		return time.Time{}, false
	}
	year, _ := strconv.Atoi(m[1])
	week, _ := strconv.Atoi(m[2])
	// 4 January is always in week 1.
	jan4 := time.Date(year, time.January, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(week-1))
	if y, wk := monday.ISOWeek(); week < 1 || y != year || wk != week {
		return time.Time{}, false
	}
	return monday, true
}

// WeekWords writes an ISO week as the week of its Monday: « semaine du
// 7 décembre 2026 », "week of 7 December 2026"; the input itself when it
// is not a week.
func WeekWords(lang, w string) string {
	monday, ok := WeekMonday(w)
	if !ok {
		return w
	}
	if lang == "en" {
		return "week of " + LongDate(lang, monday)
	}
	return "semaine du " + LongDate(lang, monday)
}

// TimeWords writes an instant in loc (Paris when nil), in words: « 8
// décembre 2026 à 6 h 02 », "8 December 2026 at 06:02".
func TimeWords(lang string, t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = Paris
	}
	t = t.In(loc)
	if lang == "en" {
		return LongDate(lang, t) + " at " + t.Format("15:04")
	}
	return LongDate(lang, t) + " à " + strconv.Itoa(t.Hour()) + " h " + t.Format("04")
}
