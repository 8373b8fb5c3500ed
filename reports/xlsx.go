package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// The workbook's sheet names, French in every language (see i18n_xlsx.go),
// all within Excel's 31-character limit.
const (
	SheetSummary       = "Synthèse"
	SheetParticipation = "Participation"
	SheetDimensions    = "Dimensions"
	SheetMap           = "Carte"
	SheetItems         = "Items"
	SheetReliability   = "Fiabilité"
	SheetIndicators    = "Indicateurs"
	SheetParameters    = "Paramètres"
	SheetTrends        = "Évolution" // only when a section has trends
	// SheetComments is in xlsx_comments.go.
)

// XLSX writes r as an Excel workbook: key figures and a chart, then one
// filterable, pivot-ready table per sheet, one row per group and measure.
// No sheet has a row per person, whatever the audience (issue 19): a
// respondent's exact scores, next to the published n and means, could be
// placed back in small unit × category cells.
//
// Figures are written as numbers with a display format (0.0 for scores,
// 0 % for shares), never as text, and rounded as the PDF prints them at
// its finest (precision.go): a mean to 0.1 point, a share to the whole
// percent, so that the workbook never tells more than the PDF. Every text
// is written as a string cell with the text format, never as a formula,
// whatever it begins with (= + - @).
func XLSX(w io.Writer, r *dossier.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	b, err := newXLSXBook(f, r)
	if err != nil {
		return err
	}
	steps := []func() error{
		b.summary,
		b.participation,
		b.dimensions,
		b.heatMap,
		b.items,
		b.reliability,
		b.indicators,
		b.trends,
		b.reference,
		b.comments,
		b.parameters,
	}
	// The workbook's title, in the report's language, is what a file
	// browser or Excel's properties show.
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:   fmt.Sprintf(tr(b.lang, "doc_title"), r.Campaign),
		Creator: strings.TrimSpace("Vigie " + versionShown(r.Version)),
	}); err != nil {
		return fmt.Errorf("reports: xlsx: properties: %w", err)
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("reports: xlsx: %w", err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("reports: write xlsx: %w", err)
	}
	return nil
}

// xlsxBook is the workbook being written and the styles its sheets share.
type xlsxBook struct {
	f          *excelize.File
	r          *dossier.Report
	lang       string
	printTitle string // the page header's title: the campaign's

	header, text, bold, integer, decimal1, decimal2, percent, masked, wrapped, wrappedText, date, dateTime, headerUpright, narrowScore int
	levelStyles                                                                                                                        map[levelStyleKey]int
}

func newXLSXBook(f *excelize.File, r *dossier.Report) (*xlsxBook, error) {
	b := &xlsxBook{f: f, r: r, lang: r.Lang, printTitle: r.Campaign}
	if b.lang == "" {
		b.lang = "fr"
	}
	if r.Organisation != "" {
		b.printTitle += " · " + r.Organisation
	}
	dec1, dec2, date, dateTime := "0.0", "0.00", "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	styles := []struct {
		id    *int
		style excelize.Style
	}{
		{&b.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
			Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		}},
		{&b.headerUpright, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom", Horizontal: "center", TextRotation: 90},
			Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		}},
		// Number format 49 is "@", text: even a user editing the cell
		// later does not turn "=..." into a formula.
		{&b.text, excelize.Style{NumFmt: 49}},
		{&b.bold, excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49}},
		// General format (numbers stay numbers), long texts wrapped.
		{&b.wrapped, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		// Long texts typed by people (comments, measures, actions): text
		// format, wrapped.
		{&b.wrappedText, excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.integer, excelize.Style{NumFmt: 1}},
		{&b.decimal1, excelize.Style{CustomNumFmt: &dec1}},
		{&b.decimal2, excelize.Style{CustomNumFmt: &dec2}},
		// A score in a narrow column, under a header turned a quarter
		// (table writes it so): the Carte's dimensions.
		{&b.narrowScore, excelize.Style{CustomNumFmt: &dec1, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&b.percent, excelize.Style{NumFmt: 9}},
		// A date is a date cell, shown the French way whatever the
		// reader's locale: sorting and filtering then work on it.
		{&b.date, excelize.Style{CustomNumFmt: &date, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}},
		{&b.dateTime, excelize.Style{CustomNumFmt: &dateTime, Alignment: &excelize.Alignment{Horizontal: "left"}}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, fmt.Errorf("reports: xlsx style: %w", err)
		}
		*s.id = id
	}
	if err := b.newLevelStyles(); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *xlsxBook) t(key string) string { return xlsxText(b.lang, key) }

// wraps reports whether a column style wraps its text.
func (b *xlsxBook) wraps(style int) bool {
	return style == b.wrapped || style == b.wrappedText || style == b.masked
}

// column is one column of a table sheet: its header, width, and the style
// of its numbers.
type column struct {
	header string
	width  float64
	style  int // column style: the number format, or the text format for text columns
}

