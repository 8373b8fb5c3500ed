package locale

func init() { add("report", "report.", trends["fr"], trends["en"]) }

// The texts of trends, in both languages, kept apart from the main tables
// so that the feature reads in one place.
var trends = map[string]map[string]string{
	"fr": {
		"h_trends": "Évolution depuis %s",
		"trends_explain": "Chaque vague est remplie par des personnes en partie différentes : une évolution décrit le groupe, " +
			"jamais une personne. L'intervalle donne, à 95 %, l'écart plausible entre les deux vagues ; quand il contient 0, " +
			"on ne peut distinguer une hausse d'une baisse et l'évolution est dite stable. Ne sont comparés que les groupes et les " +
			"mesures publiés dans les deux vagues, chacune sous ses propres règles d'anonymat.",
		"trend_up":             "en hausse",
		"trend_down":           "en baisse",
		"trend_stable":         "stable",
		"trend_better":         "amélioration",
		"trend_worse":          "dégradation",
		"trend_non_comparable": "Non comparable : %s.",
		"trends_none":          "Aucun groupe n'est publié dans les deux vagues pour cette mesure.",
		"col_previous":         "Avant",
		"col_current":          "Maintenant",
		"col_change":           "Évolution",
		"previous_wave":        "la vague précédente",
		"measure_id":           "Code mesure",
		"legend_trends": "▲ / ▼ : en hausse / en baisse depuis %s (l'intervalle à 95 %% de l'écart exclut 0) ; " +
			"sans flèche : stable, ou pas d'évolution (groupe ou mesure non publiés dans l'une des vagues, ou non comparables).",
		"measure":      "Mesure",
		"trend_delta":  "%s %s (de %s à %s)",
		"trend_point":  "point",
		"trend_points": "points",
	},
	"en": {
		"h_trends": "Change since %s",
		"trends_explain": "Each wave is answered by partly different people: a change describes the group, never a person. " +
			"The interval gives, at 95%, the plausible difference between the two waves; when it contains 0, a rise cannot be told " +
			"from a fall and the change is called stable. Only groups and measures published in both waves are compared, each under its own anonymity rules.",
		"trend_up":             "up",
		"trend_down":           "down",
		"trend_stable":         "stable",
		"trend_better":         "improvement",
		"trend_worse":          "deterioration",
		"trend_non_comparable": "Not comparable: %s.",
		"trends_none":          "No group is published in both waves for this measure.",
		"col_previous":         "Before",
		"col_current":          "Now",
		"col_change":           "Change",
		"previous_wave":        "the previous wave",
		"measure_id":           "Measure code",
		"legend_trends": "▲ / ▼: up / down since %s (the 95%% interval of the difference excludes 0); " +
			"no arrow: stable, or no trend (group or measure not published in one of the waves, or not comparable).",
		"measure":      "Measure",
		"trend_delta":  "%s %s (%s to %s)",
		"trend_point":  "point",
		"trend_points": "points",
	},
}
