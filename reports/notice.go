package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
)

// Notice is the information notice employees read before answering
// (RGPD art. 13; CNIL, délibération 2025-028): who runs the survey and
// why, that answering is optional, what is and is not recorded, how
// results are published, how long raw answers are kept, their rights and
// whom to contact. The web page and the PDF for notice boards show the
// same text, from Sections.
type Notice struct {
	Lang                string // "fr" (default) or "en"
	Title               string // the campaign's title
	Organisation        string // the client organisation
	Controller          string // the organisation responsible for the processing
	ConductedBy         string // who runs the survey, in Lang; "" when not said
	Purpose             string // why, in Lang; "" when not said
	LegalBasis          string
	DPOContact          string // "" when not said: the controller is the contact
	MinGroupSize        int
	CommentMinGroupSize int
	RetentionDays       int
	RetentionEnd        string // the day in words once closed, else ""
	Codes               bool   // access by single-use codes
	// Portfolio is whether the organisation's overall results feed the
	// consultant's anonymous reference across client organisations
	// (store.FeedsPortfolio; docs/scoring.md section 7).
	Portfolio   bool
	URL         string      // the survey's address, printed on the PDF
	NoticeURL   string      // this notice's web address, as a QR code on the PDF; "" for none
	Logo        *vigie.Logo // the consultant's, at the top of the PDF; nil for none
	GeneratedAt time.Time
}

// NoticeSection is one heading of the notice and its paragraphs.
type NoticeSection struct {
	Heading    string
	Paragraphs []string
}

// Sections returns the text of the notice in its language.
func (n *Notice) Sections() []NoticeSection {
	if n.Lang == "en" {
		return n.sectionsEN()
	}
	// The web page shows these as they are: give them the no-break
	// spaces the PDF gets from its own pass, so no line starts with « : ».
	secs := n.sectionsFR()
	for i := range secs {
		secs[i].Heading = frenchTypography(secs[i].Heading)
		for j := range secs[i].Paragraphs {
			secs[i].Paragraphs[j] = frenchTypography(secs[i].Paragraphs[j])
		}
	}
	return secs
}

func (n *Notice) sectionsFR() []NoticeSection {
	who := []string{"Responsable du traitement des données : " + sentence(n.Controller)}
	if n.ConductedBy != "" {
		who = append(who, "Enquête menée par : "+sentence(n.ConductedBy))
	}
	if n.Purpose != "" {
		who = append(who, sentence(n.Purpose))
	} else {
		who = append(who, "Elle sert à évaluer les conditions de travail et les risques psychosociaux, pour les prévenir.")
	}
	who = append(who, "Base légale : "+sentence(n.LegalBasis))
	code := "Aucun lien n’est gardé entre votre réponse et l’appareil ou la connexion utilisés."
	if n.Codes {
		code = "Votre code d’accès sert seulement à répondre une fois (et à reprendre plus tard) : rien ne le relie à vos réponses."
	}
	keep := fmt.Sprintf("Les réponses individuelles, les codes d’accès et le texte original des commentaires sont effacés au plus tard %d jours après la clôture de l’enquête", n.RetentionDays)
	if n.RetentionEnd != "" {
		keep += ", soit le " + n.RetentionEnd
	}
	keep += ". Ne restent ensuite que les résultats d’ensemble et les commentaires publiés."
	contact := "le responsable du traitement (" + clause(n.Controller) + ")"
	if n.DPOContact != "" {
		contact = "le délégué à la protection des données (" + clause(n.DPOContact) + ")"
	}
	return []NoticeSection{
		{"Qui mène cette enquête, et pourquoi", who},
		{"Répondre est facultatif", []string{
			"Personne n’est obligé de répondre, ni à l’enquête ni à une question : chaque question propose « Je préfère ne pas répondre ». Ne pas répondre n’a aucune conséquence, et personne ne sait qui a répondu.",
		}},
		{"Ce qui est enregistré", []string{
			"Vos réponses, l’unité et les catégories (métier, ancienneté…) que vous choisissez, la semaine de votre réponse, et votre commentaire si vous en écrivez un.",
		}},
		{"Ce qui n’est jamais enregistré", []string{
			"Ni votre nom, ni votre adresse e-mail, ni l’adresse IP de votre appareil, ni l’heure exacte de votre réponse. " + code,
		}},
		{"Comment les résultats sont publiés", []string{
			fmt.Sprintf("Seuls des résultats de groupes d’au moins %d personnes sont montrés, jamais une réponse individuelle, ni un groupe qu’on pourrait déduire d’autres par soustraction. Les résultats ne sont calculés qu’après la clôture.", n.MinGroupSize),
			fmt.Sprintf("Les commentaires ne sont lus qu’après la clôture, pour des groupes d’au moins %d personnes, et relus avant publication : les noms et détails identifiants en sont retirés.", n.CommentMinGroupSize),
			// The report's and the AIPD's sentence, with this notice's apostrophes.
			strings.ReplaceAll(tr("fr", "limits_instruments"), "'", "’"),
			n.portfolioFR(),
		}},
		{"Combien de temps", []string{keep}},
		{"Vos droits", []string{
			"Vous disposez des droits d’accès, de rectification, d’effacement, de limitation et d’opposition (articles 15 à 21 du RGPD). Pour les exercer ou pour toute question, contactez " + contact + ". Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).",
		}},
		{"Pourquoi une demande d’accès ne retrouvera pas vos réponses", []string{
			"Vos réponses ne sont liées ni à votre nom ni à votre code : personne, pas même l’administrateur du serveur, ne peut retrouver lesquelles sont les vôtres. C’est ce qui protège votre anonymat ; c’est aussi pourquoi elles ne peuvent être ni communiquées, ni corrigées, ni effacées une à une (article 11 du RGPD).",
		}},
	}
}

