package reports

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// How a sheet prints (issue 20): on A4, fitted to one page width so that
// no column of a table lands on a page of its own, landscape when the
// table is wider than a portrait page, the header row repeated on every
// page, and the campaign and page numbers in the margins.
const (
	// portraitWidth is about what fits across a portrait A4 page at 100 %,
	// in Excel's column-width units (characters of the default font);
	// wider sheets print in landscape.
	portraitWidth = 95
	// lineHeight is the height, in points, of one line of the default
	// 11-point font, which a wrapped cell's row takes per line.
	lineHeight = 15
	// maxRowLines caps a row's height: Excel refuses rows above 409 points.
	maxRowLines = 27
)

// printLayout is how a sheet prints.
type printLayout struct {
	landscape bool
	titleRows int // rows repeated at the top of every page (0 for none)
}

// layoutFor is the layout of a table whose columns add up to width.
func layoutFor(width float64, titleRows int) printLayout {
	return printLayout{landscape: width > portraitWidth, titleRows: titleRows}
}

// printSetup sets the page setup of a sheet. It must run before a stream
// writer opens the sheet: the stream writer writes the sheet's properties
// (fit to page) when it starts, the page setup when it flushes.
func (b *xlsxBook) printSetup(sheet string, l printLayout) error {
	orientation := "portrait"
	if l.landscape {
		orientation = "landscape"
	}
	size, one, zero := 9, 1, 0 // 9 is A4 in SpreadsheetML's paper sizes
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return fmt.Errorf("sheet %s: page layout: %w", sheet, err)
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %s: fit to page: %w", sheet, err)
	}
	side, topBottom, margin := 0.4, 0.6, 0.25 // inches
	if err := b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &topBottom, Bottom: &topBottom, Header: &margin, Footer: &margin,
	}); err != nil {
		return fmt.Errorf("sheet %s: margins: %w", sheet, err)
	}
	header := "&L&8" + headerText(b.printTitle) + "&R&8" + headerText(sheet)
	footer := "&L&8" + headerText(b.t("print_footer")) + "&R&8" + headerText(b.t("print_page"))
	if err := b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}); err != nil {
		return fmt.Errorf("sheet %s: header and footer: %w", sheet, err)
	}
	if l.titleRows > 0 {
		if err := b.f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(sheet, "'", "''"), l.titleRows),
			Scope:    sheet,
		}); err != nil {
			return fmt.Errorf("sheet %s: print titles: %w", sheet, err)
		}
	}
	return nil
}

// headerText escapes a text for a page header or footer, where & starts a
// code (&P is the page number); the page codes of the footer's texts
// (&P, &N) are kept.
func headerText(s string) string {
	s = strings.ReplaceAll(s, "&", "&&")
	return strings.NewReplacer("&&P", "&P", "&&N", "&N").Replace(s)
}

// setDimension declares a sheet's used range, cols × rows from A1, which
// readers that stream a sheet (openpyxl in read-only mode) take as its
// extent. Like printSetup, it must run before the stream writer starts.
func (b *xlsxBook) setDimension(sheet string, cols, rows int) error {
	ref := "A1"
	if cols > 1 || rows > 1 {
		last, err := excelize.CoordinatesToCellName(max(cols, 1), max(rows, 1))
		if err != nil {
			return fmt.Errorf("sheet %s: dimension: %w", sheet, err)
		}
		ref = "A1:" + last
	}
	if err := b.f.SetSheetDimension(sheet, ref); err != nil {
		return fmt.Errorf("sheet %s: dimension: %w", sheet, err)
	}
	return nil
}

// rowLines is how many lines the tallest wrapped cell of a row takes:
// its own lines, each wrapped at the column's width (a column-width unit
// holds about 1.15 characters of text in the default font), at most
// maxRowLines.
func rowLines(cols []column, wraps func(style int) bool, cells []any) int {
	lines := 1
	for i, c := range cols {
		if i >= len(cells) {
			continue
		}
		// A cell wraps when its column does, or when it has a wrapping
		// style of its own (a hidden Carte cell among scores).
		cell, isCell := cells[i].(excelize.Cell)
		s, ok := cellText(cells[i])
		if !ok || !(wraps(c.style) || isCell && wraps(cell.StyleID)) {
			continue
		}
		n := 0
		perLine := max(1, int(c.width*1.15)-2) // about 1.15 characters of text a width unit, less a word wrapped early
		for l := range strings.SplitSeq(s, "\n") {
			n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(l))/float64(perLine))))
		}
		lines = max(lines, n)
	}
	return min(lines, maxRowLines)
}

// uprightHeight is the height, in points, of a column's header turned a
// quarter: its text in lines of the column's width, bold 11 points.
func uprightHeight(c column) float64 {
	lines := max(1, int(c.width/2.2)) // lines of 15 points across the column
	chars := utf8.RuneCountInString(c.header)
	return min(409, float64(chars)*7/float64(lines)+20)
}

func cellText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case excelize.Cell:
		s, ok := v.Value.(string)
		return s, ok
	}
	return "", false
}