// table writes a sheet holding one table: a frozen header row, an
// autofilter over the n data rows, and the rows that each() emits, one
// value per cell (string, int, float64, time.Time, or nil for an empty
// cell). before runs on the sheet before streaming starts, which is when
// sheet-level settings such as conditional formats must be made. The
// sheet declares its extent (columns × n+1 rows), prints on A4 fitted to
// its width with the header row on every page, and a row whose wrapped
// cells hold several lines is as tall as they are.
func (b *xlsxBook) table(sheet string, cols []column, n int, before func(lastRow int) error, each func(emit func(values ...any) error) error) error {
	if _, err := b.f.NewSheet(sheet); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	last, err := excelize.CoordinatesToCellName(len(cols), n+1)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := b.f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("sheet %s: autofilter: %w", sheet, err)
	}
	width, wraps := 0.0, false
	for _, c := range cols {
		width += c.width
		wraps = wraps || b.wraps(c.style)
	}
	if err := b.printSetup(sheet, layoutFor(width, 1)); err != nil {
		return err
	}
	if err := b.setDimension(sheet, len(cols), n+1); err != nil {
		return err
	}
	if before != nil {
		if err := before(n + 1); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := sw.SetPanes(frozenHeader(1)); err != nil {
		return fmt.Errorf("sheet %s: panes: %w", sheet, err)
	}
	// Column styles rather than one style per cell: the stream writer
	// applies them to plain values, which spares an allocation per cell,
	// and cells a consultant adds later get them too.
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("sheet %s: width: %w", sheet, err)
		}
		if err := sw.SetColStyle(i+1, i+1, c.style); err != nil {
			return fmt.Errorf("sheet %s: column style: %w", sheet, err)
		}
	}
	head := make([]any, len(cols))
	upright := 0.0 // the height the turned headers need, in points
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.header, Value: c.header}
		if c.style == b.narrowScore {
			head[i] = excelize.Cell{StyleID: b.headerUpright, Value: c.header}
			upright = max(upright, uprightHeight(c))
		}
	}
	// Header cells wrap, in bold: a little wider than the rows' text.
	bold := slices.Clone(cols)
	for i := range bold {
		bold[i].width *= 0.85
	}
	headLines := rowLines(bold, func(int) bool { return true }, head)
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: max(float64(headLines*lineHeight), upright)}); err != nil {
		return fmt.Errorf("sheet %s: header: %w", sheet, err)
	}
	row, cells := 1, make([]any, len(cols))
	emit := func(values ...any) error {
		row++
		if row > n+1 {
			return fmt.Errorf("sheet %s: more rows than the %d announced", sheet, n)
		}
		for i := range cells {
			cells[i] = nil
			if i < len(values) {
				cells[i] = cellValue(values[i])
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, row)
		if wraps {
			if lines := rowLines(cols, b.wraps, cells); lines > 1 {
				return sw.SetRow(ref, cells, excelize.RowOpts{Height: float64(lines * lineHeight)})
			}
		}
		return sw.SetRow(ref, cells)
	}
	if err := each(emit); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: flush: %w", sheet, err)
	}
	return nil
}

// cellValue turns a value into what the stream writer takes: strings
// become inline string cells, which excelize never writes with a formula
// element; numbers stay float64 or int; empty strings and nil pointers
// leave the cell empty.
func cellValue(v any) any {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
	case *float64:
		if v == nil {
			return nil
		}
		return *v
	}
	return v
}

func frozenHeader(rows int) *excelize.Panes {
	return &excelize.Panes{
		Freeze:      true,
		YSplit:      rows,
		TopLeftCell: fmt.Sprintf("A%d", rows+1),
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: fmt.Sprintf("A%d", rows+1), ActiveCell: fmt.Sprintf("A%d", rows+1), Pane: "bottomLeft"}},
	}
}

// Helpers shared by the sheets.

func (b *xlsxBook) questionnaireTitle(q *questionnaires.Questionnaire) string {
	return q.Title.In(b.lang, q.Language)
}

func (b *xlsxBook) dimensionTitle(q *questionnaires.Questionnaire, d *questionnaires.Dimension) string {
	return d.Title.In(b.lang, q.Language)
}

func (b *xlsxBook) kind(k scoring.GroupKind) string { return b.t("kind_" + string(k)) }

// level names l in dim's scheme: favorable…, or signal faible… for a
// defensive strategy.
func (b *xlsxBook) level(dim *questionnaires.Dimension, l scoring.Level) string {
	return LevelName(b.lang, dim, l)
}

// hasSignals reports whether the workbook has a dimension read as a
// signal (a defensive strategy).
func (b *xlsxBook) hasSignals() bool {
	return slices.ContainsFunc(b.r.Sections, func(s dossier.Section) bool { return hasSignals(s.Questionnaire) })
}

// groupName is how a group is shown in a single cell: "Ensemble", the
// unit's full path, or "segment = category".
func (b *xlsxBook) groupName(g *scoring.Group) string {
	switch g.Kind {
	case scoring.KindAll:
		return b.t("word.all")
	case scoring.KindUnit:
		return unitDisplay(strings.Split(strings.TrimPrefix(g.ID, "unit:"), "/"))
	case scoring.KindSegment:
		return b.r.SegmentLabel(g.Segment) + " = " + g.Label
	}
	return g.Label
}

func unitDisplay(path []string) string { return strings.Join(path, " / ") }

// sheetRef quotes a sheet name for a cell reference in a chart or formula
// written by Vigie itself (never from user data).
func sheetRef(sheet string, col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1, true)
	z, _ := excelize.CoordinatesToCellName(col2, row2, true)
	return fmt.Sprintf("'%s'!%s:%s", strings.ReplaceAll(sheet, "'", "''"), a, z)
}
