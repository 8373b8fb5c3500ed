package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
)

func TestCampaignEndDate(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	spec := testSpec()
	spec.EndDate = "2026-11-15"
	due := MustCreateCampaign(t, s, spec)
	if got, _ := s.Campaign(ctx, due.ID); got.EndDate != "2026-11-15" || got.Spec().EndDate != "2026-11-15" {
		t.Fatalf("end date = %q, want 2026-11-15", got.EndDate)
	}
	later := testSpec()
	later.EndDate = "2026-12-01"
	notYet := MustCreateCampaign(t, s, later)
	never := MustCreateCampaign(t, s, nil)
	draft := MustCreateCampaign(t, s, spec)
	opened := time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local)
	for _, c := range []*vigie.Campaign{due, notYet, never} {
		if err := s.OpenCampaign(ctx, c.ID, opened); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("LastDayStillOpen", func(t *testing.T) {
		closed, err := s.CloseDue(ctx, time.Date(2026, 11, 15, 23, 59, 0, 0, time.Local))
		if err != nil || len(closed) != 0 {
			t.Fatalf("CloseDue on the last day = %v, %v; want nothing closed", closed, err)
		}
	})
	t.Run("ClosesTheDayAfter", func(t *testing.T) {
		closed, err := s.CloseDue(ctx, time.Date(2026, 11, 16, 0, 0, 30, 0, time.Local))
		if err != nil || !slices.Equal(closed, []string{due.ID}) {
			t.Fatalf("CloseDue = %v, %v; want [%s]", closed, err, due.ID)
		}
		for id, want := range map[string]vigie.CampaignState{due.ID: vigie.StateClosed, notYet.ID: vigie.StateOpen, never.ID: vigie.StateOpen, draft.ID: vigie.StateDraft} {
			if c, _ := s.Campaign(ctx, id); c.State != want {
				t.Errorf("campaign %s is %s, want %s", id, c.State, want)
			}
		}
		if again, _ := s.CloseDue(ctx, time.Date(2026, 11, 17, 0, 0, 0, 0, time.Local)); len(again) != 0 {
			t.Errorf("CloseDue closed %v again", again)
		}
	})
	t.Run("ErrBadDate", func(t *testing.T) {
		bad := testSpec()
		bad.EndDate = "15/11/2026"
		if _, err := s.CreateCampaign(ctx, bad); vigie.ErrorCode(err) != vigie.EINVALID {
			t.Fatalf("CreateCampaign with end date 15/11/2026: %v, want EINVALID", err)
		}
	})
}
