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

// invitationsPage is the outcome of a sending from the back office.
type invitationsPage struct {
	Nav      adminNav
	C        *vigie.Campaign
	Reminder bool
	Sent     int
	Failed   []sendFailure
}

// adminInvitations sends codes (kind=invite) or reminders (kind=remind)
// to the addresses typed in the form or read from the first column of a
// CSV or XLSX file (the second column, if any, is the unit). The list
// lives in this request only.
func (s *Server) adminInvitations(c *gin.Context) {
	if err := c.Request.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.htmlError(c, formError(err))
		return
	}
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	m := &mailing{Subject: c.PostForm("subject"), Message: c.PostForm("message")}
	rows := textRows(c.PostForm("addresses"))
	if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
		data, err := readUpload(fh)
		if err != nil {
			s.htmlError(c, err)
			return
		}
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
	send := s.sendInvitations
	p := &invitationsPage{Nav: nav(c), C: camp}
	if c.PostForm("kind") == "remind" {
		send, p.Reminder = s.sendReminders, true
	}
	if p.Sent, p.Failed, err = send(c, camp, m); err != nil {
		s.htmlError(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_invitations", p)
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
