package e2e_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vigie-sante/vigie/questionnaires"
)

// unitsCSV is the unit file the consultant imports: one level per
// column, the headcount last, a header line.
const unitsCSV = "Direction;Service;Effectif\n" +
	"Direction A;Service 1;8\n" +
	"Direction A;Service 2;9\n" +
	"Direction B;Service 3;4\n" +
	"Direction B;Service 4;9\n"

// redactedComment is the comment as the consultant publishes it.
const redactedComment = "Dans mon service, […] nous surcharge."

// TestConsultantRunsACampaign logs in, creates a campaign from a unit
// file, generates codes (CSV and PDF slips), opens it, lets employees
// answer, closes it, moderates a comment and reads the heat map, where a
// group under k shows no figure. Every page passes axe-core.
func TestConsultantRunsACampaign(t *testing.T) {
	s := newSite(t)
	ctx := newTab(t)
	downloads := t.TempDir()

	// Log in: /admin sends an anonymous visitor to the login page.
	s.open(t, ctx, "/admin")
	if p := s.path(t, ctx); !strings.HasPrefix(p, "/login") {
		t.Fatalf("/admin while signed out shows %s, want the login page", p)
	}
	audit(t, ctx, "login")
	screenshot(t, ctx, "login-desktop.png", desktopWidth)
	screenshot(t, ctx, "login-phone.png", phoneWidth)
	s.login(t, ctx, consultantEmail)
	if p := s.path(t, ctx); p != "/admin" {
		t.Fatalf("after login: %s, want /admin", p)
	}
	audit(t, ctx, "campaign list")

	// A new campaign, its units imported from a CSV file: first a file
	// with mistakes, reported line by line, then the right one.
	badFile := writeFile(t, "unites-erreurs.csv", "Direction;Service;Effectif\n"+
		"Direction A;Service 1;huit\n"+
		"Direction A;Service 2;-3\n")
	unitsFile := writeFile(t, "unites.csv", unitsCSV)
	clickAndLoad(t, ctx, `a[href="/admin/campaigns/new"].button`)
	audit(t, ctx, "new campaign form")
	do(t, ctx, "fill the campaign form",
		chromedp.SendKeys(chromedp.ID("title"), "Baromètre 2027"),
		chromedp.SendKeys(chromedp.ID("organisation"), "Service social régional"),
		chromedp.Click(chromedp.ID("q-sens-du-travail")),
		chromedp.SetUploadFiles(chromedp.ID("units_file"), []string{unitsFile}),
		chromedp.SendKeys(chromedp.ID("segments"), "metier;Métier;Assistant social;Encadrement;Administratif"),
		chromedp.SetValue(chromedp.ID("k"), "5"),
		chromedp.SetValue(chromedp.ID("kc"), "5"),
		chromedp.Blur(chromedp.ID("segments")),
	)
	screenshot(t, ctx, "campaign-form-desktop.png", desktopWidth)
	do(t, ctx, "pick the file with mistakes", chromedp.SetUploadFiles(chromedp.ID("units_file"), []string{badFile}))
	clickAndLoad(t, ctx, `form.admin-form button[type=submit]`)
	errs := eval[string](t, ctx, `(document.querySelector("[role=alert]") || {}).innerText || ""`)
	for _, want := range []string{"ligne 2", "huit", "ligne 3"} {
		if !strings.Contains(errs, want) {
			t.Errorf("unit file errors %q do not mention %q", errs, want)
		}
	}
	if v := eval[string](t, ctx, `document.getElementById("title").value`); v != "Baromètre 2027" {
		t.Errorf("after the errors the title field holds %q, want the title typed", v)
	}
	audit(t, ctx, "campaign form with unit file errors")
	screenshot(t, ctx, "units-import-errors-desktop.png", desktopWidth)
	do(t, ctx, "import the corrected file", chromedp.SetUploadFiles(chromedp.ID("units_file"), []string{unitsFile}))
	if !eval[bool](t, ctx, `document.getElementById("q-sens-du-travail").checked`) {
		do(t, ctx, "check the questionnaire again", chromedp.Click(chromedp.ID("q-sens-du-travail")))
	}
	clickAndLoad(t, ctx, `form.admin-form button[type=submit]`)
	campaignPath := s.path(t, ctx)
	if !regexp.MustCompile(`^/admin/campaigns/[^/]+$`).MatchString(campaignPath) {
		t.Fatalf("after creating: %s, want the campaign page; it shows:\n%s", campaignPath, bodyText(t, ctx))
	}
	id := strings.TrimPrefix(campaignPath, "/admin/campaigns/")
	camp, err := s.Store.Campaign(t.Context(), id)
	if err != nil {
		t.Fatalf("Campaign %s: %v", id, err)
	}
	if len(camp.Units) != 6 { // 2 directions, 4 services
		t.Fatalf("campaign has %d units, want 6 from the file: %+v", len(camp.Units), camp.Units)
	}
	audit(t, ctx, "campaign page (draft)")
	screenshot(t, ctx, "campaign-desktop.png", desktopWidth)

	// Codes: a CSV list for everyone, PDF slips for the small service.
	do(t, ctx, "codes form (CSV)",
		chromedp.SetValue(chromedp.ID("count"), "20"),
		chromedp.SetValue(chromedp.ID("format"), "csv"),
	)
	list := download(t, ctx, downloads, chromedp.Click(chromedp.CSS(`form[action$="/codes"] button[type=submit]`)))
	codes := codesFromCSV(t, list)
	if len(codes) != 20 {
		t.Fatalf("CSV has %d codes, want 20", len(codes))
	}
	// The page stays where it was and its count follows (vigie.js).
	wantText(t, ctx, "20\u00a0codes créés")
	s.open(t, ctx, campaignPath)
	do(t, ctx, "codes form (PDF)",
		chromedp.SetValue(chromedp.ID("count"), "3"),
		chromedp.SetValue(chromedp.ID("unit"), "Direction B/Service 3"),
		chromedp.SetValue(chromedp.ID("format"), "pdf"),
	)
	slips := download(t, ctx, downloads, chromedp.Click(chromedp.CSS(`form[action$="/codes"] button[type=submit]`)))
	if !bytes.HasPrefix(slips, []byte("%PDF-")) {
		t.Fatalf("slips are not a PDF: %q", slips[:min(len(slips), 20)])
	}
	s.open(t, ctx, campaignPath)
	wantText(t, ctx, "23\u00a0codes créés")
	screenshot(t, ctx, "codes-desktop.png", desktopWidth)

	// Open the campaign; employees answer (through the JSON API, the
	// browser flow has its own test): 6 in services 1, 2 and 4, 2 in
	// service 3, under k.
	do(t, ctx, "confirm opening", chromedp.Click(chromedp.ID("confirm-open")))
	clickAndLoad(t, ctx, `form[action$="/open"] button[type=submit]`)
	wantText(t, ctx, "Clore la campagne")
	q, _ := questionnaires.BuiltinByID("sens-du-travail")
	groups := []struct {
		unit    string
		n       int
		level   int // answer to every item
		comment string
	}{
		{"Direction A/Service 1", 6, 4, "Nous manquons de temps pour bien faire."},
		{"Direction A/Service 2", 6, 2, "Dans mon service, M. Dupont nous surcharge."},
		{"Direction B/Service 3", 2, 1, ""},
		{"Direction B/Service 4", 6, 5, ""},
	}
	next := 0
	for _, g := range groups {
		for i := range g.n {
			comment := ""
			if i == 0 {
				comment = g.comment
			}
			s.submitAPI(t, id, codes[next], g.unit, q, around(g.level, i), comment)
			next++
		}
	}
	s.open(t, ctx, campaignPath)
	audit(t, ctx, "participation")
	screenshot(t, ctx, "participation-desktop.png", desktopWidth)
	screenshot(t, ctx, "participation-phone.png", phoneWidth)
	wantText(t, ctx, "moins de 5")

	// Close, then moderate: the comment naming someone is redacted.
	do(t, ctx, "confirm closing", chromedp.Click(chromedp.ID("confirm-close")))
	clickAndLoad(t, ctx, `form[action$="/close"] button[type=submit]`)
	clickAndLoad(t, ctx, `a[href$="/comments"]`)
	audit(t, ctx, "moderation")
	screenshot(t, ctx, "moderation-desktop.png", desktopWidth)
	screenshot(t, ctx, "moderation-phone.png", phoneWidth)
	i := eval[int](t, ctx, `[...document.querySelectorAll("article.comment blockquote")].findIndex(b => b.textContent.includes("Dupont"))`)
	if i < 0 {
		t.Fatalf("moderation page lacks the comment naming M. Dupont:\n%s", bodyText(t, ctx))
	}
	do(t, ctx, "redact the comment",
		chromedp.Click(chromedp.ID(fmt.Sprintf("a-%d-r", i))),
		chromedp.SetValue(chromedp.ID(fmt.Sprintf("t-%d", i)), redactedComment),
	)
	clickAndLoad(t, ctx, fmt.Sprintf(`article.comment:nth-of-type(%d) button[type=submit]`, i+1))
	wantText(t, ctx, "Version publiée\u00a0: « "+redactedComment+" »")

	// The heat map: service 3 (2 respondents) shows no figure.
	s.open(t, ctx, campaignPath)
	clickAndLoad(t, ctx, `a[href$="/results/sens-du-travail"]`)
	audit(t, ctx, "results (heat map)")
	screenshot(t, ctx, "heatmap-desktop.png", desktopWidth)
	screenshot(t, ctx, "heatmap-phone.png", phoneWidth)
	checkHeatMap(t, ctx)
	do(t, ctx, "phone viewport", viewport(phoneWidth))
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > phoneWidth {
		t.Errorf("results page is %d px wide on a %d px phone: the page scrolls sideways, not just the tables", w, phoneWidth)
	}
	// Charts keep the size they are drawn at (13 px labels) and scroll
	// sideways, rather than shrinking to unreadable type.
	if shrunk := eval[int](t, ctx, `[...document.querySelectorAll("svg.chart")].filter(s => s.getBoundingClientRect().width < s.viewBox.baseVal.width - 1).length`); shrunk > 0 {
		t.Errorf("%d chart(s) shrunk below their drawn size on a phone", shrunk)
	}
	do(t, ctx, "desktop viewport", viewport(desktopWidth))
	// At 1280 px the map either fits, or says it scrolls (fade at the right
	// edge) while its unit column stays in place.
	fits := eval[bool](t, ctx, `(b => b.scrollWidth <= b.clientWidth + 1 || b.classList.contains("overflowing"))(document.querySelector("table.heatmap").parentElement)`)
	sticky := eval[string](t, ctx, `getComputedStyle(document.querySelector("table.heatmap tbody th")).position`)
	if !fits || sticky != "sticky" {
		t.Errorf("heat map at 1280 px: fits or marked overflowing = %v, unit column position = %q (want sticky)", fits, sticky)
	}
	do(t, ctx, "reset viewport", chromedp.ResetViewport())
	wantText(t, ctx, redactedComment)
	if strings.Contains(bodyText(t, ctx), "Dupont") {
		t.Errorf("results show the comment before redaction")
	}

	s.downloadReports(t, ctx, downloads, campaignPath)
}

