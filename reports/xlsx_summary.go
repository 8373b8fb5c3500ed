package reports

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/scoring"
)

// summary writes the Synthèse sheet: key figures, then per questionnaire
// the dimension means of all respondents and a native bar chart of them.
// It is the first sheet, renamed from the one a new workbook starts with.
func (b *xlsxBook) summary() error {
	const sheet = SheetSummary
	if err := b.f.SetSheetName(b.f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	w := &sheetWriter{b: b, sheet: sheet}
	w.str(1, 1, b.t("title"), b.bold)
	r := b.r
	row := 3
	period, _ := periodText(r, b.lang)
	for _, kv := range []struct {
		key string
		val any
	}{
		{"organisation", r.Organisation},
		{"campaign", r.Campaign},
		{"period", period},
		{"audience", b.t(string(r.Audience))},
		{"k", r.MinGroupSize},
		{"comment_k", r.CommentMinGroupSize},
		{"generated", r.GeneratedAt.UTC()},
	} {
		w.str(1, row, b.t(kv.key), b.bold)
		style := b.integer
		if _, ok := kv.val.(time.Time); ok {
			style = b.dateTime
		}
		w.value(2, row, kv.val, style)
		row++
	}

	for si, s := range r.Sections {
		row++
		q, res := s.Questionnaire, s.Result
		w.str(1, row, b.t("questionnaire"), b.bold)
		w.str(2, row, fmt.Sprintf("%s (%s v%d)", b.questionnaireTitle(q), q.ID, q.Version), b.text)
		row++
		all := xlsxOverall(res)
		w.str(1, row, b.t("word.respondents"), b.bold)
		if all == nil {
			w.str(2, row, fmt.Sprintf(b.t("fewer_than_k"), r.MinGroupSize), b.text)
			row++
			w.str(1, row, fmt.Sprintf(b.t("no_figures"), r.MinGroupSize), b.text)
			row++
			continue
		}
		w.value(2, row, all.Respondents, b.integer)
		row += 2
		for i, key := range []string{"word.dimension", "word.mean", "n", "level"} {
			w.str(i+1, row, b.t(key), b.header)
		}
		first := row + 1
		for _, d := range q.Dimensions {
			row++
			w.str(1, row, b.dimensionTitle(q, d), b.text)
			ds := all.Dimensions[d.ID]
			if ds == nil || ds.Suppressed {
				w.str(2, row, b.t("masked"), b.text)
				continue
			}
			w.value(2, row, roundMean(ds.Mean), b.decimal1)
			w.value(3, row, ds.N, b.integer)
			w.str(4, row, b.level(d, ds.Level), b.text)
		}
		if err := w.err; err != nil {
			return err
		}
		if len(q.Dimensions) > 0 {
			if err := b.meansChart(sheet, si, first, row); err != nil {
				return err
			}
		}
		row = max(row, first+16) // leave room for the chart
	}
	b.legend(w, row+1)
	for col, width := range []float64{44, 18, 18, 18} {
		name, _ := excelize.ColumnNumberToName(col + 1)
		if err := b.f.SetColWidth(sheet, name, name, width); err != nil {
			return fmt.Errorf("sheet %s: width: %w", sheet, err)
		}
	}
	return w.finish(layoutFor(summaryWidth, 0))
}

// summaryWidth is the width of the Synthèse sheet's columns and chart,
// in column-width units: four columns, then the chart (560 px) from F.
const summaryWidth = 44 + 3*18 + 8 + 80

// meansChart adds a bar chart of the means in rows first..last, to the
// right of the table.
func (b *xlsxBook) meansChart(sheet string, section, first, last int) error {
	zero, hundred := 0.0, 100.0
	chart := &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       b.t("word.mean"),
			Categories: sheetRef(sheet, 1, first, 1, last),
			Values:     sheetRef(sheet, 2, first, 2, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}},
			DataLabel:  excelize.ChartDataLabel{Font: chartFont},
		}},
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.t("dim_means"),
			Font: &excelize.Font{Bold: true, Size: 12, Color: "000000"}}}},
		Legend:   excelize.ChartLegend{Position: "none"},
		PlotArea: excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"}},
		// Dark labels at a readable size: the default pale grey is lost
		// on a projector and a photocopy.
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: chartFont},
		YAxis:     excelize.ChartAxis{Minimum: &zero, Maximum: &hundred, MajorGridLines: true, Font: chartFont},
		Dimension: excelize.ChartDimension{Width: 560, Height: 300},
		Format:    excelize.GraphicOptions{AltText: b.t("dim_means"), Name: fmt.Sprintf("means%d", section+1)},
	}
	anchor, _ := excelize.CoordinatesToCellName(6, first-1)
	if err := b.f.AddChart(sheet, anchor, chart); err != nil {
		return fmt.Errorf("sheet %s: chart: %w", sheet, err)
	}
	return nil
}

