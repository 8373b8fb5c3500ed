package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// responseRows streams the rows of a responses file (CSV or XLSX) after its
// header. Line numbers are those a spreadsheet user sees: the header is
// line 1.
type responseRows struct {
	Header []string
	next   func() (line int, record []string, err error)
	close  func() error
}

// rowError is a problem confined to one row (a row with the wrong number of
// columns): reading can go on, so that every such row is reported at once.
type rowError struct{ msg string }

func (e *rowError) Error() string { return e.msg }

// Next returns the next row; io.EOF after the last one. The record is only
// valid until the following call.
func (r *responseRows) Next() (line int, record []string, err error) { return r.next() }

// Close releases the file.
func (r *responseRows) Close() error { return r.close() }

// openResponses opens a responses file, chosen by its extension, and reads
// its header. Its errors are plain French, without the file name.
func openResponses(path string) (*responseRows, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		return openCSV(path)
	case ".xlsx":
		return openXLSX(path)
	case "":
		return nil, errors.New("format non pris en charge (fichier sans extension) : le fichier de réponses doit être un .csv ou un .xlsx")
	default:
		return nil, fmt.Errorf("format non pris en charge (« %s ») : le fichier de réponses doit être un .csv ou un .xlsx", ext)
	}
}

// openFileError turns an os.Open error into a message for the user.
func openFileError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("fichier introuvable")
	}
	return fmt.Errorf("lecture impossible : %w", err)
}

var errEmptyFile = errors.New("le fichier est vide : la première ligne doit être l'en-tête des colonnes")

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// openCSV reads a CSV file in UTF-8, with or without BOM (Excel writes one
// in « CSV UTF-8 »), whose separator is ',' or ';' (French Excel uses ';'),
// detected from the header line.
func openCSV(path string) (*responseRows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openFileError(err)
	}
	rows, err := newCSVRows(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	rows.close = f.Close
	return rows, nil
}

// newCSVRows reads the header of a CSV stream; closing is left to the caller.
func newCSVRows(r io.Reader) (*responseRows, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	// Blank lines before the header are skipped, as encoding/csv does;
	// skipped counts them so that line numbers stay right.
	var first []byte
	skipped := 0
	for {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			first = line
			break
		}
		if err == io.EOF {
			return nil, errEmptyFile
		} else if err != nil {
			return nil, fmt.Errorf("lecture impossible : %w", err)
		}
		skipped++
	}
	cr := csv.NewReader(io.MultiReader(bytes.NewReader(first), br))
	cr.Comma = detectSeparator(first)
	cr.FieldsPerRecord = -1 // checked here, to name the line in French
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(err, skipped)
	}
	header = slices.Clone(header)
	if err := checkUTF8(1+skipped, header); err != nil {
		return nil, err
	}
	rows := &responseRows{Header: header, close: func() error { return nil }}
	rows.next = func() (int, []string, error) {
		record, err := cr.Read()
		if err == io.EOF {
			return 0, nil, io.EOF
		} else if err != nil {
			return 0, nil, csvError(err, skipped)
		}
		line, _ := cr.FieldPos(0)
		line += skipped
		if err := checkUTF8(line, record); err != nil {
			return line, nil, err
		}
		if len(record) != len(header) {
			return line, nil, &rowError{fmt.Sprintf("ligne %d : %d colonnes au lieu de %d comme l'en-tête", line, len(record), len(header))}
		}
		return line, record, nil
	}
	return rows, nil
}

// detectSeparator returns ';' when the header line has more semicolons than
// commas outside quotes, ',' otherwise.
func detectSeparator(line []byte) rune {
	commas, semicolons, quoted := 0, 0, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}

// checkUTF8 rejects text in another encoding, typically a CSV saved by
// Excel as « CSV (séparateur : point-virgule) », which is Windows-1252:
// its accented unit names would otherwise come out garbled.
func checkUTF8(line int, record []string) error {
	for _, field := range record {
		if !utf8.ValidString(field) {
			return fmt.Errorf("ligne %d : le texte n'est pas en UTF-8 ; dans Excel, enregistrez le fichier au format « CSV UTF-8 »", line)
		}
	}
	return nil
}

// csvError translates a parse error of encoding/csv.
func csvError(err error, skipped int) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("lecture impossible : %w", err)
	}
	line := pe.StartLine + skipped // an unclosed quote ends at the end of the file
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Errorf("ligne %d : guillemet mal placé (un champ entre guillemets doit doubler ses guillemets intérieurs)", line)
	default:
		return fmt.Errorf("ligne %d : %v", line, pe.Err)
	}
}

// openXLSX streams the first sheet of a workbook. Cells are read raw, so a
// number shows as Excel stores it ("3"), whatever its display format.
func openXLSX(path string) (*responseRows, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, openFileError(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("classeur illisible (%v) : enregistrez-le à nouveau au format .xlsx", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, errEmptyFile
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("feuille « %s » illisible : %w", sheets[0], err)
	}
	closeAll := func() error { return errors.Join(it.Close(), f.Close()) }
	line := 0
	next := func() (int, []string, error) {
		if !it.Next() {
			if err := it.Error(); err != nil {
				return line + 1, nil, fmt.Errorf("ligne %d : %w", line+1, err)
			}
			return 0, nil, io.EOF
		}
		line++ // Next also stops at the rows missing from the file: they are empty
		record, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return line, nil, fmt.Errorf("ligne %d : %w", line, err)
		}
		return line, record, nil
	}
	// The header is the first row with a cell, as in a CSV file.
	for {
		_, header, err := next()
		if err == io.EOF {
			closeAll()
			return nil, errEmptyFile
		} else if err != nil {
			closeAll()
			return nil, err
		}
		if slices.ContainsFunc(header, func(s string) bool { return strings.TrimSpace(s) != "" }) {
			return &responseRows{Header: header, next: next, close: closeAll}, nil
		}
	}
}
