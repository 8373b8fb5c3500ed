package vigie

import "strconv"

// Plural writes n with the singular or the plural form of what it counts,
// as French wants: 0 and 1 take the singular (« 0 code créé », « 2 codes
// créés »). The space is non-breaking, so a number never ends a line
// alone. Messages use it rather than « code(s) », which reads badly and
// which screen readers spell out.
func Plural(n int, one, many string) string {
	if Singular("fr", n) {
		return strconv.Itoa(n) + "\u00a0" + one
	}
	return strconv.Itoa(n) + "\u00a0" + many
}

// Singular reports whether n takes the singular in lang: in French 0 and
// 1 do (« 0 réponse »), in English only 1 (« 0 answers »). It is the one
// plural rule of every output: pages, documents and messages.
func Singular(lang string, n int) bool {
	if lang == "en" {
		return n == 1
	}
	return n == 0 || n == 1
}

// Grouped writes n the French way, a narrow non-breaking space between
// thousands (« 2 000 caractères »), so a number is never split across
// lines nor read as two.
func Grouped(n int) string {
	s := strconv.Itoa(n)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	var b []byte
	if neg {
		b = append(b, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, "\u202f"...)
		}
		b = append(b, s[i])
	}
	return string(b)
}