func (n *Notice) sectionsEN() []NoticeSection {
	who := []string{"Data controller: " + sentence(n.Controller)}
	if n.ConductedBy != "" {
		who = append(who, "Survey run by: "+sentence(n.ConductedBy))
	}
	if n.Purpose != "" {
		who = append(who, sentence(n.Purpose))
	} else {
		who = append(who, "It assesses working conditions and psychosocial risks, in order to prevent them.")
	}
	who = append(who, "Legal basis: "+sentence(n.LegalBasis))
	code := "No link is kept between your answers and the device or connection you used."
	if n.Codes {
		code = "Your access code only lets you answer once (and resume later): nothing links it to your answers."
	}
	keep := fmt.Sprintf("Individual answers, access codes and the original text of comments are erased at the latest %d days after the survey closes", n.RetentionDays)
	if n.RetentionEnd != "" {
		keep += ", that is on " + n.RetentionEnd
	}
	keep += ". Only the overall results and the published comments are kept after that."
	contact := "the data controller (" + clause(n.Controller) + ")"
	if n.DPOContact != "" {
		contact = "the data protection officer (" + clause(n.DPOContact) + ")"
	}
	return []NoticeSection{
		{"Who runs this survey, and why", who},
		{"Answering is optional", []string{
			"Nobody has to answer, neither the survey nor any question: every question offers \"I prefer not to answer\". Not answering has no consequence, and nobody knows who answered.",
		}},
		{"What is recorded", []string{
			"Your answers, the unit and categories (job, seniority…) you choose, the week of your answer, and your comment if you write one.",
		}},
		{"What is never recorded", []string{
			"Not your name, not your e-mail address, not your device's IP address, not the exact time of your answer. " + code,
		}},
		{"How results are published", []string{
			fmt.Sprintf("Only results of groups of at least %d people are shown, never an individual answer, nor a group that could be worked out from others by subtraction. Results are computed only after closing.", n.MinGroupSize),
			fmt.Sprintf("Comments are read only after closing, for groups of at least %d people, and reviewed before publication: names and identifying details are removed.", n.CommentMinGroupSize),
			tr("en", "limits_instruments"),
			n.portfolioEN(),
		}},
		{"How long", []string{keep}},
		{"Your rights", []string{
			"You have the rights of access, rectification, erasure, restriction and objection (GDPR articles 15 to 21). To exercise them or for any question, contact " + contact + ". You may also complain to the CNIL (www.cnil.fr).",
		}},
		{"Why an access request will not find your answers", []string{
			"Your answers are linked neither to your name nor to your code: nobody, not even the server's administrator, can tell which ones are yours. That is what protects your anonymity; it is also why they cannot be disclosed, corrected or erased one by one (GDPR article 11).",
		}},
	}
}

