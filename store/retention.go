package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
)

// RetentionEnd returns the day a closed campaign's raw data is due for
// archiving: its retention days counted from the Monday of its closing
// week. The store keeps the closing week, not the day (docs/anonymat.md);
// counting from the week's first day means raw data is never kept longer
// than the campaign says, at worst six days less. false while the
// campaign is not closed (the day is not known yet).
func RetentionEnd(c *vigie.Campaign) (time.Time, bool) {
	if c.State != vigie.StateClosed {
		return time.Time{}, false
	}
	monday, ok := weekMonday(c.ClosedWeek)
	if !ok {
		return time.Time{}, false
	}
	return monday.AddDate(0, 0, c.RetentionDays), true
}

// weekMonday returns the Monday (UTC) of an ISO week written "2027-W05".
func weekMonday(week string) (time.Time, bool) {
	var y, w int
	if n, err := fmt.Sscanf(week, "%4d-W%2d", &y, &w); err != nil || n != 2 || w < 1 || w > 53 {
		return time.Time{}, false
	}
	// 4 January is always in week 1.
	jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, -offset+7*(w-1)), true
}

// ArchiveDue archives every closed campaign whose retention has run out at
// now (RetentionEnd) and returns the ids of those it archived. A failure
// does not stop the others: their errors are joined.
func (s *Store) ArchiveDue(ctx context.Context, now time.Time) ([]string, error) {
	list, err := s.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	var done []string
	var errs []error
	for _, c := range list {
		end, ok := RetentionEnd(c)
		if !ok || c.Archived() || now.Before(end) {
			continue
		}
		if err := s.ArchiveCampaign(ctx, c.ID, now); err != nil {
			errs = append(errs, fmt.Errorf("store: archive due campaign %s: %w", c.ID, err))
			continue
		}
		done = append(done, c.ID)
	}
	return done, errors.Join(errs...)
}

// WeekMonday returns the Monday of an ISO week written "2027-W05", for
// pages that write weeks in words; false when week is not one.
func WeekMonday(week string) (time.Time, bool) { return weekMonday(week) }
