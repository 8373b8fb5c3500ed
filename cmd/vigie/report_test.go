package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// reportCSV is 30 respondents to the test questionnaire: 12 in Direction
// A/Service 1, 2 in Direction A/Service 2 (fewer than k = 5), 10 in
// Direction B and 6 without a unit.
func reportCSV() string {
	var b strings.Builder
	b.WriteString("unit,segment.metier,a1,a2,a3,b1,b2\n")
	units := slices.Concat(
		slices.Repeat([]string{"Direction A/Service 1"}, 12),
		slices.Repeat([]string{"Direction A/Service 2"}, 2),
		slices.Repeat([]string{"Direction B"}, 10),
		slices.Repeat([]string{""}, 6),
	)
	for i, unit := range units {
		metier := []string{"Infirmier", "Aide-soignant"}[i%2]
		fmt.Fprintf(&b, "%s,%s,%d,%d,%d,%d,%d\n", unit, metier, 1+i%5, 1+(2*i)%5, 1+(3*i)%5, 1+(i+1)%5, 1+(i+3)%5)
	}
	return b.String()
}

// pdfText extracts the text of a PDF with pdftotext, spaces normalised;
// ok is false when pdftotext is not installed.
func pdfText(t *testing.T, path string) (text string, ok bool) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return "", false
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	s := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(out))
	return strings.Join(strings.Fields(s), " "), true
}

// mustPDF checks that path is a PDF and returns its text ("" without
// pdftotext).
func mustPDF(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("report not written: %v", err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("%s starts with %q, want %%PDF", path, data[:min(8, len(data))])
	}
	text, _ := pdfText(t, path)
	return text
}

// sheetColumn returns the values of the column named header in sheet,
// as raw cell values, one per data row.
func sheetColumn(t *testing.T, f *excelize.File, sheet, header string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	if len(rows) == 0 {
		t.Fatalf("sheet %s is empty", sheet)
	}
	col := slices.Index(rows[0], header)
	if col < 0 {
		t.Fatalf("sheet %s has no column %q (header %q)", sheet, header, rows[0])
	}
	var out []string
	for _, row := range rows[1:] {
		v := ""
		if col < len(row) {
			v = row[col]
		}
		out = append(out, v)
	}
	return out
}

// sheetMean returns the mean the Dimensions sheet gives a group for a
// dimension.
// pdfRounded is a 0-100 mean as the PDF prints it at its finest, to 0.1:
// what the workbook holds (issue 19).
func pdfRounded(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 1, 64), 64)
	return v
}

// noRowPerPerson checks that a workbook of n respondents has no Scores
// sheet and no column of units with a row per respondent (issue 19).
func noRowPerPerson(t *testing.T, f *excelize.File, n int) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		if sheet == "Scores" {
			t.Fatalf("sheets %q: no workbook has a Scores sheet", f.GetSheetList())
		}
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) == 0 {
			continue
		}
		if slices.Contains(rows[0], "Unité") && len(rows)-1 >= n {
			t.Errorf("sheet %s has a unit column and %d rows for %d respondents", sheet, len(rows)-1, n)
		}
	}
}

func sheetMean(t *testing.T, f *excelize.File, group, dimension string) float64 {
	t.Helper()
	groups := sheetColumn(t, f, reports.SheetDimensions, "Code groupe")
	dims := sheetColumn(t, f, reports.SheetDimensions, "Code dimension")
	means := sheetColumn(t, f, reports.SheetDimensions, "Moyenne")
	for i := range groups {
		if groups[i] == group && dims[i] == dimension {
			v, err := strconv.ParseFloat(means[i], 64)
			if err != nil {
				t.Fatalf("mean of %s, %s = %q: %v", group, dimension, means[i], err)
			}
			return v
		}
	}
	t.Fatalf("no Dimensions row for group %s, dimension %s", group, dimension)
	return 0
}

// onlyFile fails unless dir holds exactly the files named (no temporary
// file left behind).
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Fatalf("%s holds %q, want %q", dir, got, names)
	}
}

