package locale

func init() { add("notice", "notice.", noticeFR, noticeEN) }

// The information notice employees read before answering (RGPD art. 13;
// reports.Notice): the web page and the PDF for notice boards. Each
// section is a heading (".h") and its paragraphs; the report's sentence
// on the instruments' limits (report.limits_instruments) closes the
// section on publication.
var noticeFR = map[string]string{
	"answer_at": "Répondre : %s",
	"online_at": "Cette notice en ligne : %s",
	"online":    "Cette notice en ligne",

	"who.h":               "Qui mène cette enquête, et pourquoi",
	"who.controller":      "Responsable du traitement des données : %s",
	"who.conducted_by":    "Enquête menée par : %s",
	"who.purpose_default": "Elle sert à évaluer les conditions de travail et les risques psychosociaux, pour les prévenir.",
	"who.legal_basis":     "Base légale : %s",

	"optional.h": "Répondre est facultatif",
	"optional.p": "Personne n’est obligé de répondre, ni à l’enquête ni à une question : chaque question propose « Je préfère ne pas répondre ». Ne pas répondre n’a aucune conséquence, et personne ne sait qui a répondu.",

	"recorded.h": "Ce qui est enregistré",
	"recorded.p": "Vos réponses, l’unité et les catégories (métier, ancienneté…) que vous choisissez, la semaine de votre réponse, et votre commentaire si vous en écrivez un.",

	"never.h":     "Ce qui n’est jamais enregistré",
	"never.p":     "Ni votre nom, ni votre adresse e-mail, ni l’adresse IP de votre appareil, ni l’heure exacte de votre réponse. %s",
	"never.link":  "Aucun lien n’est gardé entre votre réponse et l’appareil ou la connexion utilisés.",
	"never.codes": "Votre code d’accès sert seulement à répondre une fois (et à reprendre plus tard) : rien ne le relie à vos réponses.",

	"published.h":        "Comment les résultats sont publiés",
	"published.k":        "Seuls des résultats de groupes d’au moins %d personnes sont montrés, jamais une réponse individuelle, ni un groupe qu’on pourrait déduire d’autres par soustraction. Les résultats ne sont calculés qu’après la clôture.",
	"published.comments": "Les commentaires ne sont lus qu’après la clôture, pour des groupes d’au moins %d personnes, et relus avant publication : les noms et détails identifiants en sont retirés.",

	"published.portfolio":    "Les résultats d’ensemble de l’organisation (jamais ceux d’un service ni d’un groupe) alimentent aussi une référence anonyme : la moyenne de plusieurs organisations clientes du même intervenant (jamais moins de six), publiée sans qu’aucune organisation puisse y être reconnue.",
	"published.no_portfolio": "Les résultats de cette enquête n’alimentent aucune référence commune à d’autres organisations.",

	"keep.h":   "Combien de temps",
	"keep.p":   "Les réponses individuelles, les codes d’accès et le texte original des commentaires sont effacés au plus tard %d jours après la clôture de l’enquête%s. Ne restent ensuite que les résultats d’ensemble et les commentaires publiés.",
	"keep.day": ", soit le %s",

	"rights.h":          "Vos droits",
	"rights.p":          "Vous disposez des droits d’accès, de rectification, d’effacement, de limitation et d’opposition (articles 15 à 21 du RGPD). Pour les exercer ou pour toute question, contactez %s. Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).",
	"rights.controller": "le responsable du traitement (%s)",
	"rights.dpo":        "le délégué à la protection des données (%s)",

	"access.h": "Pourquoi une demande d’accès ne retrouvera pas vos réponses",
	"access.p": "Vos réponses ne sont liées ni à votre nom ni à votre code : personne, pas même l’administrateur du serveur, ne peut retrouver lesquelles sont les vôtres. C’est ce qui protège votre anonymat ; c’est aussi pourquoi elles ne peuvent être ni communiquées, ni corrigées, ni effacées une à une (article 11 du RGPD).",
}

var noticeEN = map[string]string{
	"answer_at": "Answer at: %s",
	"online_at": "This notice online: %s",
	"online":    "This notice online",

	"who.h":               "Who runs this survey, and why",
	"who.controller":      "Data controller: %s",
	"who.conducted_by":    "Survey run by: %s",
	"who.purpose_default": "It assesses working conditions and psychosocial risks, in order to prevent them.",
	"who.legal_basis":     "Legal basis: %s",

	"optional.h": "Answering is optional",
	"optional.p": "Nobody has to answer, neither the survey nor any question: every question offers \"I prefer not to answer\". Not answering has no consequence, and nobody knows who answered.",

	"recorded.h": "What is recorded",
	"recorded.p": "Your answers, the unit and categories (job, seniority…) you choose, the week of your answer, and your comment if you write one.",

	"never.h":     "What is never recorded",
	"never.p":     "Not your name, not your e-mail address, not your device's IP address, not the exact time of your answer. %s",
	"never.link":  "No link is kept between your answers and the device or connection you used.",
	"never.codes": "Your access code only lets you answer once (and resume later): nothing links it to your answers.",

	"published.h":        "How results are published",
	"published.k":        "Only results of groups of at least %d people are shown, never an individual answer, nor a group that could be worked out from others by subtraction. Results are computed only after closing.",
	"published.comments": "Comments are read only after closing, for groups of at least %d people, and reviewed before publication: names and identifying details are removed.",

	"published.portfolio":    "The organisation's overall results (never those of a unit or group) also feed an anonymous reference: the mean of several client organisations of the same consultant (never fewer than six), published so that no organisation can be recognised in it.",
	"published.no_portfolio": "The results of this survey feed no reference shared with other organisations.",

	"keep.h":   "How long",
	"keep.p":   "Individual answers, access codes and the original text of comments are erased at the latest %d days after the survey closes%s. Only the overall results and the published comments are kept after that.",
	"keep.day": ", that is on %s",

	"rights.h":          "Your rights",
	"rights.p":          "You have the rights of access, rectification, erasure, restriction and objection (GDPR articles 15 to 21). To exercise them or for any question, contact %s. You may also complain to the CNIL (www.cnil.fr).",
	"rights.controller": "the data controller (%s)",
	"rights.dpo":        "the data protection officer (%s)",

	"access.h": "Why an access request will not find your answers",
	"access.p": "Your answers are linked neither to your name nor to your code: nobody, not even the server's administrator, can tell which ones are yours. That is what protects your anonymity; it is also why they cannot be disclosed, corrected or erased one by one (GDPR article 11).",
}
