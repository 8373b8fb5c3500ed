package web

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/internal/locale"
)

// defaultLang is the language of every page unless the person picks
// another with the switch (?lang=, then a cookie) or, on a campaign's
// pages only, the browser asks for another the campaign offers
// (Accept-Language). It is never guessed from the address.
const defaultLang = "fr"

// languages are the languages of the interface, in the switch's order.
var languages = []string{"fr", "en"}

func isLang(l string) bool { return l == "fr" || l == "en" }

// tr returns the text of key in lang from the catalogue (internal/locale;
// French when lang has none, the key itself when missing), formatted with
// args. French texts get their no-break spaces (frenchSpaces).
func tr(lang, key string, args ...any) string {
	msg, ok := locale.Lookup(lang, key)
	if !ok {
		return key
	}
	if lang == defaultLang || !locale.Has(lang, key) {
		msg = frenchSpaces.Replace(msg)
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// trn returns the message that counts n: key+".one" or key+".other" as
// the language wants (vigie.Singular: French 0 and 1 are singular,
// « 0 réponse »; English only 1), formatted with n then args. A real
// plural reads better than « réponse(s) », and a screen reader says it
// right.
func trn(lang, key string, n int, args ...any) string {
	return tr(lang, locale.PluralKey(lang, key, n), append([]any{n}, args...)...)
}

// frenchSpaces puts a non-breaking space before « : » and inside
// guillemets, as French typography wants, so that no line of an employee's
// page starts with a colon or a lone guillemet.
var frenchSpaces = strings.NewReplacer(" :", "\u00a0:", "« ", "«\u00a0", " »", "\u00a0»")
