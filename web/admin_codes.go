package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/reports"
)

// maxSlips bounds one PDF of slips (about 1.3 s per thousand to draw).
const maxSlips = 2000

// generateCodes creates count codes for a campaign, optionally tied to a
// unit ("A/B"), and logs it (how many, which unit: never the codes).
func (s *Server) generateCodes(c *gin.Context, camp *vigie.Campaign, count int, unit string) ([]string, error) {
	var path []string
	if unit = strings.Trim(strings.TrimSpace(unit), "/"); unit != "" {
		path = strings.Split(unit, "/")
	}
	codes, err := s.store.GenerateCodes(c.Request.Context(), camp.ID, count, path)
	if err != nil {
		return nil, err
	}
	detail := fmt.Sprintf("%d codes", len(codes))
	if unit != "" {
		detail += ", unité " + unit
	}
	s.audit(c, "codes.generate", camp.ID, detail)
	return codes, nil
}

// adminCodes generates codes and hands them over once, as a CSV list or
// as printable slips: the store keeps only their hashes.
func (s *Server) adminCodes(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	// A refused form is shown again on the campaign page, not on an error
	// page: the consultant corrects the count where they typed it.
	raw := strings.TrimSpace(c.PostForm("count"))
	count, err := strconv.Atoi(raw)
	switch {
	case raw == "":
		s.campaignPageRefused(c, vigie.Errorf(vigie.EINVALID, "Indiquez le nombre de codes à créer (entre 1 et 10 000)."))
		return
	case err != nil:
		s.campaignPageRefused(c, vigie.Errorf(vigie.EINVALID, "Le nombre de codes « %s » n'est pas un nombre entier.", raw))
		return
	case c.PostForm("format") != "csv" && count > maxSlips:
		s.campaignPageRefused(c, vigie.Errorf(vigie.EINVALID, "Au plus %d coupons à la fois : générez-les en plusieurs fois, ou choisissez la liste CSV.", maxSlips))
		return
	}
	unit := c.PostForm("unit")
	codes, err := s.generateCodes(c, camp, count, unit)
	if vigie.ErrorCode(err) == vigie.EINVALID {
		s.campaignPageRefused(c, err)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	// The campaign page updates its count from this header (vigie.js): the
	// download leaves the page where it was.
	if total, _, err := s.store.CodeCounts(c.Request.Context(), camp.ID); err == nil {
		c.Header("X-Vigie-Codes-Total", strconv.Itoa(total))
	}
	base := s.respondentURL(c, camp)
	c.Header("Cache-Control", "no-store")
	today := s.now().In(vigie.Paris).Format(time.DateOnly)
	if c.PostForm("format") == "csv" {
		c.Header("Content-Disposition", downloadDisposition("codes", camp.Title, today, "csv"))
		c.Data(http.StatusOK, "text/csv; charset=utf-8", codesCSV(codes, unitLabelOf(unit), base))
		return
	}
	lang := c.PostForm("lang")
	if !slices.Contains(camp.Languages, lang) {
		lang = "fr"
	}
	var buf bytes.Buffer
	err = reports.SlipsPDF(&buf, &reports.Slips{
		Campaign: camp.Title, Organisation: camp.Organisation, URL: base, Codes: codes, MinGroupSize: camp.MinGroupSize,
		EndDate: dateWords(camp.EndDate, lang), Unit: unitLabelOf(unit), Lang: lang,
	})
	if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Header("Content-Disposition", downloadDisposition(map[string]string{"fr": "coupons", "en": "slips"}[lang], camp.Title, today, "pdf"))
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}

// unitLabelOf writes a posted unit path ("A/B") as the pages do
// ("A / B"); "" for none.
func unitLabelOf(unit string) string {
	if unit = strings.Trim(strings.TrimSpace(unit), "/"); unit == "" {
		return ""
	}
	return unitLabel(strings.Split(unit, "/"))
}

// downloadDisposition names a file handed out for a campaign: its kind,
// the campaign's title and the day (« coupons Baromètre 2027
// 2026-12-08.pdf »), with an ASCII-only fallback for old clients.
func downloadDisposition(kind, title, day, ext string) string {
	name := kind + " " + strings.TrimSpace(title) + " " + day + "." + ext
	ascii := asciiSlug(kind) + "-" + asciiSlug(title) + "-" + day + "." + ext
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + rfc5987Escape(name)
}

// codesCSV writes one code per line with its unit and its direct link,
// for a French spreadsheet: ";" between cells, a byte-order mark so that
// Excel reads UTF-8, French headings.
func codesCSV(codes []string, unit, base string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.Write([]string{"Code", "Unité", "Lien direct"})
	for _, code := range codes {
		w.Write([]string{code, spreadsheetSafe(unit), base + "?code=" + code})
	}
	w.Flush()
	return buf.Bytes()
}

// spreadsheetSafe keeps a spreadsheet from reading text as a formula.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
