package vigie

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// RedactionMarker stands, in a redacted comment, where the consultant
// removed a passage. "[...]" is accepted as typed on keyboards without "…".
const RedactionMarker = "[…]"

// CheckRedaction tells whether redacted is an honest redaction of the
// employee's comment original: only the employee's words, in their order,
// with every cut shown. It returns nil or an EINVALID error whose message
// tells the consultant what to fix.
//
// The rule: split redacted at its markers "[…]" (or "[...]"); each piece
// between markers must be a passage of the original copied as it is, the
// pieces in the original's order; a marker must stand wherever something
// was removed (the start, the end and between pieces), and only there: the
// passage it replaces holds at least one character other than a space.
// Whitespace is compared loosely (any run of spaces or line breaks equals
// one space, and spaces next to a marker do not count) so a consultant may
// reflow the text, but may not join or split words.
//
// Why markers are compulsory: deleting letters or words silently can still
// put words in a person's mouth ("je ne suis pas d'accord" → "je suis
// d'accord", "content" → "con"). With a marker at every cut, readers see
// that something was removed and where, and the consultant cannot build a
// new sentence that reads as the employee's.
func CheckRedaction(original, redacted string) error {
	// Invalid bytes would shift byte offsets below; the form and JSON
	// decoders never produce them, but the rule must hold for any input.
	original, redacted = strings.ToValidUTF8(original, "\uFFFD"), strings.ToValidUTF8(redacted, "\uFFFD")
	orig := collapseSpaces(original)
	parts := strings.Split(strings.ReplaceAll(redacted, "[...]", RedactionMarker), RedactionMarker)
	leading := strings.TrimSpace(parts[0]) == ""
	trailing := len(parts) > 1 && strings.TrimSpace(parts[len(parts)-1]) == ""
	var pieces []string
	for _, p := range parts {
		if p := collapseSpaces(p); p != "" {
			pieces = append(pieces, p)
		}
	}
	switch {
	case len(pieces) == 0:
		return Errorf(EINVALID, "Le texte caviardé est vide : pour ne rien publier, rejetez le commentaire.")
	case len(parts) == 1 && pieces[0] == orig:
		return Errorf(EINVALID, "Le texte caviardé est identique à l'original : publiez-le tel quel, ou remplacez chaque passage retiré par « […] ».")
	}
	pos := 0       // where the original is still unused
	cut := leading // a marker stands before the next piece
	for i, piece := range pieces {
		first, last := i == 0, i == len(pieces)-1
		from := pos // earliest start allowed for piece
		if cut {
			if from = afterNonSpace(orig, pos); from < 0 {
				return markerForNothing(piece)
			}
		}
		start := -1
		switch {
		case first && !cut:
			if strings.HasPrefix(orig, piece) {
				start = 0
			}
		case last && !trailing:
			if strings.HasSuffix(orig, piece) && len(orig)-len(piece) >= from {
				start = len(orig) - len(piece)
			}
		default:
			if j := strings.Index(orig[from:], piece); j >= 0 {
				start = from + j
			}
		}
		if start >= 0 && last && !trailing && start+len(piece) != len(orig) {
			start = -1 // a first piece that is also the last must be all of it
		}
		if start < 0 {
			return redactionMismatch(orig[pos:], piece, first && !cut, last && !trailing, strings.Contains(orig[pos:], piece))
		}
		pos, cut = start+len(piece), true
	}
	if trailing && afterNonSpace(orig, pos) < 0 {
		return markerForNothing("")
	}
	return nil
}

// redactionMismatch explains why piece could not be placed in rest, the
// part of the original after the previous piece.
func redactionMismatch(rest, piece string, mustStart, mustEnd, found bool) error {
	q := quoteExcerpt(piece)
	switch {
	case found && mustStart && !strings.HasPrefix(rest, piece):
		return Errorf(EINVALID, "Le début du commentaire a été retiré : mettez « […] » à sa place, avant « %s ».", q)
	case found && mustEnd && !strings.HasSuffix(rest, piece):
		return Errorf(EINVALID, "La fin du commentaire a été retirée : mettez « […] » à sa place, après « %s ».", q)
	case found:
		return markerForNothing(piece)
	case isSubsequence(piece, rest):
		return Errorf(EINVALID, "Un passage a été retiré sans « […] » dans « %s » : mettez « […] » à la place de chaque passage retiré.", q)
	}
	return Errorf(EINVALID, "« %s » ne figure pas ainsi dans le commentaire : le texte caviardé ne peut que retirer des passages (remplacés par « […] »), sans rien ajouter, modifier ni déplacer.", q)
}

func markerForNothing(next string) error {
	if next == "" {
		return Errorf(EINVALID, "Le dernier « […] » ne remplace aucun passage retiré : enlevez-le.")
	}
	return Errorf(EINVALID, "Le « […] » placé avant « %s » ne remplace aucun passage retiré : enlevez-le.", quoteExcerpt(next))
}

// collapseSpaces trims s and turns every run of whitespace into one space.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// afterNonSpace returns the index just past the first non-space character
// of s at or after i, or -1 when there is none.
func afterNonSpace(s string, i int) int {
	for j, r := range s[i:] {
		if !unicode.IsSpace(r) {
			return i + j + utf8.RuneLen(r)
		}
	}
	return -1
}

// isSubsequence reports whether sub is s with some characters removed.
func isSubsequence(sub, s string) bool {
	for _, r := range sub {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return true
}

// quoteExcerpt shortens a text quoted in a message.
func quoteExcerpt(s string) string {
	const limit = 40 // runes
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}
