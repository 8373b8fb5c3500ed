package vigie_test

import (
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
)

func TestDates(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"Day", vigie.DayWords("fr", "2027-09-30"), "30 septembre 2027"},
		{"FirstOfMonth", vigie.DayWords("fr", "2026-11-01"), "1er novembre 2026"},
		{"DayEnglish", vigie.DayWords("en", "2026-11-01"), "1 November 2026"},
		{"NotADay", vigie.DayWords("fr", "bientôt"), "bientôt"},
		{"Week", vigie.WeekWords("fr", "2026-W50"), "semaine du 7 décembre 2026"},
		{"WeekOne", vigie.WeekWords("fr", "2026-W01"), "semaine du 29 décembre 2025"},
		{"WeekEnglish", vigie.WeekWords("en", "2026-W50"), "week of 7 December 2026"},
		{"Week53OfA52WeekYear", vigie.WeekWords("fr", "2025-W53"), "2025-W53"},
		{"Week53", vigie.WeekWords("fr", "2026-W53"), "semaine du 28 décembre 2026"},
		{"WeekZero", vigie.WeekWords("fr", "2026-W00"), "2026-W00"},
		{"WinterTime", vigie.TimeWords("fr", time.Date(2026, 12, 8, 5, 2, 0, 0, time.UTC), nil), "8 décembre 2026 à 6 h 02"},
		{"SummerTime", vigie.TimeWords("fr", time.Date(2026, 7, 1, 22, 30, 0, 0, time.UTC), nil), "2 juillet 2026 à 0 h 30"},
		{"TimeEnglish", vigie.TimeWords("en", time.Date(2026, 12, 8, 5, 2, 0, 0, time.UTC), nil), "8 December 2026 at 06:02"},
		{"OtherZone", vigie.TimeWords("fr", time.Date(2026, 12, 8, 5, 2, 0, 0, time.UTC), time.UTC), "8 décembre 2026 à 5 h 02"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
