package store_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/store"
)

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`},
		{`UPDATE codes SET used = 1 WHERE campaign_id = ?1 AND hash = ?2 AND id = ?1`, `UPDATE codes SET used = 1 WHERE campaign_id = $1 AND hash = $2 AND id = $1`},
		{`SELECT '?' , ? FROM t`, `SELECT '?' , $1 FROM t`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{`SELECT "odd?name" FROM t WHERE x = ?`, `SELECT "odd?name" FROM t WHERE x = $1`},
		{"-- why? because\nSELECT ?", "-- why? because\nSELECT $1"},
		{`/* ? */ SELECT ? /* ?`, `/* ? */ SELECT $1 /* ?`},
		{`CREATE FUNCTION f() AS $$ SELECT '?' $$; SELECT ?`, `CREATE FUNCTION f() AS $$ SELECT '?' $$; SELECT $1`},
		{`SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`, `SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
	}
	for _, tt := range tests {
		if got := store.Rebind(tt.in); got != tt.want {
			t.Errorf("Rebind(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// bareMark is a placeholder outside quotes and comments, in queries made
// only of the characters the fuzz target keeps.
var bareMark = regexp.MustCompile(`\?[0-9]*`)

// FuzzRebind checks, on any input, that rebind only ever replaces
// placeholders: the text outside them is unchanged, and on inputs without
// quotes or comments every "?" becomes "$n" in order.
func FuzzRebind(f *testing.F) {
	for _, s := range []string{"SELECT ?", "a = ?1 AND b = ?2", "'?' ?", "-- ?\n?", "/* ? */?", "$$?$$?", "??", "?12?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := store.Rebind(q)
		if !strings.Contains(q, "?") && got != q {
			t.Fatalf("Rebind(%q) = %q: changed a query without placeholders", q, got)
		}
		if strings.ContainsAny(q, `'"-/$`) {
			return
		}
		n := 0
		want := bareMark.ReplaceAllStringFunc(q, func(m string) string {
			if m != "?" {
				return "$" + m[1:]
			}
			n++
			return "$" + strconv.Itoa(n)
		})
		if got != want {
			t.Fatalf("Rebind(%q) = %q, want %q", q, got, want)
		}
	})
}
