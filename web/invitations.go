package web

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/mail"
	"github.com/vigie-sante/vigie/store"
)

// Mailer sends one plain-text e-mail. mail.Sender is the real one; tests
// pass a sender bound to an SMTP server of their own. An error wrapping
// mail.ErrUncertain means the message may have left; any other error, that
// it did not.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// maxRecipients bounds one sending (and an imported list: sheetRows).
const maxRecipients = 2000

// recipient is one addressee of invitations or reminders. The address
// lives in memory for the time of the sending only (sending.go): it is
// never written to the database (only a keyed hash of it, for an
// invitation: store/invitation.go), the logs or the audit log.
type recipient struct {
	Email string `json:"email"`
	Unit  string `json:"unit"` // optional: the unit the code fixes, "Direction A/Service 1"
}

// sendFailure is a recipient whose mail did not leave, and why.
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

// check refuses, before anything is sent, a list with invalid addresses
// or unknown units, naming every one of them. An address written more
// than once (however cased or spaced) is kept once, with the unit of its
// first line; the repeats are returned, for the report to list them.
func (m *mailing) check(camp *vigie.Campaign, codes bool) (repeated []string, err error) {
	if len(m.Recipients) == 0 {
		return nil, errNoRecipients
	}
	if len(m.Recipients) > maxRecipients {
		return nil, vigie.Errorf(vigie.EINVALID, "recipients : au plus %d adresses par envoi.", maxRecipients)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return nil, vigie.Errorf(vigie.EINVALID, "subject : l'objet tient sur une ligne.")
	}
	var bad []string
	seen := map[string]bool{}
	kept := m.Recipients[:0]
	for _, r := range m.Recipients {
		r.Email = strings.TrimSpace(r.Email)
		r.Unit = strings.Trim(strings.TrimSpace(r.Unit), "/")
		key := store.NormaliseAddress(r.Email)
		switch {
		case mail.CheckAddress(r.Email) != nil:
			bad = append(bad, fmt.Sprintf("« %s » n'est pas une adresse valide", shorten(r.Email)))
		case seen[key]: // one mark per normalised address (store.NormaliseAddress)
			repeated = append(repeated, r.Email)
			continue
		case codes && r.Unit != "" && !camp.HasUnit(strings.Split(r.Unit, "/")):
			bad = append(bad, fmt.Sprintf("« %s » : l'unité « %s » n'existe pas dans cette campagne", r.Email, r.Unit))
		}
		seen[key] = true
		kept = append(kept, r)
	}
	if len(bad) > 0 {
		return nil, vigie.Errorf(vigie.EINVALID, "Rien n'a été envoyé. recipients : %s.", strings.Join(bad, " ; "))
	}
	m.Recipients = kept
	return repeated, nil
}

// Kinds of sending.
const (
	kindInvitations = "invitations"
	kindReminders   = "reminders"
)

// errSendingRunning is the answer to a second sending while one runs for
// the campaign; the caller adds the link to the running one.
var errSendingRunning = vigie.Errorf(vigie.ECONFLICT, "Un envoi est déjà en cours pour cette campagne : le vôtre n'a pas été lancé. Suivez celui-ci ; une fois terminé, renvoyez votre liste si besoin (les adresses déjà invitées ne recevront pas de second code).")

// checkSending refuses, before any list is read, a sending the server or
// the campaign cannot take: no relay, the wrong state, another sending
// running (returned with errSendingRunning).
func (s *Server) checkSending(camp *vigie.Campaign, kind string) (*sending, error) {
	if s.admin.cfg.Mailer == nil {
		return nil, errNoMailer
	}
	switch {
	case kind == kindInvitations && (camp.Access != vigie.AccessCodes || camp.State == vigie.StateClosed):
		return nil, vigie.Errorf(vigie.ECONFLICT, "Cette campagne ne reçoit pas de nouveaux codes (accès par lien, ou close).")
	case kind == kindReminders && camp.State != vigie.StateOpen:
		return nil, vigie.Errorf(vigie.ECONFLICT, "La campagne n'est pas ouverte : pas de relance.")
	}
	if other := s.sendings.runningFor(camp.ID); other != nil {
		return other, errSendingRunning
	}
	return nil, nil
}

