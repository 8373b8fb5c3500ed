package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// responseFile is a responses file read as one questionnaire's
// respondents: the row loop that `vigie score` and the offline
// `vigie report` share.
type responseFile struct {
	rows *responseRows
	dec  *scoring.TableDecoder
}

// openResponseFile opens a responses file (CSV or XLSX) and matches its
// header to q's items. The warnings are about ignored columns; they come
// back even with an error.
func openResponseFile(q *questionnaires.Questionnaire, path string) (*responseFile, []string, error) {
	rows, err := openResponses(path)
	if err != nil {
		return nil, nil, err
	}
	dec, warnings, err := scoring.NewTableDecoder(q, rows.Header)
	if err != nil {
		rows.Close()
		return nil, warnings, err
	}
	return &responseFile{rows: rows, dec: dec}, warnings, nil
}

// Segments returns the file's segments, in column order, labelled by
// their ids: a file declares no labels.
func (f *responseFile) Segments() []scoring.Segment {
	var segments []scoring.Segment
	for _, id := range f.dec.Segments() {
		segments = append(segments, scoring.Segment{ID: id, Label: id})
	}
	return segments
}

// Each calls fn with every respondent of the file, in file order. Any bad
// cell or row is an error, and fn is not called after the first one: the
// reading goes on only to report every bad cell at once. A file without
// any respondent is an error too.
func (f *responseFile) Each(fn func(scoring.Respondent) error) error {
	var bad badCells
	respondents := 0
	for {
		line, record, err := f.rows.Next()
		if err == io.EOF {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			bad.add(re)
			continue
		} else if err != nil && bad.total > 0 {
			bad.add(err) // reading stops here: report what was found before
			return bad.err()
		} else if err != nil {
			return err
		}
		r, ok, err := f.dec.Decode(line, record)
		if err != nil {
			bad.add(err)
			continue
		}
		if !ok || bad.total > 0 { // after an error, only look for more errors
			continue
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("ligne %d : %w", line, err)
		}
		respondents++
	}
	if bad.total > 0 {
		return bad.err()
	}
	if respondents == 0 {
		return errors.New("aucune ligne ne contient de réponse à une question du questionnaire : il n'y a rien à calculer")
	}
	return nil
}

// Close releases the file.
func (f *responseFile) Close() error { return f.rows.Close() }
