package store_test

import (
	"context"
	"errors"
	"reflect"
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

// TestPaperUsedOnlineAnswersAsMismatch checks what a sheet entered once,
// whose number then serves online, answers: a differing second entry is a
// mismatch, with the same fields and first entry as for an unused sheet,
// so that second entries cannot watch for the moment the number serves.
// Only where an unused sheet would be recorded (an equal second entry, a
// correction) does it say the number has served; a correction that an
// unused sheet would see refused is refused the same way.
func TestPaperUsedOnlineAnswersAsMismatch(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	sheets := MustGenerateCodes(t, s, c.ID, 2)
	unused, usedOnline := sheets[0], sheets[1]
	for _, sheet := range sheets {
		if res, err := s.EnterPaper(ctx, c.ID, sheet, validResponse(), now); err != nil || res.Status != store.PaperAwaiting {
			t.Fatalf("first entry = %+v, %v; want awaiting", res, err)
		}
	}
	// A correction before any mismatch is refused alike.
	for _, sheet := range sheets {
		if err := s.ResolvePaper(ctx, c.ID, sheet, validResponse(), now); !errors.Is(err, store.ErrNotDisputed) {
			t.Fatalf("early correction of %s: %v, want ErrNotDisputed", sheet, err)
		}
	}
	if err := s.SubmitResponse(ctx, c.ID, usedOnline, validResponse(), now); err != nil {
		t.Fatalf("online submission: %v", err)
	}
	second := validResponse()
	second.Answers["reconnaissance"]["eff1"] = 2
	ru, err := s.EnterPaper(ctx, c.ID, unused, second, now)
	if err != nil {
		t.Fatal(err)
	}
	ro, err := s.EnterPaper(ctx, c.ID, usedOnline, second, now)
	if err != nil {
		t.Fatalf("differing second entry on a sheet used online: %v, want a mismatch", err)
	}
	if ro.Status != store.PaperMismatch || !reflect.DeepEqual(ro, ru) {
		t.Fatalf("sheet used online: %+v; unused sheet: %+v; want the same mismatch", ro, ru)
	}
	if _, err := s.EnterPaper(ctx, c.ID, usedOnline, validResponse(), now); !errors.Is(err, store.ErrSheetUsed) {
		t.Fatalf("equal second entry on a sheet used online: %v, want ErrSheetUsed", err)
	}
	if err := s.ResolvePaper(ctx, c.ID, usedOnline, second, now); !errors.Is(err, store.ErrSheetUsed) {
		t.Fatalf("correction of a sheet used online: %v, want ErrSheetUsed", err)
	}
	if n, _ := s.ResponseCount(ctx, c.ID); n != 1 {
		t.Fatalf("%d responses, want the online one", n)
	}
}

func TestPendingPaper(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	sheets := MustGenerateCodes(t, s, c.ID, 3)
	if w, d, err := s.PendingPaper(ctx, c.ID); err != nil || w != 0 || d != 0 {
		t.Fatalf("PendingPaper before any entry = %d, %d, %v; want 0, 0", w, d, err)
	}
	for _, sheet := range sheets[:2] {
		if _, err := s.EnterPaper(ctx, c.ID, sheet, validResponse(), now); err != nil {
			t.Fatal(err)
		}
	}
	differing := validResponse()
	differing.Answers["reconnaissance"]["eff1"] = 2
	if res, err := s.EnterPaper(ctx, c.ID, sheets[1], differing, now); err != nil || res.Status != store.PaperMismatch {
		t.Fatalf("differing second entry = %+v, %v; want a mismatch", res, err)
	}
	if w, d, err := s.PendingPaper(ctx, c.ID); err != nil || w != 2 || d != 1 {
		t.Fatalf("PendingPaper = %d waiting, %d disputed, %v; want 2, 1", w, d, err)
	}
}
