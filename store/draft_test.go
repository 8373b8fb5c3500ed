package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// draftKey draws a browser's draft key.
func draftKey(tb testing.TB) []byte {
	tb.Helper()
	k := make([]byte, store.DraftKeySize)
	if _, err := rand.Read(k); err != nil {
		tb.Fatal(err)
	}
	return k
}

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 3)
	key := draftKey(t)

	if d, err := s.Draft(ctx, c.ID, codes[0], key); err != nil || d != nil {
		t.Fatalf("Draft before any save = %q, %v; want nil, nil", d, err)
	}
	for _, data := range []string{`{"step":1}`, `{"step":2}`} {
		if err := s.SaveDraft(ctx, c.ID, codes[0], key, []byte(data)); err != nil {
			t.Fatalf("SaveDraft: %v", err)
		}
	}
	lower := strings.ToLower(codes[0])
	if d, err := s.Draft(ctx, c.ID, lower, key); err != nil || string(d) != `{"step":2}` {
		t.Fatalf("Draft = %q, %v; want the last save", d, err)
	}
	if err := s.SaveDraft(ctx, c.ID, codes[1], key, []byte(`{"step":5}`)); err != nil {
		t.Fatal(err)
	}

	t.Run("DeletedOnSubmit", func(t *testing.T) {
		if err := s.SubmitResponse(ctx, c.ID, codes[0], validResponse(), now); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.DraftCount(ctx, c.ID); n != 1 {
			t.Fatalf("%d drafts after submitting one of two, want 1", n)
		}
		_, err := s.Draft(ctx, c.ID, codes[0], key)
		wantCode(t, err, vigie.ECONFLICT)
		wantCode(t, s.SaveDraft(ctx, c.ID, codes[0], key, []byte(`{}`)), vigie.ECONFLICT)
	})
	t.Run("ErrUnknownCode", func(t *testing.T) {
		wantCode(t, s.SaveDraft(ctx, c.ID, "AAAA-AAAA-AAAA", key, []byte(`{}`)), vigie.EFORBIDDEN)
		_, err := s.Draft(ctx, c.ID, "AAAA-AAAA-AAAA", key)
		wantCode(t, err, vigie.EFORBIDDEN)
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		wantCode(t, s.SaveDraft(ctx, c.ID, codes[2], key, make([]byte, store.MaxDraftSize+1)), vigie.ETOOLARGE)
	})
	t.Run("ErrNoKey", func(t *testing.T) {
		if err := s.SaveDraft(ctx, c.ID, codes[2], nil, []byte(`{}`)); err == nil {
			t.Fatal("SaveDraft without a key succeeded, want an error")
		}
	})
	t.Run("ErrDraftCampaign", func(t *testing.T) {
		draft := MustCreateCampaign(t, s, nil)
		dc := MustGenerateCodes(t, s, draft.ID, 1)
		wantCode(t, s.SaveDraft(ctx, draft.ID, dc[0], key, []byte(`{}`)), vigie.ECONFLICT)
	})
	t.Run("ErrLinkMode", func(t *testing.T) {
		spec := testSpec()
		spec.Access = vigie.AccessLink
		link := MustOpenCampaign(t, s, spec)
		wantCode(t, s.SaveDraft(ctx, link.ID, "", key, []byte(`{}`)), vigie.EINVALID)
	})
}

// TestDraftOtherKeyErased checks that a draft opens only with the key that
// sealed it: with another key, or none (another browser), the draft is not
// shown but erased, and the code can start again.
func TestDraftOtherKeyErased(t *testing.T) {
	for _, tt := range []struct {
		name string
		key  []byte
	}{
		{"OtherKey", draftKey(t)},
		{"NoKey", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := MustOpenStore(t)
			c := MustOpenCampaign(t, s, nil)
			codes := MustGenerateCodes(t, s, c.ID, 2)
			key := draftKey(t)
			for _, code := range codes {
				if err := s.SaveDraft(ctx, c.ID, code, key, []byte(`{"step":3}`)); err != nil {
					t.Fatal(err)
				}
			}
			d, err := s.Draft(ctx, c.ID, codes[0], tt.key)
			if !errors.Is(err, store.ErrDraftErased) || d != nil {
				t.Fatalf("Draft with another key = %q, %v; want nil, ErrDraftErased", d, err)
			}
			if n, _ := s.DraftCount(ctx, c.ID); n != 1 {
				t.Fatalf("%d drafts after one was erased, want 1 (the other code's)", n)
			}
			// Even the rightful key finds nothing now.
			if d, err := s.Draft(ctx, c.ID, codes[0], key); err != nil || d != nil {
				t.Fatalf("Draft after erasure = %q, %v; want nil, nil", d, err)
			}
			// The other code's draft is untouched.
			if d, err := s.Draft(ctx, c.ID, codes[1], key); err != nil || string(d) != `{"step":3}` {
				t.Fatalf("other code's Draft = %q, %v; want it kept", d, err)
			}
		})
	}
}

