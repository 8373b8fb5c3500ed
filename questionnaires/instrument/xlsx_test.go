package instrument_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/questionnaires/instrument"
)

// sameQuestionnaire compares two questionnaires but for their source.
func sameQuestionnaire(t *testing.T, got, want *questionnaires.Questionnaire) {
	t.Helper()
	g, w := *got, *want
	g.Source, w.Source = nil, nil
	if !reflect.DeepEqual(&g, &w) {
		t.Errorf("questionnaire %s differs after the round trip", want.ID)
		for i := range min(len(g.Dimensions), len(w.Dimensions)) {
			if !reflect.DeepEqual(g.Dimensions[i], w.Dimensions[i]) {
				t.Errorf("dimension %d: got %+v\nwant %+v", i, *g.Dimensions[i], *w.Dimensions[i])
			}
		}
	}
}

// TestTemplateRoundTrip writes every built-in instrument in the template
// and reads it back: the questionnaire is the same.
func TestTemplateRoundTrip(t *testing.T) {
	for _, q := range questionnaires.Builtin() {
		t.Run(q.ID, func(t *testing.T) {
			data, err := instrument.Template(q)
			if err != nil {
				t.Fatal(err)
			}
			res, err := instrument.FromXLSX(bytes.NewReader(data), q.ID+".xlsx")
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
			sameQuestionnaire(t, res.Questionnaire, q)
			if !strings.HasPrefix(string(res.YAML), "# Questionnaire importé du classeur "+q.ID+".xlsx") {
				t.Errorf("YAML starts %.100q", res.YAML)
			}
		})
	}
}
