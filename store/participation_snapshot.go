package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Paris, even on a host without zoneinfo

	"github.com/vigie-sante/vigie"
)

// Participation without timing (issue 19).
//
// Read live, an open campaign's participation moved by one at each
// submission: polled after each one, it dated every answer, and, unit by
// unit, told who had just answered. While a campaign is open it publishes
// instead the respondents per unit counted at the first read of each
// calendar day in Paris, stored in participation_snapshots so that every
// instance and restart agree: the figures change at most once a day,
// whatever the number of reads. The snapshot holds counts per unit and
// the day, nothing per person and no finer time; it is deleted at closing,
// when the final figures are published.
//
// Why a daily snapshot rather than counts rounded down to steps of k:
// rounded counts still move at the very submission that crosses a step,
// and so still date it and name its unit (a unit of 4 flips to 5 when its
// fifth member answers); a snapshot moves once a day, for every unit at
// once, and says at most on which day some members of a unit answered.

// paris is the time zone of the snapshot's calendar day.
var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic("store: Europe/Paris: " + err.Error()) // embedded by time/tzdata: cannot happen
	}
	return loc
}()

// parisDay is the calendar day of t in Paris ("2027-02-02"): the day of
// an open campaign's participation snapshot.
func parisDay(t time.Time) string {
	return t.In(paris).Format(time.DateOnly)
}

// participationSnapshot returns the respondents per unit an open campaign
// publishes on now's day, and the day they were counted: the snapshot of
// the day, taken now if there is none yet (or only an older one). ok is
// false, with no snapshot taken, when the campaign is not open (any more):
// its figures are then the final ones.
func (s *Store) participationSnapshot(ctx context.Context, campaignID string, now time.Time) (counts map[string]int, day string, ok bool, err error) {
	today := parisDay(now)
	// Most reads find today's snapshot: a plain read, no write lock.
	err = s.view(ctx, func(tx *sql.Tx) error {
		counts, day, ok, err = readSnapshot(ctx, tx, campaignID, today)
		return err
	})
	if err != nil || !ok || counts != nil {
		return counts, day, ok, err
	}
	// The first read of the day counts, in one write transaction that
	// checks again: two instances reading at once take one snapshot
	// (SQLite has one writer; PostgreSQL's serialisable transactions make
	// the second one retry and find the first one's).
	err = s.updateUncompacted(ctx, func(tx *sql.Tx) error {
		counts, day, ok, err = readSnapshot(ctx, tx, campaignID, today)
		if err != nil || !ok || counts != nil {
			return err
		}
		if counts, err = respondentsPerUnit(ctx, tx, campaignID); err != nil {
			return err
		}
		day = today
		_, err = tx.ExecContext(ctx, `INSERT INTO participation_snapshots (campaign_id, day, counts) VALUES (?, ?, ?)
			ON CONFLICT (campaign_id) DO UPDATE SET day = excluded.day, counts = excluded.counts`,
			campaignID, day, mustJSON(counts))
		if err != nil {
			return fmt.Errorf("store: participation snapshot of %s: %w", campaignID, err)
		}
		return nil
	})
	return counts, day, ok, err
}

// readSnapshot reads an open campaign's snapshot when it is of today or
// later (a later day is another instance's clock running ahead: it stands,
// so that the figures never go back and forth); counts is nil when a new
// one is due. ok is false when the campaign is not open.
func readSnapshot(ctx context.Context, tx *sql.Tx, campaignID, today string) (counts map[string]int, day string, ok bool, err error) {
	var state vigie.CampaignState
	err = tx.QueryRowContext(ctx, `SELECT state FROM campaigns WHERE id = ?`, campaignID).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", false, errCampaignNotFound
	} else if err != nil {
		return nil, "", false, fmt.Errorf("store: participation snapshot of %s: %w", campaignID, err)
	}
	if state != vigie.StateOpen {
		return nil, "", false, nil
	}
	var raw string
	err = tx.QueryRowContext(ctx, `SELECT day, counts FROM participation_snapshots WHERE campaign_id = ?`, campaignID).Scan(&day, &raw)
	if errors.Is(err, sql.ErrNoRows) || err == nil && day < today {
		return nil, "", true, nil
	} else if err != nil {
		return nil, "", true, fmt.Errorf("store: participation snapshot of %s: %w", campaignID, err)
	}
	counts = map[string]int{}
	if err := json.Unmarshal([]byte(raw), &counts); err != nil {
		return nil, "", true, fmt.Errorf("store: participation snapshot of %s: %w", campaignID, err)
	}
	return counts, day, true, nil
}

// respondentsPerUnit counts a campaign's responses per unit path joined
// by "/" ("" for those who gave no unit), as scoring's participation
// takes them.
func respondentsPerUnit(ctx context.Context, db queryer, campaignID string) (map[string]int, error) {
	out := map[string]int{}
	err := eachRow(ctx, db, `SELECT unit, count(*) FROM responses WHERE campaign_id = ? GROUP BY unit`,
		[]any{campaignID}, func(rows *sql.Rows) error {
			var unit string
			var n int
			if err := rows.Scan(&unit, &n); err != nil {
				return err
			}
			out[unit] = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: count responses per unit of %s: %w", campaignID, err)
	}
	return out, nil
}
