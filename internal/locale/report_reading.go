package locale

func init() { add("report", "report.", frenchReading, englishReading) }

// What every document says about what the built-in questionnaires are,
// about thresholds borrowed from published instruments, and about the
// defensive strategies' reading (issue 20). One key per sentence, shared by
// the PDF report, the workbook, the AIPD, the notice and the web pages, so
// that they never say different things.
var frenchReading = map[string]string{
	"limits_instruments": "Les questionnaires fournis avec l'outil d'enquête sont des formulations originales, écrites pour lui et inspirées de modèles publiés (Estelle Morin pour le sens du travail, Johannes Siegrist pour les efforts et récompenses, Jean-Pierre Brun et Ninon Dugas pour la reconnaissance, Christophe Dejours pour la psychodynamique du travail, le rapport Gollac pour les familles de risques) : ce ne sont pas des versions validées de questionnaires publiés, leurs propriétés ne sont pas établies (la cohérence de chaque dimension se vérifie à chaque enquête) et leurs résultats ne posent aucun diagnostic.",
	// Keyed by questionnaire and indicator: a threshold taken from a
	// published instrument, and what it can and cannot say here.
	"threshold_note_reconnaissance/ratio-effort-recompense": "Seuil emprunté : la valeur 1 est le seuil du modèle de Siegrist, établi avec son propre questionnaire (ERI) et ses échelles. Les questions posées ici n'étant pas celles de l'ERI, la part des répondants au-dessus de 1 ne se compare pas aux études publiées et ne suffit pas à dire qui est exposé : elle se compare entre groupes de cette enquête et d'une enquête à l'autre.",
	"instrument_exigences-et-insecurite":                    "Deux échelles courtes écrites pour l'outil d'enquête, sans reprendre aucun questionnaire publié, pour les deux familles du rapport Gollac (2011) que les autres questionnaires ne mesurent pas : les exigences émotionnelles (contact avec la détresse, calme à garder face à la tension ou à l'agressivité, attitude à montrer, situations qui restent en tête) et l'insécurité de la situation de travail (crainte pour l'emploi, changements décidés sans savoir ce qu'ils changeront, avenir du métier, travail tenable jusqu'à la fin de la carrière). Elles ne sont pas validées : leur cohérence se vérifie à chaque enquête.",

	"sum_indicator_borrowed": "Le seuil de %s est emprunté à un questionnaire publié : voir la note sous l'indicateur.",
	"legend_scheme":          "Dimensions :",
	"signal_legend_scheme":   "Stratégies défensives :",
	"signal_section_levels":  "%s décrit une situation de travail, pas une façon d'y faire face : elle se lit favorable, intermédiaire ou défavorable, comme les autres questionnaires.",
	"signal_shares_mixed":    "Pour les stratégies défensives, les trois parts se lisent signal faible, à discuter et marqué.",
	"guide_h_weak":           "Signaux faibles",
	"guide_weak":             "Signal faible pour : %s. Ces façons de faire face aux difficultés du travail sont peu présentes dans les réponses du groupe. Un signal faible ne dit pas que le travail est sans difficulté : il peut se discuter comme les autres.",
	"topic_signal_for":       "signal à discuter pour « %s »",
}

var englishReading = map[string]string{
	"limits_instruments": "The questionnaires supplied with the survey tool are original wordings, written for it and inspired by published models (Estelle Morin for the meaning of work, Johannes Siegrist for effort and reward, Jean-Pierre Brun and Ninon Dugas for recognition, Christophe Dejours for the psychodynamics of work, the Gollac report for the risk families): they are not validated versions of published questionnaires, their properties are not established (each dimension's consistency is checked in every survey) and their results diagnose nothing.",
	"threshold_note_reconnaissance/ratio-effort-recompense": "Borrowed threshold: 1 is the threshold of Siegrist's model, established with his own questionnaire (ERI) and scales. Since the questions asked here are not the ERI's, the share of respondents above 1 does not compare with published studies and does not by itself say who is exposed: compare it between the groups of this survey and from one survey to the next.",
	"instrument_exigences-et-insecurite":                    "Two short scales written for the survey tool, reusing no published questionnaire, for the two families of the Gollac report (2011) the other questionnaires do not measure: emotional demands (contact with distress, keeping calm in the face of tension or aggression, an attitude to show, situations that stay on one's mind) and insecurity of the work situation (fear for one's job, changes decided without knowing what they will change, the future of the occupation, work one can keep up until the end of one's career). They are not validated: their consistency is checked in every survey.",

	"sum_indicator_borrowed": "The threshold of %s is borrowed from a published questionnaire: see the note under the indicator.",
	"legend_scheme":          "Dimensions:",
	"signal_legend_scheme":   "Defensive strategies:",
	"signal_section_levels":  "%s describes a work situation, not a way of coping with it: it reads favourable, intermediate or unfavourable, like the other questionnaires.",
	"signal_shares_mixed":    "For the defensive strategies, the three shares read weak signal, to discuss and marked.",
	"guide_h_weak":           "Weak signals",
	"guide_weak":             "Weak signal for: %s. These ways of coping with the difficulties of work are rare in the group's answers. A weak signal does not mean the work is free of difficulty: it can be discussed like the others.",
	"topic_signal_for":       "signal to discuss for “%s”",
}
