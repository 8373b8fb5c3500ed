package questionnaires_test

import (
	"os"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
)

func BenchmarkParse(b *testing.B) {
	for _, f := range []string{"testdata/valide.yaml", "reconnaissance.yaml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := questionnaires.Parse(f, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
