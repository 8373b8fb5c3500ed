package web_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
)

// The content types of the two report formats.
const (
	pdfType  = "application/pdf"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// reportPath is the address of a campaign's report, as a page or an API
// call, with its query.
func reportPath(api bool, id, ext, query string) string {
	p := "/admin/campaigns/" + id + "/report." + ext
	if api {
		p = "/api/v1/campaigns/" + id + "/report." + ext
	}
	if query != "" {
		p += "?" + query
	}
	return p
}

// wantReportFile fails unless p is a downloaded report of the format ext
// for the audience variant ("consultant" or "comite" in the file name;
// "en:consultant" or "en:committee" for an English report).
func wantReportFile(tb testing.TB, p *page, ext, variant string) {
	tb.Helper()
	if p.Status != http.StatusOK {
		tb.Fatalf("status = %d, want 200; body:\n%.500s", p.Status, p.Body)
	}
	ctype, magic := pdfType, "%PDF-"
	if ext == "xlsx" {
		ctype, magic = xlsxType, "PK\x03\x04"
	}
	if got := p.Header.Get("Content-Type"); got != ctype {
		tb.Errorf("Content-Type = %q, want %q", got, ctype)
	}
	if !strings.HasPrefix(p.Body, magic) {
		tb.Errorf("body starts with %q, want %q", p.Body[:min(len(p.Body), 8)], magic)
	}
	if got := p.Header.Get("Cache-Control"); got != "no-store" {
		tb.Errorf("Cache-Control = %q, want no-store", got)
	}
	if got, want := p.Header.Get("Content-Length"), strconv.Itoa(len(p.Body)); got != want {
		tb.Errorf("Content-Length = %q, want %s", got, want)
	}
	// An English report is named in English: "en:committee".
	kind, variant, english := "rapport", variant, false
	if v, ok := strings.CutPrefix(variant, "en:"); ok {
		kind, variant, english = "report", v, true
	}
	accented := map[string]string{"consultant": "consultant", "comite": "comit%C3%A9", "committee": "committee",
		"comite-version-complete": "comit%C3%A9%2C%20version%20compl%C3%A8te"}[variant]
	title := "Rapport"
	if english {
		title = "Report"
	}
	want := `attachment; filename="` + kind + `-barometre-2027-` + variant + `.` + ext + `"; ` +
		`filename*=UTF-8''` + title + `%20Barom%C3%A8tre%202027%20%28` + accented + `%29.` + ext
	if got := p.Header.Get("Content-Disposition"); got != want {
		tb.Errorf("Content-Disposition = %s\nwant                  %s", got, want)
	}
}

// pdfText extracts a PDF's text with pdftotext (poppler-utils), with
// plain spaces for the no-break ones; it skips when the tool is missing
// on a developer's machine (CI installs it).
func pdfText(tb testing.TB, pdf string) string {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("pdftotext is missing in CI: .ci/run must install poppler-utils")
		}
		tb.Skipf("SKIPPED: pdftotext not found; install poppler-utils to check the PDF's text")
	}
	path := filepath.Join(tb.TempDir(), "r.pdf")
	if err := os.WriteFile(path, []byte(pdf), 0o600); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(out))
}

// closedSmallUnitServer is smallUnitServer's campaign, closed: reports
// exist only then.
func closedSmallUnitServer(t *testing.T) *adminServer {
	as := smallUnitServer(t)
	as.closeCampaign(t)
	return as
}

func TestReportDownloadConsultant(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	b := as.signedIn(t, consultantEmail)
	for _, api := range []bool{false, true} {
		for _, ext := range []string{"pdf", "xlsx"} {
			for _, tc := range []struct{ query, variant string }{
				{"", "consultant"}, // a consultant's default
				{"audience=consultant", "consultant"},
				{"audience=committee", "comite"},
				{"audience=committee&items=0&lang=en", "en:committee"},
			} {
				name := ext + " " + tc.query
				if api {
					name = "API " + name
				}
				t.Run(name, func(t *testing.T) {
					path := reportPath(api, as.Campaign.ID, ext, tc.query)
					var p *page
					if api {
						p = as.api(t, token, http.MethodGet, path, "")
					} else {
						p = b.get(path)
					}
					wantReportFile(t, p, ext, tc.variant)
				})
			}
		}
	}

	t.Run("PDFText", func(t *testing.T) {
		for _, tc := range []struct{ query, want string }{
			{"audience=committee", "d'au moins k = 5 personnes"},
			{"audience=consultant&lang=en", "at least k = 5 people"},
		} {
			p := b.get(reportPath(false, as.Campaign.ID, "pdf", tc.query))
			wantStatus(t, p, http.StatusOK)
			text := pdfText(t, p.Body)
			for _, want := range []string{"Service social régional", "Baromètre 2027", tc.want} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the PDF's text lacks %q:\n%.2000s", tc.query, want, text)
				}
			}
		}
	})
}

