package vigie_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/campaignfile"
)

// Categories can be written plainly or by language; the French text stays
// the category's name, so answers and results do not depend on the
// language an employee answered in.
func TestParseCampaignSpecCategories(t *testing.T) {
	const base = "title: T\norganisation: O\nquestionnaires: [reconnaissance]\nlanguages: [fr, en]\n"

	t.Run("Translated", func(t *testing.T) {
		s, err := campaignfile.Parse("c.yaml", []byte(base+`segments:
  - id: metier
    label: {fr: Métier, en: Job}
    categories:
      - {fr: Encadrement, en: Management}
      - Administratif
      - fr: Conseiller
        en: Adviser
`))
		if err != nil {
			t.Fatalf("parse: %v", vigie.ErrorMessage(err))
		}
		seg := s.Segments[0]
		if want := []string{"Encadrement", "Administratif", "Conseiller"}; !slices.Equal(seg.Categories, want) {
			t.Fatalf("categories = %q, want the French names %q", seg.Categories, want)
		}
		for _, tt := range []struct{ cat, lang, want string }{
			{"Encadrement", "en", "Management"},
			{"Encadrement", "fr", "Encadrement"},
			{"Administratif", "en", "Administratif"}, // plain form: the name in every language
			{"Conseiller", "en", "Adviser"},
		} {
			if got := seg.CategoryLabel(tt.cat, tt.lang); got != tt.want {
				t.Errorf("CategoryLabel(%q, %q) = %q, want %q", tt.cat, tt.lang, got, tt.want)
			}
		}
		// Spec keeps the translations, so an edited draft does not lose them.
		c := &vigie.Campaign{Segments: s.Segments}
		if got := c.Spec().Segments[0]; !reflect.DeepEqual(got.CategoryLabels, seg.CategoryLabels) {
			t.Errorf("Spec labels = %v, want %v", got.CategoryLabels, seg.CategoryLabels)
		}
	})

	t.Run("PlainHasNoLabels", func(t *testing.T) {
		s, err := campaignfile.Parse("c.yaml", []byte(base+"segments:\n  - {id: m, label: M, categories: [a, b]}\n"))
		if err != nil {
			t.Fatalf("parse: %v", vigie.ErrorMessage(err))
		}
		if s.Segments[0].CategoryLabels != nil {
			t.Errorf("labels = %v, want nil for the plain form", s.Segments[0].CategoryLabels)
		}
	})

	for _, tt := range []struct {
		name, yaml string
		want       []string
	}{
		{"ErrNoFrench", "segments:\n  - id: m\n    label: {fr: M}\n    categories:\n      - a\n      - {en: Manager}\n",
			[]string{"c.yaml:10: segments : « m » : une catégorie n'a pas de texte en français (fr)"}},
		{"ErrEmptyFrench", "segments:\n  - id: m\n    label: {fr: M}\n    categories:\n      - a\n      - {fr: \"\", en: Manager}\n",
			[]string{"c.yaml:10: segments : « m » : une catégorie n'a pas de texte en français (fr)"}},
		{"ErrLanguage", "segments:\n  - id: m\n    label: {fr: M}\n    categories:\n      - a\n      - {fr: b, de: B}\n",
			[]string{"c.yaml:10: segments : « m » : langue « de » non prise en charge"}},
		{"ErrEmptyEnglish", "segments:\n  - id: m\n    label: {fr: M}\n    categories:\n      - a\n      - {fr: b, en: \"\"}\n",
			[]string{"c.yaml:10: segments : « m » : la catégorie « b » a un texte vide en en"}},
		{"ErrDuplicate", "segments:\n  - id: m\n    label: {fr: M}\n    categories:\n      - a\n      - {fr: a, en: A}\n",
			[]string{"c.yaml:10: segments : « m » : la catégorie « a » figure deux fois"}},
		{"ErrNotText", "segments:\n  - id: m\n    label: {fr: M}\n    categories:\n      - a\n      - {fr: [b], en: B}\n",
			[]string{"c.yaml:10: segments : categories.fr : une valeur simple est attendue"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := campaignfile.Parse("c.yaml", []byte(base+tt.yaml))
			if vigie.ErrorCode(err) != vigie.EINVALID {
				t.Fatalf("error = %v, want EINVALID", err)
			}
			msg := vigie.ErrorMessage(err)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}
