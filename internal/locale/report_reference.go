package locale

func init() { add("report", "report.", reference["fr"], reference["en"]) }

// The texts of the comparison with a reference (reports/reference.go), in
// both languages, kept apart from the main tables like the trends' so that
// the feature reads in one place. Keyed "report.*"; its mean, difference and
// reading columns are word.mean, word.difference and word.reading, and a
// signal's change word.signal_more_marked / word.signal_less_marked (as
// in the trends).
var reference = map[string]map[string]string{
	"fr": {
		"h_reference":         "Comparaison avec une référence",
		"reference_portfolio": "Référence : %s. Chaque organisation y compte pour une, quelle que soit sa taille.",
		"reference_imported":  "Référence : %s, valeurs importées par l'intervenant.",
		"reference_explain": "L'écart est la moyenne du groupe moins celle de la référence ; l'intervalle donne, à 95 %, l'écart plausible. " +
			"Quand il contient 0, le groupe est dit proche de la référence. Une référence décrit d'autres organisations, à d'autres moments : " +
			"elle situe un chiffre, elle ne dit pas ce qui est normal ni ce qui est acceptable. Ne sont comparés que les groupes et les mesures publiés.",
		"ref_above":     "au-dessus, de %s à %s points",
		"ref_below":     "en dessous, de %s à %s points",
		"ref_close":     "proche (de %s à %s points)",
		"ref_better":    "plus favorable",
		"ref_worse":     "moins favorable",
		"ref_none":      "Aucun groupe publié n'a de valeur de référence pour cette mesure.",
		"col_reference": "Référence",
		"ess_reference": "Comparé à la référence « %s », l'ensemble est au-dessus sur %s, en dessous sur %s et proche sur %s : voir « Comparaison avec une référence ».",
		"dimension":     "dimension",
		"dimensions":    "dimensions",
	},
	"en": {
		"h_reference":         "Comparison with a reference",
		"reference_portfolio": "Reference: %s. Each organisation counts once, whatever its size.",
		"reference_imported":  "Reference: %s, values imported by the consultant.",
		"reference_explain": "The difference is the group's mean minus the reference's; the interval gives, at 95%, the plausible difference. " +
			"When it contains 0, the group is said to be close to the reference. A reference describes other organisations at other times: " +
			"it places a figure, it does not say what is normal or acceptable. Only published groups and measures are compared.",
		"ref_above":     "above, by %s to %s points",
		"ref_below":     "below, by %s to %s points",
		"ref_close":     "close (%s to %s points)",
		"ref_better":    "more favourable",
		"ref_worse":     "less favourable",
		"ref_none":      "No published group has a reference value for this measure.",
		"col_reference": "Reference",
		"ess_reference": "Compared with the reference “%s”, the whole population is above on %s, below on %s and close on %s: see “Comparison with a reference”.",
		"dimension":     "dimension",
		"dimensions":    "dimensions",
	},
}
