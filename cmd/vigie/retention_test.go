package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
)

func TestArchiveDueLogsIDs(t *testing.T) {
	ctx := context.Background()
	st := openTestStore(t, filepath.Join(t.TempDir(), "vigie.db"))
	spec := &vigie.CampaignSpec{Title: "Baromètre", Organisation: "SSR", Questionnaires: []string{"reconnaissance"}, RetentionDays: 10}
	c, err := st.CreateCampaign(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	closed := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC) // a Monday
	if err := st.OpenCampaign(ctx, c.ID, closed); err != nil {
		t.Fatal(err)
	}
	if err := st.CloseCampaign(ctx, c.ID, closed); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))

	if ids := archiveDue(ctx, st, logger, closed.AddDate(0, 0, 9)); len(ids) != 0 {
		t.Fatalf("archived %v on day 9 of 10", ids)
	}
	ids := archiveDue(ctx, st, logger, closed.AddDate(0, 0, 10))
	if len(ids) != 1 || ids[0] != c.ID {
		t.Fatalf("archived %v on day 10, want [%s]", ids, c.ID)
	}
	if !strings.Contains(logs.String(), c.ID) || strings.Contains(logs.String(), "Baromètre") {
		t.Fatalf("log %q: want the id, never the title", logs.String())
	}
	entries, err := st.AuditLog(ctx, 10, c.ID)
	if err != nil || len(entries) == 0 || entries[0].Action != "campaign.archive" {
		t.Fatalf("audit log = %+v, %v; want campaign.archive", entries, err)
	}
	if ids := archiveDue(ctx, st, logger, closed.AddDate(0, 0, 11)); len(ids) != 0 {
		t.Fatalf("archived %v again the next day", ids)
	}
}
