package vigie

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// HintKind says why a word of a comment may identify someone.
type HintKind string

// The kinds of identifying hints, in the order the moderation page lists
// them.
const (
	HintTitle HintKind = "title" // M., Mme, Dr, Madame…: a person is named next to it
	HintName  HintKind = "name"  // a capitalised word inside a sentence: a name or a place
	HintMonth HintKind = "month" // a month or a day of the week: a moment someone lived
	HintDate  HintKind = "date"  // digits that read as a date or a year
)

// Hint is one word of a comment that may identify its author or someone
// else, with its kind.
type Hint struct {
	Kind HintKind
	Word string
}

// IdentifyingHints lists the words of a comment that may identify a
// person: titles (« Mme », « Docteur »), capitalised words that do not
// start a sentence (names, places: « Durand », « Lens »), months and days
// (« mars », « lundi ») and digits that read as dates (« 12/03 »,
// « 2025 »), each once, in the order they appear.
//
// It is a reading aid for moderation, not a filter: it errs towards
// flagging (« Direction B » is flagged) because a missed name is published
// for good while a false alarm costs a second look. It decides nothing;
// the consultant does.
func IdentifyingHints(text string) []Hint {
	var out []Hint
	seen := map[Hint]bool{}
	add := func(h Hint) {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	start := true // the next word starts a sentence
	for _, w := range commentWords(text) {
		word, lower := w.text, strings.ToLower(w.text)
		abbrev := titleAbbreviations[word] && (word != "M" || w.dot)
		switch {
		case abbrev && w.dot:
			add(Hint{HintTitle, word + "."})
		case abbrev || titleWords[lower]:
			add(Hint{HintTitle, word})
		case monthsAndDays[foldAccents(lower)]:
			add(Hint{HintMonth, word})
		case looksLikeDate(word):
			add(Hint{HintDate, word})
		case !start && capitalised(word):
			add(Hint{HintName, word})
		}
		// An abbreviation's full stop ("M. Durand") ends no sentence.
		start = w.endsSentence && !abbrev
	}
	return out
}

// commentWord is a word of a comment and what follows it.
type commentWord struct {
	text         string
	dot          bool // a full stop follows at once ("M.")
	endsSentence bool // . ! ? … or a line break follows before the next word
}

// commentWords splits text into words (letters, digits, and / - ' inside
// digits), noting after each one whether a sentence ends. An apostrophe
// splits « l'Agence » into « l » and « Agence ».
func commentWords(text string) []commentWord {
	text = strings.ToValidUTF8(text, " ")
	var out []commentWord
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if len(out) > 0 && strings.ContainsRune(".!?…\n", r) {
				out[len(out)-1].endsSentence = true
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '/' || r == '-') && digitAround(text, j, size) {
				j += size
				continue
			}
			break
		}
		w := commentWord{text: text[i:j], dot: strings.HasPrefix(text[j:], ".")}
		out = append(out, w)
		i = j
	}
	return out
}

// digitAround reports whether the separator at text[i:i+size] stands
// between two digits ("12/03", "2025-03").
func digitAround(text string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return unicode.IsDigit(before) && unicode.IsDigit(after)
}

// capitalised reports whether word starts with a capital letter, leaving
// out short acronyms (RH, CSE, DRH) that name functions, not people.
func capitalised(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsUpper(r) {
		return false
	}
	if strings.ToUpper(word) == word && utf8.RuneCountInString(word) <= 4 && utf8.RuneCountInString(word) >= 2 {
		return false
	}
	return true
}

// looksLikeDate reports whether word is a date or a year: digits with a
// / or - inside ("12/03", "2025-03-01"), a year from 1950 to 2099, or a
// day number followed by "er" ("1er").
func looksLikeDate(word string) bool {
	if word == "1er" {
		return true
	}
	digits := 0
	for _, r := range word {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '/' || r == '-':
		default:
			return false
		}
	}
	if digits == 0 {
		return false
	}
	if strings.ContainsAny(word, "/-") {
		return true
	}
	return len(word) == 4 && (word >= "1950" && word <= "2099")
}

// foldAccents removes the accents a month may be typed with or without
// (« février », « fevrier », « août », « aout »).
func foldAccents(s string) string {
	return strings.NewReplacer("é", "e", "è", "e", "û", "u", "ù", "u").Replace(s)
}

// titleAbbreviations are the abbreviated titles, compared as written
// (« M » alone counts only with its full stop: « M. Durand »).
var titleAbbreviations = map[string]bool{
	"M": true, "MM": true, "Mme": true, "Mmes": true, "Mlle": true, "Mlles": true,
	"Dr": true, "Dre": true, "Pr": true, "Mr": true, "Mrs": true, "Ms": true,
}

// titleWords are the titles written in full, compared in lower case.
var titleWords = map[string]bool{
	"madame": true, "monsieur": true, "mademoiselle": true, "mesdames": true, "messieurs": true,
	"docteur": true, "docteure": true, "professeur": true, "professeure": true, "maître": true,
}

// monthsAndDays are the French months and days, without accents.
var monthsAndDays = map[string]bool{
	"janvier": true, "fevrier": true, "mars": true, "avril": true, "mai": true, "juin": true,
	"juillet": true, "aout": true, "septembre": true, "octobre": true, "novembre": true, "decembre": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
}
