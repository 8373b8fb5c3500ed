package reports

// tr returns the text of key in lang ("fr" or "en"), falling back to
// French, then to the key itself so that a missing text shows rather than
// vanishes. The PDF and Excel writers share these tables; format verbs
// (%d, %s) are filled by the caller.
func tr(lang, key string) string {
	if lang == "en" {
		if s, ok := english[key]; ok {
			return s
		}
	}
	if s, ok := french[key]; ok {
		return s
	}
	return key
}

// trn returns the singular or plural form of key for n: key+"_one" or
// key+"_other" (French counts 0 and 1 as singular, English only 1).
func trn(lang, key string, n int) string {
	if n == 1 || (n == 0 && lang != "en") {
		return tr(lang, key+"_one")
	}
	return tr(lang, key+"_other")
}

var french = map[string]string{
	// Slips
	"slips_title":   "codes d'accès",
	"slips_note":    "Ce code est anonyme : il sert seulement à répondre une fois, et à reprendre plus tard. Rien ne relie le code à vos réponses. Les résultats ne sont montrés que pour des groupes d'au moins %d personnes.",
	"slips_unit":    "Unité : ",
	"slips_address": "Répondez à l'adresse :",
	"slips_until":   "Jusqu'au %s inclus",
	"slips_code":    "Votre code :",
	// Pages
	"confidential":         "Confidentiel",
	"footer_k":             "Résultats affichés uniquement pour les groupes d'au moins k = %d personnes",
	"page":                 "Page %d",
	"page_of":              "Page %d / %d",
	"toc":                  "Sommaire",
	"cover_kind":           "Rapport de résultats — enquête santé au travail",
	"cover_period":         "Période d'enquête",
	"cover_date":           "Date du rapport",
	"cover_audience":       "Destinataires",
	"cover_questionnaires": "Questionnaires",
	"cover_note":           "Document confidentiel. Les résultats sont agrégés : aucun groupe de moins de k = %d personnes n'est présenté, et aucune réponse individuelle ne figure dans ce rapport. Ils décrivent des situations de travail, jamais des personnes.",
	"cover_version":        "Produit avec Vigie %s",
	"audience_consultant":  "Consultant (version complète)",
	"audience_committee":   "Instances (CSE, CSSCT, médecin du travail) : résultats agrégés",

	// Levels and masks
	"level_favourable":    "favorable",
	"level_intermediate":  "intermédiaire",
	"level_unfavourable":  "défavorable",
	"masked_below_k":      "masqué (moins de %d réponses)",
	"masked_secondary":    "masqué pour protéger un autre groupe",
	"masked_measure":      "non affiché (moins de k réponses pour cette mesure)",
	"legend_ci":           "intervalle de confiance à 95 %",
	"legend_masked_cells": "< k : moins de k réponses pour cette mesure, non affichée. — : mesure masquée pour qu'aucune soustraction ne révèle un groupe de moins de k personnes. Les symboles ○ ◐ ● répètent la couleur pour une lecture en noir et blanc.",
	"group_all":           "Ensemble",
	"not_specified":       "Non renseigné",

	// Summary
	"h_summary":                   "Synthèse",
	"summary_intro":               "Cette synthèse reprend, en quelques phrases, ce que montrent les résultats. Chaque chiffre est accompagné de la confiance qu'il permet : plus un groupe est petit, plus l'intervalle de confiance est large.",
	"sum_participation_ok":        "Participation : toutes les unités dont l'effectif est connu ont un taux de réponse d'au moins 60 %.",
	"sum_participation_low_one":   "Participation : %d unité a un taux de réponse inférieur à 60 %%, ce qui limite la représentativité de ses résultats : %s.",
	"sum_participation_low_other": "Participation : %d unités ont un taux de réponse inférieur à 60 %%, ce qui limite la représentativité de leurs résultats : %s.",
	"sum_respondents":             "%s personnes ont répondu.",
	"sum_no_unfavourable":         "Aucune dimension n'a de répondants en zone défavorable.",
	"sum_dimension":               "« %s » : %s des répondants en zone défavorable (moyenne %s sur 100, intervalle de confiance à 95 %% de %s à %s ; %s).",
	"sum_units":                   "Unités les plus exposées : %s.",
	"sum_unit_one":                "%s (%d dimension défavorable sur %d, n = %s)",
	"sum_unit_other":              "%s (%d dimensions défavorables sur %d, n = %s)",
	"sum_no_unit":                 "Aucune unité n'a de moyenne en zone défavorable.",
	"sum_units_masked_one":        "%d unité n'est pas détaillée car elle compte moins de k réponses.",
	"sum_units_masked_other":      "%d unités ne sont pas détaillées car elles comptent moins de k réponses (ou pour protéger un autre groupe).",
	"sum_indicator":               "%s : %s des répondants au-dessus de %s (moyenne %s ; %s).",
	"conf_small":                  "effectif réduit, n = %s : à lire avec prudence",
	"conf_ok":                     "n = %s, précision d'environ ± %s points",
	"small_n":                     ", effectif réduit",
	"list_sep":                    " ; ",
	"summary_caution":             "Ces résultats décrivent des conditions de travail collectives. Ils ouvrent une discussion avec les équipes ; ils ne portent aucun jugement sur des personnes.",

	// Participation
	"h_participation":       "Participation",
	"participation_explain": "Nombre de répondants par unité, rapporté à l'effectif quand il est connu. Un taux inférieur à %s invite à lire les résultats de l'unité avec prudence.",
	"col_unit":              "Unité",
	"col_respondents":       "Répondants",
	"col_headcount":         "Effectif",
	"col_rate":              "Taux",
	"col_note":              "Remarque",
	"note_low":              "< 60 %",

	// Method
	"h_method":                          "Méthode",
	"h_instruments":                     "Instruments et sources théoriques",
	"instrument_title":                  "%s (%s, version %d)",
	"instrument_sens-du-travail":        "Sens du travail d'après Estelle Morin (Morin, 2008 ; Morin et Cherré, 2004) : utilité sociale, rectitude morale, autonomie, apprentissage et développement, qualité des relations, et une échelle globale du sens perçu du travail.",
	"instrument_reconnaissance":         "Modèle du déséquilibre efforts/récompenses de Johannes Siegrist (1996) : l'effort consenti est mis en regard des récompenses reçues (estime, perspectives et salaire, sécurité de l'emploi) ; Siegrist lit un ratio supérieur à 1 comme un déséquilibre, un seuil établi avec son propre questionnaire (voir la note sous le ratio). Les formes de reconnaissance (de la personne, de la pratique de travail, de l'investissement, des résultats) suivent Brun et Dugas (2005), selon qu'elle vient de la hiérarchie, des collègues ou des personnes servies.",
	"instrument_strategies-defensives":  "Psychodynamique du travail de Christophe Dejours (1980, 1998) : les stratégies défensives (rationalisation, déni, méfiance, retrait, suractivité, cynisme) sont des manières collectives de tenir face à ce qui fait souffrir au travail ; la souffrance éthique naît de devoir faire ce que l'on réprouve.",
	"instrument_numerique-travail-reel": "Ergonomie de l'activité et clinique du travail : écart entre travail prescrit et travail réel (Guérin et al., 1991 ; Daniellou, 2002) et « qualité empêchée » (Clot, 2010), appliqués aux logiciels de gestion des dossiers : charge de saisie, fidélité du logiciel à l'activité réelle, pilotage par les données, temps de réflexion collective, marges pour adapter les outils.",
	"instrument_custom":                 "Questionnaire défini pour cette campagne. Ses dimensions et leurs sources sont décrites dans son fichier de définition et dans la documentation remise par le consultant.",
	"h_scoring":                         "Calcul des scores",
	"scoring_text":                      "Chaque réponse est ramenée sur une échelle de 0 à 100 (les questions formulées à l'envers sont recodées) ; le score d'une personne sur une dimension est la moyenne de ses réponses, calculée si elle a répondu à au moins la moitié des questions. Les moyennes de groupe sont données avec leur intervalle de confiance à 95 %. Deux seuils par dimension délimitent trois niveaux : favorable, intermédiaire et défavorable ; selon la dimension, c'est un score élevé ou un score bas qui est défavorable.",
	"col_dimension":                     "Dimension",
	"col_direction":                     "Sens",
	"col_low":                           "Seuil bas",
	"col_high":                          "Seuil haut",
	"dir_worse":                         "élevé = défavorable",
	"dir_better":                        "élevé = favorable",
	"h_anonymity":                       "Règles d'anonymat",
	"anonymity_text":                    "Seuil d'anonymat de cette campagne : k = %d. Aucun résultat n'est présenté pour un groupe (unité, catégorie) ni pour une mesure comptant moins de %d répondants ; le nom d'un tel groupe peut apparaître, sans aucun chiffre, avec la mention « masqué ».",
	"anonymity_comments":                "Les commentaires libres ne sont montrés, après relecture, que pour les groupes d'au moins %d répondants.",
	"anonymity_secondary":               "Quand un groupe masqué pourrait être retrouvé par soustraction (par exemple l'ensemble moins les autres unités), une autre mesure est masquée aussi (masquage secondaire). Quand des groupes se recoupent (une unité et une catégorie de métier), les personnes qui appartiennent exactement aux mêmes groupes publiés sont au moins %[1]d, ou aucune : sinon une catégorie de plus, ou une unité, est masquée, si bien que même en croisant tous les chiffres publiés on ne peut rien prouver sur moins de %[1]d personnes. Aucune réponse n'est conservée avec un élément permettant d'identifier une personne.",
	"h_caveats":                         "Participation : précautions de lecture",
	"caveat_low":                        "Unités dont le taux de réponse est inférieur à 60 %% : %s. Leurs résultats peuvent ne pas refléter l'ensemble de l'équipe.",
	"caveat_none":                       "Aucune unité dont l'effectif est connu n'a un taux de réponse inférieur à 60 %.",
	"caveat_general":                    "Les personnes qui répondent ne sont pas forcément représentatives de celles qui ne répondent pas. Une différence de quelques points entre deux groupes, quand leurs intervalles de confiance se recouvrent, n'est pas significative.",
	"defensive_reminder":                "Stratégies défensives : ces résultats ouvrent une discussion collective sur le travail et ses difficultés. Ils ne posent aucun diagnostic et ne désignent personne ; une stratégie défensive est une façon normale de tenir face aux contraintes du travail.",

	// Questionnaire sections
	"section_intro":      "%s personnes ont répondu à ce questionnaire, qui compte %d dimensions.",
	"section_all_masked": "L'ensemble des répondants compte moins de k personnes : aucun résultat n'est présenté.",
	"h_means":            "Moyennes par dimension",
	"means_explain":      "Moyenne de l'ensemble des répondants sur 100 pour chaque dimension, avec son intervalle de confiance à 95 %. La couleur, le motif et le symbole indiquent le niveau.",
	"h_shares":           "Répartition des niveaux",
	"shares_explain":     "Part des répondants dont le score est favorable, intermédiaire ou défavorable, pour chaque dimension.",
	"h_heatmap":          "Carte des unités",
	"heatmap_explain":    "Moyenne sur 100 de chaque unité pour chaque dimension. La couleur et le symbole indiquent le niveau ; n est le nombre de répondants de l'unité.",
	"h_segments":         "Comparaisons par segment",
	"segments_explain":   "Moyennes sur 100 par catégorie de chaque segment, à comparer avec l'ensemble.",
	"segment_title":      "Segment : %s",
	"segment_withheld":   "Aucune catégorie de ce segment n'est publiée : croisées avec les unités (et les autres segments), elles auraient permis de retrouver des réponses de groupes de moins de %d personnes.",
	"col_category":       "Catégorie",
	"h_indicators":       "Indicateurs",
	"indicator_explain":  "Moyenne du ratio et part des répondants au-dessus du seuil de %s, par groupe.",
	"col_group":          "Groupe",
	"col_ratio_mean":     "Ratio moyen",
	"col_share_above":    "Part > %s",
	"h_comments":         "Commentaires",
	"comments_explain":   "Commentaires libres relus et publiés, pour les groupes d'au moins %d répondants. Ils sont reproduits tels quels, après retrait de tout élément permettant d'identifier une personne.",

	// Annexes
	"h_annex_items":       "Annexe : réponses par question",
	"annex_items_explain": "Répartition des réponses de l'ensemble des répondants à chaque question, en pourcentage. Les questions marquées (inversée) sont recodées avant le calcul des scores.",
	"reversed_mark":       "(inversée)",
	"h_annex_reliability": "Annexe : fiabilité des dimensions",
	"reliability_explain": "Alpha de Cronbach de chaque dimension, calculé sur les répondants ayant répondu à toutes ses questions (n). Un alpha d'au moins 0,70 indique que les questions mesurent bien une même notion.",
	"col_reading":         "Lecture",
	"alpha_none":          "non calculé (moins de 10 répondants)",
	"alpha_good":          "bonne cohérence",
	"alpha_ok":            "cohérence acceptable",
	"alpha_low":           "cohérence faible : lire avec prudence",
	"h_glossary":          "Glossaire",
	"gl_mean":             "Moyenne : score moyen du groupe, de 0 à 100.",
	"gl_ci":               "Intervalle de confiance à 95 % : plage dans laquelle se trouve vraisemblablement la moyenne ; il est d'autant plus large que le groupe est petit.",
	"gl_levels":           "Niveaux : favorable, intermédiaire, défavorable, selon la position du score par rapport aux seuils de la dimension.",
	"gl_cutoffs":          "Seuils : deux valeurs sur l'échelle de 0 à 100 qui délimitent les niveaux d'une dimension.",
	"gl_k":                "k : nombre minimal de répondants pour qu'un résultat soit présenté.",
	"gl_secondary":        "Masquage secondaire : masquage d'une mesure supplémentaire pour qu'aucune soustraction ne révèle un groupe trop petit.",
	"gl_alpha":            "Alpha de Cronbach : indice de cohérence des questions d'une dimension, de 0 à 1.",
	"gl_ratio":            "Ratio efforts/récompenses : rapport entre les efforts déclarés et les récompenses reçues ; au-dessus de 1, les efforts l'emportent (seuil emprunté au modèle de Siegrist, établi avec son propre questionnaire : il ne se compare pas aux études publiées).",
	"gl_unit":             "Unité : service, équipe ou site choisi par le répondant dans l'organigramme de l'enquête.",
	"gl_segment":          "Segment : caractéristique à quelques catégories (métier, ancienneté…) choisie par le répondant.",

	// Added for issue 15: period, limits, signals, comments, offline.
	"doc_title":                    "Rapport de résultats : %s",
	"period_week":                  "semaine du %s",
	"period_range":                 "du %s au %s",
	"period_from":                  "à partir de la semaine du %s",
	"period_note":                  "Pour l'anonymat, Vigie ne garde que la semaine d'ouverture et celle de clôture, jamais une date exacte : la période va du lundi de la première au dimanche de la seconde.",
	"h_limits":                     "Portée et limites",
	"limits_cutoffs":               "Les seuils qui délimitent les trois niveaux (37,5 et 62,5 sur 100 pour la plupart des dimensions) sont une convention de lecture, pas des normes cliniques : un score « défavorable » invite à en parler, il ne pose aucun diagnostic.",
	"limits_norms":                 "Ces scores ne peuvent pas être comparés aux normes publiées pour les questionnaires d'origine, ni aux résultats d'autres outils : ils se comparent entre les groupes de cette enquête, et d'une enquête à l'autre avec les mêmes questionnaires.",
	"limits_defensive":             "Les stratégies défensives sont des signaux collectifs, pas une mesure de qui que ce soit : leurs niveaux se lisent « signal faible », « à discuter » ou « marqué », avec leurs propres couleurs, et jamais « défavorable ».",
	"summary_limits":               "Les questionnaires sont propres à Vigie et leurs seuils sont une convention de lecture : les scores ne se comparent pas aux normes publiées (voir « Portée et limites » dans la méthode).",
	"signal_level_favourable":      "signal faible",
	"signal_level_intermediate":    "à discuter",
	"signal_level_unfavourable":    "marqué",
	"signal_shares_explain":        "Part des répondants dont le score donne un signal faible, à discuter ou marqué, pour chaque dimension.",
	"signal_section_note":          "Ces résultats sont des signaux collectifs, à discuter avec les équipes : ils ne mesurent personne. Les niveaux se lisent « signal faible », « à discuter » ou « marqué ».",
	"signal_sum_no_unfavourable":   "Aucune dimension ne donne de signal marqué.",
	"signal_sum_dimension":         "« %s » : signal marqué pour %s des répondants (moyenne %s sur 100, intervalle de confiance à 95 %% de %s à %s ; %s).",
	"signal_sum_units":             "Unités où les signaux sont les plus marqués : %s.",
	"signal_sum_unit_one":          "%s (%d dimension au signal marqué sur %d, n = %s)",
	"signal_sum_unit_other":        "%s (%d dimensions au signal marqué sur %d, n = %s)",
	"signal_sum_no_unit":           "Aucune unité n'a de moyenne au signal marqué.",
	"signal_dir_worse":             "élevé = signal marqué",
	"signal_dir_better":            "élevé = signal faible",
	"comments_none":                "Aucun commentaire n'a été publié pour ce questionnaire.",
	"comments_pending":             "Aucun commentaire n'est encore publié : des commentaires attendent la relecture du consultant, qui retire tout élément permettant de reconnaître une personne avant de les publier.",
	"comments_withheld":            "Des commentaires viennent de groupes de moins de %d répondants (le seuil des commentaires) : pour protéger leurs auteurs, ils ne sont jamais montrés.",
	"comments_offline":             "Ce rapport est établi à partir d'un fichier de réponses : il ne contient pas de commentaires libres.",
	"participation_explain_nohead": "Nombre de répondants par unité. Les effectifs des unités ne sont pas connus : aucun taux de participation n'est calculé.",
	"sum_participation_nohead":     "Participation : les effectifs des unités ne sont pas connus, le taux de réponse ne peut donc pas être calculé.",
	"caveat_nohead":                "Les effectifs des unités ne sont pas connus : on ne peut pas dire quelle part de chaque équipe a répondu.",
}

