package store_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// closedCampaign opens a store compacting after a short delay, with a
// closed campaign that holds a few responses.
func closedCampaign(t *testing.T) (*store.Store, *vigie.Campaign) {
	t.Helper()
	ctx := context.Background()
	s, err := store.OpenWithCompactDelay(storetest.DB(t), 20*time.Millisecond)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	c := MustOpenCampaign(t, s, nil)
	for _, code := range MustGenerateCodes(t, s, c.ID, 3) {
		if err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	return s, c
}

// waitRewritten waits until the erasure's rewrite has finished, with no
// failure left. It compacts itself every half second besides the
// compactor: on PostgreSQL a rewrite that met an older transaction
// (errCompactAgain) must run again, and while the other packages' tests
// hold transactions on the same cluster the compactor's backoff would
// space its retries by tens of seconds. The deadline is a liveness
// bound, not a speed target.
func waitRewritten(t *testing.T, s *store.Store) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	next := time.Now().Add(500 * time.Millisecond)
	for st := s.Compaction(); st.ErasurePending || st.Failures > 0; st = s.Compaction() {
		if time.Now().After(deadline) {
			t.Fatalf("Compaction() = %+v 2 min after the fault ended, want the erasure rewritten and no failure", st)
		}
		if time.Now().After(next) {
			_ = store.Compact(context.Background(), s) // errCompactAgain: try again
			next = time.Now().Add(500 * time.Millisecond)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestErasureStandsWhenRewriteFails: with the disk too full for the
// rewrite, an archive or a deletion used to commit its erasure, then
// answer an error (500 "réessayez"), and a retry said 409 "déjà archivée"
// or 404. Once the erasure has committed it is a success; the pending
// rewrite shows in Compaction, and the compactor does it once it can.
func TestErasureStandsWhenRewriteFails(t *testing.T) {
	full := sqlite3.Error{Code: sqlite3.ErrFull}
	ctx := context.Background()
	t.Run("Archive", func(t *testing.T) {
		s, c := closedCampaign(t)
		restore := store.FailRewrites(s, full)
		if err := s.ArchiveCampaign(ctx, c.ID, now); err != nil {
			t.Fatalf("ArchiveCampaign with the rewrite failing: %v, want nil (the erasure has committed)", err)
		}
		got, err := s.Campaign(ctx, c.ID)
		if err != nil || !got.Archived() {
			t.Fatalf("campaign after archiving: archived %v, %v; want archived", got != nil && got.Archived(), err)
		}
		if n, err := s.ResponseCount(ctx, c.ID); err != nil || n != 0 {
			t.Fatalf("ResponseCount = %d, %v; want 0 (erased)", n, err)
		}
		st := s.Compaction()
		if !st.ErasurePending || st.Failures == 0 || store.Outage(st.Err) != store.ErrFull {
			t.Fatalf("Compaction() = %+v, want the erasure pending after a failure on a full disk", st)
		}
		restore()
		waitRewritten(t, s)
	})
	t.Run("Delete", func(t *testing.T) {
		s, c := closedCampaign(t)
		restore := store.FailRewrites(s, full)
		if _, err := s.DeleteCampaign(ctx, c.ID, c.Title, now); err != nil {
			t.Fatalf("DeleteCampaign with the rewrite failing: %v, want nil (the deletion has committed)", err)
		}
		if _, err := s.Campaign(ctx, c.ID); vigie.ErrorCode(err) != vigie.ENOTFOUND {
			t.Fatalf("Campaign after deletion: %v, want ENOTFOUND", err)
		}
		if st := s.Compaction(); !st.ErasurePending || st.Failures == 0 {
			t.Fatalf("Compaction() = %+v, want the erasure pending after a failure", st)
		}
		restore()
		waitRewritten(t, s)
	})
	t.Run("BackgroundFailureReported", func(t *testing.T) {
		s, _ := closedCampaign(t)
		waitCompactedOnce(t, s)
		restore := store.FailRewrites(s, full)
		// An ordinary write: its compaction fails, with no erasure at stake.
		MustGenerateCodes(t, s, MustOpenCampaign(t, s, nil).ID, 1)
		deadline := time.Now().Add(2 * time.Minute)
		for s.Compaction().Failures == 0 {
			if time.Now().After(deadline) {
				t.Fatal("no failed compaction reported within 2 min")
			}
			time.Sleep(10 * time.Millisecond)
		}
		if st := s.Compaction(); st.ErasurePending {
			t.Fatalf("Compaction() = %+v, want no erasure pending (none happened)", st)
		}
		restore()
		waitRewritten(t, s)
	})
}

// waitCompactedOnce waits until nothing written is left uncompacted.
func waitCompactedOnce(t *testing.T, s *store.Store) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !store.Compacted(s) {
		if time.Now().After(deadline) {
			t.Fatal("no compaction within 20 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestErasureRefusedWithoutRoom: an archive or a deletion checks first
// that the disk can hold the rewrite that must follow it (about the size
// of the file in its folder and in SQLite's temporary folder), and is
// refused, with nothing erased, naming what is needed and what is there.
func TestErasureRefusedWithoutRoom(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("PostgreSQL: the disk is the database server's, which Vigie cannot measure")
	}
	ctx := context.Background()
	s, c := closedCampaign(t)
	restore := store.SetFreeSpace(10_000)
	defer restore()
	check := func(t *testing.T, err error) {
		t.Helper()
		wantCode(t, err, vigie.EUNAVAILABLE)
		msg := vigie.ErrorMessage(err)
		for _, want := range []string{"Espace disque insuffisant", "disponibles : 10\u00a0ko", "Rien n'a été effacé"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q does not say %q", msg, want)
			}
		}
		if n, err := s.ResponseCount(ctx, c.ID); err != nil || n != 3 {
			t.Fatalf("ResponseCount = %d, %v; want 3 (nothing erased)", n, err)
		}
	}
	t.Run("Archive", func(t *testing.T) { check(t, s.ArchiveCampaign(ctx, c.ID, now)) })
	t.Run("Delete", func(t *testing.T) {
		_, err := s.DeleteCampaign(ctx, c.ID, c.Title, now)
		check(t, err)
	})
	t.Run("EnoughRoom", func(t *testing.T) {
		restore()
		defer store.SetFreeSpace(1 << 40)()
		if err := s.ArchiveCampaign(ctx, c.ID, now); err != nil {
			t.Fatalf("ArchiveCampaign with room: %v", err)
		}
	})
}

// TestOutage: the drivers' errors for a full disk and for a database out
// of reach are told apart from every other error, however wrapped.
func TestOutage(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("store: submit: %w", err) }
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"SQLiteFull", sqlite3.Error{Code: sqlite3.ErrFull}, store.ErrFull},
		{"SQLiteBusy", sqlite3.Error{Code: sqlite3.ErrBusy}, store.ErrUnavailable},
		{"SQLiteConstraint", sqlite3.Error{Code: sqlite3.ErrConstraint}, nil},
		{"PostgresDiskFull", &pgconn.PgError{Code: "53100"}, store.ErrFull},
		{"PostgresAdminShutdown", &pgconn.PgError{Code: "57P01"}, store.ErrUnavailable},
		{"PostgresConnectionFailure", &pgconn.PgError{Code: "08006"}, store.ErrUnavailable},
		{"PostgresTooManyConnections", &pgconn.PgError{Code: "53300"}, store.ErrUnavailable},
		{"PostgresUniqueViolation", &pgconn.PgError{Code: "23505"}, nil},
		{"ConnectionRefused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, store.ErrUnavailable},
		{"BadConn", driver.ErrBadConn, store.ErrUnavailable},
		{"Other", errors.New("boom"), nil},
		{"Deadline", context.DeadlineExceeded, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := store.Outage(wrap(tc.err)); got != tc.want {
				t.Fatalf("Outage(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