// startSending checks the list and starts sending it in the background.
// It returns the sending started, or with errSendingRunning the one
// already running; nothing is sent on any other error.
func (s *Server) startSending(c *gin.Context, camp *vigie.Campaign, kind string, m *mailing) (*sending, error) {
	if other, err := s.checkSending(camp, kind); err != nil {
		return other, err
	}
	repeated, err := m.check(camp, kind == kindInvitations)
	if err != nil {
		return nil, err
	}
	base, who := s.respondentURL(c, camp), actor(c)
	var run func(context.Context, *sending)
	if kind == kindInvitations {
		qs, err := s.store.CampaignQuestionnaires(c.Request.Context(), camp.ID)
		if err != nil {
			return nil, err
		}
		facts := invitationFacts{Minutes: answerMinutes(qs)}
		subject := cmpOr(m.Subject, fmt.Sprintf("Enquête « %s » : votre code d'accès / your access code", camp.Title))
		run = func(ctx context.Context, sd *sending) {
			s.runInvitations(ctx, sd, camp, subject, func(code string) string { return invitationBody(camp, facts, m.Message, base, code) })
			s.auditSending(sd, who)
		}
	} else {
		subject := cmpOr(m.Subject, fmt.Sprintf("Enquête « %s » : rappel / reminder", camp.Title))
		body := reminderBody(camp, m.Message, base)
		run = func(ctx context.Context, sd *sending) {
			s.runReminders(ctx, sd, subject, body)
			s.auditSending(sd, who)
		}
	}
	sd, started := s.sendings.start(&sending{CampaignID: camp.ID, Kind: kind, Total: len(m.Recipients), pending: m.Recipients, repeated: repeated}, run)
	if !started {
		return sd, errSendingRunning
	}
	s.audit(c, kind+".start", camp.ID, plural(sd.Total, "adresse", "adresses"))
	return sd, nil
}

// runInvitations gives each pending recipient a new code (fixing their
// unit if given) in a personal e-mail. The code is created with the
// address's mark (store.Invite) before the mail leaves, so that an address
// already invited, in this sending or an earlier one, gets no second code.
// A code is deleted, with the mark, only when its mail certainly did not
// leave; when the relay's answer was lost (mail.ErrUncertain) the code is
// kept and the address counts as invited.
func (s *Server) runInvitations(ctx context.Context, sd *sending, camp *vigie.Campaign, subject string, body func(code string) string) {
	for {
		if ctx.Err() != nil {
			sd.record(func(sd *sending) { sd.state, sd.problem = sendingInterrupted, problemStopped })
			return
		}
		r, ok := sd.next()
		if !ok {
			return
		}
		var unit []string
		if r.Unit != "" {
			unit = strings.Split(r.Unit, "/")
		}
		code, err := s.store.Invite(ctx, camp.ID, r.Email, unit)
		switch {
		case errors.Is(err, store.ErrAlreadyInvited):
			sd.record(func(sd *sending) { sd.already = append(sd.already, r.Email) })
			continue
		case err != nil && ctx.Err() != nil: // stopping: nothing was written
			sd.putBack(r)
			continue
		case err != nil:
			sd.putBack(r)
			s.stopSending(sd, err)
			return
		}
		err = s.admin.cfg.Mailer.Send(ctx, r.Email, subject, body(code))
		switch {
		case err == nil:
			sd.record(func(sd *sending) { sd.sent++ })
			continue
		case errors.Is(err, mail.ErrUncertain):
			sd.record(func(sd *sending) { sd.uncertain = append(sd.uncertain, r.Email) })
			continue
		}
		// The mail did not leave: nobody must hold a valid code unknowingly.
		if uerr := s.store.Uninvite(context.WithoutCancel(ctx), camp.ID, r.Email, code); uerr != nil {
			s.logger.Error("invitations: delete the code of a failed mail", "campaign", camp.ID, "error", uerr.Error())
			sd.record(func(sd *sending) {
				sd.failed = append(sd.failed, sendFailure{Email: r.Email, Error: err.Error() + " (le code n'a pas pu être supprimé : erreur interne)"})
			})
			continue
		}
		if ctx.Err() != nil { // interrupted during its turn: not processed
			sd.putBack(r)
			continue
		}
		sd.record(func(sd *sending) { sd.failed = append(sd.failed, sendFailure{Email: r.Email, Error: err.Error()}) })
	}
}

