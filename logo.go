package vigie

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // the JPEG decoder, for image.DecodeConfig and Decode
	"image/png"
)

// Limits of a consultant's logo: it is drawn a few centimetres wide on a
// cover and in running headers, so a small image is enough, and the
// limits keep a decompression bomb out (the pixel count is read from the
// header, before anything is decoded).
const (
	MaxLogoBytes  = 1 << 20 // 1 Mio
	MaxLogoSide   = 4000    // pixels, width or height
	MaxLogoPixels = 4_000_000
	MinLogoSide   = 16
)

// Logo is a checked image the documents can draw: PNG or JPEG.
type Logo struct {
	Data   []byte
	Format string // "png" or "jpeg"
	Width  int    // pixels
	Height int
}

// CheckLogo decodes an uploaded logo and returns it ready to draw. A PNG
// is decoded and written again as a plain 8-bit, non-interlaced PNG (the
// PDF library draws no other kind); a JPEG is kept as it is, once decoded
// whole. Anything else, or an image over the limits, is EINVALID with a
// message saying what to send instead.
func CheckLogo(data []byte) (*Logo, error) {
	if len(data) == 0 {
		return nil, Errorf(EINVALID, "Le fichier du logo est vide : envoyez une image PNG ou JPEG.")
	}
	if len(data) > MaxLogoBytes {
		return nil, Errorf(EINVALID, "Le logo pèse %d Kio : au plus %d Kio. Enregistrez-le plus petit (quelques centaines de pixels de large suffisent).", (len(data)+1023)/1024, MaxLogoBytes/1024)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, Errorf(EINVALID, "Le logo n'est pas une image PNG ou JPEG lisible : enregistrez-le au format PNG ou JPEG.")
	}
	if format != "png" && format != "jpeg" {
		return nil, Errorf(EINVALID, "Le logo est une image %s : seuls les formats PNG et JPEG sont acceptés.", format)
	}
	switch {
	case cfg.Width < MinLogoSide || cfg.Height < MinLogoSide:
		return nil, Errorf(EINVALID, "Le logo mesure %d × %d pixels : au moins %d pixels de côté, pour rester net à l'impression.", cfg.Width, cfg.Height, MinLogoSide)
	case cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide || cfg.Width*cfg.Height > MaxLogoPixels:
		return nil, Errorf(EINVALID, "Le logo mesure %d × %d pixels : au plus %d pixels de côté et %d millions de pixels en tout.", cfg.Width, cfg.Height, MaxLogoSide, MaxLogoPixels/1_000_000)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, Errorf(EINVALID, "Le logo est une image %s abîmée : elle ne se lit pas jusqu'au bout. Enregistrez-la de nouveau.", formatName(format))
	}
	l := &Logo{Data: data, Format: format, Width: cfg.Width, Height: cfg.Height}
	if format == "png" {
		flat := image.NewNRGBA(img.Bounds())
		draw.Draw(flat, flat.Bounds(), img, img.Bounds().Min, draw.Src)
		var buf bytes.Buffer
		if err := png.Encode(&buf, flat); err != nil {
			return nil, fmt.Errorf("vigie: logo: encode png: %w", err)
		}
		l.Data = buf.Bytes()
	}
	return l, nil
}

// formatName is a format as a reader knows it.
func formatName(format string) string {
	if format == "jpeg" {
		return "JPEG"
	}
	return "PNG"
}