func TestReportDownloadViewer(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Viewer)
	b := as.signedIn(t, viewerEmail)
	for _, ext := range []string{"pdf", "xlsx"} {
		// A viewer's default, and the only variant a viewer gets, is the
		// committee's.
		for _, q := range []string{"", "audience=committee", "audience=committee&lang=en&items=0"} {
			variant := "comite"
			if strings.Contains(q, "lang=en") {
				variant = "en:committee"
			}
			wantReportFile(t, b.get(reportPath(false, as.Campaign.ID, ext, q)), ext, variant)
			wantReportFile(t, as.api(t, token, http.MethodGet, reportPath(true, as.Campaign.ID, ext, q), ""), ext, variant)
		}

		p := b.get(reportPath(false, as.Campaign.ID, ext, "audience=consultant"))
		wantStatus(t, p, http.StatusForbidden)
		wantContains(t, p, "réservée aux consultants")
		p = as.api(t, token, http.MethodGet, reportPath(true, as.Campaign.ID, ext, "audience=consultant"), "")
		wantStatus(t, p, http.StatusForbidden)
		var e struct{ Error string }
		decode(t, p, &e)
		if !strings.Contains(e.Error, "réservée aux consultants") {
			t.Errorf("error = %q, want it to say the consultant variant is for consultants", e.Error)
		}
	}
}

func TestReportDownloadRefused(t *testing.T) {
	as := smallUnitServer(t)
	_, outsider := as.token(t, as.Outsider)
	for _, ext := range []string{"pdf", "xlsx"} {
		t.Run(ext, func(t *testing.T) {
			page := reportPath(false, as.Campaign.ID, ext, "audience=committee")
			api := reportPath(true, as.Campaign.ID, ext, "audience=committee")

			wantRedirect(t, as.browser(t).get(page), "/login?next="+strings.ReplaceAll(page[:strings.Index(page, "?")], "/", "%2F"))
			p := as.api(t, "", http.MethodGet, api, "")
			wantStatus(t, p, http.StatusUnauthorized)
			wantContains(t, p, `"error"`)

			wantStatus(t, as.signedIn(t, outsiderEmail).get(page), http.StatusForbidden)
			p = as.api(t, outsider, http.MethodGet, api, "")
			wantStatus(t, p, http.StatusForbidden)
			wantContains(t, p, `"error"`)

			p = as.api(t, outsider, http.MethodGet, reportPath(true, "c_inconnue", ext, ""), "")
			if p.Status != http.StatusForbidden && p.Status != http.StatusNotFound {
				t.Errorf("unknown campaign: status %d, want 403 or 404", p.Status)
			}
		})
	}
	for _, e := range as.auditActions(t) {
		if strings.HasSuffix(e, " report.export") {
			t.Errorf("a refused download was logged as one: %q", e)
		}
	}
}

func TestReportDownloadBadParams(t *testing.T) {
	as := smallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	b := as.signedIn(t, consultantEmail)
	for _, tc := range []struct{ query, want string }{
		{"audience=rh", "Public du rapport inconnu « rh »"},
		{"audience=Consultant", "Public du rapport inconnu"},
		{"lang=de", "Langue du rapport inconnue « de »"},
		{"lang=en&audience=committee&items=oui", "items vaut 0"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			for _, ext := range []string{"pdf", "xlsx"} {
				p := as.api(t, token, http.MethodGet, reportPath(true, as.Campaign.ID, ext, tc.query), "")
				wantStatus(t, p, http.StatusBadRequest)
				var e struct{ Error string }
				decode(t, p, &e)
				if !strings.Contains(e.Error, tc.want) {
					t.Errorf("API error = %q, want %q", e.Error, tc.want)
				}
				p = b.get(reportPath(false, as.Campaign.ID, ext, tc.query))
				wantStatus(t, p, http.StatusBadRequest)
				if !strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
					t.Errorf("page error Content-Type = %q, want an HTML page", p.Header.Get("Content-Type"))
				}
				wantContains(t, p, strings.ReplaceAll(tc.want, "'", "&#39;"))
			}
		})
	}

	// A draft has no responses to report on: a conflict, not a file.
	draft := MustNewAdminServer(t, withState(vigie.StateDraft))
	p := draft.signedIn(t, consultantEmail).get(reportPath(false, draft.Campaign.ID, "pdf", ""))
	wantStatus(t, p, http.StatusConflict)
	p = draft.signedIn(t, consultantEmail).get("/admin/campaigns/" + draft.Campaign.ID)
	if strings.Contains(p.Body, "report.pdf") {
		t.Errorf("a draft's page offers a report")
	}
}

