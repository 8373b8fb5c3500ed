package locale

import (
	"fmt"
	"slices"

	"github.com/vigie-sante/vigie"
)

// Languages are the languages every text exists in; French, the first, is
// the fallback.
var Languages = []string{"fr", "en"}

// catalog holds every text: language -> key -> text.
var catalog = map[string]map[string]string{"fr": {}, "en": {}}

// tables records the keys of each table, for the tests that hold a
// table to its own conventions.
var tables = map[string][]string{}

// add registers a table: the French and English texts of one part of the
// outputs, their keys prefixed by prefix ("report." or "" when the keys
// carry their own first part). A key defined twice is a mistake (one
// text would silently replace the other wherever the key is used): it
// panics at start.
func add(table, prefix string, fr, en map[string]string) {
	for lang, texts := range map[string]map[string]string{"fr": fr, "en": en} {
		for k, v := range texts {
			key := prefix + k
			if _, dup := catalog[lang][key]; dup {
				panic(fmt.Sprintf("locale: text %s (%s) is defined twice", key, lang))
			}
			catalog[lang][key] = v
		}
	}
	for k := range fr {
		tables[table] = append(tables[table], prefix+k)
	}
	for k := range en {
		if _, ok := fr[k]; !ok {
			tables[table] = append(tables[table], prefix+k)
		}
	}
	slices.Sort(tables[table])
}

// T returns the text of key in lang, falling back to French, then to the
// key itself, so that a missing text shows rather than vanishes.
func T(lang, key string) string {
	if s, ok := catalog[lang][key]; ok {
		return s
	}
	if s, ok := catalog["fr"][key]; ok {
		return s
	}
	return key
}

// Lookup returns the text of key in lang (French when lang has none) and
// whether the catalogue has it.
func Lookup(lang, key string) (string, bool) {
	if s, ok := catalog[lang][key]; ok {
		return s, true
	}
	s, ok := catalog["fr"][key]
	return s, ok
}

// N returns the text of key for a count of n: key+".one" or key+".other"
// as vigie.Singular says for lang.
func N(lang, key string, n int) string {
	return T(lang, PluralKey(lang, key, n))
}

// PluralKey is the key N reads for n.
func PluralKey(lang, key string, n int) string {
	if vigie.Singular(lang, n) {
		return key + ".one"
	}
	return key + ".other"
}

// Has reports whether key has a text in lang itself (no fallback).
func Has(lang, key string) bool {
	_, ok := catalog[lang][key]
	return ok
}

// Keys returns the keys of one table, sorted ("pages", "report", "xlsx",
// "notice", "aipd", "word"); every key of the catalogue when
// table is "".
func Keys(table string) []string {
	if table != "" {
		return slices.Clone(tables[table])
	}
	var out []string
	for _, t := range tables {
		out = append(out, t...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
