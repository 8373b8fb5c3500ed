package vigie

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names (campaign titles, unit names, segment labels and categories) are
// shown to employees, in reports and in the back office, and compared to
// tell units apart. A character that does not show, or that reorders the
// text around it, would let two units look identical while being
// different, or make a name read differently from what it is. Every path
// that accepts a name (campaign file, API, form, units import) refuses
// them through CheckName.

// UnsafeRune returns the first character of s that a name must not hold,
// and false when there is none: control characters (C0, DEL, C1, so CR,
// LF and tab), format characters (Unicode category Cf: bidirectional
// marks, embeddings, overrides and isolates, zero-width spaces and joiners,
// the byte-order mark, soft hyphen...), line and paragraph separators, and
// bytes that are not UTF-8 (returned as U+FFFD).
func UnsafeRune(s string) (rune, bool) {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return r, true
			}
		}
		if unsafeInName(r) {
			return r, true
		}
	}
	return 0, false
}

func unsafeInName(r rune) bool {
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
}

// CheckName returns nil when name holds no unsafe character (UnsafeRune),
// else an EINVALID error "<what> contient un caractère invisible ou de
// contrôle (U+202E, …) : retirez-le.", what naming the field as the
// message should start, e.g. "Le titre" or "le nom « A[U+202E]B »".
func CheckName(what, name string) error {
	r, ok := UnsafeRune(name)
	if !ok {
		return nil
	}
	return Errorf(EINVALID, "%s contient un caractère invisible ou de contrôle (%s) : retirez-le.", what, describeRune(r))
}

// Reveal returns s with every unsafe character written "[U+202E]", so
// that a message may quote a refused name without the character acting.
func Reveal(s string) string {
	if _, ok := UnsafeRune(s); !ok {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if _, size := utf8.DecodeRuneInString(s[i:]); (r == utf8.RuneError && size == 1) || unsafeInName(r) {
			fmt.Fprintf(&b, "[U+%04X]", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// describeRune names a refused character: its code point, and in words
// the ones a consultant may meet.
func describeRune(r rune) string {
	code := fmt.Sprintf("U+%04X", r)
	switch {
	case r == '\t':
		return code + ", tabulation"
	case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
		return code + ", saut de ligne"
	case r == 0x061C || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
		return code + ", changement du sens d'écriture"
	case (r >= 0x200B && r <= 0x200D) || r == 0x2060 || r == 0xFEFF:
		return code + ", caractère de largeur nulle"
	case r == utf8.RuneError:
		return code + ", octet hors UTF-8"
	}
	return code
}
