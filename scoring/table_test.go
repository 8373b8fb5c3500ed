package scoring_test

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// tableQuestionnaire has items a1, a2 on a 1-5 scale and b1 on a 0-10 scale.
func tableQuestionnaire(tb testing.TB) *questionnaires.Questionnaire {
	tb.Helper()
	accord := &questionnaires.Scale{ID: "accord", Min: 1, Max: 5}
	note := &questionnaires.Scale{ID: "note", Min: 0, Max: 10}
	q := &questionnaires.Questionnaire{
		ID: "test", Version: 1, Language: "fr",
		Scales: []*questionnaires.Scale{accord, note},
		Dimensions: []*questionnaires.Dimension{
			{ID: "a", Items: []*questionnaires.Item{{ID: "a1", Scale: accord}, {ID: "a2", Scale: accord}}},
			{ID: "b", Items: []*questionnaires.Item{{ID: "b1", Scale: note}}},
		},
	}
	q.Finish()
	return q
}

func mustDecoder(tb testing.TB, header ...string) *scoring.TableDecoder {
	tb.Helper()
	d, _, err := scoring.NewTableDecoder(tableQuestionnaire(tb), header)
	if err != nil {
		tb.Fatalf("NewTableDecoder(%q): %v", header, err)
	}
	return d
}

func TestNewTableDecoderWarnings(t *testing.T) {
	header := []string{"unit", " a1 ", "horodatage", "", "segment.metier", "a2", "segment.anciennete"}
	d, warnings, err := scoring.NewTableDecoder(tableQuestionnaire(t), header)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"colonne « horodatage » ignorée",
		"colonne n° 4 sans en-tête ignorée",
		"1\u00a0question du questionnaire absente du fichier, comptée sans réponse : b1",
	}
	if !reflect.DeepEqual(warnings, want) {
		t.Errorf("warnings = %q, want %q", warnings, want)
	}
	if got := d.Segments(); !reflect.DeepEqual(got, []string{"metier", "anciennete"}) {
		t.Errorf("Segments() = %q, want [metier anciennete]", got)
	}
}

