package reports_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
)

// xlsxPart is what the print tests read of a sheet's XML.
type xlsxPart struct {
	Dimension struct {
		Ref string `xml:"ref,attr"`
	} `xml:"dimension"`
	SheetPr struct {
		PageSetUpPr struct {
			FitToPage string `xml:"fitToPage,attr"`
		} `xml:"pageSetUpPr"`
	} `xml:"sheetPr"`
	Rows []struct {
		Cells []struct {
			Ref string `xml:"r,attr"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
	PageSetup struct {
		Paper       string `xml:"paperSize,attr"`
		Orientation string `xml:"orientation,attr"`
		FitToWidth  string `xml:"fitToWidth,attr"`
		FitToHeight string `xml:"fitToHeight,attr"`
	} `xml:"pageSetup"`
	HeaderFooter struct {
		OddHeader string `xml:"oddHeader"`
		OddFooter string `xml:"oddFooter"`
	} `xml:"headerFooter"`
}

// xlsxParts reads the sheets of a workbook by name, and the print titles
// the workbook declares, by sheet name.
func xlsxParts(t *testing.T, data []byte) (map[string]xlsxPart, map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string, v any) {
		t.Helper()
		zf, err := zr.Open(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defer zf.Close()
		b, _ := io.ReadAll(zf)
		if err := xml.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
		Names []struct {
			Name    string `xml:"name,attr"`
			SheetID *int   `xml:"localSheetId,attr"`
			Value   string `xml:",chardata"`
		} `xml:"definedNames>definedName"`
	}
	read("xl/workbook.xml", &wb)
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	read("xl/_rels/workbook.xml.rels", &rels)
	parts := map[string]xlsxPart{}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				var p xlsxPart
				read("xl/"+strings.TrimPrefix(r.Target, "/xl/"), &p)
				parts[s.Name] = p
			}
		}
	}
	titles := map[string]string{}
	for _, n := range wb.Names {
		if n.Name == "_xlnm.Print_Titles" && n.SheetID != nil {
			titles[wb.Sheets[*n.SheetID].Name] = n.Value
		}
	}
	return parts, titles
}

// usedRange is the range of the cells a sheet holds, as a <dimension>
// writes it.
func (p xlsxPart) usedRange(t *testing.T) string {
	maxCol, maxRow := 0, 0
	for _, r := range p.Rows {
		for _, c := range r.Cells {
			col, row, err := excelize.CellNameToCoordinates(c.Ref)
			if err != nil {
				t.Fatal(err)
			}
			maxCol, maxRow = max(maxCol, col), max(maxRow, row)
		}
	}
	if maxCol <= 1 && maxRow <= 1 {
		return "A1"
	}
	last, _ := excelize.CoordinatesToCellName(maxCol, maxRow)
	return "A1:" + last
}

// TestXLSXPrintable checks every sheet of the report and DUERP workbooks:
// its <dimension> is its used range (a streaming reader such as openpyxl in
// read-only mode sees the whole table, not one cell), it prints on A4
// fitted to one page width, landscape when wide, with the campaign in the
// header and page numbers in the footer, and a table sheet repeats its
// header row on every page (issue 20).
func TestXLSXPrintable(t *testing.T) {
	report, _ := xlsxMust(t, xlsxWithTrends(xlsxFixture(t, dossier.AudienceConsultant)))
	var duerp bytes.Buffer
	if err := reports.DUERPXLSX(&duerp, duerpWithAction()); err != nil {
		t.Fatal(err)
	}
	for _, wb := range []struct {
		name     string
		data     []byte
		noTitles map[string]bool // sheets that are not one table
		wide     []string
	}{
		{"report", report, map[string]bool{reports.SheetSummary: true}, []string{reports.SheetDimensions, reports.SheetItems, reports.SheetMap}},
		{"duerp", duerp.Bytes(), map[string]bool{reports.SheetDUERPMethod: true}, []string{reports.SheetDUERP, reports.SheetDUERPActions}},
	} {
		parts, titles := xlsxParts(t, wb.data)
		if len(parts) < 3 {
			t.Fatalf("%s: %d sheets read", wb.name, len(parts))
		}
		for name, p := range parts {
			if got, want := p.Dimension.Ref, p.usedRange(t); got != want {
				t.Errorf("%s!%s: <dimension ref=%q>, want the used range %q", wb.name, name, got, want)
			}
			if ps, fit := p.PageSetup, p.SheetPr.PageSetUpPr.FitToPage; ps.Paper != "9" || ps.FitToWidth != "1" || ps.FitToHeight != "0" || (fit != "1" && fit != "true") {
				t.Errorf("%s!%s: page setup %+v, fit to page %q; want A4 (9), fitted to 1 page wide", wb.name, name, ps, p.SheetPr.PageSetUpPr.FitToPage)
			}
			if !strings.Contains(p.HeaderFooter.OddFooter, "&P") || !strings.Contains(p.HeaderFooter.OddHeader, "Baromètre") {
				t.Errorf("%s!%s: header %q, footer %q; want the campaign and the page number", wb.name, name, p.HeaderFooter.OddHeader, p.HeaderFooter.OddFooter)
			}
			if want := "'" + name + "'!$1:$1"; !wb.noTitles[name] && titles[name] != want {
				t.Errorf("%s!%s: print titles %q, want %q", wb.name, name, titles[name], want)
			}
		}
		for _, name := range wb.wide {
			if o := parts[name].PageSetup.Orientation; o != "landscape" {
				t.Errorf("%s!%s prints %q, want landscape", wb.name, name, o)
			}
		}
	}
}

// idShaped matches a group id or a "questionnaire : dimension" pair shown
// where a reader expects a label.
var idShaped = regexp.MustCompile(`^(all|unit:.*|segment:.*|[a-z-]+ : .*|[a-z-]+/[a-z-]+)$`)

// TestXLSXLabelsNotIDs checks that the headers and first columns of the
// tables show labels: « Ensemble », a unit's path, a dimension's title,
// never "all", "unit:Direction", "sens-du-travail : Utilité sociale" or
// "reconnaissance/effort"; the codes stay in the last columns.
func TestXLSXLabelsNotIDs(t *testing.T) {
	r := xlsxWithTrends(xlsxFixture(t, dossier.AudienceConsultant))
	_, f := xlsxMust(t, r)
	for _, sheet := range []string{reports.SheetMap, reports.SheetDimensions, reports.SheetItems, reports.SheetIndicators, reports.SheetTrends} {
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %d rows (%v)", sheet, len(rows), err)
		}
		for _, h := range rows[0] {
			if idShaped.MatchString(h) {
				t.Errorf("%s header %q is an id", sheet, h)
			}
		}
		group := slices.Index(rows[0], "Groupe")
		if group < 0 || !strings.HasPrefix(rows[0][len(rows[0])-1], "Code ") {
			t.Errorf("%s header = %q, want a Groupe column and the codes last", sheet, rows[0])
			continue
		}
		for _, row := range rows[1:] {
			if group < len(row) && idShaped.MatchString(row[group]) {
				t.Errorf("%s shows the group %q, want its label", sheet, row[group])
			}
		}
	}

	df := duerpWorkbook(t)
	acts, _ := df.GetRows(reports.SheetDUERPActions)
	if got := acts[1][4]; got != "Charge\nRythme" {
		t.Errorf("action dimensions = %q, want their titles one a line", got)
	}
}

// TestXLSXDatesAreDates checks that dates are date cells (numbers with a
// French date format), so that a column sorts and filters by date: the
// DUERP's date and due dates, the report's generation time.
func TestXLSXDatesAreDates(t *testing.T) {
	df := duerpWorkbook(t)
	_, rf := xlsxMust(t, xlsxFixture(t, dossier.AudienceConsultant))
	for _, c := range []struct {
		f            *excelize.File
		sheet, ref   string
		shown, value string
	}{
		{df, reports.SheetDUERP, "H2", "01/03/2027", "46447"},
		{df, reports.SheetDUERPActions, "G2", "31/03/2027", "46477"},
		// excelize does not format this cell back on reading (LibreOffice
		// and Excel show 01/03/2027 10:00): its value and format are checked.
		{rf, reports.SheetSummary, "B9", "", "46447.41"},
	} {
		typ, err := c.f.GetCellType(c.sheet, c.ref)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := c.f.GetCellValue(c.sheet, c.ref, excelize.Options{RawCellValue: true})
		shown, _ := c.f.GetCellValue(c.sheet, c.ref)
		_, numFmt := xlsxCellStyle(t, c.f, c.sheet, c.ref)
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || !strings.Contains(numFmt, "dd/mm/yyyy") {
			t.Errorf("%s!%s = %q (type %v, format %q), want a date cell shown dd/mm/yyyy", c.sheet, c.ref, raw, typ, numFmt)
		}
		if (c.shown != "" && shown != c.shown) || !strings.HasPrefix(raw, c.value) {
			t.Errorf("%s!%s shows %q (raw %q), want %q (%s)", c.sheet, c.ref, shown, raw, c.shown, c.value)
		}
	}
}

// duerpWorkbook opens the workbook of duerpWithAction.
func duerpWorkbook(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.DUERPXLSX(&buf, duerpWithAction()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// duerpWithAction is a DUERP with one action answering two dimensions.
func duerpWithAction() *dossier.DUERP {
	return dossier.NewDUERP(dossier.DUERPInput{
		Campaign: "Baromètre", Date: "2027-03-01", MinGroupSize: 5, Units: []string{"A"},
		Sections: duerpSections(),
		Actions: []dossier.DUERPAction{{Title: "Revoir la charge", Unit: "A", RiskFamily: "intensite-temps",
			Dimensions: []string{"q/charge", "q/rythme"}, Due: "2027-03-31", Status: "prévue"}},
	})
}

// A row whose wrapped cells hold several lines is as tall as its tallest
// cell, so that LibreOffice and Excel print the lines instead of
// overprinting them; a row of one line keeps the default height.
func TestXLSXWrappedRowsAreTall(t *testing.T) {
	f := duerpWorkbook(t)
	rows, _ := f.GetRows(reports.SheetDUERP)
	for i, row := range rows[1:] {
		lines := 1
		for _, c := range row {
			lines = max(lines, strings.Count(c, "\n")+1)
		}
		h, err := f.GetRowHeight(reports.SheetDUERP, i+2)
		if err != nil {
			t.Fatal(err)
		}
		if h < float64(15*lines) {
			t.Errorf("DUERP row %d (%s, %s) is %v points high for %d lines", i+2, row[0], row[1], h, lines)
		}
	}
	if h, _ := f.GetRowHeight(reports.SheetDUERP, 9); h < 30 {
		t.Errorf("row 9 (A, intensité: two dimensions, an action) is %v points high, want at least two lines", h)
	}
}
