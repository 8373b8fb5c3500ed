package web_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/web"
)

// FuzzUnitsText checks that any text gives units or problems located at a
// line of the text, never a panic.
func FuzzUnitsText(f *testing.F) {
	for _, s := range []string{"A/B;12\nA/C;7\n", "A//B;3", ";;;", "Unité;Effectif\nX;1", "A\tB", "A/B;-1\nA/B;2", "\n\n(non renseigné);4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, lines := web.ParseUnitsText(text)
		total := strings.Count(text, "\n") + 1
		for _, l := range lines {
			if l < 1 || l > total {
				t.Fatalf("problem at line %d of a %d-line text %q", l, total, text)
			}
		}
		if n < 0 {
			t.Fatal("negative count")
		}
	})
}

// FuzzUnitsFile checks the CSV and XLSX reader on any bytes.
func FuzzUnitsFile(f *testing.F) {
	for _, s := range []string{"Unité;Effectif\nA/B;12\n", "a,b,3\n\"x", "PK\x03\x04garbage", "\xef\xbb\xbfA;1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, lines := web.ParseUnitsFile(data)
		for _, l := range lines {
			if l < 0 {
				t.Fatalf("problem at line %d", l)
			}
		}
		_ = n
	})
}

func TestUnitsTextProblems(t *testing.T) {
	tests := []struct {
		text  string
		units int
		lines []int
	}{
		{"A/B;12\nA/C;7\nD\n", 3, nil},
		{"\n\nA/B;douze\n", 0, []int{3}},
		{"A/B;1\nA/B;2\n", 1, []int{2}},
		{"/A;1\nA/;1\nA//B\n", 0, []int{1, 2, 3}},
		{"(non renseigné);3", 0, []int{1}},
	}
	for _, tt := range tests {
		n, lines := web.ParseUnitsText(tt.text)
		if n != tt.units || !equalInts(lines, tt.lines) {
			t.Errorf("%q: %d units, problems at %v; want %d, %v", tt.text, n, lines, tt.units, tt.lines)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
