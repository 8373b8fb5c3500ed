package locale

func init() { add("word", "word.", wordFR, wordEN) }

// Words every output shares (pages, PDF, workbook), each under one key so
// that it cannot drift between them.
var wordFR = map[string]string{
	"unit":               "Unité",
	"all":                "Ensemble",
	"difference":         "Écart",
	"signal_more_marked": "signal plus marqué",
	"signal_less_marked": "signal moins marqué",
	"mean":               "Moyenne",
	"masked_secondary":   "masqué pour protéger un autre groupe",
	"comment":            "Commentaire",
	"cut_high":           "Seuil haut",
	"cut_low":            "Seuil bas",
	"dimension":          "Dimension",
	"direction":          "Sens",
	"favourable":         "favorable",
	"intermediate":       "intermédiaire",
	"unfavourable":       "défavorable",
	"group":              "Groupe",
	"headcount":          "Effectif",
	"language":           "Langue",
	"limits":             "Portée et limites",
	"reading":            "Lecture",
	"respondents":        "Répondants",
}

var wordEN = map[string]string{
	"unit":               "Unit",
	"all":                "All respondents",
	"mean":               "Mean",
	"difference":         "Difference",
	"signal_more_marked": "signal more marked",
	"signal_less_marked": "signal less marked",
	"masked_secondary":   "hidden to protect another group",
	"comment":            "Comment",
	"cut_high":           "High cut-off",
	"cut_low":            "Low cut-off",
	"dimension":          "Dimension",
	"direction":          "Direction",
	"favourable":         "favourable",
	"intermediate":       "intermediate",
	"unfavourable":       "unfavourable",
	"group":              "Group",
	"headcount":          "Headcount",
	"language":           "Language",
	"limits":             "Scope and limits",
	"reading":            "Reading",
	"respondents":        "Respondents",
}
