package vigie

import "strconv"

// Plural writes n with the singular or the plural form of what it counts,
// as French wants: 0 and 1 take the singular (« 0 code créé », « 2 codes
// créés »). The space is non-breaking, so a number never ends a line
// alone. Messages use it rather than « code(s) », which reads badly and
// which screen readers spell out.
func Plural(n int, one, many string) string {
	if n < 2 {
		return strconv.Itoa(n) + "\u00a0" + one
	}
	return strconv.Itoa(n) + "\u00a0" + many
}
