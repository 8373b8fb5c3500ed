package scoring

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// Column names of a response table other than item ids.
const (
	UnitColumn    = "unit"     // unit path, names joined by "/"
	SegmentPrefix = "segment." // "segment.metier": one column per segment
)

// maxCached bounds the caches of unit paths and segment maps, so that a file
// with a distinct value on every row cannot make them grow without limit.
const maxCached = 4096

// maxShownValue is the longest cell value quoted in an error message.
const maxShownValue = 40

// TableDecoder turns the rows of a response table (a CSV file or a
// spreadsheet, one respondent per row, header on the first row) into
// Respondents. It reads no file: callers stream the rows to Decode.
//
// Respondents decoded by one TableDecoder share their Unit and Segments
// values between rows with the same unit or categories, which keeps
// decoding large files cheap; treat them as read-only.
type TableDecoder struct {
	nItems   int
	unitCol  int // -1 when the table has no unit column
	segments []tableSegment
	items    []tableItem

	units    map[string][]string          // raw unit cell -> path
	segMaps  map[string]map[string]string // joined categories -> Segments
	keyBuf   []byte
	segValue []string
}

type tableSegment struct {
	col int
	id  string
}

type tableItem struct {
	col      int
	index    int // position in Questionnaire.Items()
	id       string
	min, max int
}

// NewTableDecoder reads the header of a response table for questionnaire q.
// Columns are `unit`, `segment.<id>` and item ids; any other column is
// ignored and reported in the warnings (plain French, one per problem).
// A duplicated column or a header without any item of q is an error
// (*vigie.Error, EINVALID).
func NewTableDecoder(q *questionnaires.Questionnaire, header []string) (*TableDecoder, []string, error) {
	d := &TableDecoder{
		nItems:  len(q.Items()),
		unitCol: -1,
		units:   make(map[string][]string),
		segMaps: make(map[string]map[string]string),
	}
	var warnings, problems []string
	seen := make(map[string]int, len(header))
	for col, raw := range header {
		name := strings.TrimSpace(raw)
		if name == "" {
			warnings = append(warnings, fmt.Sprintf("colonne n° %d sans en-tête ignorée", col+1))
			continue
		}
		if first, dup := seen[name]; dup {
			problems = append(problems, fmt.Sprintf("colonne « %s » en double (colonnes n° %d et %d)", name, first+1, col+1))
			continue
		}
		seen[name] = col
		switch {
		case name == UnitColumn:
			d.unitCol = col
		case strings.HasPrefix(name, SegmentPrefix):
			id := strings.TrimSpace(name[len(SegmentPrefix):])
			if id == "" {
				problems = append(problems, fmt.Sprintf("colonne « %s » : nom de segment manquant après « %s »", name, SegmentPrefix))
				continue
			}
			d.segments = append(d.segments, tableSegment{col: col, id: id})
		default:
			it := q.Item(name)
			if it == nil {
				warnings = append(warnings, fmt.Sprintf("colonne « %s » ignorée", name))
				continue
			}
			d.items = append(d.items, tableItem{col: col, index: it.Index, id: it.ID, min: it.Scale.Min, max: it.Scale.Max})
		}
	}
	if len(d.items) == 0 && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("aucune colonne ne porte l'identifiant d'une question du questionnaire %s (par exemple « %s »)", q.ID, firstItemID(q)))
	}
	if len(problems) > 0 {
		return nil, warnings, vigie.Errorf(vigie.EINVALID, "en-tête : %s", strings.Join(problems, " ; "))
	}
	if missing := len(q.Items()) - len(d.items); missing > 0 {
		var ids []string
		for _, it := range q.Items() {
			if _, ok := seen[it.ID]; !ok {
				ids = append(ids, it.ID)
			}
		}
		if len(ids) > 10 {
			ids = append(ids[:10], "…")
		}
		warnings = append(warnings, missingMessage(missing, strings.Join(ids, ", ")))
	}
	d.segValue = make([]string, len(d.segments))
	return d, warnings, nil
}

func firstItemID(q *questionnaires.Questionnaire) string {
	if items := q.Items(); len(items) > 0 {
		return items[0].ID
	}
	return ""
}

// Items returns how many answers a Respondent of this decoder holds: the
// length DecodeTo wants.
func (d *TableDecoder) Items() int { return d.nItems }

// Segments returns the ids of the table's segments, in column order.
func (d *TableDecoder) Segments() []string {
	ids := make([]string, len(d.segments))
	for i, s := range d.segments {
		ids[i] = s.id
	}
	return ids
}

// Decode converts one row; line is its number as the user sees it (the
// header is line 1) and is used only in error messages. A row shorter than
// the header has empty cells at its end. An empty cell or "NA" is Missing;
// any other value that is not an integer of the item's scale is an error
// (a *vigie.Error, or several joined with errors.Join when the row has
// several bad cells). A row with no answered item gives ok == false: it is
// not a respondent.
func (d *TableDecoder) Decode(line int, record []string) (r Respondent, ok bool, err error) {
	return d.DecodeTo(line, record, make([]int, d.nItems))
}

