package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// TestCompactionAfterCrash: the mark "written since the last compaction"
// used to live in memory only, so a crash between a write and its
// compaction left the order of that write in the files until the next
// write. The database now says it at start: a store opened after a crash
// compacts once; after a clean close it does not.
func TestCompactionAfterCrash(t *testing.T) {
	ctx := context.Background()
	// writeThenClose writes a submission into db, with no compaction
	// before close (the idle delay is an hour), and closes with close.
	writeThenClose := func(t *testing.T, db string, close func(*store.Store) error) {
		t.Helper()
		s, err := store.OpenWithCompactDelay(db, time.Hour)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		c := MustOpenCampaign(t, s, nil)
		code := MustGenerateCodes(t, s, c.ID, 2)[0]
		if err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
		if err := close(s); err != nil {
			t.Fatalf("close: %v", err)
		}
	}
	// reopen opens db compacting 20 ms after the last write, and returns
	// how many compactions it did within wait.
	reopen := func(t *testing.T, db string, wait time.Duration) int64 {
		t.Helper()
		s, err := store.OpenWithCompactDelay(db, 20*time.Millisecond)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		defer s.Close()
		deadline := time.Now().Add(wait)
		for store.Compactions(s) == 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		return store.Compactions(s)
	}
	t.Run("CompactsAfterCrash", func(t *testing.T) {
		db := storetest.DB(t)
		writeThenClose(t, db, store.CloseAsCrash)
		if n := reopen(t, db, 20*time.Second); n == 0 {
			t.Fatal("no compaction within 20 s of a start after a crash, want one")
		}
	})
	t.Run("NoneAfterCleanClose", func(t *testing.T) {
		db := storetest.DB(t)
		writeThenClose(t, db, (*store.Store).Close)
		if n := reopen(t, db, 500*time.Millisecond); n != 0 {
			t.Fatalf("%d compactions at a start after a clean close, want none", n)
		}
	})
	t.Run("NoneAfterCompactionAtStart", func(t *testing.T) {
		db := storetest.DB(t)
		writeThenClose(t, db, store.CloseAsCrash)
		reopen(t, db, 20*time.Second) // compacts, then closes cleanly
		if n := reopen(t, db, 500*time.Millisecond); n != 0 {
			t.Fatalf("%d compactions at the second start after a crash, want none", n)
		}
	})
}
