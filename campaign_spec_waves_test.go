package vigie_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/campaignfile"
)

const waveSpecYAML = `title: Baromètre 2027
organisation: Clinique des Tilleuls
questionnaires: [reconnaissance]
units:
  - path: Pôle soins/Urgences
  - path: Pôle support
previous: c_2026
unit_map:
  "Pôle médecine/Urgences": "Pôle soins/Urgences"
`

func TestCampaignSpecWaves(t *testing.T) {
	t.Run("PreviousAndUnitMap", func(t *testing.T) {
		s, err := campaignfile.Parse("campagne.yaml", []byte(waveSpecYAML))
		if err != nil {
			t.Fatalf("parse: %v", vigie.ErrorMessage(err))
		}
		if s.Previous != "c_2026" || s.UnitMap["Pôle médecine/Urgences"] != "Pôle soins/Urgences" || len(s.UnitMap) != 1 {
			t.Fatalf("previous %q, unit_map %v", s.Previous, s.UnitMap)
		}
	})
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"MergeRefused", waveSpecYAML + `  "Pôle médecine/SMUR": "Pôle soins/Urgences"` + "\n",
			"campagne.yaml:9: unit_map : « Pôle médecine/SMUR », « Pôle médecine/Urgences » deviennent tous « Pôle soins/Urgences » ; une fusion ne se compare pas"},
		{"UnitMapWithoutPrevious", strings.Replace(waveSpecYAML, "previous: c_2026\n", "", 1), "unit_map : ne sert qu'avec previous"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := campaignfile.Parse("campagne.yaml", []byte(tc.yaml))
			if vigie.ErrorCode(err) != vigie.EINVALID || !strings.Contains(vigie.ErrorMessage(err), tc.want) {
				t.Fatalf("err = %v, want EINVALID containing %q", err, tc.want)
			}
		})
	}
}