// runReminders sends a reminder without a code to each pending recipient:
// Vigie cannot know who has answered, so everyone on the list gets it.
func (s *Server) runReminders(ctx context.Context, sd *sending, subject, body string) {
	for {
		if ctx.Err() != nil {
			sd.record(func(sd *sending) { sd.state, sd.problem = sendingInterrupted, problemStopped })
			return
		}
		r, ok := sd.next()
		if !ok {
			return
		}
		err := s.admin.cfg.Mailer.Send(ctx, r.Email, subject, body)
		switch {
		case err == nil:
			sd.record(func(sd *sending) { sd.sent++ })
		case errors.Is(err, mail.ErrUncertain):
			sd.record(func(sd *sending) { sd.uncertain = append(sd.uncertain, r.Email) })
		case ctx.Err() != nil:
			sd.putBack(r)
		default:
			sd.record(func(sd *sending) { sd.failed = append(sd.failed, sendFailure{Email: r.Email, Error: err.Error()}) })
		}
	}
}

// problemStopped says why a sending interrupted by a stopping server did
// not finish.
const problemStopped = "Le serveur s'est arrêté pendant l'envoi : les adresses restantes n'ont rien reçu. Renvoyez la liste entière une fois le serveur reparti : les adresses déjà invitées ne recevront pas de second code."

// stopSending ends a sending that cannot go on (the campaign was closed
// or deleted meanwhile, the database failed), saying why.
func (s *Server) stopSending(sd *sending, err error) {
	msg := vigie.ErrorMessage(err)
	if vigie.ErrorCode(err) == vigie.EINTERNAL {
		s.logger.Error("invitations: sending stopped", "campaign", sd.CampaignID, "error", err.Error())
		msg = "Erreur interne."
	}
	sd.record(func(sd *sending) {
		sd.state, sd.problem = sendingInterrupted, "L'envoi s'est arrêté avant la fin : "+msg+" Les adresses restantes n'ont rien reçu."
	})
}

// auditSending records the outcome of a sending in the audit log: counts
// only, never an address.
func (s *Server) auditSending(sd *sending, who string) {
	st := sd.status()
	detail := fmt.Sprintf("%d envoyés, %d échecs, %d incertains", st.Sent, len(st.Failed), len(st.Uncertain))
	if sd.Kind == kindInvitations {
		detail += fmt.Sprintf(", %d déjà invitées", st.AlreadyInvited)
	}
	if len(st.Repeated) > 0 {
		detail += fmt.Sprintf(", %d en double dans la liste", len(st.Repeated))
	}
	if st.Remaining > 0 {
		detail += fmt.Sprintf(", %d non traitées (interrompu)", st.Remaining)
	}
	if err := s.store.Audit(context.Background(), who, sd.Kind+".send", sd.CampaignID, detail); err != nil {
		s.logger.Error("audit", "action", sd.Kind+".send", "error", err.Error())
	}
}

// cmpOr returns s, or def when s is blank.
func cmpOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return strings.TrimSpace(s)
}

// invitationFacts are what every invitation says besides the campaign's
// own settings: how long answering takes.
type invitationFacts struct {
	Minutes int // answerMinutes of the campaign's questionnaires
}

