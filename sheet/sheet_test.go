package sheet_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/sheet"
	"github.com/vigie-sante/vigie/sheet/sheettest"
)

// readAll returns every row of data, or the error that stopped reading.
func readAll(t *testing.T, data []byte, lim sheet.Limits) ([]sheet.Row, error) {
	t.Helper()
	r, err := sheet.Open(data, lim)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var rows []sheet.Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows, nil
		} else if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}

func TestCSV(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		lim        sheet.Limits
		want       string // rows as "line:cell|cell[+]" joined by " / ", "+" when wider
		err        string
	}{
		{"Semicolons", "adresse;unité\na@x.fr;Direction A\n", sheet.Limits{}, "1:adresse|unité / 2:a@x.fr|Direction A", ""},
		{"Commas", "a,b\n1,2\n", sheet.Limits{}, "1:a|b / 2:1|2", ""},
		{"TieIsSemicolon", "a;b,c\n", sheet.Limits{}, "1:a|b,c", ""},
		{"QuotedSeparatorsDoNotCount", "\"a;b;c\",d,e\n", sheet.Limits{}, "1:a;b;c|d|e", ""},
		{"BOMAndBlankLines", "\ufeff\n\n;;\nx;1\n\n y ;2", sheet.Limits{}, "4:x|1 / 6: y |2", ""},
		{"ColumnsKept", "a;b;c\nd;e;\n", sheet.Limits{Columns: 2}, "1:a|b+ / 2:d|e", ""},
		{"OnlyBeyondColumns", ";;x\n", sheet.Limits{Columns: 2}, "1:|+", ""},
		{"RowsLimit", "a\nb\n\nc\n", sheet.Limits{Rows: 2}, "1:a / 2:b", "too many rows"},
		{"RowsLimitExact", "a\nb\n\n", sheet.Limits{Rows: 2}, "1:a / 2:b", ""},
		{"BadQuote", "a;b\n\"x\"y;1\n", sheet.Limits{}, "1:a|b", "ligne 2 : guillemet mal placé"},
		{"UnclosedQuote", "a\n\"b\nc\n", sheet.Limits{}, "1:a", "ligne 2 : guillemet mal placé"},
		{"NotUTF8", "a\nDirection g\xe9n\xe9rale\n", sheet.Limits{}, "1:a", "ligne 2 : le texte n'est pas en UTF-8"},
		{"TooWide", "a;b\n" + strings.Repeat(";", sheet.MaxColumns) + "x\n", sheet.Limits{}, "1:a|b", "ligne 2 : plus de 16384 colonnes"},
		{"WidestAccepted", strings.Repeat(";", sheet.MaxColumns-1) + "x\n", sheet.Limits{Columns: 1}, "1:+", ""},
		{"OtherSeparatorIsText", "a\n" + strings.Repeat(";", sheet.MaxColumns) + "\n", sheet.Limits{Columns: 1}, "1:a / 2:" + strings.Repeat(";", sheet.MaxColumns), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := readAll(t, []byte(tt.data), tt.lim)
			if got := describe(rows); got != tt.want {
				t.Errorf("rows = %.200q, want %.200q", got, tt.want)
			}
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Errorf("error = %v, want %q", err, tt.err)
			}
		})
	}
}

func describe(rows []sheet.Row) string {
	var out []string
	for _, r := range rows {
		s := fmt.Sprintf("%d:%s", r.Line, strings.Join(r.Cells, "|"))
		if r.Wider {
			s += "+"
		}
		out = append(out, s)
	}
	return strings.Join(out, " / ")
}

