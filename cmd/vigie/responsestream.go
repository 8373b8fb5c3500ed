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

// Each calls fn with every respondent of the file, in file order; a
// respondent's answers are valid only during its call (fn keeps nothing:
// Scorer.Add). Any bad cell or row is an error, and fn is not called after
// the first one: the reading goes on only to report every bad cell at
// once. A file without any respondent is an error too.
//
// Reading and decoding run in a goroutine of their own, a batch of rows
// ahead of fn: on two cores, scoring then costs little more than reading
// the file (docs/performance.md).
func (f *responseFile) Each(fn func(scoring.Respondent) error) error {
	batches, free := make(chan *rowBatch, 2), make(chan *rowBatch, 3)
	for range cap(free) {
		free <- newRowBatch(f.dec.Items())
	}
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(batches)
		readErr = f.read(batches, free, stop)
	}()
	var fnErr error
	for b := range batches {
		for _, d := range b.rows {
			if fnErr != nil {
				break
			}
			if err := fn(d.r); err != nil {
				fnErr = fmt.Errorf("ligne %d : %w", d.line, err)
				close(stop)
			}
		}
		free <- b
	}
	if fnErr != nil {
		return fnErr
	}
	return readErr
}

// rowBatch is rows decoded ahead of the scoring, with the answers they
// hold.
type rowBatch struct {
	rows    []decodedRow
	answers []int // items × cap(rows)
	items   int
}

type decodedRow struct {
	line int
	r    scoring.Respondent
}

const rowBatchSize = 256

func newRowBatch(items int) *rowBatch {
	return &rowBatch{rows: make([]decodedRow, 0, rowBatchSize), answers: make([]int, items*rowBatchSize), items: items}
}

// read decodes the file into batches taken from free and sent to
// batches, until the end, a stop, or an error; it returns what Each
// reports about the file.
func (f *responseFile) read(batches, free chan *rowBatch, stop chan struct{}) error {
	var bad badCells
	respondents := 0
	b := <-free
	b.rows = b.rows[:0]
	send := func() bool {
		select {
		case batches <- b:
		case <-stop:
			return false
		}
		select {
		case b = <-free:
		case <-stop:
			return false
		}
		b.rows = b.rows[:0]
		return true
	}
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
		n := len(b.rows)
		r, ok, err := f.dec.DecodeTo(line, record, b.answers[n*b.items:(n+1)*b.items])
		if err != nil {
			bad.add(err)
			continue
		}
		if !ok || bad.total > 0 { // after an error, only look for more errors
			continue
		}
		b.rows = append(b.rows, decodedRow{line, r})
		respondents++
		if len(b.rows) == rowBatchSize && !send() {
			return nil // fn failed: Each reports it
		}
	}
	if bad.total > 0 {
		return bad.err()
	}
	if len(b.rows) > 0 && !send() {
		return nil
	}
	if respondents == 0 {
		return errors.New("aucune ligne ne contient de réponse à une question du questionnaire : il n'y a rien à calculer")
	}
	return nil
}

// Close releases the file.
func (f *responseFile) Close() error { return f.rows.Close() }