func TestReportOffline(t *testing.T) {
	in := t.TempDir()
	questionnaire := mustQuestionnaireFile(t)
	responses := writeTestFile(t, in, "reponses.csv", reportCSV())

	// The figures to find in the workbook: those of `vigie score`.
	code, out, errOut := runCommand("score", "--questionnaire", questionnaire, "--responses", responses)
	if code != 0 {
		t.Fatalf("score: exit %d, %s", code, errOut)
	}
	var result struct {
		Groups []struct {
			ID         string
			Dimensions map[string]struct{ Mean float64 }
		}
	}
	if err := json.Unmarshal([]byte(out), &result); err != nil || len(result.Groups) == 0 || result.Groups[0].ID != "all" {
		t.Fatalf("score output: %v\n%s", err, out)
	}
	wantMean := result.Groups[0].Dimensions["a"].Mean

	offline := func(t *testing.T, dir, file string, extra ...string) string {
		t.Helper()
		path := filepath.Join(dir, file)
		args := append([]string{"report", "--questionnaire", questionnaire, "--responses", responses,
			"--organisation", "Clinique des Tilleuls", "--out", path}, extra...)
		code, out, errOut := runCommand(args...)
		if code != 0 || out != "" || errOut != "" {
			t.Fatalf("report %s: exit %d, stdout %q, stderr %q; want 0 and silence (not a terminal)", file, code, out, errOut)
		}
		onlyFiles(t, dir, file)
		return path
	}

	t.Run("PDF", func(t *testing.T) {
		path := offline(t, t.TempDir(), "rapport.pdf")
		text := mustPDF(t, path)
		if text == "" {
			t.Skip("pdftotext not installed: text not checked")
		}
		for _, want := range []string{"Clinique des Tilleuls", "Essai", "k = 5", "Confidentiel"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
	})

	t.Run("PDFShortWithFirmAndLogo", func(t *testing.T) {
		logo := filepath.Join("..", "..", "reports", "testdata", "logo-cabinet.png")
		path := offline(t, t.TempDir(), "court.pdf", "--audience", "committee", "--short",
			"--conducted-by", "Cabinet Dyadesens", "--logo", logo)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("/Subtype /Image")) {
			t.Error("the PDF has no image: the logo was not drawn")
		}
		text := mustPDF(t, path)
		if text == "" {
			t.Skip("pdftotext not installed: text not checked")
		}
		for _, want := range []string{"Menée par", "Cabinet Dyadesens", "Enquête menée par Cabinet Dyadesens", "version courte", "Méthode et limites"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		if strings.Contains(text, "Sommaire") {
			t.Error("the short report has a table of contents")
		}
	})

	t.Run("PDFInEnglishWithTitleAndK", func(t *testing.T) {
		path := offline(t, t.TempDir(), "report.pdf", "--lang", "en", "--title", "Paper survey 2027", "--min-group-size", "4", "--audience", "committee")
		text := mustPDF(t, path)
		if text == "" {
			t.Skip("pdftotext not installed: text not checked")
		}
		for _, want := range []string{"Paper survey 2027", "Confidential", "k = 4"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
	})

	t.Run("XLSXConsultant", func(t *testing.T) {
		// The format comes from --format as well as from the extension.
		path := offline(t, t.TempDir(), "rapport.xlsx", "--format", "xlsx")
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("open workbook: %v", err)
		}
		defer f.Close()
		if got, want := sheetMean(t, f, "all", "a"), pdfRounded(wantMean); got != want {
			t.Fatalf("Dimensions: mean of a for everyone = %v, want %v (vigie score's %v rounded as in the PDF)", got, want, wantMean)
		}
		noRowPerPerson(t, f, 30)
	})

	t.Run("XLSXCommitteeHasNoScores", func(t *testing.T) {
		path := offline(t, t.TempDir(), "rapport.xlsx", "--audience", "committee")
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("open workbook: %v", err)
		}
		defer f.Close()
		noRowPerPerson(t, f, 30)
		if got, want := sheetMean(t, f, "all", "a"), pdfRounded(wantMean); got != want {
			t.Fatalf("mean of a for everyone = %v, want %v", got, want)
		}
	})
}

