package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestAudit(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2027, 2, 2, 15, 37, 12, 987654321, time.FixedZone("CET", 3600))
	defer store.SetClock(func() time.Time { return at })()
	s := MustOpenStore(t)

	for _, e := range [][4]string{
		{"cli", "user.add", "alice@example.fr", "consultant"},
		{"alice@example.fr", "campaign.open", "c_one", ""},
		{"alice@example.fr", "codes.generate", "c_two", "50 codes"},
		{"alice@example.fr", "campaign.close", "c_one", ""},
	} {
		if err := s.Audit(ctx, e[0], e[1], e[2], e[3]); err != nil {
			t.Fatalf("Audit: %v", err)
		}
	}
	all, err := s.AuditLog(ctx, 0, "")
	if err != nil || len(all) != 4 {
		t.Fatalf("AuditLog = %d entries, %v; want 4", len(all), err)
	}
	want := vigie.AuditEntry{ID: all[0].ID, At: time.Date(2027, 2, 2, 14, 37, 12, 0, time.UTC),
		Actor: "alice@example.fr", Action: "campaign.close", Target: "c_one"}
	if all[0] != want {
		t.Fatalf("newest entry = %+v, want %+v (UTC, to the second)", all[0], want)
	}
	if all[3].Action != "user.add" || all[3].Detail != "consultant" {
		t.Fatalf("oldest entry = %+v, want the user.add", all[3])
	}
	t.Run("ByCampaign", func(t *testing.T) {
		got, err := s.AuditLog(ctx, 10, "c_one")
		if err != nil || len(got) != 2 || got[0].Action != "campaign.close" || got[1].Action != "campaign.open" {
			t.Fatalf("AuditLog(c_one) = %+v, %v", got, err)
		}
	})
	t.Run("Limit", func(t *testing.T) {
		got, err := s.AuditLog(ctx, 3, "")
		if err != nil || len(got) != 3 || got[0].Action != "campaign.close" {
			t.Fatalf("AuditLog(limit 3) = %+v, %v", got, err)
		}
		for i := range store.MaxAuditLimit + 1 {
			if err := s.Audit(ctx, "cli", "test", fmt.Sprint(i), ""); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := s.AuditLog(ctx, 1<<20, ""); len(got) != store.MaxAuditLimit {
			t.Fatalf("AuditLog(huge) = %d entries, want %d", len(got), store.MaxAuditLimit)
		}
	})
}