var english = map[string]string{
	// Slips
	"slips_title":   "access codes",
	"slips_note":    "This code is anonymous: it only lets you answer once, and come back later. Nothing links the code to your answers. Results are only shown for groups of at least %d people.",
	"slips_unit":    "Unit: ",
	"slips_address": "Answer at:",
	"slips_until":   "Until %s inclusive",
	"slips_code":    "Your code:",
	// Pages
	"confidential":         "Confidential",
	"footer_k":             "Results shown only for groups of at least k = %d people",
	"page":                 "Page %d",
	"page_of":              "Page %d of %d",
	"toc":                  "Contents",
	"cover_kind":           "Results report — occupational health survey",
	"cover_period":         "Survey period",
	"cover_date":           "Report date",
	"cover_audience":       "Audience",
	"cover_questionnaires": "Questionnaires",
	"cover_note":           "Confidential document. Results are aggregated: no group of fewer than k = %d people is shown, and no individual answer appears in this report. They describe work situations, never people.",
	"cover_version":        "Produced with Vigie %s",
	"audience_consultant":  "Consultant (full version)",
	"audience_committee":   "Committees (health and safety committee, occupational physician): aggregated results",

	// Levels and masks
	"level_favourable":    "favourable",
	"level_intermediate":  "intermediate",
	"level_unfavourable":  "unfavourable",
	"masked_below_k":      "hidden (fewer than %d responses)",
	"masked_secondary":    "hidden to protect another group",
	"masked_measure":      "not shown (fewer than k answers for this measure)",
	"legend_ci":           "95% confidence interval",
	"legend_masked_cells": "< k: fewer than k answers for this measure, not shown. —: measure hidden so that no subtraction reveals a group of fewer than k people. The symbols ○ ◐ ● repeat the colour for black-and-white reading.",
	"group_all":           "All respondents",
	"not_specified":       "Not specified",

	// Summary
	"h_summary":                   "Summary",
	"summary_intro":               "This summary says in a few sentences what the results show. Each figure comes with the confidence it allows: the smaller a group, the wider its confidence interval.",
	"sum_participation_ok":        "Participation: every unit with a known headcount has a response rate of at least 60%.",
	"sum_participation_low_one":   "Participation: %d unit has a response rate under 60%%, which limits how representative its results are: %s.",
	"sum_participation_low_other": "Participation: %d units have a response rate under 60%%, which limits how representative their results are: %s.",
	"sum_respondents":             "%s people answered.",
	"sum_no_unfavourable":         "No dimension has respondents in the unfavourable band.",
	"sum_dimension":               "“%s”: %s of respondents in the unfavourable band (mean %s out of 100, 95%% confidence interval %s to %s; %s).",
	"sum_units":                   "Most exposed units: %s.",
	"sum_unit_one":                "%s (%d of %d dimensions unfavourable, n = %s)",
	"sum_unit_other":              "%s (%d of %d dimensions unfavourable, n = %s)",
	"sum_no_unit":                 "No unit has a mean in the unfavourable band.",
	"sum_units_masked_one":        "%d unit is not detailed because it has fewer than k answers.",
	"sum_units_masked_other":      "%d units are not detailed because they have fewer than k answers (or to protect another group).",
	"sum_indicator":               "%s: %s of respondents above %s (mean %s; %s).",
	"conf_small":                  "small group, n = %s: read with caution",
	"conf_ok":                     "n = %s, precision about ± %s points",
	"small_n":                     ", small group",
	"list_sep":                    "; ",
	"summary_caution":             "These results describe collective working conditions. They open a discussion with the teams; they pass no judgement on anyone.",

	// Participation
	"h_participation":       "Participation",
	"participation_explain": "Respondents per unit, against the headcount where known. A rate under %s calls for caution in reading the unit's results.",
	"col_unit":              "Unit",
	"col_respondents":       "Respondents",
	"col_headcount":         "Headcount",
	"col_rate":              "Rate",
	"col_note":              "Note",
	"note_low":              "< 60%",

	// Method
	"h_method":                          "Method",
	"h_instruments":                     "Instruments and theoretical sources",
	"instrument_title":                  "%s (%s, version %d)",
	"instrument_sens-du-travail":        "Meaning of work after Estelle Morin (Morin, 2008; Morin and Cherré, 2004): social usefulness, moral rectitude, autonomy, learning and development, quality of relationships, and an overall scale of perceived meaning.",
	"instrument_reconnaissance":         "Effort-reward imbalance model of Johannes Siegrist (1996): effort is set against rewards (esteem, prospects and pay, job security); Siegrist reads a ratio above 1 as an imbalance, a threshold established with his own questionnaire (see the note under the ratio). Forms of recognition (of the person, of work practice, of investment, of results) follow Brun and Dugas (2005), by source: management, colleagues, people served.",
	"instrument_strategies-defensives":  "Psychodynamics of work of Christophe Dejours (1980, 1998): defensive strategies (rationalisation, denial, distrust, withdrawal, over-activity, cynicism) are collective ways of holding on against what makes work painful; ethical suffering comes from having to do what one disapproves of.",
	"instrument_numerique-travail-reel": "Activity ergonomics and clinic of work: the gap between prescribed and real work (Guérin et al., 1991; Daniellou, 2002) and “quality prevented” (Clot, 2010), applied to case-management software: data-entry burden, how faithfully the software shows real activity, management by data, time for collective reflection, room to adapt the tools.",
	"instrument_custom":                 "Questionnaire defined for this campaign. Its dimensions and their sources are described in its definition file and in the consultant's documentation.",
	"h_scoring":                         "Scoring",
	"scoring_text":                      "Each answer is mapped to a 0-100 scale (reverse-worded questions are recoded); a person's score on a dimension is the mean of their answers, computed when they answered at least half of its questions. Group means come with their 95% confidence interval. Two cut-offs per dimension define three levels: favourable, intermediate and unfavourable; depending on the dimension, a high or a low score is unfavourable.",
	"col_dimension":                     "Dimension",
	"col_direction":                     "Direction",
	"col_low":                           "Low cut-off",
	"col_high":                          "High cut-off",
	"dir_worse":                         "high = unfavourable",
	"dir_better":                        "high = favourable",
	"h_anonymity":                       "Anonymity rules",
	"anonymity_text":                    "This campaign's anonymity threshold: k = %d. No result is shown for a group (unit, category) or a measure with fewer than %d respondents; such a group's name may appear, with no figure, marked “hidden”.",
	"anonymity_comments":                "Free comments are shown, after moderation, only for groups of at least %d respondents.",
	"anonymity_secondary":               "When a hidden group could be recovered by subtraction (for instance all respondents minus the other units), another measure is hidden too (secondary suppression). Where groups overlap (a unit and a job category), the people who belong to exactly the same published groups are at least %[1]d, or none: otherwise one more category, or a unit, is hidden, so that even crossing every published figure proves nothing about fewer than %[1]d people. No answer is stored with anything that could identify a person.",
	"h_caveats":                         "Participation: reading with care",
	"caveat_low":                        "Units with a response rate under 60%%: %s. Their results may not reflect the whole team.",
	"caveat_none":                       "No unit with a known headcount has a response rate under 60%.",
	"caveat_general":                    "People who answer are not necessarily representative of those who do not. A difference of a few points between two groups whose confidence intervals overlap is not significant.",
	"defensive_reminder":                "Defensive strategies: these results open a collective discussion about work and its difficulties. They diagnose no one and point at no one; a defensive strategy is a normal way of coping with the constraints of work.",

	// Questionnaire sections
	"section_intro":      "%s people answered this questionnaire, which has %d dimensions.",
	"section_all_masked": "Fewer than k people answered: no result is shown.",
	"h_means":            "Means by dimension",
	"means_explain":      "Mean of all respondents out of 100 for each dimension, with its 95% confidence interval. Colour, pattern and symbol show the level.",
	"h_shares":           "Distribution of levels",
	"shares_explain":     "Share of respondents whose score is favourable, intermediate or unfavourable, for each dimension.",
	"h_heatmap":          "Map of units",
	"heatmap_explain":    "Mean out of 100 of each unit on each dimension. Colour and symbol show the level; n is the unit's number of respondents.",
	"h_segments":         "Comparisons by segment",
	"segments_explain":   "Means out of 100 by category of each segment, to compare with all respondents.",
	"segment_title":      "Segment: %s",
	"segment_withheld":   "No category of this segment is published: crossed with the units (and the other segments), they would have let answers of groups of fewer than %d people be recovered.",
	"col_category":       "Category",
	"h_indicators":       "Indicators",
	"indicator_explain":  "Mean ratio and share of respondents above the threshold of %s, by group.",
	"col_group":          "Group",
	"col_ratio_mean":     "Mean ratio",
	"col_share_above":    "Share > %s",
	"h_comments":         "Comments",
	"comments_explain":   "Moderated free comments, for groups of at least %d respondents. They are reproduced as written, after removal of anything that could identify a person.",

	// Annexes
	"h_annex_items":       "Annex: answers by question",
	"annex_items_explain": "Distribution of all respondents' answers to each question, in percent. Questions marked (reversed) are recoded before scoring.",
	"reversed_mark":       "(reversed)",
	"h_annex_reliability": "Annex: reliability of the dimensions",
	"reliability_explain": "Cronbach's alpha of each dimension, over the respondents who answered all its questions (n). An alpha of at least 0.70 shows that the questions measure one notion.",
	"col_reading":         "Reading",
	"alpha_none":          "not computed (fewer than 10 respondents)",
	"alpha_good":          "good consistency",
	"alpha_ok":            "acceptable consistency",
	"alpha_low":           "weak consistency: read with caution",
	"h_glossary":          "Glossary",
	"gl_mean":             "Mean: the group's average score, from 0 to 100.",
	"gl_ci":               "95% confidence interval: the range in which the mean most likely lies; the smaller the group, the wider it is.",
	"gl_levels":           "Levels: favourable, intermediate, unfavourable, by where the score falls against the dimension's cut-offs.",
	"gl_cutoffs":          "Cut-offs: two values on the 0-100 scale that separate a dimension's levels.",
	"gl_k":                "k: the smallest number of respondents for a result to be shown.",
	"gl_secondary":        "Secondary suppression: hiding one more measure so that no subtraction reveals a group that is too small.",
	"gl_alpha":            "Cronbach's alpha: consistency of a dimension's questions, from 0 to 1.",
	"gl_ratio":            "Effort/reward ratio: declared efforts over rewards received; above 1, efforts outweigh rewards (a threshold borrowed from Siegrist's model, established with his own questionnaire: it does not compare with published studies).",
	"gl_unit":             "Unit: department, team or site the respondent chose in the survey's organisation chart.",
	"gl_segment":          "Segment: a characteristic with a few categories (occupation, seniority…) the respondent chose.",

	// Added for issue 15: period, limits, signals, comments, offline.
	"doc_title":                    "Results report: %s",
	"period_week":                  "week of %s",
	"period_range":                 "%s to %s",
	"period_from":                  "from the week of %s",
	"period_note":                  "For anonymity, Vigie keeps only the weeks of opening and closing, never an exact date: the period runs from the Monday of the first to the Sunday of the second.",
	"h_limits":                     "Scope and limits",
	"limits_cutoffs":               "The cut-offs between the three levels (37.5 and 62.5 out of 100 for most dimensions) are a reading convention, not clinical norms: an “unfavourable” score calls for a discussion, it diagnoses nothing.",
	"limits_norms":                 "These scores cannot be compared with the published norms of the original questionnaires, nor with other tools: they compare between the groups of this survey, and from one survey to the next with the same questionnaires.",
	"limits_defensive":             "Defensive strategies are collective signals, not a measure of anyone: their levels read “weak signal”, “to discuss” or “marked”, with their own colours, never “unfavourable”.",
	"summary_limits":               "The questionnaires are Vigie's own and their cut-offs a reading convention: scores do not compare with published norms (see “Scope and limits” in the method).",
	"signal_level_favourable":      "weak signal",
	"signal_level_intermediate":    "to discuss",
	"signal_level_unfavourable":    "marked",
	"signal_shares_explain":        "Share of respondents whose score gives a weak signal, one to discuss or a marked one, for each dimension.",
	"signal_section_note":          "These results are collective signals, to discuss with the teams: they measure no one. Levels read “weak signal”, “to discuss” or “marked”.",
	"signal_sum_no_unfavourable":   "No dimension gives a marked signal.",
	"signal_sum_dimension":         "“%s”: marked signal for %s of respondents (mean %s out of 100, 95%% confidence interval %s to %s; %s).",
	"signal_sum_units":             "Units where signals are most marked: %s.",
	"signal_sum_unit_one":          "%s (%d of %d dimensions with a marked signal, n = %s)",
	"signal_sum_unit_other":        "%s (%d of %d dimensions with a marked signal, n = %s)",
	"signal_sum_no_unit":           "No unit has a mean with a marked signal.",
	"signal_dir_worse":             "high = marked signal",
	"signal_dir_better":            "high = weak signal",
	"comments_none":                "No comment has been published for this questionnaire.",
	"comments_pending":             "No comment is published yet: comments are waiting for the consultant's review, which removes anything that could identify a person before publishing them.",
	"comments_withheld":            "Some comments come from groups of fewer than %d respondents (the comment threshold): to protect their authors, they are never shown.",
	"comments_offline":             "This report was made from a responses file: it has no free comments.",
	"participation_explain_nohead": "Respondents per unit. The units' headcounts are not known: no participation rate is computed.",
	"sum_participation_nohead":     "Participation: the units' headcounts are not known, so no response rate can be computed.",
	"caveat_nohead":                "The units' headcounts are not known: there is no telling what share of each team answered.",
}

// addTexts adds the texts of one part of the reports (essentials, guide)
// to a language's table. A key defined twice is a mistake (one text would
// silently replace the other wherever the key is used): it panics at start.
func addTexts(dst, src map[string]string) {
	for k, v := range src {
		if _, ok := dst[k]; ok {
			panic("reports: text " + k + " is defined twice")
		}
		dst[k] = v
	}
}
