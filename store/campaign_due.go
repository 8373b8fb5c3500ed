package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
)

// CloseDue closes every open campaign whose end date is over at now (see
// vigie.EndDue) and returns their ids. A campaign closed meanwhile by
// someone else is skipped. `vigie serve` calls it every minute; recording
// the closings in the audit log is the caller's job.
func (s *Store) CloseDue(ctx context.Context, now time.Time) ([]string, error) {
	type due struct{ id, end string }
	var open []due
	err := eachRow(ctx, s.read, `SELECT id, end_date FROM campaigns WHERE state = 'open' AND end_date != '' AND deleted_at = '' ORDER BY id`, nil,
		func(rows *sql.Rows) error {
			var d due
			err := rows.Scan(&d.id, &d.end)
			open = append(open, d)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: campaigns due: %w", err)
	}
	var closed []string
	for _, d := range open {
		if !vigie.EndDue(d.end, now) {
			continue
		}
		err := s.CloseCampaign(ctx, d.id, now)
		if vigie.ErrorCode(err) == vigie.ECONFLICT || vigie.ErrorCode(err) == vigie.ENOTFOUND {
			continue // closed or deleted in between
		} else if err != nil {
			return closed, err
		}
		closed = append(closed, d.id)
	}
	return closed, nil
}