func TestReportDownloadAudited(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Viewer)
	as.signedIn(t, consultantEmail).get(reportPath(false, as.Campaign.ID, "xlsx", "audience=committee&items=0"))
	as.api(t, token, http.MethodGet, reportPath(true, as.Campaign.ID, "pdf", "lang=en"), "")
	entries, err := as.Store.AuditLog(context.Background(), 0, as.Campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Action == "report.export" {
			got = append(got, e.Actor+" | "+e.Target+" | "+e.Detail)
		}
	}
	want := []string{ // newest first
		viewerEmail + " | " + as.Campaign.ID + " | pdf, committee, en, version courte",
		consultantEmail + " | " + as.Campaign.ID + " | xlsx, committee, fr, sans annexe des items",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReportDownloadNoSuppressedFigures reads the downloaded workbooks
// back: a group the anonymity rules suppress (Service 2 has 2 respondents,
// k = 5) keeps its rows in the Dimensions sheet, without a single figure.
func TestReportDownloadNoSuppressedFigures(t *testing.T) {
	as := closedSmallUnitServer(t)
	suppressed := map[string]bool{} // group ids
	for _, qid := range as.Campaign.Questionnaires {
		res, err := as.Store.Result(context.Background(), as.Campaign.ID, qid)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range res.Groups {
			if g.Suppressed {
				suppressed[g.ID] = true
			}
		}
	}
	if !suppressed["unit:Direction A/Service 2"] {
		t.Fatalf("the fixture should suppress Service 2: %v", suppressed)
	}
	b := as.signedIn(t, consultantEmail)
	for _, audience := range []string{"consultant", "committee"} {
		t.Run(audience, func(t *testing.T) {
			p := b.get(reportPath(false, as.Campaign.ID, "xlsx", "audience="+audience))
			wantStatus(t, p, http.StatusOK)
			f, err := excelize.OpenReader(bytes.NewReader([]byte(p.Body)))
			if err != nil {
				t.Fatalf("excelize: %v", err)
			}
			defer f.Close()
			rows, err := f.GetRows("Dimensions")
			if err != nil {
				t.Fatalf("Dimensions sheet: %v", err)
			}
			seen, service2 := 0, 0
			for i, row := range rows[1:] {
				if len(row) < 4 || !(suppressed[row[1]] || row[3] == "Service 2") {
					continue
				}
				seen++
				if row[3] == "Service 2" {
					service2++
				}
				for j, cell := range row {
					if _, err := strconv.ParseFloat(strings.ReplaceAll(cell, ",", "."), 64); err == nil {
						t.Errorf("row %d (%s) has a figure in column %d: %q", i+2, row[3], j+1, row)
					}
				}
			}
			if seen == 0 || service2 == 0 {
				t.Fatalf("no row of Service 2 or of another suppressed group in the Dimensions sheet: %q", rows)
			}
		})
	}
}

func TestReportDownloadLinks(t *testing.T) {
	as := closedSmallUnitServer(t)
	base := "/admin/campaigns/" + as.Campaign.ID
	committee := []string{
		`href="` + base + `/report.pdf?audience=committee">Télécharger le rapport PDF (comité, version courte)</a>`,
		`href="` + base + `/report.pdf?audience=committee&amp;variant=full">Télécharger le rapport PDF complet (comité)</a>`,
		`href="` + base + `/report.xlsx?audience=committee">Télécharger le classeur Excel (comité)</a>`,
	}
	consultantOnly := []string{
		`href="` + base + `/report.pdf?audience=consultant">Télécharger le rapport PDF (consultant)</a>`,
		`href="` + base + `/report.xlsx?audience=consultant">Télécharger le classeur Excel (consultant)</a>`,
		`href="` + base + `/report.pdf?audience=committee&amp;variant=full&amp;items=0">Télécharger le rapport PDF complet (comité, sans annexe des items)</a>`,
		`href="` + base + `/report.xlsx?audience=committee&amp;items=0">Télécharger le classeur Excel (comité, sans annexe des items)</a>`,
	}
	for _, path := range []string{base, base + "/results/charge-et-soutien"} {
		p := as.signedIn(t, consultantEmail).get(path)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, append(committee, consultantOnly...)...)

		p = as.signedIn(t, viewerEmail).get(path)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, committee...)
		if strings.Contains(p.Body, "audience=consultant") || strings.Contains(p.Body, `value="consultant"`) {
			t.Errorf("%s: a viewer is offered the consultant's report", path)
		}
	}
	// Every link answers a file, for the account it is shown to.
	for _, href := range []string{base + "/report.pdf?audience=committee&variant=full&items=0", base + "/report.xlsx?audience=consultant"} {
		ext := href[strings.LastIndex(href, ".")+1 : strings.Index(href, "?")]
		variant := map[bool]string{true: "consultant", false: "comite-version-complete"}[strings.Contains(href, "=consultant")]
		wantReportFile(t, as.signedIn(t, consultantEmail).get(href), ext, variant)
	}
}