// mustReportCampaign creates the example campaign in db, with 30
// respondents to reconnaissance (12 in Direction A/Service 1, 10 in
// Direction B/Insertion, 2 in Siège, 6 without a unit), closes it and
// publishes one comment and rejects another.
func mustReportCampaign(t *testing.T, db string) (id string) {
	t.Helper()
	id, _ = mustCreateCampaign(t, db)
	if code, _, errOut := runVigie(t, "campaign", "open", id, "--db", db); code != 0 {
		t.Fatalf("campaign open: %s", errOut)
	}
	ctx := context.Background()
	s := openTestStore(t, db)
	q, _ := questionnaires.BuiltinByID("reconnaissance")
	codes, err := s.GenerateCodes(ctx, id, 30, nil)
	if err != nil {
		t.Fatal(err)
	}
	units := slices.Concat(
		slices.Repeat([]string{"Direction A/Service 1"}, 12),
		slices.Repeat([]string{"Direction B/Insertion"}, 10),
		slices.Repeat([]string{"Siège"}, 2),
		slices.Repeat([]string{""}, 6),
	)
	for i, unit := range units {
		answers := map[string]int{}
		for j, it := range q.Items() {
			answers[it.ID] = it.Scale.Min + (i+j)%(it.Scale.Max-it.Scale.Min+1)
		}
		r := &vigie.Response{
			Segments: map[string]string{"metier": []string{"Assistant social", "Encadrement", "Administratif"}[i%3]},
			Answers:  map[string]map[string]int{"reconnaissance": answers},
		}
		if unit != "" {
			r.Unit = strings.Split(unit, "/")
		}
		switch i {
		case 0:
			r.Comments = map[string]string{"reconnaissance": "Trop de dossiers en attente"}
		case 1:
			r.Comments = map[string]string{"reconnaissance": "Commentaire rejeté par la modération"}
		}
		if err := s.SubmitResponse(ctx, id, codes[i], r, time.Now()); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	if code, _, errOut := runVigie(t, "campaign", "close", id, "--db", db); code != 0 {
		t.Fatalf("campaign close: %s", errOut)
	}
	list, err := s.CommentsForModeration(ctx, id, 0)
	if err != nil || len(list) != 2 {
		t.Fatalf("CommentsForModeration: %d comments, %v; want 2", len(list), err)
	}
	for _, c := range list {
		action := store.ModeratePublish
		if strings.Contains(c.Original, "rejeté") {
			action = store.ModerateReject
		}
		if err := s.ModerateComment(ctx, id, c.ID, action, ""); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func TestReportCampaign(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	id := mustReportCampaign(t, db)
	ctx := context.Background()
	s := openTestStore(t, db)
	res, err := s.Result(ctx, id, "reconnaissance")
	if err != nil {
		t.Fatal(err)
	}
	var wantMean float64
	for _, g := range res.Groups {
		if g.ID == "all" {
			wantMean = g.Dimensions["effort"].Mean
		}
	}

	report := func(t *testing.T, file string, extra ...string) string {
		t.Helper()
		out := t.TempDir()
		path := filepath.Join(out, file)
		code, stdout, errOut := runVigie(t, append([]string{"report", "--campaign", id, "--db", db, "--out", path}, extra...)...)
		if code != 0 || stdout != "" || errOut != "" {
			t.Fatalf("report %s: exit %d, stdout %q, stderr %q; want 0 and silence", file, code, stdout, errOut)
		}
		onlyFiles(t, out, file)
		return path
	}

	t.Run("PDFCommittee", func(t *testing.T) {
		text := mustPDF(t, report(t, "rapport.pdf", "--audience", "committee", "--no-item-annex"))
		if text == "" {
			t.Skip("pdftotext not installed: text not checked")
		}
		for _, want := range []string{"Service social régional Auvergne-Loire", "Baromètre qualité de vie au travail 2027", "k = 5", "Trop de dossiers en attente"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		if strings.Contains(text, "rejeté par la modération") {
			t.Error("PDF shows a rejected comment")
		}
	})

	t.Run("XLSXConsultant", func(t *testing.T) {
		f, err := excelize.OpenFile(report(t, "rapport.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got, want := sheetMean(t, f, "all", "effort"), pdfRounded(wantMean); got != want {
			t.Fatalf("mean of effort for everyone = %v, want %v (store.Result's %v rounded as in the PDF)", got, want, wantMean)
		}
		noRowPerPerson(t, f, 30)
	})

	// vigie report --duerp writes the campaign's DUERP, as a PDF or as the
	// workbook, as the DUERP page offers them (issue 20).
	t.Run("DUERP", func(t *testing.T) {
		text := mustPDF(t, report(t, "duerp.pdf", "--duerp"))
		if text != "" {
			for _, want := range []string{"Document unique", "Unité de travail : Ensemble", "Intensité et temps de", "non évaluée par cette enquête"} {
				if !strings.Contains(text, want) {
					t.Errorf("DUERP PDF lacks %q", want)
				}
			}
		}
		f, err := excelize.OpenFile(report(t, "duerp.xlsx", "--duerp"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); len(got) != 3 || got[0] != reports.SheetDUERP {
			t.Errorf("DUERP workbook sheets = %q", got)
		}
		if code, _, errOut := runVigie(t, "report", "--duerp", "--questionnaire", "reconnaissance", "--responses", "x.csv", "--out", "d.pdf"); code == 0 || !strings.Contains(errOut, "--duerp ne sert qu'avec --campaign") {
			t.Errorf("--duerp without a campaign: exit %d, %q", code, errOut)
		}
	})

	t.Run("ExportsAudited", func(t *testing.T) {
		log, err := s.AuditLog(ctx, 10, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range log {
			if e.Action == "report.export" && e.Actor == cliActor {
				got = append(got, e.Detail)
			}
		}
		slices.Sort(got)
		if want := []string{"pdf committee fr", "xlsx consultant fr"}; !slices.Equal(got, want) {
			t.Fatalf("audited exports = %q, want %q", got, want)
		}
	})
}

func TestReportErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	id, _ := mustCreateCampaign(t, db)
	questionnaire := mustQuestionnaireFile(t)
	responses := writeTestFile(t, dir, "reponses.csv", reportCSV())
	bad := writeTestFile(t, dir, "mauvais.csv", strings.Replace(reportCSV(), "Direction B,Infirmier,", "Direction B,Infirmier,9", 1))
	out := t.TempDir()
	pdf := filepath.Join(out, "rapport.pdf")
	offline := []string{"report", "--questionnaire", questionnaire, "--responses", responses}

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ErrCampaignAndResponses", []string{"report", "--campaign", id, "--responses", responses, "--questionnaire", questionnaire, "--out", pdf}, 2, "s'excluent"},
		{"ErrNeitherCampaignNorResponses", []string{"report", "--out", pdf}, 2, "obligatoire"},
		{"ErrUnknownFormat", append(slices.Clone(offline), "--format", "docx", "--out", pdf), 2, "--format « docx » inconnu"},
		{"ErrUnknownExtension", append(slices.Clone(offline), "--out", filepath.Join(out, "rapport.txt")), 2, "format inconnu"},
		{"ErrFormatExtensionMismatch", append(slices.Clone(offline), "--format", "xlsx", "--out", pdf), 2, "ne correspond pas"},
		{"ErrUnknownAudience", append(slices.Clone(offline), "--audience", "rh", "--out", pdf), 2, "--audience « rh » inconnu"},
		{"ErrUnknownLang", append(slices.Clone(offline), "--lang", "de", "--out", pdf), 2, "--lang « de » inconnue"},
		{"ErrMissingOut", slices.Clone(offline), 2, "--out est obligatoire"},
		{"ErrMissingQuestionnaire", []string{"report", "--responses", responses, "--out", pdf}, 2, "--questionnaire est obligatoire"},
		{"ErrSmallK", append(slices.Clone(offline), "--min-group-size", "2", "--out", pdf), 2, "au moins 3"},
		{"ErrOfflineFlagWithCampaign", []string{"report", "--campaign", id, "--db", db, "--organisation", "X", "--out", pdf}, 2, "--organisation ne sert qu'avec --responses"},
		{"ErrDBOffline", append(slices.Clone(offline), "--db", db, "--out", pdf), 2, "--db ne sert qu'avec --campaign"},
		{"ErrArgument", append(slices.Clone(offline), "--out", pdf, "en-trop"), 2, "argument inattendu"},
		{"ErrShortWorkbook", append(slices.Clone(offline), "--short", "--out", filepath.Join(out, "rapport.xlsx")), 2, "--short ne sert qu'au rapport PDF"},
		{"ErrLogoNotAnImage", append(slices.Clone(offline), "--logo", responses, "--out", pdf), 1, "n'est pas une image PNG ou JPEG lisible"},
		{"ErrLogoMissing", append(slices.Clone(offline), "--logo", filepath.Join(dir, "absent.png"), "--out", pdf), 1, "ne s'ouvre pas"},
		{"ErrDraftCampaign", []string{"report", "--campaign", id, "--db", db, "--out", pdf}, 1, "pas encore ouverte"},
		{"ErrUnknownCampaign", []string{"report", "--campaign", "c_inconnue00", "--db", db, "--out", pdf}, 1, "Cette campagne n'existe pas."},
		{"ErrUnknownQuestionnaire", []string{"report", "--questionnaire", "inconnu", "--responses", responses, "--out", pdf}, 1, "introuvable"},
		{"ErrBadCell", []string{"report", "--questionnaire", questionnaire, "--responses", bad, "--out", pdf}, 1, "n'est pas une valeur de l'échelle"},
		{"ErrOutFolderMissing", append(slices.Clone(offline), "--out", filepath.Join(out, "absent", "rapport.pdf")), 1, "écriture de"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, errOut := runVigie(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
			if stdout != "" {
				t.Fatalf("stdout %q, want nothing", stdout)
			}
			onlyFiles(t, out) // nothing written, no temporary file left
		})
	}

	t.Run("FailureKeepsPreviousFile", func(t *testing.T) {
		writeTestFile(t, out, "rapport.pdf", "ancien rapport")
		defer os.Remove(pdf)
		if code, _, _ := runVigie(t, "report", "--questionnaire", questionnaire, "--responses", bad, "--out", pdf); code != 1 {
			t.Fatalf("exit %d, want 1", code)
		}
		if data, _ := os.ReadFile(pdf); string(data) != "ancien rapport" {
			t.Fatalf("previous report replaced by %d bytes after a failure", len(data))
		}
		onlyFiles(t, out, "rapport.pdf")
	})
}

func TestFormatSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{850, "850\u00a0o"},
		{12_400, "12,4\u00a0ko"},
		{1_234_567, "1,2\u00a0Mo"},
	} {
		if got := formatSize(tc.n); got != tc.want {
			t.Errorf("formatSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := groupThousands(40000); got != "40\u00a0000" {
		t.Errorf("groupThousands(40000) = %q, want 40 000", got)
	}
}

// shellFields splits a documented command line as a shell would, for the
// simple quoting the docs use (double quotes, no escapes).
func shellFields(line string) []string {
	var out []string
	var cur strings.Builder
	quoted, started := false, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted, started = !quoted, true
		case c == ' ' && !quoted:
			if started {
				out = append(out, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteRune(c)
			started = true
		}
	}
	if started {
		out = append(out, cur.String())
	}
	return out
}

// TestReportDocExamples runs every `vigie report` command of
// docs/reports.md: the file ones on the example responses, the campaign
// ones on a real campaign, each writing into a temporary folder.
func TestReportDocExamples(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "reports.md"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "vigie.db")
	id := ""
	ran := 0
	for line := range strings.Lines(string(doc)) {
		line = strings.TrimSpace(line)
		line, ok := strings.CutPrefix(line, "go run ./cmd/vigie ")
		if !ok {
			line, ok = strings.CutPrefix(line, "vigie ")
		}
		if !ok || !strings.HasPrefix(line, "report ") {
			continue
		}
		out := t.TempDir()
		args := shellFields(line)
		for i := 1; i < len(args); i++ {
			switch prev := args[i-1]; {
			case prev == "--out":
				args[i] = filepath.Join(out, args[i])
			case strings.HasPrefix(args[i], "docs/"):
				args[i] = filepath.Join("..", "..", args[i])
			case prev == "--campaign":
				if id == "" {
					id = mustReportCampaign(t, db)
				}
				args[i] = id
				args = append(args, "--db", db)
			}
		}
		if code, _, errOut := runVigie(t, args...); code != 0 {
			t.Errorf("%s: exit %d, %s", line, code, errOut)
			continue
		}
		if entries, _ := os.ReadDir(out); len(entries) != 1 {
			t.Errorf("%s: %d files written, want 1", line, len(entries))
		}
		ran++
	}
	if ran < 5 {
		t.Fatalf("%d report commands found in docs/reports.md, want at least 5", ran)
	}
}
