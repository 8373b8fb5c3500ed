package store_test

import (
	"context"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// TestPaperPendingErasedAtClose checks that a sheet entered once, never
// recorded, leaves nothing in the file once the campaign closes: its row
// linked a code to answers (docs/anonymat.md).
func TestPaperPendingErasedAtClose(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	sheets := MustGenerateCodes(t, s, c.ID, 2)
	const marker = "commentaire-en-attente-de-seconde-saisie"
	r := validResponse()
	r.Comments = map[string]string{"reconnaissance": marker}
	res, err := s.EnterPaper(ctx, c.ID, sheets[0], r, now)
	if err != nil || res.Status != store.PaperAwaiting {
		t.Fatalf("first entry = %+v, %v; want awaiting", res, err)
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.PendingPaperCount(ctx, c.ID); n != 0 {
		t.Fatalf("%d pending entries after closing, want 0", n)
	}
	_, err = s.EnterPaper(ctx, c.ID, sheets[1], validResponse(), now)
	wantCode(t, err, vigie.ECONFLICT)
	s.Close()
	if name, ok := filesHold(dbFiles(t, s), []byte(marker)); ok {
		t.Fatalf("a pending paper entry is still in the database file %s after closing (secure_delete off, or no rewrite?)", name)
	}
}

// TestPaperRecordedLikeOnline checks that two agreeing entries store one
// response with the same fields an online submission has, spend the code
// and keep no pending entry.
func TestPaperRecordedLikeOnline(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	sheet := MustGenerateCodes(t, s, c.ID, 1)[0]
	for i, want := range []store.PaperStatus{store.PaperAwaiting, store.PaperRecorded} {
		res, err := s.EnterPaper(ctx, c.ID, sheet, validResponse(), now)
		if err != nil || res.Status != want {
			t.Fatalf("entry %d = %+v, %v; want %s", i+1, res, err, want)
		}
	}
	if n, _ := s.PendingPaperCount(ctx, c.ID); n != 0 {
		t.Fatalf("%d pending entries after recording, want 0", n)
	}
	if _, used, _ := s.CodeCounts(ctx, c.ID); used != 1 {
		t.Fatalf("%d codes used, want 1", used)
	}
	var got []*vigie.Response
	s.EachResponse(ctx, c.ID, func(r *vigie.Response) error { got = append(got, r); return nil })
	if len(got) != 1 || got[0].Week != store.Week(now) || len(got[0].ID) != 32 {
		t.Fatalf("responses = %+v, want one with a random id and the week", got)
	}
	_, err := s.EnterPaper(ctx, c.ID, sheet, validResponse(), now)
	wantCode(t, err, vigie.ECONFLICT)
}