// DecodeTo is Decode writing the answers into answers (as long as the
// questionnaire's items, overwritten), which the Respondent then holds: a
// caller that reuses buffers (100,000 rows streamed to Scorer.Add, which
// keeps nothing) allocates no answers per row.
func (d *TableDecoder) DecodeTo(line int, record []string, answers []int) (r Respondent, ok bool, err error) {
	for i := range answers {
		answers[i] = Missing
	}
	answered := 0
	var errs []error
	for _, it := range d.items {
		cell := cellAt(record, it.col)
		v, state := parseCell(cell)
		if state == cellMissing {
			continue
		}
		if state == cellBad || v < it.min || v > it.max {
			errs = append(errs, vigie.Errorf(vigie.EINVALID, "ligne %d, colonne %s : « %s » n'est pas une valeur de l'échelle %d–%d",
				line, it.id, shorten(strings.TrimSpace(cell)), it.min, it.max))
			continue
		}
		answers[it.index] = v
		answered++
	}
	switch {
	case len(errs) == 1:
		return Respondent{}, false, errs[0]
	case len(errs) > 1:
		return Respondent{}, false, errors.Join(errs...)
	case answered == 0:
		return Respondent{}, false, nil
	}
	return Respondent{Unit: d.unit(record), Segments: d.segmentsOf(record), Answers: answers}, true, nil
}

// unit returns the unit path of a row, cached by the raw cell.
func (d *TableDecoder) unit(record []string) []string {
	if d.unitCol < 0 {
		return nil
	}
	raw := cellAt(record, d.unitCol)
	if path, ok := d.units[raw]; ok {
		return path
	}
	var path []string
	if s := strings.TrimSpace(raw); s != "" && !strings.EqualFold(s, "NA") {
		for _, name := range strings.Split(s, "/") {
			if name = strings.TrimSpace(name); name != "" {
				path = append(path, name)
			}
		}
	}
	if len(d.units) < maxCached {
		d.units[raw] = path
	}
	return path
}

// segmentsOf returns the segment categories of a row. Rows with the same
// categories share one map, found by the categories joined with NUL bytes.
func (d *TableDecoder) segmentsOf(record []string) map[string]string {
	if len(d.segments) == 0 {
		return nil
	}
	d.keyBuf = d.keyBuf[:0]
	for i, s := range d.segments {
		v := strings.TrimSpace(cellAt(record, s.col))
		if strings.EqualFold(v, "NA") {
			v = ""
		}
		d.segValue[i] = v
		d.keyBuf = append(d.keyBuf, v...)
		d.keyBuf = append(d.keyBuf, 0)
	}
	if m, ok := d.segMaps[string(d.keyBuf)]; ok {
		return m
	}
	m := make(map[string]string, len(d.segments))
	for i, s := range d.segments {
		if d.segValue[i] != "" {
			m[s.id] = d.segValue[i]
		}
	}
	if len(d.segMaps) < maxCached {
		d.segMaps[string(d.keyBuf)] = m
	}
	return m
}

func cellAt(record []string, col int) string {
	if col < len(record) {
		return record[col]
	}
	return ""
}

type cellState int

const (
	cellMissing cellState = iota
	cellValue
	cellBad
)

// parseCell reads an answer cell: empty or NA is missing; an integer,
// possibly written with a zero decimal part ("3.0", "3,00", as statistics
// software and spreadsheets export whole numbers), is a value; anything
// else is bad. It does not allocate.
func parseCell(cell string) (int, cellState) {
	if len(cell) == 1 && cell[0] >= '0' && cell[0] <= '9' {
		return int(cell[0] - '0'), cellValue // the common case
	}
	s := strings.TrimSpace(cell)
	if s == "" || strings.EqualFold(s, "NA") {
		return 0, cellMissing
	}
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		if i == len(s)-1 || strings.Trim(s[i+1:], "0") != "" {
			return 0, cellBad
		}
		s = s[:i]
	}
	if len(s) == 0 || len(s) > 9 { // beyond any scale, and no overflow
		return 0, cellBad
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, cellBad
	}
	return v, cellValue
}

// shorten cuts a value quoted in an error message to a readable length.
func shorten(s string) string {
	if r := []rune(s); len(r) > maxShownValue {
		return string(r[:maxShownValue]) + "…"
	}
	return s
}

// missingMessage says that n questions of the questionnaire are absent
// from a file, with a real plural rather than « question(s) ».
func missingMessage(n int, ids string) string {
	if n < 2 {
		return fmt.Sprintf("%s du questionnaire absente du fichier, comptée sans réponse : %s", vigie.Plural(n, "question", ""), ids)
	}
	return fmt.Sprintf("%s du questionnaire absentes du fichier, comptées sans réponse : %s", vigie.Plural(n, "", "questions"), ids)
}
