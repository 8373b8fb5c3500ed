package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/vigie-sante/vigie/sheet"
)

// responseRows streams the rows of a responses file (CSV or XLSX) after its
// header, through package sheet like every other import. Line numbers are
// those a spreadsheet user sees: the header is line 1 (unless blank lines
// come before it).
type responseRows struct {
	Header []string
	next   func() (line int, record []string, err error)
	close  func() error
}

// rowError is a problem confined to one row (a row with the wrong number of
// columns): reading can go on, so that every such row is reported at once.
type rowError struct{ msg string }

func (e *rowError) Error() string { return e.msg }

// Next returns the next row; io.EOF after the last one.
func (r *responseRows) Next() (line int, record []string, err error) { return r.next() }

// Close releases the file.
func (r *responseRows) Close() error { return r.close() }

// maxResponseColumns bounds the columns of a responses workbook: a unit,
// a few segments and the items of one questionnaire (40 for the longest
// shipped) are far fewer.
const maxResponseColumns = 1024

// maxResponseUnzipped bounds what a responses workbook may decompress to:
// rows are streamed, so this bounds the time spent, not the memory (but
// for the shared strings, held while the sheet is read).
const maxResponseUnzipped = 1 << 30

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

// openCSV reads a CSV file in UTF-8, with or without BOM, separated by ','
// or ';' (package sheet).
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

// newCSVRows reads the header of a CSV stream; closing is left to the
// caller. A row with another number of fields than the header is a
// rowError.
func newCSVRows(r io.Reader) (*responseRows, error) {
	s, err := sheet.OpenCSV(r, sheet.Limits{})
	if err != nil {
		return nil, err
	}
	return newResponseRows(s, func(row sheet.Row, header []string) error {
		if len(row.Cells) != len(header) {
			return &rowError{fmt.Sprintf("ligne %d : %d colonnes au lieu de %d comme l'en-tête", row.Line, len(row.Cells), len(header))}
		}
		return nil
	}, func() error { return nil })
}

// openXLSX streams the first sheet of a workbook. Cells are read raw, so a
// number shows as Excel stores it ("3"), whatever its display format.
func openXLSX(path string) (*responseRows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openFileError(err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, openFileError(err)
	}
	s, err := sheet.OpenXLSX(f, st.Size(), sheet.Limits{Columns: maxResponseColumns, Unzipped: maxResponseUnzipped})
	if err != nil {
		f.Close()
		return nil, workbookError(err)
	}
	rows, err := newResponseRows(s, func(row sheet.Row, header []string) error {
		if row.Wider {
			return &rowError{fmt.Sprintf("ligne %d : une valeur au-delà de la colonne %d", row.Line, maxResponseColumns)}
		}
		return nil
	}, func() error { return errors.Join(s.Close(), f.Close()) })
	if err != nil {
		f.Close()
		return nil, err
	}
	return rows, nil
}

// workbookError words the errors of package sheet proper to workbooks.
func workbookError(err error) error {
	if errors.Is(err, sheet.ErrTooLarge) {
		return fmt.Errorf("classeur trop volumineux une fois décompressé (plus de %d Go) : enregistrez-le au format CSV", maxResponseUnzipped>>30)
	}
	return err
}

// newResponseRows reads the header, the first row with content, then
// hands out the rows after it, each checked by check.
func newResponseRows(s *sheet.Reader, check func(row sheet.Row, header []string) error, closeAll func() error) (*responseRows, error) {
	first, err := s.Next()
	if err == io.EOF {
		return nil, errEmptyFile
	} else if err != nil {
		return nil, workbookError(err)
	}
	if first.Wider {
		return nil, fmt.Errorf("ligne %d : l'en-tête a plus de %d colonnes", first.Line, maxResponseColumns)
	}
	header := first.Cells
	s.Reuse() // each row goes to scoring and is dropped: no copy per row
	next := func() (int, []string, error) {
		row, err := s.Next()
		if err == io.EOF {
			return 0, nil, io.EOF
		} else if err != nil {
			return 0, nil, workbookError(err)
		}
		if err := check(row, header); err != nil {
			return row.Line, nil, err
		}
		return row.Line, row.Cells, nil
	}
	return &responseRows{Header: header, next: next, close: closeAll}, nil
}