// codesFromCSV reads the codes column of the downloaded list.
func codesFromCSV(t *testing.T, data []byte) []string {
	t.Helper()
	// For a French Excel: a byte-order mark and ";" between cells.
	body, bom := bytes.CutPrefix(data, []byte("\ufeff"))
	if !bom {
		t.Errorf("codes CSV has no byte-order mark")
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("codes CSV: %v\n%s", err, data)
	}
	var codes []string
	for i, row := range rows {
		if i == 0 {
			if strings.Join(row, ";") != "Code;Unité;Lien direct" {
				t.Errorf("codes CSV header = %q, want French headings", row)
			}
			continue
		}
		if len(row) == 0 {
			continue
		}
		codes = append(codes, row[0])
	}
	return codes
}

// suppressedMark is what a masked cell may show: never a figure other
// than k.
var suppressedMark = regexp.MustCompile(`^(<\s*5|masqué|–)$`)

// checkHeatMap checks the heat map of the results page: service 3 (under
// k) is masked, other groups show scores unless masked too (secondary
// suppression), and every masked cell shows a mark, never a figure, with
// its reason for screen readers.
func checkHeatMap(t *testing.T, ctx context.Context) {
	t.Helper()
	type cell struct {
		Class, Text, Hidden string
	}
	rows := eval[map[string][]cell](t, ctx, `Object.fromEntries([...document.querySelectorAll("table.heatmap")[0].tBodies[0].rows].map(tr =>
		[tr.cells[0].textContent.replace(/^[—\s]+/, ""), [...tr.cells].slice(1).map(td => ({
			Class: td.className,
			Text: [...td.childNodes].filter(n => !(n.classList && n.classList.contains("visually-hidden")) && !(n.classList && n.classList.contains("lvl"))).map(n => n.textContent).join("").trim(),
			Hidden: (td.querySelector(".visually-hidden") || {}).textContent || ""}))]))`)
	defer func() {
		if t.Failed() {
			t.Logf("heat map rows: %+v", rows)
		}
	}()
	shown := 0
	for unit, cells := range rows {
		for _, c := range cells {
			switch {
			case c.Class == "suppressed" && (!suppressedMark.MatchString(c.Text) || c.Hidden == ""):
				t.Errorf("%s: masked cell %+v, want a mark and a reason, no figure", unit, c)
			case c.Class != "suppressed" && unit != "Service 3":
				shown++
			}
		}
	}
	if shown == 0 {
		t.Errorf("heat map shows no score at all: %+v", rows)
	}
	cells, ok := rows["Service 3"]
	if !ok {
		t.Fatalf("heat map has no row Service 3: %v", rows)
	}
	for _, c := range cells {
		if c.Class != "suppressed" {
			t.Errorf("Service 3 (2 respondents, k = 5): cell %+v, want a masked cell", c)
		}
	}
}