// workbook builds an .xlsx package by hand, so that the XML is exactly
// what the test says; sst may be empty.
func workbook(t testing.TB, sheetXML, sst string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="Graphique" sheetId="3" r:id="rId9"/><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/Sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetXML + `</sheetData></worksheet>`,
	}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`
	}
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[n])
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	sst := `<si><t>adresse</t></si><si><r><t>Direction </t></r><r><rPr><b/></rPr><t>A</t></r><rPh><t>でぃ</t></rPh></si><si><t xml:space="preserve"> </t></si>`
	for _, tt := range []struct {
		name, sheet string
		lim         sheet.Limits
		want, err   string
	}{
		{"SharedRichInlineNumbers",
			`<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
				`<row r="3"><c r="A3" t="inlineStr"><is><t>a@x.fr</t></is></c><c r="B3" t="s"><v>1</v></c><c r="C3"><f>1+1</f><v>2</v></c></row>`,
			sheet.Limits{}, "1:adresse / 3:a@x.fr|Direction A|2", ""},
		{"CellsWithoutReferences", `<row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>7</v></c></row><row><c><v>8</v></c></row>`,
			sheet.Limits{}, "1:a||7 / 2:8", ""},
		{"BlankRowsSkipped", `<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" s="3"/></row><row r="2" ht="30"/><row r="4"><c r="B4"><v>1</v></c></row>`,
			sheet.Limits{}, "4:|1", ""},
		{"ColumnsKept", `<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="XFD2" t="inlineStr"><is><t>loin</t></is></c></row><row r="3"><c r="Z3"><v>3</v></c></row>`,
			sheet.Limits{Columns: 2}, "2:1|2+ / 3:+", ""},
		{"RowsLimit", `<row><c><v>1</v></c></row><row/><row><c><v>2</v></c></row><row><c><v>3</v></c></row>`,
			sheet.Limits{Rows: 2}, "1:1 / 3:2", "too many rows"},
		{"UnknownSharedString", `<row r="5"><c r="A5" t="s"><v>9</v></c></row>`,
			sheet.Limits{}, "", "ligne 5 : la cellule A5 renvoie à un texte absent du classeur"},
		{"BrokenXML", `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c>`,
			sheet.Limits{}, "1:1", "ligne 2 : classeur illisible"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := readAll(t, workbook(t, tt.sheet, sst), tt.lim)
			if got := describe(rows); got != tt.want {
				t.Errorf("rows = %.200q, want %.200q", got, tt.want)
			}
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Errorf("error = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestXLSXRefused(t *testing.T) {
	t.Run("NotAWorkbook", func(t *testing.T) {
		_, err := sheet.OpenXLSX(strings.NewReader("unit,a1\n"), 8, sheet.Limits{})
		if err == nil || !strings.Contains(err.Error(), "classeur illisible") {
			t.Fatalf("error = %v, want « classeur illisible »", err)
		}
	})
	t.Run("NoWorksheet", func(t *testing.T) {
		// The only sheet left is a chart sheet.
		data := replaceInZip(t, workbook(t, "", ""), "xl/workbook.xml", func(s string) string {
			return strings.Replace(s, `<sheet name="Feuil1" sheetId="1" r:id="rId1"/>`, "", 1)
		})
		if _, err := sheet.Open(data, sheet.Limits{}); err == nil || !strings.Contains(err.Error(), "aucune feuille") {
			t.Fatalf("error = %v, want « aucune feuille »", err)
		}
	})
	t.Run("DecompressionBudget", func(t *testing.T) {
		// 2 MB of rows compress to a few kilobytes.
		data := workbook(t, strings.Repeat(`<row><c><v>1</v></c></row>`, 80_000), "")
		if len(data) > 64<<10 {
			t.Fatalf("the workbook takes %d bytes: it should compress well", len(data))
		}
		_, err := readAll(t, data, sheet.Limits{Unzipped: 1 << 20})
		if !errors.Is(err, sheet.ErrTooLarge) {
			t.Fatalf("error = %v, want ErrTooLarge", err)
		}
		if _, err := readAll(t, data, sheet.Limits{Unzipped: 4 << 20}); err != nil {
			t.Fatalf("within the budget: %v", err)
		}
	})
}

// replaceInZip rewrites one part of a ZIP archive.
func replaceInZip(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			b = []byte(edit(string(b)))
		}
		w, _ := z.Create(f.Name)
		w.Write(b)
	}
	z.Close()
	return buf.Bytes()
}

