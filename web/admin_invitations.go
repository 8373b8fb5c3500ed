package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
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

// sheetRows reads the rows of a CSV file (";" or ",") or of the first
// sheet of a workbook, dropping blank rows and a header row (one whose
// first cell is not an address).
func sheetRows(data []byte) ([][]string, error) {
	var all [][]string
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, vigie.Errorf(vigie.EINVALID, "Le classeur Excel est illisible.")
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, vigie.Errorf(vigie.EINVALID, "Le classeur n'a aucune feuille.")
		}
		if all, err = f.GetRows(sheets[0]); err != nil {
			return nil, vigie.Errorf(vigie.EINVALID, "La première feuille du classeur est illisible.")
		}
	} else {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(data) {
			return nil, vigie.Errorf(vigie.EINVALID, "Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 ».")
		}
		r := csv.NewReader(bytes.NewReader(data))
		first, _, _ := bytes.Cut(data, []byte("\n"))
		if bytes.Contains(first, []byte(";")) {
			r.Comma = ';'
		}
		r.FieldsPerRecord = -1
		r.TrimLeadingSpace = true
		var err error
		if all, err = r.ReadAll(); err != nil {
			return nil, vigie.Errorf(vigie.EINVALID, "Le fichier CSV est mal formé (guillemet non fermé ?).")
		}
	}
	var out [][]string
	for i, rec := range all {
		if isBlankRow(rec) || (i == 0 && !strings.Contains(rec[0], "@")) {
			continue
		}
		out = append(out, rec)
	}
	return out, nil
}
