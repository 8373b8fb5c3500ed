package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestAmendCampaign(t *testing.T) {
	ctx := context.Background()
	today := now.Format("2006-01-02")
	tomorrow := now.AddDate(0, 0, 1).Format("2006-01-02")
	yesterday := now.AddDate(0, 0, -1).Format("2006-01-02")

	t.Run("AllowedFields", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, nil)
		a := store.AmendmentOf(c)
		a.Title = "Baromètre 2027 (corrigé)"
		a.Purpose = map[string]string{"fr": "Mieux comprendre."}
		a.DPOContact = "dpo@client.fr"
		a.EndDate = tomorrow
		a.AddUnits = []vigie.UnitSpec{{Path: []string{"Direction A", "Service 3"}, Headcount: 4}}
		got, changes, err := s.AmendCampaign(ctx, c.ID, a, now)
		if err != nil {
			t.Fatalf("AmendCampaign: %v", err)
		}
		fields := map[string]store.Change{}
		for _, ch := range changes {
			fields[ch.Field] = ch
		}
		if ch := fields["title"]; ch.Old != "Baromètre 2027" || ch.New != a.Title {
			t.Errorf("title change = %+v", ch)
		}
		for _, f := range []string{"purpose.fr", "dpo_contact", "end_date", "units"} {
			if _, ok := fields[f]; !ok {
				t.Errorf("changes %+v: want one for %s", changes, f)
			}
		}
		if len(changes) != 5 {
			t.Errorf("changes = %+v, want 5", changes)
		}
		read, err := s.Campaign(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if read.Title != a.Title || read.EndDate != tomorrow || read.DPOContact != "dpo@client.fr" || read.Purpose["fr"] != "Mieux comprendre." {
			t.Errorf("campaign after amendment = %+v", read)
		}
		if !read.HasUnit([]string{"Direction A", "Service 3"}) || got.State != vigie.StateOpen {
			t.Errorf("units %+v state %s: want Service 3 added, still open", read.Units, got.State)
		}
		for _, u := range read.Units {
			if strings.Join(u.Path, "/") == "Direction A/Service 1" && u.Headcount != 12 {
				t.Errorf("Service 1 headcount = %d, want 12 kept", u.Headcount)
			}
		}
		// A code can now fix the new unit.
		if _, err := s.GenerateCodes(ctx, c.ID, 1, []string{"Direction A", "Service 3"}); err != nil {
			t.Errorf("code for the new unit: %v", err)
		}
	})
	t.Run("NothingChanged", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, nil)
		_, changes, err := s.AmendCampaign(ctx, c.ID, store.AmendmentOf(c), now)
		if err != nil || len(changes) != 0 {
			t.Errorf("AmendCampaign unchanged = %+v, %v; want no change", changes, err)
		}
	})
	t.Run("EndDate", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, nil)
		for _, tc := range []struct {
			end  string
			code string
		}{{today, ""}, {tomorrow, ""}, {"", ""}, {yesterday, vigie.EINVALID}, {"2027-13-01", vigie.EINVALID}} {
			a := store.AmendmentOf(c)
			a.EndDate = tc.end
			_, _, err := s.AmendCampaign(ctx, c.ID, a, now)
			if got := vigie.ErrorCode(err); got != tc.code {
				t.Errorf("end date %q: error code %q (%v), want %q", tc.end, got, err, tc.code)
			}
		}
	})
	t.Run("ErrUnitUnderAnsweredUnit", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, nil)
		a := store.AmendmentOf(c)
		a.AddUnits = []vigie.UnitSpec{{Path: []string{"Direction B", "Équipe 1"}}}
		_, _, err := s.AmendCampaign(ctx, c.ID, a, now)
		wantCode(t, err, vigie.ECONFLICT)
	})
	t.Run("ErrDuplicateUnit", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, nil)
		a := store.AmendmentOf(c)
		a.AddUnits = []vigie.UnitSpec{{Path: []string{"Direction B"}, Headcount: 3}}
		if _, _, err := s.AmendCampaign(ctx, c.ID, a, now); err == nil {
			t.Fatal("a unit already there, with another headcount, was accepted")
		}
	})
	t.Run("ErrInvalidTitle", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, nil)
		a := store.AmendmentOf(c)
		a.Title = " "
		_, _, err := s.AmendCampaign(ctx, c.ID, a, now)
		wantCode(t, err, vigie.EINVALID)
	})
	t.Run("ErrDraftOrClosed", func(t *testing.T) {
		s := MustOpenStore(t)
		draft := MustCreateCampaign(t, s, nil)
		_, _, err := s.AmendCampaign(ctx, draft.ID, store.AmendmentOf(draft), now)
		wantCode(t, err, vigie.ECONFLICT)
		open := MustOpenCampaign(t, s, nil)
		if err := s.CloseCampaign(ctx, open.ID, now); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.AmendCampaign(ctx, open.ID, store.AmendmentOf(open), now)
		wantCode(t, err, vigie.ECONFLICT)
	})
	t.Run("LockedReasons", func(t *testing.T) {
		for _, key := range []string{"questionnaires", "units", "segments", "min_group_size", "access", "organisation"} {
			if store.LockedReason(key) == "" {
				t.Errorf("LockedReason(%q) is empty", key)
			}
		}
		if store.LockedReason("title") != "" {
			t.Error("the title is said locked")
		}
	})
}
