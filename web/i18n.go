package web

import (
	"fmt"
	"strings"
)

// defaultLang is the language of every page unless the person picks
// another with the switch (?lang=, then a cookie) or, on a campaign's
// pages only, the browser asks for another the campaign offers
// (Accept-Language). It is never guessed from the address.
const defaultLang = "fr"

// languages are the languages of the interface, in the switch's order.
var languages = []string{"fr", "en"}

func isLang(l string) bool { return l == "fr" || l == "en" }

// tr returns the message key in lang (French when missing), formatted
// with args.
func tr(lang, key string, args ...any) string {
	msg, ok := messages[lang][key]
	french := lang == defaultLang
	if !ok {
		msg, ok = messages[defaultLang][key]
		french = true
	}
	if !ok {
		return key
	}
	if french {
		msg = frenchSpaces.Replace(msg)
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// trn returns the message that counts n: key+".one" or key+".other" as
// the language wants (French: 0 and 1 are singular, « 0 réponse »;
// English: only 1), formatted with n then args. A real plural reads better
// than « réponse(s) », and a screen reader says it right.
func trn(lang, key string, n int, args ...any) string {
	form := ".other"
	if n == 1 || (n == 0 && lang != "en") {
		form = ".one"
	}
	return tr(lang, key+form, append([]any{n}, args...)...)
}

// frenchSpaces puts a non-breaking space before « : » and inside
// guillemets, as French typography wants, so that no line of an employee's
// page starts with a colon or a lone guillemet.
var frenchSpaces = strings.NewReplacer(" :", "\u00a0:", "« ", "«\u00a0", " »", "\u00a0»")

// messages holds the interface's texts per language. Questionnaire texts
// come from the questionnaire files, not from here.
var messages = map[string]map[string]string{
	"fr": {
		"lang.name":       "Français",
		"layout.skip":     "Aller au contenu",
		"layout.language": "Langue",
		"layout.footer":   "Vigie\u00a0: enquête anonyme en santé au travail. Aucune adresse IP, aucun nom, aucune heure exacte n’est enregistrée.",
		"step.of":         "Étape %d sur %d",

		"error.title":       "Impossible de continuer",
		"error.internal":    "Une erreur interne est survenue. Réessayez dans un instant.",
		"error.crossorigin": "Cette demande vient d’un autre site et a été refusée.",
		"error.toolarge":    "La requête est trop volumineuse.",
		"error.notfound":    "Cette page n’existe pas.",
		"error.notyetopen":  "Cette enquête n’est pas encore ouverte\u00a0: revenez quand elle aura commencé.",
		"error.closed":      "Cette enquête est close\u00a0: il n’est plus possible d’y répondre. Merci de votre intérêt.",
		"error.already":     "Vos réponses ont déjà été enregistrées.",
		"error.busy":        "Trop de personnes répondent en ce moment\u00a0: réessayez dans quelques minutes.",
		"error.unavailable": "Le service est momentanément indisponible\u00a0: sa base de données ne répond pas. Réessayez dans quelques minutes.",
		"error.full":        "Le disque du serveur est plein\u00a0: rien n’a pu être enregistré. Réessayez plus tard\u00a0; si cela dure, prévenez la personne qui mène l’enquête.",

		// After a submission failed without a verdict (web/error.go).
		"error.submit.uncertain": "L’envoi de vos réponses n’a pas pu être confirmé\u00a0: le service a eu une panne à ce moment-là. Elles ont peut-être été enregistrées malgré tout. Dans quelques minutes, revenez à la page précédente et envoyez-les de nouveau\u00a0: si l’on vous répond alors qu’elles sont déjà enregistrées, c’est que ce premier envoi avait abouti, et vous n’avez rien d’autre à faire.",
		"error.recorded.after":   "Votre envoi précédent a été interrompu par une panne, mais il a sans doute abouti\u00a0: ce code a servi depuis, très probablement à enregistrer vos réponses. Vous n’avez rien d’autre à faire. Merci de votre participation.",
		"api.submit.uncertain":   "La réponse n’a pas pu être confirmée\u00a0: la base de données a eu une panne pendant l’envoi, et la réponse a peut-être été enregistrée malgré tout. Renvoyez la même réponse, avec le même code, dans quelques minutes\u00a0: 201, elle est enregistrée maintenant\u00a0; 409 « Ce code a déjà servi », ce premier envoi avait abouti. En accès par lien, sans code, rien ne permet de le savoir\u00a0: un nouvel envoi peut compter la réponse deux fois.",

		"nav.next":     "Continuer",
		"nav.previous": "Revenir à l’étape précédente",
		"nav.back":     "Revenir",

		"welcome.org":            "Une enquête pour l’organisation %s.",
		"welcome.expired":        "Votre session a expiré. Saisissez de nouveau votre code\u00a0: vos réponses déjà données sont conservées.",
		"welcome.expired.link":   "Votre session a expiré\u00a0: les réponses en cours n’ont pas été conservées, car rien n’est enregistré avant l’envoi. Recommencez le questionnaire.",
		"welcome.why.title":      "Pourquoi cette enquête\u00a0?",
		"welcome.why":            "Un intervenant en santé au travail, indépendant de votre hiérarchie, mène cette enquête pour l’organisation %s afin de mieux comprendre vos conditions de travail et de proposer des améliorations. Répondre est volontaire.",
		"welcome.by":             "Qui mène l’enquête\u00a0:",
		"welcome.by.default":     "Un intervenant en santé au travail, indépendant de votre hiérarchie, mène cette enquête pour l’organisation %s.",
		"welcome.purpose":        "Elle vise à mieux comprendre vos conditions de travail et à proposer des améliorations.",
		"welcome.voluntary":      "Répondre est volontaire.",
		"welcome.content":        "Vous répondrez aux questionnaires suivants\u00a0:",
		"welcome.duration":       "Durée estimée\u00a0: environ %d minutes. Vous pouvez vous arrêter et reprendre plus tard.",
		"welcome.enddate":        "Vous pouvez répondre jusqu’au %s inclus.",
		"error.enddate.notyet":   "Elle sera ouverte aux réponses jusqu’au %s inclus.",
		"error.enddate.closed":   "Les réponses étaient acceptées jusqu’au %s inclus.",
		"welcome.anon.title":     "Votre anonymat",
		"welcome.anon.stored":    "Ce qui est enregistré\u00a0: votre unité de travail, les grandes catégories que vous choisissez, vos réponses, vos commentaires éventuels, et la semaine de votre réponse.",
		"welcome.anon.notstored": "Ce qui n’est pas enregistré\u00a0: votre nom, votre adresse électronique, votre adresse IP, votre navigateur, l’heure exacte de votre réponse.",
		"welcome.anon.k":         "Les résultats ne sont présentés que pour des groupes d’au moins %d personnes\u00a0: un groupe plus petit n’apparaît jamais seul.",
		"welcome.anon.comments":  "Les commentaires ne sont lus qu’après la clôture, et seulement pour des groupes d’au moins %d personnes\u00a0; les noms et détails identifiants en sont retirés.",
		"welcome.anon.code":      "Votre code sert seulement à répondre une fois et à reprendre plus tard\u00a0: une fois vos réponses envoyées, rien ne relie le code à vos réponses.",
		"welcome.resume":         "Vos réponses en cours sont enregistrées chiffrées, avec une clé que seul ce navigateur garde. Pour reprendre plus tard, revenez dans ce même navigateur et saisissez de nouveau votre code. Dans un autre navigateur ou sur un autre appareil, elles ne peuvent pas être lues\u00a0: vous recommencerez, et les réponses en cours seront effacées.",
		"welcome.anon.link":      "Ce lien est le même pour tout le monde\u00a0: rien ne permet de savoir qui a répondu.",
		"welcome.anon.skip":      "Vous pouvez répondre « Je préfère ne pas répondre » à chaque question.",
		"welcome.notice":         "Notice d’information\u00a0: vos données et vos droits",
		"notice.title":           "Notice d’information",
		"notice.pdf":             "Version à imprimer (PDF)",
		"notice.back":            "Retour à l’enquête",
		"welcome.anon.retention": "Les réponses individuelles et les codes sont effacés au plus tard %d jours après la clôture de l’enquête\u00a0; ensuite ne restent que les résultats d’ensemble et les commentaires publiés.",
		"welcome.start":          "Commencer",
		"welcome.begin":          "Commencer le questionnaire",

		"code.label":   "Votre code d’accès",
		"code.hint":    "Il figure sur le papier ou le message que vous avez reçu, par exemple ABCD-EFGH-JKLM. Majuscules ou minuscules, peu importe.",
		"code.submit":  "Valider le code",
		"code.missing": "Saisissez votre code d’accès.",
		"code.unknown": "Ce code n’est pas reconnu. Vérifiez-le (les lettres O et I n’y figurent jamais) et réessayez.",
		"code.used":    "Ce code a déjà servi\u00a0: vos réponses ont déjà été enregistrées.",
		"code.toomany": "Trop de codes erronés ont été essayés depuis votre connexion. Attendez quelques minutes avant de réessayer.",

		"unit.title":   "Dans quelle unité travaillez-vous\u00a0?",
		"unit.hint":    "Choisissez l’unité la plus précise que vous acceptez d’indiquer.",
		"unit.filter":  "Rechercher une unité",
		"unit.missing": "Choisissez une unité, ou « Je préfère ne pas répondre ».",
		"unit.unknown": "Cette unité n’existe pas dans l’enquête. Choisissez-en une dans la liste.",

		"segments.title": "Quelques questions sur vous",
		"segments.hint":  "Ces catégories sont larges exprès\u00a0: elles ne permettent pas de vous reconnaître.",

		"choice.decline":    "Je préfère ne pas répondre",
		"choice.missing":    "Choisissez une réponse, ou « Je préfère ne pas répondre ».",
		"choice.unknown":    "Cette réponse n’est pas dans la liste. Choisissez-en une.",
		"item.outofscale":   "Cette réponse n’est pas sur l’échelle (de %d à %d). Choisissez-en une.",
		"form.errors.one":   "%d\u00a0question à compléter\u00a0: voir le message ci-dessous.",
		"form.errors.other": "%d\u00a0questions à compléter\u00a0: voir les messages ci-dessous.",
		"comment.title":     "Un commentaire\u00a0?",
		"comment.warning":   "N’écrivez aucun nom ni détail qui permettrait de reconnaître quelqu’un, vous compris.",
		"comment.hint":      "Facultatif. %s\u00a0caractères au plus.",
		"comment.toolong":   "Votre commentaire est trop long\u00a0: %s\u00a0caractères au plus. Votre texte est conservé ci-dessous\u00a0; raccourcissez-le.",
		"comment.badchar":   "Votre commentaire contient un caractère invisible ou de contrôle, venu sans doute d’un copier-coller. Votre texte est conservé ci-dessous\u00a0; retapez le passage copié.",

		"review.title":            "Vérifier avant d’envoyer",
		"review.hint":             "Voici un résumé. Vous pouvez encore modifier chaque étape.",
		"review.you":              "Vous",
		"review.unit":             "Unité",
		"review.notgiven":         "Non précisé",
		"review.answered.one":     "%d\u00a0réponse sur %d",
		"review.answered.other":   "%d\u00a0réponses sur %d",
		"review.todo":             "À compléter",
		"review.comment":          "Commentaire rédigé",
		"review.nocomment":        "Pas de commentaire",
		"review.commentlabel":     "Commentaire",
		"review.change":           "Modifier",
		"review.incomplete.one":   "%d\u00a0étape reste à compléter avant l’envoi.",
		"review.incomplete.other": "%d\u00a0étapes restent à compléter avant l’envoi.",
		"review.final":            "Une fois envoyées, vos réponses ne peuvent plus être modifiées ni retrouvées.",
		"review.submit":           "Envoyer mes réponses",
		"review.gonext":           "Compléter l’étape suivante",

		"thanks.title":    "Merci",
		"thanks.recorded": "Vos réponses ont été enregistrées.",
		"thanks.body":     "Les résultats seront présentés à l’organisation %s sous forme agrégée, uniquement pour des groupes d’au moins %d personnes.",
		"thanks.close":    "Vous pouvez fermer cette page.",

		"restart.title":  "Recommencer vos réponses",
		"restart.erased": "Des réponses en cours avaient été enregistrées avec ce code dans un autre navigateur. Elles ne peuvent pas être lues ici et ont été effacées.",
		"restart.why":    "Pour protéger votre anonymat, les réponses en cours sont chiffrées avec une clé que seul le navigateur où vous les avez données conserve\u00a0: personne d’autre, même avec votre code, ne peut les lire. Vous pouvez recommencer ici.",
		"restart.begin":  "Recommencer le questionnaire",

		"elsewhere.title":    "Des réponses sont en cours ailleurs",
		"elsewhere.found":    "Des réponses en cours ont été enregistrées avec ce code dans un autre navigateur ou sur un autre appareil.",
		"elsewhere.warning":  "Continuer ici efface vos réponses en cours\u00a0: elles ne peuvent être lues que dans le navigateur où vous les avez données.",
		"elsewhere.advice":   "Si vous avez commencé sur un autre appareil (téléphone, ordinateur du travail…), revenez plutôt sur celui-ci pour reprendre là où vous en étiez.",
		"elsewhere.continue": "Continuer ici et effacer les réponses en cours",
		"elsewhere.back":     "Revenir à l’accueil sans rien effacer",
	},
	"en": {
		"lang.name":       "English",
		"layout.skip":     "Skip to content",
		"layout.language": "Language",
		"layout.footer":   "Vigie: anonymous occupational-health survey. No IP address, no name, no exact time is recorded.",
		"step.of":         "Step %d of %d",

		"error.title":       "Cannot continue",
		"error.internal":    "An internal error occurred. Please try again in a moment.",
		"error.crossorigin": "This request comes from another site and was refused.",
		"error.toolarge":    "The request is too large.",
		"error.notfound":    "This page does not exist.",
		"error.notyetopen":  "This survey is not open yet: come back when it has started.",
		"error.closed":      "This survey is closed: it can no longer be answered. Thank you for your interest.",
		"error.already":     "Your answers have already been recorded.",
		"error.busy":        "Too many people are answering right now: try again in a few minutes.",
		"error.unavailable": "The service is temporarily unavailable: its database is not answering. Try again in a few minutes.",
		"error.full":        "The server’s disk is full: nothing could be saved. Try again later; if it lasts, tell the person running the survey.",

		"error.submit.uncertain": "Sending your answers could not be confirmed: the service had an outage at that moment. They may have been recorded anyway. In a few minutes, go back to the previous page and send them again: if you are then told that they are already recorded, this first attempt went through and there is nothing more to do.",
		"error.recorded.after":   "Your previous attempt was interrupted by an outage, but it most likely went through: this code has been used since, very probably to record your answers. There is nothing more to do. Thank you for taking part.",
		"api.submit.uncertain":   "The response could not be confirmed: the database had an outage while it was sent, and the response may have been recorded anyway. Send the same response again, with the same code, in a few minutes: 201 means it is recorded now; 409 (code already used) means this first attempt went through. In link mode, without a code, there is no way to tell: sending again may count the response twice.",

		"nav.next":     "Continue",
		"nav.previous": "Back to the previous step",
		"nav.back":     "Back",

		"welcome.org":            "A survey for %s.",
		"welcome.expired":        "Your session expired. Enter your code again: the answers you already gave are kept.",
		"welcome.expired.link":   "Your session expired: the answers in progress were not kept, since nothing is recorded before sending. Start the questionnaire again.",
		"welcome.why.title":      "Why this survey?",
		"welcome.why":            "An occupational-health consultant, independent of your management, runs this survey for %s to better understand your working conditions and suggest improvements. Answering is voluntary.",
		"welcome.by":             "Who runs this survey:",
		"welcome.by.default":     "An occupational-health consultant, independent of your management, runs this survey for %s.",
		"welcome.purpose":        "It aims to better understand your working conditions and suggest improvements.",
		"welcome.voluntary":      "Answering is voluntary.",
		"welcome.content":        "You will answer the following questionnaires:",
		"welcome.duration":       "Estimated time: about %d minutes. You can stop and resume later.",
		"welcome.enddate":        "You can answer until %s inclusive.",
		"error.enddate.notyet":   "It will accept answers until %s inclusive.",
		"error.enddate.closed":   "Answers were accepted until %s inclusive.",
		"welcome.anon.title":     "Your anonymity",
		"welcome.anon.stored":    "What is recorded: your work unit, the broad categories you choose, your answers, your comments if any, and the week of your answer.",
		"welcome.anon.notstored": "What is not recorded: your name, your e-mail address, your IP address, your browser, the exact time of your answer.",
		"welcome.anon.k":         "Results are only shown for groups of at least %d people: a smaller group never appears on its own.",
		"welcome.anon.comments":  "Comments are read only after closing, and only for groups of at least %d people; names and identifying details are removed.",
		"welcome.anon.code":      "Your code only lets you answer once and resume later: once your answers are sent, nothing links the code to them.",
		"welcome.resume":         "Your answers in progress are saved encrypted, with a key that only this browser keeps. To resume later, come back in this same browser and enter your code again. In another browser or on another device they cannot be read: you will start again, and the answers in progress will be erased.",
		"welcome.anon.link":      "This link is the same for everyone: nothing tells who answered.",
		"welcome.anon.skip":      "You can answer \"I prefer not to answer\" to every question.",
		"welcome.notice":         "Information notice: your data and your rights",
		"notice.title":           "Information notice",
		"notice.pdf":             "Printable version (PDF)",
		"notice.back":            "Back to the survey",
		"welcome.anon.retention": "Individual answers and codes are erased at the latest %d days after the survey closes; only the overall results and the published comments are kept after that.",
		"welcome.start":          "Start",
		"welcome.begin":          "Start the questionnaire",

		"code.label":   "Your access code",
		"code.hint":    "It is on the slip or message you received, for example ABCD-EFGH-JKLM. Upper or lower case, it does not matter.",
		"code.submit":  "Use this code",
		"code.missing": "Enter your access code.",
		"code.unknown": "This code is not recognised. Check it (it never contains the letters O and I) and try again.",
		"code.used":    "This code has already been used: your answers are already recorded.",
		"code.toomany": "Too many wrong codes were tried from your connection. Wait a few minutes before trying again.",

		"unit.title":   "In which unit do you work?",
		"unit.hint":    "Choose the most precise unit you are willing to give.",
		"unit.filter":  "Search for a unit",
		"unit.missing": "Choose a unit, or \"I prefer not to answer\".",
		"unit.unknown": "This unit is not part of the survey. Choose one from the list.",

		"segments.title": "A few questions about you",
		"segments.hint":  "These categories are broad on purpose: they cannot single you out.",

		"choice.decline":    "I prefer not to answer",
		"choice.missing":    "Choose an answer, or \"I prefer not to answer\".",
		"choice.unknown":    "This answer is not in the list. Choose one.",
		"item.outofscale":   "This answer is not on the scale (%d to %d). Choose one.",
		"form.errors.one":   "%d question to complete: see the message below.",
		"form.errors.other": "%d questions to complete: see the messages below.",
		"comment.title":     "Any comment?",
		"comment.warning":   "Do not write any name or detail that could identify someone, yourself included.",
		"comment.hint":      "Optional. At most %s characters.",
		"comment.toolong":   "Your comment is too long: at most %s characters. Your text is kept below; please shorten it.",
		"comment.badchar":   "Your comment holds an invisible or control character, probably from a copy and paste. Your text is kept below; please type the pasted part again.",

		"review.title":            "Check before sending",
		"review.hint":             "Here is a summary. You can still change every step.",
		"review.you":              "You",
		"review.unit":             "Unit",
		"review.notgiven":         "Not given",
		"review.answered.one":     "%d answer out of %d",
		"review.answered.other":   "%d answers out of %d",
		"review.todo":             "To complete",
		"review.comment":          "Comment written",
		"review.nocomment":        "No comment",
		"review.commentlabel":     "Comment",
		"review.change":           "Change",
		"review.incomplete.one":   "%d step remains to complete before sending.",
		"review.incomplete.other": "%d steps remain to complete before sending.",
		"review.final":            "Once sent, your answers can no longer be changed or found again.",
		"review.submit":           "Send my answers",
		"review.gonext":           "Complete the next step",

		"thanks.title":    "Thank you",
		"thanks.recorded": "Your answers have been recorded.",
		"thanks.body":     "Results will be presented to %s in aggregate form, only for groups of at least %d people.",
		"thanks.close":    "You can close this page.",

		"restart.title":  "Start your answers again",
		"restart.erased": "Answers in progress had been saved with this code in another browser. They cannot be read here and have been erased.",
		"restart.why":    "To protect your anonymity, answers in progress are encrypted with a key that only the browser where you gave them keeps: nobody else, even with your code, can read them. You can start again here.",
		"restart.begin":  "Start the questionnaire again",

		"elsewhere.title":    "Answers are in progress elsewhere",
		"elsewhere.found":    "Answers in progress were saved with this code in another browser or on another device.",
		"elsewhere.warning":  "Continuing here erases your answers in progress: they can only be read in the browser where you gave them.",
		"elsewhere.advice":   "If you started on another device (phone, work computer…), go back to it instead to resume where you left off.",
		"elsewhere.continue": "Continue here and erase the answers in progress",
		"elsewhere.back":     "Back to the welcome page without erasing anything",
	},
}
