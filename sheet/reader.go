package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits bound what a Reader reads.
type Limits struct {
	// Rows is how many rows with content may be read (a header counts);
	// reading one more fails with ErrTooManyRows. 0 means no limit.
	Rows int
	// Columns is how many leading cells of each row are kept; content
	// further right only sets Row.Wider. 0 means MaxColumns.
	Columns int
	// Unzipped bounds the bytes decompressed from a workbook: its
	// workbook part, their relations, the shared strings and the first
	// sheet, together. 0 means DefaultUnzipped.
	Unzipped int64
}

// MaxColumns is Excel's column count (A to XFD): a CSV row with more
// fields is refused before encoding/csv splits it.
const MaxColumns = 16384

// DefaultUnzipped is the decompression budget of a workbook when Limits
// does not say: far above a list of 5,000 units or addresses (under 2 MB),
// far below what would strain a small server.
const DefaultUnzipped = 16 << 20

func (l Limits) columns() int {
	if l.Columns <= 0 || l.Columns > MaxColumns {
		return MaxColumns
	}
	return l.Columns
}

func (l Limits) unzipped() int64 {
	if l.Unzipped <= 0 {
		return DefaultUnzipped
	}
	return l.Unzipped
}

// ErrTooManyRows is returned by Next for the first row past Limits.Rows;
// the caller words the message, since it knows what the rows are.
var ErrTooManyRows = errors.New("sheet: too many rows")

// ErrTooLarge is returned when a workbook decompresses past
// Limits.Unzipped; the caller words the message.
var ErrTooLarge = errors.New("sheet: workbook too large once decompressed")

// Error is a problem with the file, in French, at a line when Line > 0.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("ligne %d : %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Row is one row with content.
type Row struct {
	Line  int      // as a spreadsheet or a text editor numbers it, from 1
	Cells []string // the first Limits.Columns cells; a workbook's trailing empty cells are left out
	Wider bool     // some cell right of Limits.Columns has content
}

// Reader reads the rows with content of a CSV file or of a workbook's
// first sheet; blank rows are skipped.
type Reader struct {
	lim   Limits
	reuse bool // CSV rows share their cells with the next one (Reuse)
	rows  int
	next  func() (Row, error)
	close func() error
	err   error
}

// Open reads data as a workbook when it is a ZIP archive (as every .xlsx
// is), as CSV otherwise: the content decides, not the file's name.
func Open(data []byte, lim Limits) (*Reader, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return OpenXLSX(bytes.NewReader(data), int64(len(data)), lim)
	}
	return OpenCSV(bytes.NewReader(data), lim)
}

// Next returns the next row with content, io.EOF after the last one, or
// the error that stopped the reading (every later call returns it too).
func (r *Reader) Next() (Row, error) {
	if r.err != nil {
		return Row{}, r.err
	}
	row, err := r.next()
	if err == nil {
		r.rows++
		if r.lim.Rows > 0 && r.rows > r.lim.Rows {
			err = ErrTooManyRows
		}
	}
	if err != nil {
		r.err = err
		return Row{}, err
	}
	return row, nil
}

// Reuse lets a CSV file's rows share their Cells with the next row, valid
// until the next call to Next: a caller that keeps nothing of a row (a
// responses file handed to scoring, 100,000 rows) saves a copy per row.
func (r *Reader) Reuse() { r.reuse = true }

// Close releases what the reader holds.
func (r *Reader) Close() error {
	if r.close == nil {
		return nil
	}
	return r.close()
}

// blank reports whether every cell is empty or spaces.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

var _ io.Closer = (*Reader)(nil)
