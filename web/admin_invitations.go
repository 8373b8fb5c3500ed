package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/sheet"
)

// sendingPage is the page that follows a sending of invitations or
// reminders. It reloads itself while the sending runs (a meta refresh:
// no script needed), and the consultant may leave it meanwhile.
type sendingPage struct {
	Nav      adminNav
	C        *vigie.Campaign
	S        *sendingStatus
	Reminder bool
	Running  bool
	Conflict bool // a new sending was refused: this one was running
	URL      string
	Kept     string // how long the report stays, in words
	Refresh  int    // seconds between reloads while running; 0 when turned off (?auto=non)
}

// errSendingUnknown answers for a sending this server does not know.
var errSendingUnknown = vigie.Errorf(vigie.ENOTFOUND, "Cet envoi n'est pas connu de ce serveur : le serveur a redémarré depuis, ou l'envoi s'est terminé il y a plus de 24 heures. Un redémarrage pendant l'envoi arrête celui-ci : les adresses qui n'avaient pas encore été traitées n'ont rien reçu. Renvoyez la liste entière depuis la page de la campagne ; les adresses qui ont déjà reçu un code n'en recevront pas de second.")

// sendingPath is the path of a sending, under /admin for its page and
// under /api/v1 for its progress in JSON.
func sendingPath(campaignID, id string) string {
	return "/campaigns/" + campaignID + "/sendings/" + id
}

// adminInvitations starts sending codes (kind=invite) or reminders
// (kind=remind) to the addresses typed in the form or read from the first
// column of a CSV or XLSX file (the second column, if any, is the unit),
// then sends the consultant to the sending's page. The relay's settings
// and the campaign are checked before the file is read.
func (s *Server) adminInvitations(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if s.admin.cfg.Mailer == nil {
		s.htmlError(c, errNoMailer)
		return
	}
	if err := c.Request.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.htmlError(c, formError(err))
		return
	}
	kind := kindInvitations
	if c.PostForm("kind") == "remind" {
		kind = kindReminders
	}
	if other, err := s.checkSending(camp, kind); err != nil {
		s.sendingError(c, camp, other, err)
		return
	}
	m := &mailing{Subject: c.PostForm("subject"), Message: c.PostForm("message")}
	rows := textRows(c.PostForm("addresses"))
	if file, data, err := formUpload(c, "file"); err != nil {
		s.htmlError(c, err)
		return
	} else if file != "" {
		fileRows, err := sheetRows(data)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		rows = append(rows, fileRows...)
	}
	for _, r := range rows {
		rc := recipient{Email: r[0]}
		if len(r) > 1 {
			rc.Unit = r[1]
		}
		m.Recipients = append(m.Recipients, rc)
	}
	sd, err := s.startSending(c, camp, kind, m)
	if err != nil {
		s.sendingError(c, camp, sd, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin"+sendingPath(camp.ID, sd.ID))
}

// sendingError answers a refused sending: with the running sending's page
// (status 409) when one runs, the error page otherwise.
func (s *Server) sendingError(c *gin.Context, camp *vigie.Campaign, running *sending, err error) {
	if running == nil {
		s.htmlError(c, err)
		return
	}
	p := s.sendingPageOf(c, camp, running)
	p.Conflict = true
	s.render(c, http.StatusConflict, "admin_sending", p)
}

// adminSending shows a sending's progress, then its report.
func (s *Server) adminSending(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	sd := s.sendings.get(camp.ID, c.Param("sid"))
	if sd == nil {
		s.htmlError(c, errSendingUnknown)
		return
	}
	p := s.sendingPageOf(c, camp, sd)
	if c.Query("auto") == "non" { // a reload that moves focus is not for everyone (WCAG 2.2.1)
		p.Refresh = 0
	}
	s.render(c, http.StatusOK, "admin_sending", p)
}

func (s *Server) sendingPageOf(c *gin.Context, camp *vigie.Campaign, sd *sending) *sendingPage {
	st := sd.status()
	return &sendingPage{
		Nav: nav(c), C: camp, S: st, Reminder: st.Kind == kindReminders, Running: st.State == sendingRunning,
		URL: "/admin" + sendingPath(camp.ID, st.ID), Kept: fmt.Sprintf("%d heures", int(sendingKept.Hours())), Refresh: 3,
	}
}

// textRows reads "address;unit" lines, skipping blank ones.
func textRows(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, strings.Split(line, ";"))
		}
	}
	return out
}

// sheetRows reads the first two columns (address, unit) of a CSV file
// (";" or ",") or of the first sheet of a workbook, row by row through
// package sheet, dropping blank rows and a header row (a first row whose
// first cell is not an address). A file of more than maxRecipients rows
// and a header is refused before anything is sent.
func sheetRows(data []byte) ([][]string, error) {
	lim := sheet.Limits{Rows: maxRecipients + 1, Columns: 2}
	rowsLimit := fmt.Sprintf("au plus %s adresses par envoi, et une ligne d'en-tête", vigie.Grouped(maxRecipients))
	r, err := openSheet(data, lim, rowsLimit)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out [][]string
	for first := true; ; first = false {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, sheetError(err, lim, rowsLimit)
		}
		if isBlankRow(row.Cells) || (first && !strings.Contains(row.Cells[0], "@")) {
			continue
		}
		out = append(out, row.Cells)
	}
}
