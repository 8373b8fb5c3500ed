package store_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestGenerateCodes(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil) // codes can be prepared before opening

	codes := MustGenerateCodes(t, s, c.ID, 2000)
	format := regexp.MustCompile(`^[` + store.CodeAlphabet + `]{4}-[` + store.CodeAlphabet + `]{4}-[` + store.CodeAlphabet + `]{4}$`)
	seen := map[string]bool{}
	chars := map[rune]int{}
	for _, code := range codes {
		if !format.MatchString(code) {
			t.Fatalf("code %q is not 3 groups of 4 characters of the alphabet", code)
		}
		if seen[code] {
			t.Fatalf("code %q generated twice", code)
		}
		seen[code] = true
		for _, r := range strings.ReplaceAll(code, "-", "") {
			chars[r]++
		}
	}
	// 24,000 draws over 32 characters: each appears about 750 times.
	if len(chars) != 32 || strings.ContainsAny(store.CodeAlphabet, "0O1I") || len(store.CodeAlphabet) != 32 {
		t.Fatalf("codes use %d distinct characters, want all 32 of %q", len(chars), store.CodeAlphabet)
	}
	for r, n := range chars {
		if n < 500 || n > 1000 {
			t.Errorf("character %c drawn %d times out of 24000, want about 750", r, n)
		}
	}
	if total, used, err := s.CodeCounts(ctx, c.ID); err != nil || total != 2000 || used != 0 {
		t.Fatalf("CodeCounts = %d, %d, %v; want 2000, 0", total, used, err)
	}

	t.Run("ErrCount", func(t *testing.T) {
		for _, n := range []int{0, -1, store.MaxCodesPerBatch + 1} {
			_, err := s.GenerateCodes(ctx, c.ID, n, nil)
			wantCode(t, err, vigie.EINVALID)
		}
	})
	t.Run("ErrUnknownUnit", func(t *testing.T) {
		_, err := s.GenerateCodes(ctx, c.ID, 1, []string{"Direction Z"})
		wantCode(t, err, vigie.EINVALID)
	})
	t.Run("ErrCampaignNotFound", func(t *testing.T) {
		_, err := s.GenerateCodes(ctx, "c_nope", 1, nil)
		wantCode(t, err, vigie.ENOTFOUND)
	})
	t.Run("ErrLinkMode", func(t *testing.T) {
		spec := testSpec()
		spec.Access = vigie.AccessLink
		link := MustCreateCampaign(t, s, spec)
		_, err := s.GenerateCodes(ctx, link.ID, 1, nil)
		wantCode(t, err, vigie.EINVALID)
	})
	t.Run("ErrClosed", func(t *testing.T) {
		closed := MustOpenCampaign(t, s, nil)
		if err := s.CloseCampaign(ctx, closed.ID, now); err != nil {
			t.Fatal(err)
		}
		_, err := s.GenerateCodes(ctx, closed.ID, 1, nil)
		wantCode(t, err, vigie.ECONFLICT)
	})
}

