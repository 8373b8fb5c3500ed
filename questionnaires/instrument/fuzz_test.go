package instrument_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/questionnaires/instrument"
)

// checkImport asserts what a converter promises: an error listing
// problems, or a YAML file the questionnaire parser accepts.
func checkImport(t *testing.T, res *instrument.Result, err error) {
	t.Helper()
	if err != nil {
		if res != nil {
			t.Fatal("returned both a result and an error")
		}
		var ie *instrument.Error
		if errors.As(err, &ie) && len(ie.Problems) == 0 {
			t.Fatal("an *Error without problems")
		}
		return
	}
	if _, err := questionnaires.Parse("fuzz.yaml", res.YAML); err != nil {
		t.Fatalf("the YAML written does not parse: %v\n%s", err, res.YAML)
	}
}

// FuzzFromLSS checks that a .lss file never makes the importer panic.
func FuzzFromLSS(f *testing.F) {
	f.Add([]byte(lss(lss3)))
	f.Add([]byte(lss(`<questions><rows><row><qid>1</qid><parent_qid>0</parent_qid><type>A</type><title>é</title></row></rows></questions><subquestions><rows><row><qid>2</qid><parent_qid>1</parent_qid><title>é</title></row></rows></subquestions>`)))
	f.Add([]byte(`<document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := instrument.FromLSS(bytes.NewReader(data), "fuzz.lss")
		checkImport(t, res, err)
	})
}

// FuzzFromXLSX checks that a workbook never makes the importer panic;
// the seed is the sample workbook.
func FuzzFromXLSX(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "charge-et-soutien.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := instrument.FromXLSX(bytes.NewReader(data), "fuzz.xlsx")
		checkImport(t, res, err)
	})
}