// TestDraftSealedAtRest reads the drafts table and the database file: the
// answers of a draft never appear in clear, and two saves of the same
// answers differ (a fresh nonce each time).
func TestDraftSealedAtRest(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	code := MustGenerateCodes(t, s, c.ID, 1)[0]
	key := draftKey(t)
	const marker = "reponse-en-cours-tres-reconnaissable"
	data := []byte(`{"comments":{"q":"` + marker + `"}}`)

	var blobs [][]byte
	for range 2 {
		if err := s.SaveDraft(ctx, c.ID, code, key, data); err != nil {
			t.Fatal(err)
		}
		var blob []byte
		if err := rawDB(t, s.Path()).QueryRow(`SELECT data FROM drafts WHERE campaign_id = ?`, c.ID).Scan(&blob); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(blob, []byte(marker)) || bytes.Contains(blob, []byte(`"comments"`)) {
			t.Fatalf("stored draft holds the answers in clear: %q", blob)
		}
		if bytes.Contains(blob, key) {
			t.Fatal("stored draft holds its key")
		}
		blobs = append(blobs, blob)
	}
	if bytes.Equal(blobs[0], blobs[1]) {
		t.Fatal("two saves of the same draft stored the same bytes: the nonce is not fresh")
	}
	if d, err := s.Draft(ctx, c.ID, code, key); err != nil || !bytes.Equal(d, data) {
		t.Fatalf("Draft = %q, %v; want the saved answers", d, err)
	}
	s.Close()
	if name, ok := filesHold(dbFiles(t, s), []byte(marker)); ok {
		t.Fatalf("draft answers in clear in the database file %s", name)
	}
}

// TestDraftsDeletedOnClose checks that closing deletes drafts and that
// their bytes are gone from the file (secure_delete).
func TestDraftsDeletedOnClose(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 20)
	key := draftKey(t)
	var sealed [][]byte
	for i, code := range codes {
		if err := s.SaveDraft(ctx, c.ID, code, key, []byte(`{"i":`+itoa(i%10)+`}`)); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := rawDB(t, s.Path()).Query(`SELECT data FROM drafts WHERE campaign_id = ?`, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		sealed = append(sealed, b)
	}
	rows.Close()
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.DraftCount(ctx, c.ID); n != 0 {
		t.Fatalf("%d drafts after closing, want 0", n)
	}
	_, err = s.Draft(ctx, c.ID, codes[0], key)
	wantCode(t, err, vigie.ECONFLICT)
	s.Close()
	files := dbFiles(t, s)
	for _, b := range sealed {
		if name, ok := filesHold(files, b[1:25]); ok { // a draft's nonce, random and distinctive
			t.Fatalf("draft bytes still in the database file %s after closing (secure_delete off, or no rewrite?)", name)
		}
	}
}

// TestMigrationErasesPlainDrafts checks that drafts written in clear by
// earlier versions (anyone with the code could read them back) are erased
// by the upgrade, and their bytes overwritten.
func TestMigrationErasesPlainDrafts(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: an upgrade from the schema of 0003, which PostgreSQL databases never had")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vigie.db")
	s, err := store.OpenWithMigrations(path, migrationsUpTo(t, 3))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Store code writes the latest schema only: the campaign and its code
	// are seeded in plain SQL, as the older Vigie left them.
	campaignID := seedOldCampaign(t, path)

	const marker = "ancien-brouillon-en-clair"
	db, err := sql.Open("sqlite3", path+"?_secure_delete=on")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO codes (campaign_id, hash) VALUES (?, x'0102030405')`, campaignID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO drafts (campaign_id, code_hash, data) SELECT campaign_id, hash, ? FROM codes`, `{"note":"`+marker+`"}`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.DraftCount(ctx, campaignID); err != nil || n != 0 {
		t.Fatalf("DraftCount after upgrade = %d, %v; want 0", n, err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(marker)) {
		t.Fatal("a plain draft is still in the database file after the upgrade")
	}
}

func TestDraftElsewhere(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 1)
	mine, other := draftKey(t), draftKey(t)
	if elsewhere, err := s.DraftElsewhere(ctx, c.ID, codes[0], other); err != nil || elsewhere {
		t.Fatalf("no draft: DraftElsewhere = %v, %v; want false", elsewhere, err)
	}
	if err := s.SaveDraft(ctx, c.ID, codes[0], mine, []byte(`{"step":3}`)); err != nil {
		t.Fatal(err)
	}
	if elsewhere, err := s.DraftElsewhere(ctx, c.ID, codes[0], mine); err != nil || elsewhere {
		t.Errorf("same browser: DraftElsewhere = %v, %v; want false", elsewhere, err)
	}
	for _, key := range [][]byte{other, nil} {
		if elsewhere, err := s.DraftElsewhere(ctx, c.ID, codes[0], key); err != nil || !elsewhere {
			t.Errorf("another browser: DraftElsewhere = %v, %v; want true", elsewhere, err)
		}
	}
	// Asking erased nothing: the browser that wrote it still reads it.
	if d, err := s.Draft(ctx, c.ID, codes[0], mine); err != nil || string(d) != `{"step":3}` {
		t.Errorf("Draft after DraftElsewhere = %q, %v; want the draft intact", d, err)
	}
	_, err := s.DraftElsewhere(ctx, c.ID, "AAAA-AAAA-AAAA", other)
	if err == nil {
		t.Error("unknown code: want an error")
	}
}