// TestReportDownloadShortByDefault pins that a committee gets the short
// report unless it asks for the full one, and a consultant the full one
// unless asking for the short.
func TestReportDownloadShortByDefault(t *testing.T) {
	as := closedSmallUnitServer(t)
	full := pdfPageCount(t, as.signedIn(t, consultantEmail).get(reportPath(false, as.Campaign.ID, "pdf", "audience=consultant")).Body)
	for _, tt := range []struct {
		email, query string
		short        bool
	}{
		{viewerEmail, "", true},
		{viewerEmail, "audience=committee&variant=full", false},
		{consultantEmail, "", false},
		{consultantEmail, "audience=committee", true},
		{consultantEmail, "audience=consultant&variant=short", true},
	} {
		p := as.signedIn(t, tt.email).get(reportPath(false, as.Campaign.ID, "pdf", tt.query))
		wantStatus(t, p, http.StatusOK)
		if got := pdfPageCount(t, p.Body) < full; got != tt.short {
			t.Errorf("%s ?%s: short = %v (%d pages, the full report %d), want %v", tt.email, tt.query, got, pdfPageCount(t, p.Body), full, tt.short)
		}
	}
	p := as.signedIn(t, viewerEmail).get(reportPath(false, as.Campaign.ID, "pdf", "variant=medium"))
	wantStatus(t, p, http.StatusBadRequest)
}

// TestReportDownloadFileName checks that a title with quotes, slashes and
// ligatures gives a header no client can misread.
func TestReportDownloadFileName(t *testing.T) {
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) { s.Title = `Enquête « QVT » / Œuvres; "2027"` }))
	as.submitN(t, 6, []string{"Direction B"}, "")
	as.closeCampaign(t)
	p := as.signedIn(t, viewerEmail).get(reportPath(false, as.Campaign.ID, "pdf", ""))
	wantStatus(t, p, http.StatusOK)
	want := `attachment; filename="rapport-enquete-qvt-oeuvres-2027-comite.pdf"; ` +
		`filename*=UTF-8''Rapport%20Enqu%C3%AAte%20%C2%AB%20QVT%20%C2%BB%20-%20%C5%92uvres%3B%20%222027%22%20%28comit%C3%A9%29.pdf`
	if got := p.Header.Get("Content-Disposition"); got != want {
		t.Errorf("Content-Disposition = %s\nwant                  %s", got, want)
	}
}

// TestReportDownloadFileNameEnglish checks that the English report is
// named in English, so that a file sent to an English-speaking reader
// does not say « Rapport … (comité) ».
func TestReportDownloadFileNameEnglish(t *testing.T) {
	as := MustNewAdminServer(t)
	as.submitN(t, 6, []string{"Direction B"}, "")
	as.closeCampaign(t)
	p := as.signedIn(t, viewerEmail).get(reportPath(false, as.Campaign.ID, "pdf", "lang=en"))
	wantStatus(t, p, http.StatusOK)
	want := `attachment; filename="report-barometre-2027-committee.pdf"; ` +
		`filename*=UTF-8''Report%20Barom%C3%A8tre%202027%20%28committee%29.pdf`
	if got := p.Header.Get("Content-Disposition"); got != want {
		t.Errorf("Content-Disposition = %s\nwant                  %s", got, want)
	}
}

// pdfPageCount reads the page count of a PDF written by fpdf (its page
// tree object is not compressed).
func pdfPageCount(tb testing.TB, pdf string) int {
	tb.Helper()
	m := regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`).FindStringSubmatch(pdf)
	if m == nil {
		tb.Fatal("no page tree in the PDF")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