// chartFont is the font of a chart's axis and value labels.
var chartFont = excelize.Font{Size: 10, Color: "000000"}

// legend writes, from row on, the legend of the Carte sheet: each level's
// symbol and name in its fill, for the usual levels and, when the workbook
// has them, the defensive strategies' signals. It returns the next row.
func (b *xlsxBook) legend(w *sheetWriter, row int) int {
	w.str(1, row, b.t("legend"), b.bold)
	row++
	schemes := []scheme{{}}
	if b.hasSignals() {
		schemes = append(schemes, scheme{signals: true})
	}
	for _, sc := range schemes {
		title := "legend_levels"
		if sc.signals {
			title = "legend_signals"
		}
		w.str(1, row, b.t(title), b.text)
		for i, l := range scoring.Levels {
			ref := w.ref(2+i, row)
			if w.err != nil {
				break
			}
			// The fill and symbol of a Carte cell, with the level's name
			// for value: the number format shows the name then the symbol.
			if err := b.f.SetCellStr(SheetSummary, ref, sc.name(b.lang, l)+" "+levelSymbol(l)); err != nil {
				w.err = err
			}
			if err := b.f.SetCellStyle(SheetSummary, ref, ref, b.levelStyles[levelStyleKey{sc.signals, l}]); err != nil {
				w.err = err
			}
		}
		row++
	}
	for _, reason := range []string{scoring.ReasonBelowThreshold, scoring.ReasonSecondary} {
		w.str(2, row, b.cellReason(reason), b.masked)
		row++
	}
	return row
}

// xlsxOverall returns the published "all" group of res, or nil.
func xlsxOverall(res *scoring.Result) *scoring.Group {
	for _, g := range res.Groups {
		if g.Kind == scoring.KindAll && !g.Suppressed {
			return g
		}
	}
	return nil
}

// sheetWriter writes single cells on a sheet written without streaming,
// keeping the first error.
type sheetWriter struct {
	b              *xlsxBook
	sheet          string
	err            error
	maxCol, maxRow int // the extent of the cells written
}

func (w *sheetWriter) ref(col, row int) string {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.maxCol, w.maxRow = max(w.maxCol, col), max(w.maxRow, row)
	return ref
}

// finish declares the sheet's extent and sets how it prints, returning
// the first error met.
func (w *sheetWriter) finish(l printLayout) error {
	if w.err != nil {
		return w.err
	}
	if err := w.b.setDimension(w.sheet, w.maxCol, w.maxRow); err != nil {
		return err
	}
	return w.b.printSetup(w.sheet, l)
}

// str writes s as a string cell: SetCellStr never creates a formula.
func (w *sheetWriter) str(col, row int, s string, style int) {
	if w.err != nil {
		return
	}
	ref := w.ref(col, row)
	if err := w.b.f.SetCellStr(w.sheet, ref, s); err != nil {
		w.err = fmt.Errorf("sheet %s %s: %w", w.sheet, ref, err)
		return
	}
	if err := w.b.f.SetCellStyle(w.sheet, ref, ref, style); err != nil {
		w.err = fmt.Errorf("sheet %s %s: %w", w.sheet, ref, err)
	}
}

// value writes a number (int or float64, as given: the caller rounds it)
// with a style, or a string.
func (w *sheetWriter) value(col, row int, v any, style int) {
	if w.err != nil {
		return
	}
	ref := w.ref(col, row)
	var err error
	switch v := v.(type) {
	case string:
		w.str(col, row, v, w.b.text)
		return
	case int:
		err = w.b.f.SetCellInt(w.sheet, ref, int64(v))
	case float64:
		err = w.b.f.SetCellFloat(w.sheet, ref, v, -1, 64)
	case time.Time:
		err = w.b.f.SetCellValue(w.sheet, ref, v)
	default:
		err = fmt.Errorf("unexpected value %T", v)
	}
	if err == nil {
		err = w.b.f.SetCellStyle(w.sheet, ref, ref, style)
	}
	if err != nil {
		w.err = fmt.Errorf("sheet %s %s: %w", w.sheet, ref, err)
	}
}
