package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// reportFormat is one of the two files a campaign's report comes as.
type reportFormat struct {
	ext         string // "pdf" or "xlsx", also the audit log's name of it
	contentType string
	render      func(io.Writer, *dossier.Report) error
}

// The report formats served by reportDownload.
var (
	reportPDF  = reportFormat{"pdf", "application/pdf", reports.PDF}
	reportXLSX = reportFormat{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", reports.XLSX}
)

// errViewerConsultantReport refuses the consultant's variant to a viewer:
// it is the consultant's working copy, with the item tables whatever the
// consultant chose to give the committee.
var errViewerConsultantReport = vigie.Errorf(vigie.EFORBIDDEN,
	"La version « consultant » du rapport est réservée aux consultants : demandez la version « comité » (audience=committee).")

// reportQuery is what a download asks for, checked.
type reportQuery struct {
	audience dossier.Audience
	lang     string
	items    bool // the item annex
	short    bool // the committee's short report (PDF)
}

// readReportQuery reads ?audience=consultant|committee&lang=fr|en&items=0|1&variant=short|full
// for the signed-in account: a viewer gets the committee variant and
// nothing else; a consultant gets the consultant variant unless asking
// for the committee's.
func readReportQuery(c *gin.Context) (*reportQuery, error) {
	q := &reportQuery{lang: "fr", items: true}
	consultant := currentUser(c).IsConsultant()
	switch a := c.Query("audience"); {
	case a == "" && consultant:
		q.audience = dossier.AudienceConsultant
	case a == "" || a == string(dossier.AudienceCommittee):
		q.audience = dossier.AudienceCommittee
	case a == string(dossier.AudienceConsultant) && consultant:
		q.audience = dossier.AudienceConsultant
	case a == string(dossier.AudienceConsultant):
		return nil, errViewerConsultantReport
	default:
		return nil, vigie.Errorf(vigie.EINVALID, "Public du rapport inconnu « %s » : consultant ou committee.", a)
	}
	switch l := c.Query("lang"); l {
	case "", "fr":
	case "en":
		q.lang = l
	default:
		return nil, vigie.Errorf(vigie.EINVALID, "Langue du rapport inconnue « %s » : fr ou en.", l)
	}
	// The committee reads the short report unless it asks for the full
	// one; the consultant gets the full one unless asking for the short.
	switch v := c.Query("variant"); v {
	case "":
		q.short = q.audience == dossier.AudienceCommittee
	case "short", "full":
		q.short = v == "short"
	default:
		return nil, vigie.Errorf(vigie.EINVALID, "variant vaut short (la version courte) ou full (le rapport complet), pas « %s ».", v)
	}
	switch i := c.Query("items"); i {
	case "", "1":
	case "0":
		q.items = false
	default:
		return nil, vigie.Errorf(vigie.EINVALID, "items vaut 0 (sans l'annexe des items) ou 1 (avec), pas « %s ».", i)
	}
	return q, nil
}

// reportDownload serves a campaign's report in format f, to a page
// (errors as an error page) or to the API (errors as JSON). The file is
// rendered in memory before anything is sent, so that a failure is a
// proper error status, not half a file; then the download is logged
// (format, audience, language: never a figure).
func (s *Server) reportDownload(f reportFormat, fail func(*gin.Context, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		q, err := readReportQuery(c)
		if err != nil {
			fail(c, err)
			return
		}
		id := c.Param("id")
		r, err := s.store.Report(c.Request.Context(), id, store.ReportOptions{
			Audience: q.audience, Lang: q.lang, IncludeItemAnnex: q.items, Short: q.short && f.ext == "pdf",
			Version: s.version, Now: s.now(),
		})
		if err != nil {
			fail(c, err)
			return
		}
		if err := s.addCampaignReferences(c, id, r); err != nil {
			fail(c, err)
			return
		}
		var buf bytes.Buffer
		if err := f.render(&buf, r); err != nil {
			fail(c, err) // internal: logged by classify, shown generically
			return
		}
		detail := f.ext + ", " + string(q.audience) + ", " + q.lang
		if !q.items {
			detail += ", sans annexe des items"
		}
		short := q.short && f.ext == "pdf"
		if short {
			detail += ", version courte"
		}
		s.audit(c, "report.export", id, detail)
		c.Header("Cache-Control", "no-store")
		c.Header("Content-Disposition", reportDisposition(r.Campaign, q.audience, short, q.lang, f.ext))
		c.Header("Content-Length", strconv.Itoa(buf.Len()))
		c.Data(http.StatusOK, f.contentType, buf.Bytes())
	}
}

// reportDisposition names the downloaded file after the campaign, in the
// report's language: an ASCII name for old clients
// ("rapport-barometre-2027-comite.pdf", "report-barometre-2027-committee.pdf")
// and the accented one in RFC 5987's filename* for the others.
func reportDisposition(title string, a dossier.Audience, short bool, lang, ext string) string {
	kind, variant := "Rapport", "consultant"
	if a == dossier.AudienceCommittee {
		variant = "comité"
	}
	if lang == "en" {
		kind = "Report"
		if a == dossier.AudienceCommittee {
			variant = "committee"
		}
	}
	// The committee's report is the short one; the other variant of each
	// audience says which it is.
	switch {
	case ext != "pdf": // the workbook has one variant per audience
	case a == dossier.AudienceCommittee && !short:
		variant += map[bool]string{false: ", version complète", true: ", full version"}[lang == "en"]
	case a == dossier.AudienceConsultant && short:
		variant += map[bool]string{false: ", version courte", true: ", short version"}[lang == "en"]
	}
	name := kind + " " + strings.TrimSpace(title) + " (" + variant + ")." + ext
	ascii := strings.ToLower(kind) + "-" + asciiSlug(title) + "-" + asciiSlug(variant) + "." + ext
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + rfc5987Escape(name)
}

// asciiSlug writes s in lower-case ASCII letters, digits and hyphens:
// accents dropped ("é" → "e"), anything else a hyphen, at most 60 bytes.
func asciiSlug(s string) string {
	var b strings.Builder
	dash := true // no leading hyphen
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if b.Len() >= 60 {
			break
		}
		switch {
		case unicode.Is(unicode.Mn, r): // an accent, decomposed
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case r == 'œ':
			b.WriteString("oe")
			dash = false
		case r == 'æ':
			b.WriteString("ae")
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "campagne"
	}
	return out
}

// rfc5987Escape percent-encodes a UTF-8 file name for the filename*
// parameter (RFC 5987's ext-value): only attr-char stays as it is.
// Control characters are dropped and slashes become hyphens, so that no
// client reads a path in the name.
func rfc5987Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			continue
		}
		if r == '/' || r == '\\' { // a path separator, for some clients
			r = '-'
		}
		for _, c := range []byte(string(r)) {
			if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
				b.WriteByte(c)
				continue
			}
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
