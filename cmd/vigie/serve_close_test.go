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

func TestServeClosesCampaignsPastTheirEndDate(t *testing.T) {
	ctx := context.Background()
	st := openTestStore(t, filepath.Join(t.TempDir(), "vigie.db"))
	c, err := st.CreateCampaign(ctx, &vigie.CampaignSpec{
		Title: "Baromètre Mairie de Trifouillis", Organisation: "Mairie de Trifouillis",
		Questionnaires: []string{"reconnaissance"}, EndDate: "2026-11-15",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.OpenCampaign(ctx, c.ID, time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))

	closeDue(ctx, st, logger, time.Date(2026, 11, 15, 18, 0, 0, 0, time.Local))
	if got, _ := st.Campaign(ctx, c.ID); got.State != vigie.StateOpen {
		t.Fatalf("closed on its last day")
	}
	closeDue(ctx, st, logger, time.Date(2026, 11, 16, 0, 1, 0, 0, time.Local))
	if got, _ := st.Campaign(ctx, c.ID); got.State != vigie.StateClosed {
		t.Fatalf("state = %s the day after its end date, want closed", got.State)
	}
	if !strings.Contains(logs.String(), c.ID) || strings.Contains(logs.String(), "Trifouillis") {
		t.Errorf("the log should name the campaign by its id only:\n%s", logs.String())
	}
	entries, err := st.AuditLog(ctx, 0, c.ID)
	if err != nil || len(entries) != 1 || entries[0].Action != "campaign.close.auto" || entries[0].Actor != serverActor {
		t.Errorf("audit log = %+v, %v; want one campaign.close.auto by %s", entries, err, serverActor)
	}
}
