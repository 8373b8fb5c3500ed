package store_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 3)

	if d, err := s.Draft(ctx, c.ID, codes[0]); err != nil || d != nil {
		t.Fatalf("Draft before any save = %q, %v; want nil, nil", d, err)
	}
	for _, data := range []string{`{"step":1}`, `{"step":2}`} {
		if err := s.SaveDraft(ctx, c.ID, codes[0], []byte(data)); err != nil {
			t.Fatalf("SaveDraft: %v", err)
		}
	}
	lower := strings.ToLower(codes[0])
	if d, err := s.Draft(ctx, c.ID, lower); err != nil || string(d) != `{"step":2}` {
		t.Fatalf("Draft = %q, %v; want the last save", d, err)
	}
	if err := s.SaveDraft(ctx, c.ID, codes[1], []byte(`{"step":5}`)); err != nil {
		t.Fatal(err)
	}

	t.Run("DeletedOnSubmit", func(t *testing.T) {
		if err := s.SubmitResponse(ctx, c.ID, codes[0], validResponse(), now); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.DraftCount(ctx, c.ID); n != 1 {
			t.Fatalf("%d drafts after submitting one of two, want 1", n)
		}
		_, err := s.Draft(ctx, c.ID, codes[0])
		wantCode(t, err, vigie.ECONFLICT)
		wantCode(t, s.SaveDraft(ctx, c.ID, codes[0], []byte(`{}`)), vigie.ECONFLICT)
	})
	t.Run("ErrUnknownCode", func(t *testing.T) {
		wantCode(t, s.SaveDraft(ctx, c.ID, "AAAA-AAAA-AAAA", []byte(`{}`)), vigie.EFORBIDDEN)
		_, err := s.Draft(ctx, c.ID, "AAAA-AAAA-AAAA")
		wantCode(t, err, vigie.EFORBIDDEN)
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		wantCode(t, s.SaveDraft(ctx, c.ID, codes[2], make([]byte, store.MaxDraftSize+1)), vigie.ETOOLARGE)
	})
	t.Run("ErrDraftCampaign", func(t *testing.T) {
		draft := MustCreateCampaign(t, s, nil)
		dc := MustGenerateCodes(t, s, draft.ID, 1)
		wantCode(t, s.SaveDraft(ctx, draft.ID, dc[0], []byte(`{}`)), vigie.ECONFLICT)
	})
	t.Run("ErrLinkMode", func(t *testing.T) {
		spec := testSpec()
		spec.Access = vigie.AccessLink
		link := MustOpenCampaign(t, s, spec)
		wantCode(t, s.SaveDraft(ctx, link.ID, "", []byte(`{}`)), vigie.EINVALID)
	})
}

// TestDraftsDeletedOnClose checks that closing deletes drafts and that
// their bytes are gone from the file (secure_delete).
func TestDraftsDeletedOnClose(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 20)
	const marker = "brouillon-tres-reconnaissable"
	for i, code := range codes {
		if err := s.SaveDraft(ctx, c.ID, code, []byte(`{"note":"`+marker+`","i":`+itoa(i%10)+`}`)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.DraftCount(ctx, c.ID); n != 0 {
		t.Fatalf("%d drafts after closing, want 0", n)
	}
	_, err := s.Draft(ctx, c.ID, codes[0])
	wantCode(t, err, vigie.ECONFLICT)
	s.Close()
	data, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(marker)) {
		t.Fatal("draft content still in the database file after closing (secure_delete off?)")
	}
}
