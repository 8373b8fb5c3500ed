package sheet

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// A workbook is read straight from its XML, without excelize: excelize's
// row iterator pads each row up to its last cell (Rows.Columns appends an
// empty string per column before it), so a row whose only cell is in
// column XFD costs 16,384 strings, about 0.5 MB of allocations, however
// few columns the caller keeps. Here the cells right of Limits.Columns
// are looked at (does the row have content?) and dropped.
//
// What is read: the relations of the package (_rels/.rels) to find the
// workbook part, the workbook and its relations to find the first
// worksheet and the shared strings, then the sheet, one row per Next.
// Values are the raw ones Excel stores: "3" for a number whatever its
// display format, shared and inline strings as written.

// OpenXLSX reads the first worksheet of the workbook in r (size bytes).
func OpenXLSX(r io.ReaderAt, size int64, lim Limits) (*Reader, error) {
	return OpenXLSXSheet(r, size, "", lim)
}

// OpenXLSXSheet reads the worksheet called name (compared without regard
// to case, as Excel does) of the workbook in r, or its first worksheet
// when name is "": a workbook of several tables, such as the questionnaire
// template, is read one sheet at a time, each within lim.
func OpenXLSXSheet(r io.ReaderAt, size int64, name string, lim Limits) (*Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, errUnreadable(err)
	}
	x := &workbook{files: map[string]*zip.File{}, budget: lim.unzipped(), cols: lim.columns()}
	for _, f := range zr.File {
		x.files[strings.ToLower(f.Name)] = f
	}
	book, err := x.officeDocument()
	if err != nil {
		return nil, err
	}
	sheetPath, sstPath, err := x.parts(book, name)
	if err != nil {
		return nil, err
	}
	if x.has(sstPath) {
		if err := x.readSharedStrings(sstPath); err != nil {
			return nil, err
		}
	}
	rc, err := x.open(sheetPath)
	if err != nil {
		return nil, err
	}
	x.sheet = xml.NewDecoder(rc)
	return &Reader{lim: lim, next: x.nextRow, close: rc.Close}, nil
}

// workbook is an open workbook being read.
type workbook struct {
	files  map[string]*zip.File // by lower-case name
	budget int64                // bytes still allowed to be decompressed
	cols   int

	// Shared strings, all in one string: entry i is sst[ends[i-1]:ends[i]].
	sst  string
	ends []uint32

	sheet *xml.Decoder
	line  int // the last row's number
}

func errUnreadable(err error) error {
	return &Error{Msg: fmt.Sprintf("classeur illisible (%v) : enregistrez-le à nouveau au format .xlsx", err)}
}

// has reports whether the package holds the part name.
func (x *workbook) has(name string) bool {
	_, ok := x.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	return name != "" && ok
}

// open opens a part of the package, its reading counted against the budget.
func (x *workbook) open(name string) (io.ReadCloser, error) {
	f, ok := x.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if !ok {
		return nil, errUnreadable(fmt.Errorf("partie %s absente", name))
	}
	if int64(f.UncompressedSize64) > x.budget || f.UncompressedSize64 > 1<<40 {
		return nil, ErrTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errUnreadable(err)
	}
	return &budgeted{ReadCloser: rc, budget: &x.budget}, nil
}

// budgeted counts what is read against a budget shared by every part; the
// sizes a ZIP archive declares are not trusted.
type budgeted struct {
	io.ReadCloser
	budget *int64
}

func (b *budgeted) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if *b.budget -= int64(n); *b.budget < 0 {
		return n, ErrTooLarge
	}
	return n, err
}

// relation is a <Relationship> of a .rels part.
type relation struct{ typ, target string }

// relations reads the .rels part of the part named owner ("" for the
// package), by id, with targets resolved to part names.
func (x *workbook) relations(owner string) (map[string]relation, error) {
	dir := path.Dir(owner)
	name := path.Join(dir, "_rels", path.Base(owner)+".rels")
	if owner == "" {
		dir, name = "", "_rels/.rels"
	}
	rc, err := x.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	rels := map[string]relation{}
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return rels, nil
		} else if err != nil {
			return nil, xmlError(err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			id, target := attr(se, "Id"), attr(se, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			rels[id] = relation{typ: attr(se, "Type"), target: target}
		}
	}
}

// officeDocument returns the name of the workbook part.
func (x *workbook) officeDocument() (string, error) {
	rels, err := x.relations("")
	if err != nil {
		return "", err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/officeDocument") {
			return r.target, nil
		}
	}
	return "", errUnreadable(errors.New("pas de classeur dans le fichier"))
}

// parts returns the names of the worksheet called name (the first one
// when name is "") and of the shared strings ("" when the workbook has
// none).
func (x *workbook) parts(book, name string) (sheet, sst string, err error) {
	rels, err := x.relations(book)
	if err != nil {
		return "", "", err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			sst = r.target
		}
	}
	rc, err := x.open(book)
	if err != nil {
		return "", "", err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if err == io.EOF && name != "" {
			return "", "", &Error{Msg: fmt.Sprintf("le classeur n'a pas de feuille « %s »", name)}
		} else if err == io.EOF {
			return "", "", &Error{Msg: "le classeur n'a aucune feuille"}
		} else if err != nil {
			return "", "", xmlError(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" || (name != "" && !strings.EqualFold(attr(se, "name"), name)) {
			continue
		}
		// r:id, in the relationships namespace: not sheetId.
		for _, a := range se.Attr {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if r, ok := rels[a.Value]; ok && strings.HasSuffix(r.typ, "/worksheet") {
					return r.target, sst, nil
				}
			}
		}
	}
}

// readSharedStrings reads the shared strings table.
func (x *workbook) readSharedStrings(name string) error {
	rc, err := x.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	var b strings.Builder
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			x.sst = b.String()
			return nil
		} else if err != nil {
			return xmlError(err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			if err := richText(dec, &b); err != nil {
				return xmlError(err)
			}
			if b.Len() > 1<<32-1 {
				return ErrTooLarge
			}
			x.ends = append(x.ends, uint32(b.Len()))
		}
	}
}

// sharedString returns entry i of the shared strings.
func (x *workbook) sharedString(i int) (string, bool) {
	if i < 0 || i >= len(x.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = x.ends[i-1]
	}
	return x.sst[start:x.ends[i]], true
}
