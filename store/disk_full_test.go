package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// TestDiskFull fills a real disk under a SQLite database (a tmpfs). A
// submission fails with the driver's SQLITE_FULL, which Outage tells
// (503 on the web), and writes nothing. With less free space than the
// file, an archive is refused before erasing anything, naming the room
// needed and available. When the check is fooled and the VACUUM fails
// for real after the erasure has committed, the archive is a success
// with its rewrite pending, and the rewrite is done once space is back.
func TestDiskFull(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("fills the disk under a SQLite file")
	}
	ctx := context.Background()
	dir := storetest.SmallDisk(t, 8<<20)
	path := filepath.Join(dir, "vigie.db")
	s, err := store.OpenWithCompactDelay(path, 20*time.Millisecond)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	// Bulk that stays (codes of another campaign), so that the file is
	// much larger than what archiving erases.
	MustGenerateCodes(t, s, MustOpenCampaign(t, s, nil).ID, 10000)
	archived := MustOpenCampaign(t, s, nil)
	for _, code := range MustGenerateCodes(t, s, archived.ID, 3) {
		if err := s.SubmitResponse(ctx, archived.ID, code, validResponse(), now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	if err := s.CloseCampaign(ctx, archived.ID, now); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	open := MustOpenCampaign(t, s, nil)
	code := MustGenerateCodes(t, s, open.ID, 1)[0]
	waitCompactedOnce(t, s)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	size := info.Size()

	f := storetest.FillDisk(t, dir)
	t.Run("SubmissionFails", func(t *testing.T) {
		err := s.SubmitResponse(ctx, open.ID, code, validResponse(), now)
		if store.Outage(err) != store.ErrFull {
			t.Fatalf("SubmitResponse on a full disk: %v, want an error Outage tells as ErrFull", err)
		}
		if n, err := s.ResponseCount(ctx, open.ID); err != nil || n != 0 {
			t.Fatalf("ResponseCount = %d, %v; want 0", n, err)
		}
	})

	f.Leave(size / 2)
	t.Run("ArchiveRefused", func(t *testing.T) {
		err := s.ArchiveCampaign(ctx, archived.ID, now)
		wantCode(t, err, vigie.EUNAVAILABLE)
		if msg := vigie.ErrorMessage(err); !strings.Contains(msg, "sur le disque de "+dir) || !strings.Contains(msg, "disponibles") {
			t.Errorf("message %q does not name the folder %s and the space available", msg, dir)
		}
		if n, err := s.ResponseCount(ctx, archived.ID); err != nil || n != 3 {
			t.Fatalf("ResponseCount = %d, %v; want 3 (nothing erased)", n, err)
		}
	})

	t.Run("RewriteFailsAfterErasure", func(t *testing.T) {
		restore := store.SetFreeSpace(1 << 40) // the check fooled
		defer restore()
		if err := s.ArchiveCampaign(ctx, archived.ID, now); err != nil {
			t.Fatalf("ArchiveCampaign: %v, want nil: the erasure commits, only the rewrite lacks room", err)
		}
		st := s.Compaction()
		if !st.ErasurePending || store.Outage(st.Err) != store.ErrFull {
			t.Fatalf("Compaction() = %+v, want the erasure pending after the VACUUM failed on the full disk", st)
		}
		if n, err := s.ResponseCount(ctx, archived.ID); err != nil || n != 0 {
			t.Fatalf("ResponseCount = %d, %v; want 0 (erased)", n, err)
		}
		f.Free()
		waitRewritten(t, s)
	})
}
