package store_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/vigie-sante/vigie"
)

// mustLogo is a checked w×h PNG logo of one colour.
func mustLogo(tb testing.TB, w, h int, c color.Color) *vigie.Logo {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	l, err := vigie.CheckLogo(buf.Bytes())
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func TestLogos(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil)
	firm := mustLogo(t, 120, 40, color.NRGBA{20, 60, 110, 255})
	client := mustLogo(t, 60, 60, color.NRGBA{200, 0, 0, 255})

	if l, err := s.DocumentLogo(ctx, c.ID); err != nil || l != nil {
		t.Fatalf("logo before any = %v, %v; want none", l, err)
	}
	if err := s.SetLogo(ctx, "", firm); err != nil {
		t.Fatal(err)
	}
	if l, err := s.DocumentLogo(ctx, c.ID); err != nil || l == nil || !bytes.Equal(l.Data, firm.Data) || l.Width != 120 || l.Format != "png" {
		t.Fatalf("campaign's document logo = %+v, %v; want the installation's", l, err)
	}
	if err := s.SetLogo(ctx, c.ID, client); err != nil {
		t.Fatal(err)
	}
	own, inst, err := s.Logos(ctx, c.ID)
	if err != nil || own == nil || inst == nil || !bytes.Equal(own.Data, client.Data) || !bytes.Equal(inst.Data, firm.Data) {
		t.Fatalf("Logos = %v, %v, %v; want the campaign's and the installation's", own, inst, err)
	}
	if l, _ := s.DocumentLogo(ctx, c.ID); l == nil || l.Height != 60 {
		t.Fatalf("document logo = %+v, want the campaign's own", l)
	}
	// Replacing keeps one row per scope.
	if err := s.SetLogo(ctx, c.ID, firm); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.DocumentLogo(ctx, c.ID); l == nil || l.Width != 120 {
		t.Fatalf("document logo after replacing = %+v, want the new one", l)
	}
	if err := s.DeleteLogo(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteLogo(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if l, err := s.DocumentLogo(ctx, c.ID); err != nil || l != nil {
		t.Fatalf("logo after deleting both = %v, %v; want none", l, err)
	}
	if err := s.SetLogo(ctx, "c_inconnue00", firm); vigie.ErrorCode(err) != vigie.ENOTFOUND {
		t.Fatalf("logo of an unknown campaign: %v, want ENOTFOUND", err)
	}
	if err := s.SetLogo(ctx, "", nil); vigie.ErrorCode(err) != vigie.EINVALID {
		t.Fatalf("nil logo: %v, want EINVALID", err)
	}
}