func TestCheckCode(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 2)
	unitCodes, err := s.GenerateCodes(ctx, c.ID, 1, []string{"Direction A", "Service 1"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("ErrCampaignNotOpen", func(t *testing.T) {
		_, err := s.CheckCode(ctx, c.ID, codes[0])
		wantCode(t, err, vigie.ECONFLICT)
	})
	if err := s.OpenCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}

	pasted := "  " + strings.ToLower(strings.ReplaceAll(codes[0], "-", " ")) + "\n"
	for _, code := range []string{codes[0], pasted, strings.ReplaceAll(codes[0], "-", ""), strings.ReplaceAll(codes[0], "-", "–")} {
		unit, err := s.CheckCode(ctx, c.ID, code)
		if err != nil || unit != nil {
			t.Fatalf("CheckCode(%q) = %v, %v; want no unit, no error", code, unit, err)
		}
	}
	unit, err := s.CheckCode(ctx, c.ID, unitCodes[0])
	if err != nil || strings.Join(unit, "/") != "Direction A/Service 1" {
		t.Fatalf("CheckCode(unit code) = %q, %v", unit, err)
	}

	t.Run("ErrUnknownCode", func(t *testing.T) {
		for _, code := range []string{"AAAA-AAAA-AAAA", "", "K7QM", "not a code at all", codes[0] + "X"} {
			_, err := s.CheckCode(ctx, c.ID, code)
			wantCode(t, err, vigie.EFORBIDDEN)
			if vigie.ErrorMessage(err) != "Ce code n'est pas valable pour cette enquête." {
				t.Fatalf("message = %q", vigie.ErrorMessage(err))
			}
		}
	})
	t.Run("ErrCodeOfAnotherCampaign", func(t *testing.T) {
		other := MustOpenCampaign(t, s, nil)
		_, err := s.CheckCode(ctx, other.ID, codes[0])
		wantCode(t, err, vigie.EFORBIDDEN)
	})
	t.Run("ErrCodeAlreadyUsed", func(t *testing.T) {
		if err := s.SubmitResponse(ctx, c.ID, codes[1], validResponse(), now); err != nil {
			t.Fatal(err)
		}
		_, err := s.CheckCode(ctx, c.ID, codes[1])
		wantCode(t, err, vigie.ECONFLICT)
		if vigie.ErrorMessage(err) != "Ce code a déjà servi." {
			t.Fatalf("message = %q", vigie.ErrorMessage(err))
		}
		if total, used, _ := s.CodeCounts(ctx, c.ID); total != 3 || used != 1 {
			t.Fatalf("CodeCounts = %d, %d; want 3, 1", total, used)
		}
		// A used code's unit comes with the refusal, for web's decoy
		// to show the steps an unused code of that unit would.
		r := validResponse()
		r.Unit = nil
		if err := s.SubmitResponse(ctx, c.ID, unitCodes[0], r, now); err != nil {
			t.Fatal(err)
		}
		unit, err := s.CheckCode(ctx, c.ID, unitCodes[0])
		if !errors.Is(err, store.ErrCodeUsed) || strings.Join(unit, "/") != "Direction A/Service 1" {
			t.Fatalf("CheckCode(used unit code) = %q, %v; want the unit and ErrCodeUsed", unit, err)
		}
	})
	t.Run("ErrClosed", func(t *testing.T) {
		if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
			t.Fatal(err)
		}
		_, err := s.CheckCode(ctx, c.ID, codes[0])
		wantCode(t, err, vigie.ECONFLICT)
	})
}

func TestNormaliseCode(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"K7QM-3XPA-HW9D", "K7QM3XPAHW9D"},
		{"k7qm 3xpa hw9d", "K7QM3XPAHW9D"},
		{" k7qm–3xpa\t-hw9d\n", "K7QM3XPAHW9D"},
		{"", ""},
	} {
		if got := store.NormaliseCode(tt.in); got != tt.want {
			t.Errorf("NormaliseCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCodesStoredOnlyAsHash reads the database file itself: no code may
// appear in it, in any form, and the codes table holds nothing but the
// hash, the unit and the used flag.
func TestCodesStoredOnlyAsHash(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 50)
	for _, code := range codes[:10] {
		if err := s.SaveDraft(ctx, c.ID, code, draftKey(t), []byte(`{"step":2}`)); err != nil {
			t.Fatal(err)
		}
	}
	for _, code := range codes[:5] {
		if err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); err != nil {
			t.Fatal(err)
		}
	}

	cols := tableColumns(t, s.Path(), "codes")
	if strings.Join(cols, ",") != "campaign_id,hash,unit,used" {
		t.Fatalf("codes columns = %v, want only campaign_id, hash, unit, used", cols)
	}

	s.Close() // checkpoints the WAL into the main file
	files := dbFiles(t, s)
	for _, code := range codes {
		for _, form := range []string{code, store.NormaliseCode(code), strings.ToLower(code), code[:4] + "-" + code[5:9]} {
			if name, ok := filesHold(files, []byte(form)); ok {
				t.Fatalf("the database file %s contains the code %q (as %q)", name, code, form)
			}
		}
	}
}
