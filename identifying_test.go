package vigie_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestIdentifyingHints(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []vigie.Hint
	}{
		{"TitleAndName", "Notre cheffe de service, Mme Durand, ne voit que les tableaux de bord",
			[]vigie.Hint{{Kind: vigie.HintTitle, Word: "Mme"}, {Kind: vigie.HintName, Word: "Durand"}}},
		{"PlaceAndMonth", "Depuis mon retour de congé à Lens en mars…",
			[]vigie.Hint{{Kind: vigie.HintName, Word: "Lens"}, {Kind: vigie.HintMonth, Word: "mars"}}},
		{"AbbreviationEndsNoSentence", "Voyez avec M. Martin.",
			[]vigie.Hint{{Kind: vigie.HintTitle, Word: "M."}, {Kind: vigie.HintName, Word: "Martin"}}},
		{"TitleInFull", "le docteur nous a dit lundi que",
			[]vigie.Hint{{Kind: vigie.HintTitle, Word: "docteur"}, {Kind: vigie.HintMonth, Word: "lundi"}}},
		{"Dates", "Réunion le 12/03, puis le 1er du mois, en 2025 et le 2025-04-01.",
			[]vigie.Hint{{Kind: vigie.HintDate, Word: "12/03"}, {Kind: vigie.HintDate, Word: "1er"},
				{Kind: vigie.HintDate, Word: "2025"}, {Kind: vigie.HintDate, Word: "2025-04-01"}}},
		{"MonthWithoutAccent", "depuis fevrier et aout", []vigie.Hint{{Kind: vigie.HintMonth, Word: "fevrier"}, {Kind: vigie.HintMonth, Word: "aout"}}},
		{"ApostropheName", "le directeur de l'Agence", []vigie.Hint{{Kind: vigie.HintName, Word: "Agence"}}},
		{"SentenceStartsAreNotNames", "Trop de travail. Les équipes sont épuisées ! On tient.\nPersonne ne vient.", nil},
		{"ShortAcronymsAreNotNames", "les RH et le CSE ne répondent pas", nil},
		{"LongCapitalsAreNames", "voir avec DURAND", []vigie.Hint{{Kind: vigie.HintName, Word: "DURAND"}}},
		{"PlainNumbersAreNotDates", "nous sommes 12 pour 300 dossiers", nil},
		{"MAloneIsNotATitle", "le plan M reste flou", []vigie.Hint{{Kind: vigie.HintName, Word: "M"}}},
		{"EachWordOnce", "Lens, encore Lens", []vigie.Hint{{Kind: vigie.HintName, Word: "Lens"}}},
		{"Empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := vigie.IdentifyingHints(tc.text)
			if len(got) != len(tc.want) {
				t.Fatalf("IdentifyingHints(%q) = %v, want %v", tc.text, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("IdentifyingHints(%q) = %v, want %v", tc.text, got, tc.want)
				}
			}
		})
	}
}

// FuzzIdentifyingHints checks that any text is read without failing and
// that every hint is a word of the text, given once.
func FuzzIdentifyingHints(f *testing.F) {
	for _, s := range []string{"Notre cheffe de service, Mme Durand, ne voit que les tableaux de bord",
		"Depuis mon retour de congé à Lens en mars…", "M. 12/03/2025 l'Agence", "\xff\xfeM.", "1-/-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		seen := map[vigie.Hint]bool{}
		valid := strings.ToValidUTF8(text, " ")
		for _, h := range vigie.IdentifyingHints(text) {
			if h.Word == "" || !strings.Contains(valid, h.Word) {
				t.Fatalf("hint %q is not in %q", h.Word, text)
			}
			if seen[h] {
				t.Fatalf("hint %v given twice for %q", h, text)
			}
			seen[h] = true
		}
	})
}
