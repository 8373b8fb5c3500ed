package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// TestEachStreamsInOrder: the rows reach fn in file order, several
// batches' worth, each respondent's answers as written; an error of fn
// stops the reading and names its line.
func TestEachStreamsInOrder(t *testing.T) {
	dir := t.TempDir()
	q, err := questionnaires.Load(writeBenchQuestionnaire(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	sb.WriteString("unit;d0i0;d0i1\n")
	const rows = 3*rowBatchSize + 17
	for i := range rows {
		fmt.Fprintf(&sb, "U%d;%d;%d\n", i, 1+i%5, 1+(i/5)%5)
	}
	path := writeTestFile(t, dir, "r.csv", sb.String())

	f, _, err := openResponseFile(q, path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	i0, i1 := q.Item("d0i0").Index, q.Item("d0i1").Index
	n := 0
	err = f.Each(func(r scoring.Respondent) error {
		if want := fmt.Sprintf("U%d", n); len(r.Unit) != 1 || r.Unit[0] != want || r.Answers[i0] != 1+n%5 || r.Answers[i1] != 1+(n/5)%5 {
			return fmt.Errorf("respondent %d = %v %v, want %s with %d, %d", n, r.Unit, r.Answers[:2], want, 1+n%5, 1+(n/5)%5)
		}
		n++
		return nil
	})
	if err != nil || n != rows {
		t.Fatalf("Each: %d respondents, %v; want %d in order", n, err, rows)
	}

	g, _, err := openResponseFile(q, filepath.Join(dir, "r.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	stopAt := 2*rowBatchSize + 3
	calls := 0
	err = g.Each(func(scoring.Respondent) error {
		calls++
		if calls == stopAt {
			return errors.New("refusé")
		}
		return nil
	})
	if want := fmt.Sprintf("ligne %d : refusé", stopAt+1); err == nil || err.Error() != want || calls != stopAt {
		t.Fatalf("Each after fn failed at row %d: %v after %d calls, want %q and no call after", stopAt, err, calls, want)
	}
}