// portfolioFR says whether the results feed an anonymous reference.
func (n *Notice) portfolioFR() string {
	if n.Portfolio {
		return "Les résultats d’ensemble de l’organisation (jamais ceux d’un service ni d’un groupe) alimentent aussi une référence anonyme : la moyenne de plusieurs organisations clientes du même intervenant (jamais moins de six), publiée sans qu’aucune organisation puisse y être reconnue."
	}
	return "Les résultats de cette enquête n’alimentent aucune référence commune à d’autres organisations."
}

// portfolioEN says whether the results feed an anonymous reference.
func (n *Notice) portfolioEN() string {
	if n.Portfolio {
		return "The organisation's overall results (never those of a unit or group) also feed an anonymous reference: the mean of several client organisations of the same consultant (never fewer than six), published so that no organisation can be recognised in it."
	}
	return "The results of this survey feed no reference shared with other organisations."
}

// NoticePDF writes the notice as an A4 page (or two) to pin on a notice
// board, with the survey's address.
func NoticePDF(w io.Writer, n *Notice) error {
	lang := "fr"
	if n.Lang == "en" {
		lang = "en"
	}
	txt := func(s string) string {
		if lang == "fr" {
			return frenchTypography(s)
		}
		return s
	}
	f := newDocument(lang, 16, 16)
	heading := "Notice d’information"
	if lang == "en" {
		heading = "Information notice"
	}
	f.SetTitle(txt(heading+" – "+n.Title), true)
	f.SetAuthor(txt(n.Controller), true)
	f.SetCreator("Vigie", true)
	if !n.GeneratedAt.IsZero() {
		f.SetCreationDate(n.GeneratedAt)
		f.SetModificationDate(n.GeneratedAt)
	}
	f.AddPage()
	// The poster's head: the consultant's logo, and on the right a QR
	// code to this notice on the web, for whoever reads it on the board.
	textW := contentW
	if n.NoticeURL != "" {
		const qr = 30.0
		x, y := pageW-marginRight-qr, 12.0
		if err := drawQR(f, n.NoticeURL, x, y, qr); err != nil {
			return fmt.Errorf("reports: notice: %w", err)
		}
		f.SetFont(fontFamily, "", 6.5)
		f.SetTextColor(90, 90, 90)
		f.SetXY(x-4, y+qr)
		caption := "Cette notice en ligne"
		if lang == "en" {
			caption = "This notice online"
		}
		f.CellFormat(qr+8, 3, txt(caption), "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetXY(marginLeft, 16)
		textW = contentW - qr - 6
	}
	if h := 14.0; n.Logo != nil {
		drawLogo(f, n.Logo, marginLeft, 12, 50, h, false)
		f.SetXY(marginLeft, 12+h+3)
	}
	f.SetFont(fontFamily, "", 9)
	f.SetTextColor(90, 90, 90)
	f.MultiCell(textW, 4.5, txt(heading+" · "+n.Organisation), "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.SetFont(fontFamily, "B", 17)
	f.MultiCell(textW, 8, txt(n.Title), "", "L", false)
	if n.URL != "" {
		f.SetFont(fontFamily, "", 10)
		answer := "Répondre : "
		if lang == "en" {
			answer = "Answer at: "
		}
		f.MultiCell(textW, 5.5, txt(answer+n.URL), "", "L", false)
	}
	if n.NoticeURL != "" {
		f.SetFont(fontFamily, "", 8)
		f.SetTextColor(90, 90, 90)
		online := "Cette notice en ligne : "
		if lang == "en" {
			online = "This notice online: "
		}
		f.MultiCell(textW, 4.5, txt(online+n.NoticeURL), "", "L", false)
		f.SetTextColor(0, 0, 0)
	}
	if n.NoticeURL != "" {
		// The sections start below the QR code.
		f.SetY(max(f.GetY(), 50))
	}
	for _, s := range n.Sections() {
		f.Ln(3)
		f.SetFont(fontFamily, "B", 11.5)
		f.MultiCell(contentW, 6, txt(s.Heading), "", "L", false)
		f.SetFont(fontFamily, "", 9.8)
		for _, p := range s.Paragraphs {
			f.MultiCell(contentW, 4.8, txt(p), "", "L", false)
			f.Ln(1)
		}
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: notice: write: %w", err)
	}
	return nil
}
