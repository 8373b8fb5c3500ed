package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// TestPostgresHeapRevealsNoOrder plays the operator who reads PostgreSQL's
// tables with their system columns: ctid (where a row sits in the heap)
// and xmin (the transaction that wrote it). Before compaction they give
// the order of submissions and link each spent code to its response (the
// canary: the attack works); after it, every row carries one transaction
// id and the heap follows the random keys.
func TestPostgresHeapRevealsNoOrder(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("PostgreSQL heap: the SQLite pass has its own page-layout attacks (anonymity_test.go)")
	}
	ctx := context.Background()
	s, err := store.OpenWithCompactDelay(storetest.DB(t), time.Hour) // compact on demand only
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 30)
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	answers := sixtyAnswers(qs)
	var order []string // response ids in submission order
	for _, code := range codes {
		r := &vigie.Response{Unit: []string{"Direction A", "Service 1"}, Answers: answers}
		if err := s.SubmitResponse(ctx, c.ID, code, r, now); err != nil {
			t.Fatal(err)
		}
		order = append(order, r.ID)
	}
	db := rawDB(t, s.Path())

	heap := func() (ids []string, xmins map[string]bool, linked int) {
		t.Helper()
		xmins = map[string]bool{}
		rows, err := db.Query(`SELECT id, xmin::text FROM responses WHERE campaign_id = ? ORDER BY ctid`, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, x string
			if err := rows.Scan(&id, &x); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
			xmins[x] = true
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		// A spent code whose row was written by the transaction of a
		// response: the link between the two.
		err = db.QueryRow(`SELECT count(*) FROM codes k JOIN responses r
			ON k.xmin = r.xmin AND k.campaign_id = r.campaign_id
			WHERE k.campaign_id = ? AND k.used = 1`, c.ID).Scan(&linked)
		if err != nil {
			t.Fatal(err)
		}
		return ids, xmins, linked
	}

	ids, xmins, linked := heap()
	if !slices.Equal(ids, order) || len(xmins) < len(codes)/2 || linked == 0 {
		t.Fatalf("canary: before compaction the heap should give the order (%v) with many transaction ids (%d) and links (%d): the attack is broken, not the defence",
			slices.Equal(ids, order), len(xmins), linked)
	}

	if err := store.Compact(ctx, s); err != nil {
		t.Fatal(err)
	}
	ids, xmins, _ = heap()
	if len(xmins) != 1 {
		t.Errorf("after compaction responses carry %d transaction ids, want 1", len(xmins))
	}
	if !slices.IsSorted(ids) {
		t.Errorf("after compaction the heap is not in random-id order")
	}
	var codeXmins int
	if err := db.QueryRow(`SELECT count(DISTINCT xmin::text) FROM codes WHERE campaign_id = ?`, c.ID).Scan(&codeXmins); err != nil {
		t.Fatal(err)
	}
	if codeXmins != 1 {
		t.Errorf("after compaction codes carry %d transaction ids, want 1", codeXmins)
	}
}

// TestPostgresCompactionSharedByInstances: two instances on one database
// each compact after their own writes; one whose writes all came before
// the other's compaction began leaves it at that (its rows are rewritten
// already), and one that wrote since compacts.
func TestPostgresCompactionSharedByInstances(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("several instances share a PostgreSQL database only")
	}
	ctx := context.Background()
	db := storetest.DB(t)
	open := func() *store.Store {
		s, err := store.OpenWithCompactDelay(db, time.Hour) // compact on demand only
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	spec := testSpec()
	spec.Access = vigie.AccessLink
	c := MustOpenCampaign(t, b, spec)
	submit := func(s *store.Store) {
		t.Helper()
		if err := s.SubmitResponse(ctx, c.ID, "", &vigie.Response{Unit: []string{"Direction A", "Service 1"}}, now); err != nil {
			t.Fatal(err)
		}
	}
	submit(b)
	time.Sleep(1100 * time.Millisecond) // past the clock margin
	if err := store.Compact(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := store.Compact(ctx, b); err != nil {
		t.Fatal(err)
	}
	if n := store.SkippedCompactions(b); n != 1 {
		t.Fatalf("b compacted again rows a had just rewritten (skipped %d, want 1)", n)
	}
	submit(b)
	if err := store.Compact(ctx, b); err != nil {
		t.Fatal(err)
	}
	if n := store.SkippedCompactions(b); n != 1 {
		t.Fatalf("b skipped its compaction after writing since a's (skipped %d, want still 1)", n)
	}
	var xmins int
	if err := rawDB(t, b.Path()).QueryRow(`SELECT count(DISTINCT xmin::text) FROM responses`).Scan(&xmins); err != nil {
		t.Fatal(err)
	}
	if xmins != 1 {
		t.Fatalf("after b's compaction responses carry %d transaction ids, want 1", xmins)
	}
}
