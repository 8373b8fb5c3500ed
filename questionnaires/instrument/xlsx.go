package instrument

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/sheet"
)

// Bounds on a workbook: a questionnaire of 300 items fills a few hundred
// rows and weighs under 100 KB.
const (
	// MaxXLSX is the largest workbook read, in bytes.
	MaxXLSX = 4 << 20
	// maxSheetRows is the most rows with content read from one sheet.
	maxSheetRows = 2000
	// maxUnzipped bounds what a sheet's reading decompresses.
	maxUnzipped = 16 << 20
)

// FromXLSX reads a workbook filled from the template (Template) and
// returns the questionnaire file it describes. name is the workbook's
// file name, written in the YAML's head comment. A problem of the
// workbook comes back as an *Error naming its sheet, row and column.
func FromXLSX(r io.Reader, name string) (*Result, error) {
	data, err := readAtMost(r, MaxXLSX, "classeur")
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, &Error{Problems: []Problem{{Message: "ce fichier n'est pas un classeur .xlsx : enregistrez le modèle au format Excel (.xlsx)"}}}
	}
	x := &xlsxReader{data: data}
	d := &draft{Head: headComment("du classeur", name)}
	x.questionnaire(d)
	scales := x.scales(d)
	dims := x.dimensions(d)
	x.items(d, dims, scales)
	x.indicators(d)
	if len(x.ps) > 0 {
		return nil, x.ps.err()
	}
	return finish(d, nil)
}

// headComment is the comment written above an imported questionnaire.
func headComment(from, name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:] // the file, not where it was
	name = strings.Map(func(r rune) rune {
		if r < ' ' {
			return ' '
		}
		return r
	}, name)
	return fmt.Sprintf("Questionnaire importé %s %s par Vigie (vigie questionnaires import).\nVérifiez-le avec : vigie questionnaires validate FICHIER", from, name)
}

// readAtMost reads r whole, refusing more than limit bytes.
func readAtMost(r io.Reader, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("instrument: read %s: %w", what, err)
	}
	if int64(len(data)) > limit {
		return nil, &Error{Problems: []Problem{{Message: fmt.Sprintf("fichier trop volumineux : %d Mo au plus pour un %s", limit>>20, what)}}}
	}
	return data, nil
}

// xlsxReader reads the sheets of one workbook and gathers the problems.
type xlsxReader struct {
	data []byte
	ps   problems
}

// cells is a data row of a sheet, padded to its columns.
type cells struct {
	sheet string
	cols  []column
	line  int
	v     []string
}

func (c cells) at(col int) Place {
	return Place{Sheet: c.sheet, Row: c.line, Column: col + 1, Header: c.cols[col].Header}
}

func (c cells) field(col int) field { return field{strings.TrimSpace(c.v[col]), c.at(col)} }

func (c cells) get(col int) string { return strings.TrimSpace(c.v[col]) }

// rows reads the data rows of a sheet after checking its heading row; a
// missing sheet is a problem unless optional.
func (x *xlsxReader) rows(name string, cols []column, optional bool) []cells {
	r, err := sheet.OpenXLSXSheet(bytes.NewReader(x.data), int64(len(x.data)), name,
		sheet.Limits{Rows: maxSheetRows, Columns: len(cols), Unzipped: maxUnzipped})
	if err != nil {
		var se *sheet.Error
		if optional && errors.As(err, &se) && strings.Contains(se.Msg, "pas de feuille") {
			return nil
		}
		x.sheetError(name, err)
		return nil
	}
	defer r.Close()
	var out []cells
	header := true
	for {
		row, err := r.Next()
		if err == io.EOF {
			return out
		} else if err != nil {
			x.sheetError(name, err)
			return out
		}
		c := cells{sheet: name, cols: cols, line: row.Line, v: make([]string, len(cols))}
		copy(c.v, row.Cells)
		if header {
			header = false
			if x.heading(c) {
				continue
			}
			return nil
		}
		out = append(out, c)
	}
}

// heading checks a sheet's heading row: columns moved or renamed would
// put values in the wrong place.
func (x *xlsxReader) heading(c cells) bool {
	ok := true
	for i, col := range c.cols {
		if !strings.EqualFold(c.get(i), col.Header) {
			x.ps.add(Place{Sheet: c.sheet, Row: c.line, Column: i + 1}, "titre de colonne « %s » attendu, trouvé « %s » : gardez les colonnes du modèle, dans leur ordre", col.Header, c.get(i))
			ok = false
		}
	}
	return ok
}

// sheetError words an error of the sheet reader.
func (x *xlsxReader) sheetError(name string, err error) {
	at := Place{Sheet: name}
	var se *sheet.Error
	switch {
	case errors.Is(err, sheet.ErrTooManyRows):
		x.ps.add(at, "plus de %d lignes : ce n'est pas un questionnaire", maxSheetRows)
	case errors.Is(err, sheet.ErrTooLarge):
		x.ps.add(at, "classeur trop volumineux une fois décompressé")
	case errors.As(err, &se):
		at.Row = se.Line
		x.ps.add(at, "%s", se.Msg)
	default:
		x.ps.add(at, "classeur illisible (%v)", err)
	}
}

