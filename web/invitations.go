package web

import (
	"context"
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/mail"
)

// Mailer sends one plain-text e-mail. mail.Sender is the real one; tests
// pass a sender bound to an SMTP server of their own.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// maxRecipients bounds one sending: one SMTP session per recipient.
const maxRecipients = 2000

// recipient is one addressee of invitations or reminders. The address
// lives in memory for the time of the request only: it is never written
// to the database, the logs or the audit log.
type recipient struct {
	Email string `json:"email"`
	Unit  string `json:"unit"` // optional: the unit the code fixes, "Direction A/Service 1"
}

// sendFailure is a recipient the relay did not accept.
type sendFailure struct {
	Email string `json:"email"`
	Error string `json:"error"`
}

// mailing is one sending: invitations (a new code each) or reminders.
type mailing struct {
	Recipients []recipient `json:"recipients"`
	Subject    string      `json:"subject"`
	Message    string      `json:"message"`
}

// Errors of a sending.
var (
	errNoMailer     = vigie.Errorf(vigie.ECONFLICT, "L'envoi de courriels n'est pas configuré sur ce serveur (vigie serve --smtp-addr …).")
	errNoRecipients = vigie.Errorf(vigie.EINVALID, "recipients : au moins une adresse est requise.")
)

// check refuses, before anything is sent, a list with invalid or repeated
// addresses or unknown units, naming every one of them.
func (m *mailing) check(camp *vigie.Campaign, codes bool) error {
	if len(m.Recipients) == 0 {
		return errNoRecipients
	}
	if len(m.Recipients) > maxRecipients {
		return vigie.Errorf(vigie.EINVALID, "recipients : au plus %d adresses par envoi.", maxRecipients)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return vigie.Errorf(vigie.EINVALID, "subject : l'objet tient sur une ligne.")
	}
	var bad []string
	seen := map[string]bool{}
	for i := range m.Recipients {
		r := &m.Recipients[i]
		r.Email = strings.TrimSpace(r.Email)
		r.Unit = strings.Trim(strings.TrimSpace(r.Unit), "/")
		key := strings.ToLower(r.Email)
		switch {
		case mail.CheckAddress(r.Email) != nil:
			bad = append(bad, fmt.Sprintf("« %s » n'est pas une adresse valide", shorten(r.Email)))
		case seen[key]:
			bad = append(bad, fmt.Sprintf("« %s » figure deux fois", r.Email))
		case codes && r.Unit != "" && !camp.HasUnit(strings.Split(r.Unit, "/")):
			bad = append(bad, fmt.Sprintf("« %s » : l'unité « %s » n'existe pas dans cette campagne", r.Email, r.Unit))
		}
		seen[key] = true
	}
	if len(bad) > 0 {
		return vigie.Errorf(vigie.EINVALID, "Rien n'a été envoyé. recipients : %s.", strings.Join(bad, " ; "))
	}
	return nil
}

// sendInvitations gives each recipient a new code (fixing their unit if
// given) in a personal e-mail; the code of a recipient the relay refused
// is deleted, so no code stays valid without a holder. The audit log
// records only how many were sent and how many failed.
func (s *Server) sendInvitations(c *gin.Context, camp *vigie.Campaign, m *mailing) (int, []sendFailure, error) {
	if s.admin.cfg.Mailer == nil {
		return 0, nil, errNoMailer
	}
	if err := m.check(camp, true); err != nil {
		return 0, nil, err
	}
	if camp.Access != vigie.AccessCodes || camp.State == vigie.StateClosed {
		return 0, nil, vigie.Errorf(vigie.ECONFLICT, "Cette campagne ne reçoit pas de nouveaux codes (accès par lien, ou close).")
	}
	ctx := c.Request.Context()
	subject := cmpOr(m.Subject, fmt.Sprintf("Enquête « %s » : votre code d'accès / your access code", camp.Title))
	base := s.respondentURL(c, camp)
	sent, failed := 0, []sendFailure{}
	for _, r := range m.Recipients {
		var unit []string
		if r.Unit != "" {
			unit = strings.Split(r.Unit, "/")
		}
		codes, err := s.store.GenerateCodes(ctx, camp.ID, 1, unit)
		if err != nil {
			return sent, failed, err
		}
		if err := s.admin.cfg.Mailer.Send(ctx, r.Email, subject, invitationBody(camp, m.Message, base, codes[0])); err != nil {
			failed = append(failed, sendFailure{Email: r.Email, Error: err.Error()})
			if err := s.store.DeleteUnusedCode(context.WithoutCancel(ctx), camp.ID, codes[0]); err != nil {
				return sent, failed, err
			}
			continue
		}
		sent++
	}
	s.audit(c, "invitations.send", camp.ID, fmt.Sprintf("%d envoyés, %d échecs", sent, len(failed)))
	return sent, failed, nil
}

