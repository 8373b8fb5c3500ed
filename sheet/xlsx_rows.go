package sheet

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Reading a worksheet's rows and cells (the package is opened in xlsx.go).

// nextRow reads the sheet up to the next row with content.
func (x *workbook) nextRow() (Row, error) {
	for {
		tok, err := x.sheet.Token()
		if err == io.EOF {
			return Row{}, io.EOF
		} else if err != nil {
			return Row{}, rowError(err, x.line+1)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			x.line++
			if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
				x.line = n
			}
			row, content, err := x.readRow()
			if err != nil {
				return Row{}, rowError(err, x.line)
			}
			if content {
				return row, nil
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return Row{}, io.EOF
			}
		}
	}
}

// rowError words an error met while reading the sheet at line.
func rowError(err error, line int) error {
	if errors.Is(err, ErrTooLarge) {
		return ErrTooLarge
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{line, fmt.Sprintf("classeur illisible (%v)", err)}
}

// readRow reads the cells of a row up to its end: the first x.cols are
// kept, the others only tell whether they hold something.
func (x *workbook) readRow() (row Row, content bool, err error) {
	row.Line = x.line
	col := 0
	for {
		tok, err := x.sheet.Token()
		if err != nil {
			return row, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := x.sheet.Skip(); err != nil {
					return row, false, err
				}
				continue
			}
			col++
			if c := column(attr(t, "r")); c > 0 {
				col = c
			}
			v, err := x.cellValue(t)
			if err != nil {
				return row, false, err
			}
			if strings.TrimSpace(v) == "" {
				continue
			}
			content = true
			switch {
			case col > x.cols:
				row.Wider = true
			case col <= len(row.Cells):
				row.Cells[col-1] = v
			default:
				for len(row.Cells) < col-1 {
					row.Cells = append(row.Cells, "")
				}
				row.Cells = append(row.Cells, v)
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				return row, content, nil
			}
		}
	}
}

// cellValue reads a <c> element to its end and returns its value.
func (x *workbook) cellValue(c xml.StartElement) (string, error) {
	var v string
	var inline strings.Builder
	for {
		tok, err := x.sheet.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				var b strings.Builder
				if err := text(x.sheet, &b); err != nil {
					return "", err
				}
				v = b.String()
			case "is":
				if err := richText(x.sheet, &inline); err != nil {
					return "", err
				}
			default: // <f>, <extLst>: the value is in <v>
				if err := x.sheet.Skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			switch attr(c, "t") {
			case "s":
				if v == "" {
					return "", nil
				}
				i, err := strconv.Atoi(strings.TrimSpace(v))
				s, ok := x.sharedString(i)
				if err != nil || !ok {
					return "", &Error{x.line, fmt.Sprintf("la cellule %s renvoie à un texte absent du classeur", attr(c, "r"))}
				}
				return s, nil
			case "inlineStr":
				return inline.String(), nil
			}
			return v, nil
		}
	}
}

// richText appends the text of a string item (<si>, <is>) to b: its <t>
// elements, those of its runs (<r>) included, its phonetic guides (<rPh>)
// left out. It reads to the item's end.
func richText(dec *xml.Decoder, b *strings.Builder) error {
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				if err := text(dec, b); err != nil {
					return err
				}
			case "r":
			default:
				if err := dec.Skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if t.Name.Local != "r" {
				return nil
			}
		}
	}
}

// text appends the character data of the current element to b, up to
// its end.
func text(dec *xml.Decoder, b *strings.Builder) error {
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := dec.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// column returns the column number of a cell reference ("B7" is 2), 0
// when ref has no letters; past XFD it says MaxColumns+1.
func column(ref string) int {
	n := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a') + 1
		default:
			return n
		}
		if n > MaxColumns {
			return MaxColumns + 1
		}
	}
	return n
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func xmlError(err error) error {
	if errors.Is(err, ErrTooLarge) {
		return ErrTooLarge
	}
	return errUnreadable(err)
}