// TestXFDWorkbookIsCheap reads the workbook of issue 24 to its end: with
// excelize's GetRows it took 5.9 GB, with its row iterator 13.6 GB of
// allocations (16 s); here it must stay under 50 MB allocated in all.
func TestXFDWorkbookIsCheap(t *testing.T) {
	data := sheettest.XFDWorkbook(t, 12_000)
	t.Logf("workbook: %d bytes", len(data))
	var rows []sheet.Row
	var err error
	total := sheettest.Allocated(func() { rows, err = readAll(t, data, sheet.Limits{Columns: 2}) })
	t.Logf("read %d rows, %.1f MB allocated", len(rows), float64(total)/(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 12_000 || len(rows[0].Cells) != 0 || !rows[0].Wider || rows[11_999].Line != 12_000 {
		t.Fatalf("%d rows, first %+v: want 12,000 rows with nothing kept, each wider", len(rows), rows[0])
	}
	if total > 50<<20 {
		t.Fatalf("%.1f MB allocated, want under 50 MB", float64(total)/(1<<20))
	}
	// With a row limit, reading stops at once.
	total = sheettest.Allocated(func() { rows, err = readAll(t, data, sheet.Limits{Columns: 2, Rows: 2001}) })
	if !errors.Is(err, sheet.ErrTooManyRows) || len(rows) != 2001 {
		t.Fatalf("%d rows, error %v: want 2,001 rows then ErrTooManyRows", len(rows), err)
	}
	t.Logf("with a 2,001-row limit: %.1f MB allocated", float64(total)/(1<<20))
}

// TestWideCSVIsCheap reads 5 MB of separators: encoding/csv alone would
// build 5 million fields (about 200 MB).
func TestWideCSVIsCheap(t *testing.T) {
	data := []byte("a;b\n" + strings.Repeat(";", 5<<20) + "\n")
	var err error
	total := sheettest.Allocated(func() { _, err = readAll(t, data, sheet.Limits{Columns: 2}) })
	t.Logf("%.1f MB allocated", float64(total)/(1<<20))
	if err == nil || !strings.Contains(err.Error(), "ligne 2 : plus de") {
		t.Fatalf("error = %v, want the line refused", err)
	}
	if total > 50<<20 {
		t.Fatalf("%.1f MB allocated, want under 50 MB", float64(total)/(1<<20))
	}
}

// TestExcelizeWorkbook reads a workbook as a spreadsheet program writes
// it: shared strings, numbers, a sheet that is not the first part.
func TestExcelizeWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Unités")
	f.SetSheetRow("Unités", "A1", &[]any{"Unité", "Effectif"})
	f.SetSheetRow("Unités", "A2", &[]any{"Direction A", 12})
	f.SetSheetRow("Unités", "A4", &[]any{"Direction B/Service 1", 7.5})
	f.NewSheet("Autre")
	f.SetCellValue("Autre", "A1", "pas lue")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := readAll(t, buf.Bytes(), sheet.Limits{Columns: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := describe(rows), "1:Unité|Effectif / 2:Direction A|12 / 4:Direction B/Service 1|7.5"; got != want {
		t.Fatalf("rows = %q, want %q", got, want)
	}
}

func TestXLSXSheetByName(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "première")
	if _, err := f.NewSheet("Échelles"); err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Échelles", "A1", "accord")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, tt := range []struct{ name, want, err string }{
		{"", "première", ""},
		{"échelles", "accord", ""},
		{"Items", "", "le classeur n'a pas de feuille « Items »"},
	} {
		r, err := sheet.OpenXLSXSheet(bytes.NewReader(data), int64(len(data)), tt.name, sheet.Limits{})
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("sheet %q: error = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("sheet %q: %v", tt.name, err)
		}
		row, err := r.Next()
		r.Close()
		if err != nil || row.Cells[0] != tt.want {
			t.Errorf("sheet %q: first cell = %v (%v), want %q", tt.name, row.Cells, err, tt.want)
		}
	}
}