// sendReminders sends a reminder without a code: Vigie cannot know who
// has answered, so everyone on the list gets it.
func (s *Server) sendReminders(c *gin.Context, camp *vigie.Campaign, m *mailing) (int, []sendFailure, error) {
	if s.admin.cfg.Mailer == nil {
		return 0, nil, errNoMailer
	}
	if err := m.check(camp, false); err != nil {
		return 0, nil, err
	}
	if camp.State != vigie.StateOpen {
		return 0, nil, vigie.Errorf(vigie.ECONFLICT, "La campagne n'est pas ouverte : pas de relance.")
	}
	subject := cmpOr(m.Subject, fmt.Sprintf("Enquête « %s » : rappel / reminder", camp.Title))
	body := reminderBody(camp, m.Message, s.respondentURL(c, camp))
	sent, failed := 0, []sendFailure{}
	for _, r := range m.Recipients {
		if err := s.admin.cfg.Mailer.Send(c.Request.Context(), r.Email, subject, body); err != nil {
			failed = append(failed, sendFailure{Email: r.Email, Error: err.Error()})
			continue
		}
		sent++
	}
	s.audit(c, "reminders.send", camp.ID, fmt.Sprintf("%d envoyés, %d échecs", sent, len(failed)))
	return sent, failed, nil
}

// cmpOr returns s, or def when s is blank.
func cmpOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return strings.TrimSpace(s)
}

// invitationBody is the text of an invitation: the consultant's message
// (or a default one, in French and English), the link, the code and the
// anonymity notice.
func invitationBody(camp *vigie.Campaign, message, base, code string) string {
	var b strings.Builder
	b.WriteString(cmpOr(message, fmt.Sprintf("Bonjour,\n\nNous vous invitons à répondre à l’enquête « %s » menée pour l’organisation %s. Répondre est volontaire et prend une vingtaine de minutes.\n\n"+
		"Hello,\n\nYou are invited to answer the survey \"%s\" run for %s. Answering is voluntary.", camp.Title, camp.Organisation, camp.Title, camp.Organisation)))
	fmt.Fprintf(&b, "\n\nAdresse / address\u00a0: %s\nVotre code / your code\u00a0: %s\nLien direct / direct link\u00a0: %s\n\n", base, code, base+"?code="+code)
	if camp.State == vigie.StateDraft {
		b.WriteString("L’enquête n’est pas encore ouverte\u00a0: le code servira dès son ouverture. / The survey is not open yet: the code will work once it opens.\n\n")
	}
	fmt.Fprintf(&b, "Ce code est anonyme\u00a0: il sert une seule fois, et rien ne le relie à vos réponses. Vigie n’a pas gardé votre adresse électronique\u00a0: elle n’a servi qu’à cet envoi. "+
		"Les résultats ne sont montrés que pour des groupes d’au moins %d personnes. L’enquête reste ouverte jusqu’à sa clôture, annoncée par l’intervenant.\n"+
		"This code is anonymous: it works once and nothing links it to your answers. Vigie did not keep your e-mail address. Results are shown only for groups of at least %d people.\n",
		camp.MinGroupSize, camp.MinGroupSize)
	return b.String()
}

// reminderBody is the text of a reminder.
func reminderBody(camp *vigie.Campaign, message, base string) string {
	return cmpOr(message, fmt.Sprintf("Bonjour,\n\nSi vous avez déjà répondu à l’enquête « %s », merci\u00a0! Sinon, il est encore temps\u00a0: retrouvez le code reçu par courriel lors de l’invitation et rendez-vous sur %s.\n\n"+
		"Hello,\n\nIf you have already answered the survey \"%s\", thank you! If not, there is still time: use the code you received by e-mail with the invitation at %s.",
		camp.Title, base, camp.Title, base)) +
		"\n\nVigie ne sait pas qui a répondu\u00a0: ce rappel est envoyé à tout le monde. / Vigie cannot know who answered: everyone gets this reminder.\n"
}