// questionnaire reads the Questionnaire sheet: one field per row.
func (x *xlsxReader) questionnaire(d *draft) {
	seen := map[string]bool{}
	texts := map[string]cells{}
	for _, c := range x.rows(sheetQuestionnaire, questionnaireColumns, false) {
		name := strings.ToLower(c.get(0))
		if seen[name] {
			x.ps.add(c.at(0), "le champ « %s » apparaît deux fois", name)
			continue
		}
		seen[name] = true
		switch name {
		case fieldID:
			d.ID = c.field(1)
		case fieldVersion:
			d.Version = c.field(1)
		case fieldLang:
			d.Language = c.field(1)
			d.Language.V = strings.ToLower(d.Language.V)
		case fieldTitle, fieldIntro, fieldComment:
			texts[name] = c // read once the language is known
		default:
			x.ps.add(c.at(0), "champ inconnu « %s » (champs possibles : %s, %s, %s, %s, %s, %s)", c.get(0),
				fieldID, fieldVersion, fieldLang, fieldTitle, fieldIntro, fieldComment)
		}
	}
	if d.Language.V != "" && !slices.Contains(templateLanguages, d.Language.V) {
		x.ps.add(d.Language.At, "langue « %s » : le modèle porte des textes en français (fr) et en anglais (en)", d.Language.V)
	}
	for name, t := range map[string]*text{fieldTitle: &d.Title, fieldIntro: &d.Intro, fieldComment: &d.Comment} {
		if c, ok := texts[name]; ok {
			*t = c.text(1, d.Language.V)
		}
	}
}

// text reads a text from its French column col and its English column
// col+1. The default language (lang; "" when not yet known) is kept
// when empty if the other is given, so that the parser's complaint
// points at the cell to fill.
func (c cells) text(col int, lang string) text {
	var t text
	for i, l := range templateLanguages {
		if v := c.get(col + i); v != "" {
			t = append(t, langText{l, v, c.at(col + i)})
		}
	}
	if len(t) == 0 {
		return nil
	}
	if i := slices.Index(templateLanguages, lang); i >= 0 && c.get(col+i) == "" {
		t = append(t, langText{lang, "", c.at(col + i)})
	}
	return defaultFirst(t, lang)
}

// defaultFirst puts the default language's text first, as the YAML
// files do.
func defaultFirst(t text, lang string) text {
	slices.SortStableFunc(t, func(a, b langText) int {
		switch {
		case a.Lang == lang && b.Lang != lang:
			return -1
		case b.Lang == lang && a.Lang != lang:
			return 1
		}
		return 0
	})
	return t
}

// scales reads the Échelles sheet: one row per value of a scale. It
// returns the scale ids.
func (x *xlsxReader) scales(d *draft) map[string]bool {
	type value struct {
		v      int
		fr, en string
		c      cells
	}
	byID := map[string][]value{}
	var order []string
	for _, c := range x.rows(sheetScales, scaleColumns, false) {
		id := c.get(colScaleID)
		v, err := strconv.Atoi(c.get(colScaleValue))
		if err != nil {
			x.ps.add(c.at(colScaleValue), "valeur entière attendue, pas « %s »", c.get(colScaleValue))
			continue
		}
		if _, ok := byID[id]; !ok {
			order = append(order, id)
		}
		byID[id] = append(byID[id], value{v, c.get(colScaleFR), c.get(colScaleEN), c})
	}
	ids := map[string]bool{}
	for _, id := range order {
		vs := byID[id]
		slices.SortStableFunc(vs, func(a, b value) int { return a.v - b.v })
		first := vs[0].c
		s := &scaleDraft{ID: first.field(colScaleID)}
		s.Min = field{strconv.Itoa(vs[0].v), first.at(colScaleValue)}
		s.Max = field{strconv.Itoa(vs[len(vs)-1].v), vs[len(vs)-1].c.at(colScaleValue)}
		fr := list{Lang: "fr", At: first.at(colScaleFR)}
		en := list{Lang: "en", At: first.at(colScaleEN)}
		withEN := 0
		for i, v := range vs {
			if i > 0 && v.v == vs[i-1].v {
				x.ps.add(v.c.at(colScaleValue), "échelle %s : la valeur %d apparaît deux fois", id, v.v)
			} else if i > 0 && v.v != vs[i-1].v+1 {
				x.ps.add(v.c.at(colScaleValue), "échelle %s : il manque la valeur %d (les valeurs se suivent sans trou)", id, vs[i-1].v+1)
			}
			fr.V = append(fr.V, v.fr)
			en.V = append(en.V, v.en)
			if v.en != "" {
				withEN++
			}
		}
		if withEN > 0 && withEN < len(vs) {
			for _, v := range vs {
				if v.en == "" {
					x.ps.add(v.c.at(colScaleEN), "échelle %s : libellé anglais manquant (donnez-les tous ou aucun)", id)
				}
			}
		}
		s.Labels = []list{fr}
		if withEN > 0 {
			s.Labels = append(s.Labels, en)
		}
		if d.Language.V == "en" {
			slices.Reverse(s.Labels)
		}
		d.Scales = append(d.Scales, s)
		ids[id] = true
	}
	return ids
}

