package instrument

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

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
