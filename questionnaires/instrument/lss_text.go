package instrument

// Texts and identifiers made of a .lss file's HTML texts and codes.

import (
	"html"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var (
	ligatures   = strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss")
	tags        = regexp.MustCompile(`<[^>]*>`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// clean turns LimeSurvey's HTML texts into plain text.
func clean(s string) string {
	s = tags.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// slug makes an identifier of a code or a title: lower case, accents
// removed, hyphens between words, at most n characters.
func slug(s string, n int) string {
	var b strings.Builder
	dash := false
runes:
	for _, r := range norm.NFD.String(ligatures.Replace(strings.ToLower(s))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= n {
			break runes
		}
	}
	return strings.TrimRight(b.String(), "-")
}
