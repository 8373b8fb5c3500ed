package reports

// The texts of "L'essentiel" and of the discussion guides, kept apart from
// the main tables so that each stays readable; merged at start.
func init() {
	addTexts(french, frenchEssentials)
	addTexts(english, englishEssentials)
}

var frenchEssentials = map[string]string{
	"h_essentials":             "L'essentiel",
	"ess_participation_rate":   "%s personnes ont répondu sur %s, soit un taux de participation de %s.",
	"ess_participation":        "%s personnes ont répondu.",
	"ess_participation_masked": "Moins de %d personnes ont répondu : aucun résultat n'est publié.",
	"ess_priorities_intro":     "Les points qui appellent en premier une discussion avec les équipes : les dimensions dont la moyenne est au niveau le plus préoccupant, ou dont au moins %s des répondants y sont. Des plus marqués aux moins marqués :",
	"ess_priority":             "« %s » (%s) : %s des répondants en zone défavorable dans %s.",
	"ess_priority_signal":      "« %s » (%s) : signal marqué pour %s des répondants dans %s. C'est un signal collectif, une façon dont le groupe fait face au travail, pas un trait des personnes.",
	"ess_priority_also_one":    " Aussi dans %d autre groupe : %s.",
	"ess_priority_also_other":  " Aussi dans %d autres groupes : %s.",
	"ess_priority_more_one":    "%d autre dimension est aussi une priorité dans au moins un groupe : voir les parties du rapport.",
	"ess_priority_more_other":  "%d autres dimensions sont aussi des priorités dans au moins un groupe : voir les parties du rapport.",
	"ess_no_priority":          "Aucune dimension n'est une priorité (moyenne au niveau le plus préoccupant, ou au moins %s des répondants à ce niveau) dans les groupes publiés. Les parties du rapport donnent les nuances.",
	"ess_cannot_h":             "Ce que ces résultats ne peuvent pas dire",
	"ess_cannot_k":             "Rien sur un groupe de moins de %d personnes, ni sur un groupe qu'on pourrait retrouver par soustraction : ces groupes ne sont pas montrés, et leur absence ne veut dire ni que tout va bien, ni que tout va mal.",
	"ess_cannot_people":        "Rien sur une personne : ce sont des moyennes de groupes, qui décrivent des situations de travail. Ce n'est ni un diagnostic de la santé de quiconque, ni une évaluation des personnes ou de leur encadrement.",
	"ess_cannot_why":           "Pas le pourquoi : les chiffres montrent où regarder, pas ce qui, dans le travail, produit ces résultats. C'est l'objet des échanges avec les équipes (guides d'échange), qui seuls mènent à des actions justes.",
	"group_all_phrase":         "l'ensemble des répondants",
	"ess_and_more":             "et d'autres",
	"group_segment":            "%s : %s",
}

var englishEssentials = map[string]string{
	"h_essentials":             "Key points",
	"ess_participation_rate":   "%s people answered out of %s, a participation rate of %s.",
	"ess_participation":        "%s people answered.",
	"ess_participation_masked": "Fewer than %d people answered: no result is published.",
	"ess_priorities_intro":     "The points that call first for a discussion with the teams: the dimensions whose mean is at the most worrying level, or with at least %s of respondents at that level. Most marked first:",
	"ess_priority":             "“%s” (%s): %s of respondents in the unfavourable zone in %s.",
	"ess_priority_signal":      "“%s” (%s): marked signal for %s of respondents in %s. This is a collective signal, a way the group copes with the work, not a trait of anyone.",
	"ess_priority_also_one":    " Also in %d other group: %s.",
	"ess_priority_also_other":  " Also in %d other groups: %s.",
	"ess_priority_more_one":    "%d more dimension is also a priority in at least one group: see the parts of the report.",
	"ess_priority_more_other":  "%d more dimensions are also priorities in at least one group: see the parts of the report.",
	"ess_no_priority":          "No dimension is a priority (mean at the most worrying level, or at least %s of respondents at that level) in the published groups. The parts of the report give the nuances.",
	"ess_cannot_h":             "What these results cannot say",
	"ess_cannot_k":             "Nothing about a group of fewer than %d people, nor about a group that could be found by subtraction: such groups are not shown, and their absence means neither that all is well nor that all is wrong.",
	"ess_cannot_people":        "Nothing about a person: these are group averages describing work situations. They are neither a diagnosis of anyone's health nor an assessment of people or of their managers.",
	"ess_cannot_why":           "Not the why: figures show where to look, not what in the work produces these results. That is what the discussions with the teams are for (discussion guides), and only they lead to sound actions.",
	"group_all_phrase":         "all respondents",
	"ess_and_more":             "and others",
	"group_segment":            "%s: %s",
}
