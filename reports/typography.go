package reports

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// The no-break spaces of French typography. Both glyphs are in the embedded
// DejaVu Sans (checked by TestFontHasNoBreakSpaces), so the narrow one is
// used where the Imprimerie nationale rules ask for a thin space.
const (
	nbsp       = "\u00a0" // before ":" and inside « »
	narrowNbsp = "\u202f" // before ";", "!", "?" and "%", and between thousands
)

// frenchTypography puts the no-break spaces French asks for before the
// high punctuation marks (: ; ! ?) and inside guillemets, replacing an
// ordinary space where the author typed one. It leaves alone what is not
// prose: "14:30", "http://", "unit:A", "?lang=en", "!!".
func frenchTypography(s string) string {
	if !strings.ContainsAny(s, ":;!?«»") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, c := range rs {
		switch c {
		case ':', ';', '!', '?':
			if needsSpaceBefore(rs, i) {
				trimTrailingSpace(&b)
				if c == ':' {
					b.WriteString(nbsp)
				} else {
					b.WriteString(narrowNbsp)
				}
			}
			b.WriteRune(c)
		case '»':
			if i > 0 && rs[i-1] != '\u00a0' && rs[i-1] != '\u202f' {
				trimTrailingSpace(&b)
				b.WriteString(nbsp)
			}
			b.WriteRune(c)
		case '«':
			b.WriteRune(c)
			if i+1 < len(rs) && !isBreakingSpace(rs[i+1]) && rs[i+1] != '\u00a0' && rs[i+1] != '\u202f' {
				b.WriteString(nbsp)
			}
		case ' ':
			if i > 0 && rs[i-1] == '«' {
				b.WriteString(nbsp)
				continue
			}
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// needsSpaceBefore tells whether the punctuation at rs[i] ends a French
// clause: it follows a word (possibly after a space) and is followed by a
// space, a closing mark or the end of the text.
func needsSpaceBefore(rs []rune, i int) bool {
	if i == 0 {
		return false
	}
	prev := rs[i-1]
	if prev == '\u00a0' || prev == '\u202f' || strings.ContainsRune(":;!?", prev) {
		return false
	}
	if prev == ' ' {
		if i < 2 || rs[i-2] == ' ' {
			return false
		}
	}
	if i+1 == len(rs) {
		return true
	}
	next := rs[i+1]
	return unicode.IsSpace(next) || strings.ContainsRune(")»”\"'", next) ||
		(rs[i] != ':' && strings.ContainsRune("!?", next))
}

func isBreakingSpace(c rune) bool { return c == ' ' || c == '\t' || c == '\n' }

// trimTrailingSpace removes one ordinary space at the end of b.
func trimTrailingSpace(b *strings.Builder) {
	s := b.String()
	if strings.HasSuffix(s, " ") {
		t := s[:len(s)-1]
		b.Reset()
		b.WriteString(t)
	}
}

// fmtInt writes n with thousands grouped: "12 345" in French (narrow
// no-break space), "12,345" in English.
func fmtInt(lang string, n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := narrowNbsp
	if lang == "en" {
		sep = ","
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// fmtDec writes x with prec decimals and the language's decimal mark.
func fmtDec(lang string, x float64, prec int) string {
	s := strconv.FormatFloat(roundDec(x, prec), 'f', prec, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fmtScore writes a 0-100 score rounded to the unit, as the report shows it.
func fmtScore(x float64) string { return strconv.Itoa(int(math.Round(x))) }

// fmtPct writes a share (0-1) as a rounded percentage: "42 %" / "42%".
func fmtPct(lang string, p float64) string {
	v := strconv.Itoa(pctPoints(p))
	if lang == "en" {
		return v + "%"
	}
	return v + narrowNbsp + "%"
}
