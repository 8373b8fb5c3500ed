package vigie_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

// testImage is a w×h image with some colour, so that encoders write pixels.
func testImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 100, 255})
		}
	}
	return img
}

func encoded(t *testing.T, enc func(*bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckLogo(t *testing.T) {
	pngData := encoded(t, func(b *bytes.Buffer) error { return png.Encode(b, testImage(120, 40)) })
	jpegData := encoded(t, func(b *bytes.Buffer) error { return jpeg.Encode(b, testImage(120, 40), nil) })
	gifData := encoded(t, func(b *bytes.Buffer) error { return gif.Encode(b, testImage(120, 40), nil) })
	png16 := encoded(t, func(b *bytes.Buffer) error {
		img := image.NewRGBA64(image.Rect(0, 0, 40, 40))
		img.Set(3, 3, color.RGBA64{65535, 1, 2, 65535})
		return png.Encode(b, img)
	})
	tiny := encoded(t, func(b *bytes.Buffer) error { return png.Encode(b, testImage(8, 8)) })
	// A header claiming 5000×5000 pixels, nothing behind it: refused
	// before anything is decoded.
	huge := encoded(t, func(b *bytes.Buffer) error { return png.Encode(b, image.NewGray(image.Rect(0, 0, 5000, 10))) })
	truncated := pngData[:len(pngData)/2]

	tests := []struct {
		name, want string // want: "" for accepted, else a piece of the message
		data       []byte
		format     string
	}{
		{name: "PNG", data: pngData, format: "png"},
		{name: "JPEG", data: jpegData, format: "jpeg"},
		{name: "16BitPNGFlattened", data: png16, format: "png"},
		{name: "Empty", data: nil, want: "vide"},
		{name: "NotAnImage", data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), want: "PNG ou JPEG lisible"},
		{name: "GIF", data: gifData, want: "seuls les formats PNG et JPEG"},
		{name: "TooSmall", data: tiny, want: "au moins 16 pixels"},
		{name: "TooWide", data: huge, want: "5000 × 10 pixels"},
		{name: "Truncated", data: truncated, want: "abîmée"},
		{name: "TooHeavy", data: append(bytes.Clone(pngData), make([]byte, vigie.MaxLogoBytes)...), want: "au plus 1024 Kio"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := vigie.CheckLogo(tt.data)
			if tt.want != "" {
				if vigie.ErrorCode(err) != vigie.EINVALID || !strings.Contains(vigie.ErrorMessage(err), tt.want) {
					t.Fatalf("err = %v, want EINVALID saying %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.Format != tt.format {
				t.Errorf("format = %s, want %s", l.Format, tt.format)
			}
			// What is kept decodes as 8-bit, non-interlaced for a PNG.
			cfg, _, err := image.DecodeConfig(bytes.NewReader(l.Data))
			if err != nil {
				t.Fatalf("kept data does not decode: %v", err)
			}
			if m := cfg.ColorModel; tt.format == "png" && m != color.NRGBAModel && m != color.RGBAModel {
				t.Errorf("kept PNG colour model = %v, want 8-bit NRGBA", cfg.ColorModel)
			}
		})
	}
}
