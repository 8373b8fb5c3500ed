package vigie

import (
	"unicode"
	"unicode/utf8"
)

// Free text (an employee's comment, an action's description, the measures
// of a DUERP row, a paper sheet's comment) is written by people, often
// pasted from elsewhere, and read in pages, PDFs and workbooks. Unlike
// names, it may hold line breaks and tabs, and the invisible characters
// that right-to-left scripts and emoji need (the marks U+200E, U+200F,
// U+061C, the joiners U+200C and U+200D). It may not hold what no
// keyboard types and what makes text read differently from what it is:
// bytes that are not UTF-8, NUL and the other control characters, and the
// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) that can reorder a line ("Trojan Source"). They are
// refused, not removed: removing would change a text behind its author's
// back, and a browser's form never sends them.

// CheckText returns nil when text may be stored as free text, else an
// EINVALID error "<what> contient un caractère invisible ou de contrôle
// (U+202E, changement du sens d'écriture) : retirez-le." (or "… n'est pas
// du texte UTF-8 valide"), what naming the field as the message should
// start, e.g. "Le commentaire" or "description".
func CheckText(what, text string) error {
	for i, r := range text {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(text[i:]); size == 1 {
				return Errorf(EINVALID, "%s n'est pas du texte UTF-8 valide (octet n° %d) : enregistrez-le en UTF-8 et recommencez.", what, i+1)
			}
		}
		if unsafeInText(r) {
			return Errorf(EINVALID, "%s contient un caractère invisible ou de contrôle (%s) : retirez-le.", what, describeRune(r))
		}
	}
	return nil
}

func unsafeInText(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case unicode.Is(unicode.Cc, r):
		return true
	}
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