func TestNewTableDecoderErrors(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   string
	}{
		{"NoItemColumn", []string{"unit", "segment.metier", "x"}, "aucune colonne ne porte l'identifiant d'une question du questionnaire test"},
		{"EmptyHeader", nil, "aucune colonne"},
		{"DuplicateItem", []string{"a1", "a2", "a1"}, "colonne « a1 » en double (colonnes n° 1 et 3)"},
		{"DuplicateUnit", []string{"unit", "a1", " unit"}, "colonne « unit » en double"},
		{"DuplicateSegment", []string{"segment.m", "a1", "segment.m"}, "colonne « segment.m » en double"},
		{"DuplicateIgnored", []string{"x", "a1", "x"}, "colonne « x » en double"},
		{"SegmentWithoutName", []string{"segment.", "a1"}, "nom de segment manquant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := scoring.NewTableDecoder(tableQuestionnaire(t), tt.header)
			if err == nil {
				t.Fatalf("NewTableDecoder(%q) succeeded, want an error", tt.header)
			}
			if vigie.ErrorCode(err) != vigie.EINVALID {
				t.Errorf("code = %s, want %s", vigie.ErrorCode(err), vigie.EINVALID)
			}
			if msg := vigie.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestTableDecoderDecode(t *testing.T) {
	const M = scoring.Missing
	d := mustDecoder(t, "unit", "a1", "a2", "b1", "segment.metier", "note libre")
	tests := []struct {
		name     string
		record   []string
		ok       bool
		unit     []string
		segments map[string]string
		answers  []int
	}{
		{"Complete", []string{"Direction A/Service 1", "1", "5", "10", "Infirmier", "bla"}, true,
			[]string{"Direction A", "Service 1"}, map[string]string{"metier": "Infirmier"}, []int{1, 5, 10}},
		{"BlankAndNA", []string{"Direction A", "", " na ", "0", "", ""}, true,
			[]string{"Direction A"}, map[string]string{}, []int{M, M, 0}},
		{"NAUnitAndSegment", []string{"NA", "2", "NA", "", "NA", ""}, true,
			nil, map[string]string{}, []int{2, M, M}},
		{"Spaces", []string{" Direction A / Service 2 /", " 3 ", "\t4", "7 ", " Assistant social ", ""}, true,
			[]string{"Direction A", "Service 2"}, map[string]string{"metier": "Assistant social"}, []int{3, 4, 7}},
		{"ZeroDecimals", []string{"", "3.0", "4,00", "10.000", "", ""}, true,
			nil, map[string]string{}, []int{3, 4, 10}},
		{"LeadingZeroAndPlus", []string{"", "03", "+2", "", "", ""}, true,
			nil, map[string]string{}, []int{3, 2, M}},
		{"ShortRow", []string{"A", "2"}, true, []string{"A"}, map[string]string{}, []int{2, M, M}},
		{"NoAnswer", []string{"Direction A", "", "NA", " ", "Infirmier", "texte"}, false, nil, nil, nil},
		{"EmptyRow", nil, false, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok, err := d.Decode(2, tt.record)
			if err != nil {
				t.Fatalf("Decode(%q): %v", tt.record, err)
			}
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if !reflect.DeepEqual(r.Unit, tt.unit) {
				t.Errorf("Unit = %q, want %q", r.Unit, tt.unit)
			}
			if !reflect.DeepEqual(r.Segments, tt.segments) {
				t.Errorf("Segments = %q, want %q", r.Segments, tt.segments)
			}
			if !reflect.DeepEqual(r.Answers, tt.answers) {
				t.Errorf("Answers = %v, want %v", r.Answers, tt.answers)
			}
		})
	}
}

func TestTableDecoderValueErrors(t *testing.T) {
	d := mustDecoder(t, "a1", "b1")
	tests := []struct {
		name   string
		record []string
		want   string
	}{
		{"AboveScale", []string{"7", ""}, "ligne 12, colonne a1 : « 7 » n'est pas une valeur de l'échelle 1–5"},
		{"BelowScale", []string{"0", ""}, "ligne 12, colonne a1 : « 0 » n'est pas une valeur de l'échelle 1–5"},
		{"Negative", []string{"-1", ""}, "ligne 12, colonne a1 : « -1 » n'est pas une valeur de l'échelle 1–5"},
		{"OtherScale", []string{"", "11"}, "ligne 12, colonne b1 : « 11 » n'est pas une valeur de l'échelle 0–10"},
		{"Decimal", []string{"3.5", ""}, "ligne 12, colonne a1 : « 3.5 » n'est pas une valeur de l'échelle 1–5"},
		{"DecimalComma", []string{"2,5", ""}, "« 2,5 »"},
		{"TrailingDot", []string{"3.", ""}, "« 3. »"},
		{"Text", []string{"Tout à fait d'accord", ""}, "« Tout à fait d'accord »"},
		{"Huge", []string{"99999999999999999999", ""}, "« 99999999999999999999 »"},
		{"Long", []string{strings.Repeat("x", 100), ""}, "« " + strings.Repeat("x", 40) + "… »"},
		{"NotApplicable", []string{"N/A", ""}, "« N/A »"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ok, err := d.Decode(12, tt.record)
			if err == nil || ok {
				t.Fatalf("Decode(%q) = ok %v, err %v; want an error", tt.record, ok, err)
			}
			if vigie.ErrorCode(err) != vigie.EINVALID {
				t.Errorf("code = %s, want %s", vigie.ErrorCode(err), vigie.EINVALID)
			}
			if msg := vigie.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message = %q, want it to contain %q", msg, tt.want)
			}
		})
	}

	t.Run("EveryBadCellOfTheRow", func(t *testing.T) {
		_, _, err := d.Decode(3, []string{"9", "x"})
		joined, ok := err.(interface{ Unwrap() []error })
		if !ok || len(joined.Unwrap()) != 2 {
			t.Fatalf("err = %v, want two joined errors", err)
		}
		var e *vigie.Error
		if !errors.As(joined.Unwrap()[1], &e) || !strings.Contains(e.Message, "colonne b1 : « x »") {
			t.Errorf("second error = %v, want the bad b1 cell", joined.Unwrap()[1])
		}
	})
}

