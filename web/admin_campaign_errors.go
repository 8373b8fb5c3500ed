package web

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The campaign description's checks (vigie.CampaignSpec) write their
// messages for the YAML file, starting with the key ("title : le titre est
// requis"). The form has no keys, only labels: formMessage rewrites a
// message for the page.

// formLabels names each key of the description as the form labels it.
var formLabels = map[string]string{
	"title":                  "Titre de l'enquête",
	"organisation":           "Organisation cliente",
	"end_date":               "Date de fin",
	"conducted_by":           "Enquête menée par",
	"purpose":                "Pourquoi cette enquête",
	"questionnaires":         "Questionnaires",
	"unités":                 "Unités",
	"segments":               "Segments",
	"min_group_size":         "Taille minimale des groupes (k)",
	"comment_min_group_size": "Seuil des commentaires",
	"languages":              "Langues",
	"access":                 "Mode d'accès",
}

// selfNaming are the keys whose message already names the field ("le
// titre est requis"): the label would repeat it.
var selfNaming = map[string]bool{"title": true, "organisation": true, "min_group_size": true, "comment_min_group_size": true, "end_date": true}

// formMessage turns "key : message" into a sentence of the form: "Le titre
// est requis.", "Segments : « x » figure deux fois.". A message without a
// known key is kept as it is.
func formMessage(m string) string {
	key, rest, ok := strings.Cut(m, " : ")
	key = strings.TrimSuffix(strings.TrimSuffix(key, ".fr"), ".en")
	label, known := formLabels[key]
	if !ok || !known {
		return m
	}
	switch {
	case selfNaming[key]:
		m = upperFirst(rest)
	case strings.HasPrefix(rest, "au moins"):
		m = upperFirst(rest)
	default:
		m = label + " : " + rest
	}
	if !strings.HasSuffix(m, ".") {
		m += "."
	}
	return m
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