// invitationBody is the text of an invitation: the consultant's message
// (or a default one, in French and English), the link and the code, then
// the facts a person needs to trust it: who runs the survey and for whom,
// how long it takes, until when, and where the information notice is;
// last the anonymity notice.
func invitationBody(camp *vigie.Campaign, f invitationFacts, message, base, code string) string {
	var b strings.Builder
	byFR, byEN := vigie.InLanguage(camp.ConductedBy, "fr"), vigie.InLanguage(camp.ConductedBy, "en")
	if byFR == "" {
		byFR, byEN = "un intervenant en santé au travail, indépendant de la hiérarchie", "an occupational-health practitioner, independent of management"
	}
	b.WriteString(cmpOr(message, fmt.Sprintf("Bonjour,\n\nNous vous invitons à répondre à l’enquête « %s », menée par %s pour %s. Répondre est volontaire et prend environ %d minutes.\n\n"+
		"Hello,\n\nYou are invited to answer the survey \"%s\", run by %s for %s. Answering is voluntary and takes about %d minutes.",
		camp.Title, byFR, camp.Organisation, f.Minutes, camp.Title, byEN, camp.Organisation, f.Minutes)))
	fmt.Fprintf(&b, "\n\nAdresse / address\u00a0: %s\nVotre code / your code\u00a0: %s\nLien direct / direct link\u00a0: %s\n\n", base, code, base+"?code="+code)
	if camp.State == vigie.StateDraft {
		b.WriteString("L’enquête n’est pas encore ouverte\u00a0: le code servira dès son ouverture. / The survey is not open yet: the code will work once it opens.\n\n")
	}
	fmt.Fprintf(&b, "Enquête menée par / run by\u00a0: %s\nPour / for\u00a0: %s\nDurée / time needed\u00a0: environ %d minutes / about %d minutes\n", byFR, camp.Organisation, f.Minutes, f.Minutes)
	if camp.EndDate != "" {
		fmt.Fprintf(&b, "Répondre avant la fin du / answer by the end of\u00a0: %s / %s\n", longDateOf(camp.EndDate, "fr"), longDateOf(camp.EndDate, "en"))
	}
	fmt.Fprintf(&b, "Notice d’information (vos droits) / information notice (your rights)\u00a0: %s\n\n", base+"/notice")
	fmt.Fprintf(&b, "Ce code est anonyme\u00a0: il sert une seule fois, et rien ne le relie à vos réponses. Votre adresse électronique n’a pas été gardée\u00a0: seule une empreinte de votre adresse (hachage à clé), qui évite de vous envoyer un second code, est conservée jusqu’à la clôture de l’enquête, puis effacée\u00a0; elle n’est pas reliée à votre code. "+
		"Les résultats ne sont montrés que pour des groupes d’au moins %d personnes.\n"+
		"This code is anonymous: it works once and nothing links it to your answers. Your e-mail address was not kept: only a keyed hash of it, which prevents a second code, is kept until the survey closes, then erased; it is not linked to your code. Results are shown only for groups of at least %d people.\n",
		camp.MinGroupSize, camp.MinGroupSize)
	return b.String()
}

// longDateOf writes a "YYYY-MM-DD" day in words for plain text (longDate,
// ordinary spaces); the input when it is not a day.
func longDateOf(day, lang string) string {
	t, err := vigie.ParseEndDate(day)
	if err != nil {
		return day
	}
	return longDate(lang, t)
}

// reminderBody is the text of a reminder.
func reminderBody(camp *vigie.Campaign, message, base string) string {
	return cmpOr(message, fmt.Sprintf("Bonjour,\n\nSi vous avez déjà répondu à l’enquête « %s », merci\u00a0! Sinon, il est encore temps\u00a0: retrouvez le code reçu par courriel lors de l’invitation et rendez-vous sur %s.\n\n"+
		"Hello,\n\nIf you have already answered the survey \"%s\", thank you! If not, there is still time: use the code you received by e-mail with the invitation at %s.",
		camp.Title, base, camp.Title, base)) +
		"\n\nPersonne ne sait qui a répondu\u00a0: ce rappel est envoyé à tout le monde. / Nobody knows who answered: everyone gets this reminder.\n"
}