// Rows with the same unit and categories share their Unit and Segments, and
// rows with other values do not see them.
func TestTableDecoderSharing(t *testing.T) {
	d := mustDecoder(t, "unit", "segment.metier", "segment.age", "a1")
	r1, _, _ := d.Decode(2, []string{"A/B", "x", "", "1"})
	r2, _, _ := d.Decode(3, []string{"A/B", "x", "", "2"})
	r3, _, _ := d.Decode(4, []string{"A/C", "", "x", "3"})
	if !reflect.DeepEqual(r1.Segments, map[string]string{"metier": "x"}) || !reflect.DeepEqual(r2.Segments, r1.Segments) {
		t.Errorf("segments = %v, %v, want metier=x twice", r1.Segments, r2.Segments)
	}
	if !reflect.DeepEqual(r3.Segments, map[string]string{"age": "x"}) {
		t.Errorf("segments = %v, want age=x", r3.Segments)
	}
	if !reflect.DeepEqual(r3.Unit, []string{"A", "C"}) || !reflect.DeepEqual(r2.Unit, []string{"A", "B"}) {
		t.Errorf("units = %q, %q, want A/B and A/C", r2.Unit, r3.Unit)
	}
	if r1.Answers[0] != 1 || r2.Answers[0] != 2 {
		t.Errorf("answers share storage: %v, %v", r1.Answers, r2.Answers)
	}
}

func FuzzTableDecoder(f *testing.F) {
	f.Add("Direction A/Service 1", "metier", "3", "NA", "10")
	f.Add("", "", "", "", "")
	f.Add("/", "NA", "3,0", "-1", "1.5")
	f.Add("A//B/", " x ", "+5", "05", "99999999999")
	q := tableQuestionnaire(f)
	f.Fuzz(func(t *testing.T, unit, metier, a1, a2, b1 string) {
		d, _, err := scoring.NewTableDecoder(q, []string{"unit", "segment.metier", "a1", "a2", "b1"})
		if err != nil {
			t.Fatal(err)
		}
		r, ok, err := d.Decode(2, []string{unit, metier, a1, a2, b1})
		if err != nil {
			if ok || vigie.ErrorCode(err) != vigie.EINVALID {
				t.Fatalf("ok = %v, code %s with error %v", ok, vigie.ErrorCode(err), err)
			}
			return
		}
		if !ok {
			return
		}
		if len(r.Answers) != 3 {
			t.Fatalf("len(Answers) = %d, want 3", len(r.Answers))
		}
		answered := 0
		for i, it := range q.Items() {
			v := r.Answers[i]
			if v == scoring.Missing {
				continue
			}
			answered++
			if !it.Scale.Contains(v) {
				t.Fatalf("item %s = %d, outside its scale", it.ID, v)
			}
		}
		if answered == 0 {
			t.Fatal("ok with no answered item")
		}
		for _, name := range r.Unit {
			if name == "" || strings.Contains(name, "/") || name != strings.TrimSpace(name) {
				t.Fatalf("unit name %q is not a trimmed, non-empty name", name)
			}
		}
		if v, set := r.Segments["metier"]; set && (v == "" || v != strings.TrimSpace(v)) {
			t.Fatalf("segment value %q", v)
		}
	})
}

func BenchmarkTableDecoder(b *testing.B) {
	header := []string{"unit", "segment.metier", "a1", "a2", "b1"}
	d := mustDecoder(b, header...)
	rows := make([][]string, 100)
	for i := range rows {
		rows[i] = []string{"Direction A/Service " + strconv.Itoa(i%7), "m" + strconv.Itoa(i%3), strconv.Itoa(1 + i%5), "NA", strconv.Itoa(i % 11)}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, _, err := d.Decode(i, rows[i%len(rows)]); err != nil {
			b.Fatal(err)
		}
	}
}
