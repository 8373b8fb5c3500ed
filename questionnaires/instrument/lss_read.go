package instrument

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A LimeSurvey survey structure file (.lss) is an XML dump of the
// survey's tables: <document> holds <LimeSurveyDocType>, <languages> and
// one element per table (<questions>, <answers>, <question_l10ns>...),
// each with <rows> of <row>, each row one element per column. It is read
// here as tables of rows, whatever the LimeSurvey version; lss.go makes
// the questionnaire of them.

// Bounds on a .lss file: a survey of a few hundred questions in three
// languages weighs about 2 MB.
const (
	// MaxLSS is the largest .lss file read, in bytes.
	MaxLSS = 5 << 20
	// maxLSSRows bounds the rows of all tables together.
	maxLSSRows = 200_000
)

// lssRow is a row of a table and the line it starts on.
type lssRow struct {
	line int
	f    map[string]string
}

// lssDoc is a .lss file as tables.
type lssDoc struct {
	docType   string
	languages []string
	tables    map[string][]lssRow
}

// readLSS reads the tables of a .lss file. encoding/xml expands no
// entity but the five predefined ones and reads no external resource;
// the size is capped before parsing.
func readLSS(r io.Reader) (*lssDoc, error) {
	data, err := readAtMost(r, MaxLSS, "fichier LimeSurvey")
	if err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	doc := &lssDoc{tables: map[string][]lssRow{}}
	rows := 0
	var path []string // names of the open elements
	var row *lssRow
	var cell strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, lssSyntaxError(dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			switch {
			case len(path) == 1 && t.Name.Local != "document":
				return nil, lssError(dec, "ce n'est pas un fichier de structure LimeSurvey (.lss) : l'élément racine est <%s>, <document> attendu", t.Name.Local)
			case len(path) == 4 && path[2] == "rows" && t.Name.Local == "row":
				if rows++; rows > maxLSSRows {
					return nil, lssError(dec, "plus de %d lignes de tables : ce n'est pas un questionnaire", maxLSSRows)
				}
				line, _ := dec.InputPos()
				row = &lssRow{line: line, f: map[string]string{}}
			case len(path) > 5:
				return nil, lssError(dec, "élément <%s> inattendu dans une ligne de la table %s", t.Name.Local, path[1])
			}
			cell.Reset()
		case xml.CharData:
			if len(path) == 5 || (len(path) == 2 && path[1] == "LimeSurveyDocType") || (len(path) == 3 && path[1] == "languages") {
				cell.Write(t)
			}
		case xml.EndElement:
			switch {
			case len(path) == 5 && row != nil:
				row.f[path[4]] = cell.String()
			case len(path) == 4 && row != nil:
				doc.tables[path[1]] = append(doc.tables[path[1]], *row)
				row = nil
			case len(path) == 2 && path[1] == "LimeSurveyDocType":
				doc.docType = strings.TrimSpace(cell.String())
			case len(path) == 3 && path[1] == "languages":
				doc.languages = append(doc.languages, strings.TrimSpace(cell.String()))
			}
			path = path[:len(path)-1]
		}
	}
	if doc.docType == "" {
		return nil, &Error{Problems: []Problem{{Message: "ce n'est pas un fichier de structure LimeSurvey (.lss) : <LimeSurveyDocType> manque"}}}
	}
	if doc.docType != "Survey" {
		return nil, &Error{Problems: []Problem{{Message: fmt.Sprintf("ce fichier LimeSurvey est un export de type « %s » : exportez la structure du questionnaire entier (Exporter → Structure du questionnaire (.lss))", doc.docType)}}}
	}
	return doc, nil
}

// lssError is a problem at the decoder's current line.
func lssError(dec *xml.Decoder, format string, args ...any) error {
	line, _ := dec.InputPos()
	return &Error{Problems: []Problem{{Place: Place{Line: line}, Message: fmt.Sprintf(format, args...)}}}
}

// lssSyntaxError words an XML error with its line.
func lssSyntaxError(dec *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &Error{Problems: []Problem{{Place: Place{Line: se.Line}, Message: "XML illisible (" + se.Msg + ")"}}}
	}
	return lssError(dec, "XML illisible (%v)", err)
}
