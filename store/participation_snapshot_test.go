package store_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// paris is where a snapshot's calendar day is counted.
var paris, _ = time.LoadLocation("Europe/Paris")

// linkSpec is testSpec in link mode: answers need no code.
func linkSpec() *vigie.CampaignSpec {
	spec := testSpec()
	spec.Access = vigie.AccessLink
	return spec
}

// submitIn stores n responses of validResponse's answers from unit (a
// path joined by "/"), with answers to the questionnaires in only when
// it is not nil.
func submitIn(tb testing.TB, s *store.Store, campaignID, unit string, n int, only []string) {
	tb.Helper()
	for range n {
		r := validResponse()
		r.Unit = strings.Split(unit, "/")
		if only != nil {
			for qid := range r.Answers {
				if !slices.Contains(only, qid) {
					delete(r.Answers, qid)
				}
			}
		}
		if err := s.SubmitResponse(context.Background(), campaignID, "", r, now); err != nil {
			tb.Fatalf("SubmitResponse: %v", err)
		}
	}
}

// mustParticipation reads the participation of c as published at t.
func mustParticipation(tb testing.TB, s *store.Store, campaignID string, t time.Time) *store.CampaignParticipation {
	tb.Helper()
	c, err := s.Campaign(context.Background(), campaignID)
	if err != nil {
		tb.Fatalf("Campaign: %v", err)
	}
	cp, err := s.ParticipationHidden(context.Background(), c, t)
	if err != nil {
		tb.Fatalf("ParticipationHidden: %v", err)
	}
	return cp
}

// respondentsOf is the published count of unit in cp, -1 when hidden.
func respondentsOf(cp *store.CampaignParticipation, unit string) int {
	for _, r := range cp.Units {
		if strings.Join(r.Path, "/") == unit && r.Respondents != nil {
			return *r.Respondents
		}
	}
	return -1
}

// While a campaign is open, its participation changes at most once per
// calendar day in Paris, whatever is submitted and however often it is
// read, the same through a restart; the next day's first read counts
// again; the closing publishes the final figures (issue 19).
func TestParticipationOncePerDay(t *testing.T) {
	db := storetest.DB(t)
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	c := MustOpenCampaign(t, s, linkSpec())
	submitIn(t, s, c.ID, "Direction A/Service 1", 6, nil)
	submitIn(t, s, c.ID, "Direction B", 6, nil)

	morning := time.Date(2027, 2, 2, 9, 0, 0, 0, paris)
	first := mustParticipation(t, s, c.ID, morning)
	if first.Day != "2027-02-02" || respondentsOf(first, "Direction B") != 6 {
		t.Fatalf("first read: day %q, Direction B %d; want 2027-02-02 and 6", first.Day, respondentsOf(first, "Direction B"))
	}

	submitIn(t, s, c.ID, "Direction B", 5, nil)
	submitIn(t, s, c.ID, "Direction A/Service 2", 1, nil)
	// 23:30 UTC is already the next day in Paris: 22:59 UTC is not.
	lastMinute := time.Date(2027, 2, 2, 22, 59, 0, 0, time.UTC)
	if got := mustParticipation(t, s, c.ID, lastMinute); !reflect.DeepEqual(got, first) {
		t.Errorf("same day, after 6 submissions: %+v, want %+v", got, first)
	}
	// A restart (or another instance) publishes the same figures.
	s.Close()
	if s, err = store.Open(db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if got := mustParticipation(t, s, c.ID, lastMinute); !reflect.DeepEqual(got, first) {
		t.Errorf("same day, after a restart: %+v, want %+v", got, first)
	}

	nextDay := time.Date(2027, 2, 2, 23, 30, 0, 0, time.UTC)
	next := mustParticipation(t, s, c.ID, nextDay)
	if next.Day != "2027-02-03" || respondentsOf(next, "Direction B") != 11 {
		t.Errorf("next day: day %q, Direction B %d; want 2027-02-03 and 11", next.Day, respondentsOf(next, "Direction B"))
	}
	// An instance whose clock is behind does not go back to yesterday.
	if got := mustParticipation(t, s, c.ID, lastMinute); !reflect.DeepEqual(got, next) {
		t.Errorf("read with a clock behind: %+v, want the day's %+v", got, next)
	}
	var n int
	if err := rawDB(t, s.Path()).QueryRow(`SELECT count(*) FROM participation_snapshots WHERE campaign_id = ?`, c.ID).Scan(&n); err != nil || n != 1 {
		t.Fatalf("snapshots of the open campaign = %d (%v), want 1", n, err)
	}
	if cols := tableColumns(t, s.Path(), "participation_snapshots"); !slices.Equal(cols, []string{"campaign_id", "day", "counts"}) {
		t.Errorf("participation_snapshots columns = %v: it holds a day and counts per unit, nothing more", cols)
	}

	submitIn(t, s, c.ID, "Direction B", 1, nil)
	if err := s.CloseCampaign(context.Background(), c.ID, now); err != nil {
		t.Fatal(err)
	}
	final := mustParticipation(t, s, c.ID, nextDay)
	if final.Day != "" || respondentsOf(final, "Direction B") != 12 {
		t.Errorf("closed: day %q, Direction B %d; want the final 12", final.Day, respondentsOf(final, "Direction B"))
	}
	if err := rawDB(t, s.Path()).QueryRow(`SELECT count(*) FROM participation_snapshots`).Scan(&n); err != nil || n != 0 {
		t.Errorf("snapshots left after closing = %d (%v), want 0", n, err)
	}
}

// The units an open campaign hides depend on the participation counts
// alone: not on which questionnaires the latest respondent answered.
// Here the fifth respondent of Service 1 skips reconnaissance: that
// questionnaire's results would hide Service 1 (4 < k), and a pattern
// drawn from them would flip the unit to hidden when that person
// answers.
func TestOpenParticipationIgnoresQuestionnaires(t *testing.T) {
	s := MustOpenStore(t)
	read := func(skip bool) *store.CampaignParticipation {
		c := MustOpenCampaign(t, s, linkSpec())
		submitIn(t, s, c.ID, "Direction A/Service 1", 4, nil)
		submitIn(t, s, c.ID, "Direction A/Service 2", 6, nil)
		submitIn(t, s, c.ID, "Direction B", 10, nil)
		var only []string
		if skip {
			only = []string{"sens-du-travail"}
		}
		submitIn(t, s, c.ID, "Direction A/Service 1", 1, only)
		return mustParticipation(t, s, c.ID, now)
	}
	all, skipped := read(false), read(true)
	if respondentsOf(all, "Direction A/Service 1") != 5 {
		t.Fatalf("Service 1 = %d, want 5 published: %+v", respondentsOf(all, "Direction A/Service 1"), all)
	}
	if !reflect.DeepEqual(all.Units, skipped.Units) || !reflect.DeepEqual(all.Hidden, skipped.Hidden) {
		t.Errorf("participation depends on the questionnaires answered:\n%+v\n%+v", all, skipped)
	}
}