// downloadReports downloads the PDF and Excel reports when the campaign
// or results page offers them (the reports issue adds the buttons).
func (s *site) downloadReports(t *testing.T, ctx context.Context, dir, campaignPath string) {
	t.Helper()
	found := 0
	for _, pagePath := range []string{campaignPath, campaignPath + "/results/sens-du-travail"} {
		s.open(t, ctx, pagePath)
		for _, f := range []struct {
			sel   string
			magic string
		}{
			{`a[href*=".pdf"], a[href*="format=pdf"], a[href*="/report"][href*="pdf"]`, "%PDF-"},
			{`a[href*=".xlsx"], a[href*="format=xlsx"], a[href*="/report"][href*="xlsx"]`, "PK\x03\x04"},
		} {
			if !exists(t, ctx, f.sel) {
				continue
			}
			found++
			data := download(t, ctx, dir, chromedp.Click(chromedp.CSS(f.sel)))
			if !bytes.HasPrefix(data, []byte(f.magic)) {
				t.Errorf("report %s on %s: file starts %q, want %q", f.sel, pagePath, data[:min(len(data), 8)], f.magic)
			}
			t.Logf("report downloaded from %s: %s (%d bytes)", pagePath, eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).getAttribute("href")`, f.sel)), len(data))
		}
		if found > 0 {
			return
		}
	}
	t.Log("no report download buttons on the campaign or results page yet: report downloads not checked")
}