// dimensions reads the Dimensions sheet, one row per dimension.
func (x *xlsxReader) dimensions(d *draft) map[string]*dimensionDraft {
	byID := map[string]*dimensionDraft{}
	for _, c := range x.rows(sheetDimensions, dimensionColumns, false) {
		dim := &dimensionDraft{ID: c.field(colDimID)}
		dim.Title, dim.Description = c.text(colDimTitleFR, d.Language.V), c.text(colDimDescFR, d.Language.V)
		dim.Direction = word(&x.ps, c, colDimDirection, directionWords, true)
		dim.Low, dim.High = number(c.field(colDimLow)), number(c.field(colDimHigh))
		dim.MinAnswered = number(c.field(colDimMinAnswered))
		dim.RiskFamily, dim.SignalFor = c.field(colDimFamily), c.field(colDimSignalFor)
		dim.Read = word(&x.ps, c, colDimReading, readingWords, false)
		if dim.Read.V == string(questionnaires.ReadingLevels) {
			dim.Read.V = "" // the default, left out as the built-in files do
		}
		for i, lang := range templateLanguages {
			col := colDimDiscussionFR + i
			var qs []string
			for _, line := range strings.Split(c.get(col), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					qs = append(qs, line)
				}
			}
			if len(qs) > 0 {
				dim.Discussion = append(dim.Discussion, list{Lang: lang, V: qs, At: c.at(col)})
			}
		}
		if dim.ID.V != "" && byID[dim.ID.V] != nil {
			x.ps.add(c.at(colDimID), "la dimension %s apparaît deux fois", dim.ID.V)
			continue
		}
		byID[dim.ID.V] = dim
		d.Dimensions = append(d.Dimensions, dim)
	}
	return byID
}

// word reads a cell holding one of the template's words (or the YAML
// keyword it stands for) and returns the keyword.
func word[K ~string](ps *problems, c cells, col int, words map[K]string, required bool) field {
	f := c.field(col)
	if f.V == "" && !required {
		return f
	}
	var possible []string
	for k, w := range words {
		if strings.EqualFold(f.V, w) || f.V == string(k) {
			return field{string(k), f.At}
		}
		possible = append(possible, "« "+w+" »")
	}
	slices.Sort(possible)
	if f.V == "" {
		ps.add(f.At, "valeur manquante (%s)", strings.Join(possible, " ou "))
	} else {
		ps.add(f.At, "« %s » n'est pas une valeur possible (%s)", f.V, strings.Join(possible, " ou "))
	}
	return field{}
}

// number accepts a decimal comma, as typed in a French spreadsheet.
func number(f field) field {
	f.V = strings.Replace(f.V, ",", ".", 1)
	return f
}

// items reads the Items sheet and puts each item in its dimension.
func (x *xlsxReader) items(d *draft, dims map[string]*dimensionDraft, scales map[string]bool) {
	for _, c := range x.rows(sheetItems, itemColumns, false) {
		dim := dims[c.get(colItemDim)]
		if dim == nil {
			x.ps.add(c.at(colItemDim), "dimension « %s » absente de la feuille %s", c.get(colItemDim), sheetDimensions)
			continue
		}
		if s := c.get(colItemScale); s != "" && !scales[s] {
			x.ps.add(c.at(colItemScale), "échelle « %s » absente de la feuille %s", s, sheetScales)
			continue
		}
		it := &itemDraft{ID: c.field(colItemID), Scale: c.field(colItemScale), ReverseAt: c.at(colItemReverse)}
		it.Text = c.text(colItemFR, d.Language.V)
		switch strings.ToLower(c.get(colItemReverse)) {
		case "oui", "o", "x", "1", "vrai", "true", "yes":
			it.Reverse = true
		case "non", "n", "", "0", "faux", "false", "no":
		default:
			x.ps.add(c.at(colItemReverse), "« oui » ou « non » attendu, pas « %s »", c.get(colItemReverse))
		}
		dim.Items = append(dim.Items, it)
	}
}

// indicators reads the optional Indicateurs sheet.
func (x *xlsxReader) indicators(d *draft) {
	for _, c := range x.rows(sheetIndicators, indicatorColumns, true) {
		ind := &indicatorDraft{ID: c.field(colIndID), Kind: c.field(colIndKind),
			Numerator: c.field(colIndNum), Denominator: c.field(colIndDen), Th: number(c.field(colIndThreshold))}
		if ind.Kind.V == "" {
			ind.Kind.V = string(questionnaires.KindRatio)
		}
		ind.Title = c.text(colIndTitleFR, d.Language.V)
		d.Indicators = append(d.Indicators, ind)
	}
}
