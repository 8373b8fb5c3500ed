package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Parts of a template that are not French prose: actions, scripts,
// styles, comments and tags (attribute values are checked apart).
var notProse = regexp.MustCompile(`(?s)\{\{.*?\}\}|<script.*?</script>|<style.*?</style>|<!--.*?-->|<[^>]*>`)

// visibleAttr finds the attribute values a person reads or hears.
var visibleAttr = regexp.MustCompile(`\b(?:title|placeholder|aria-label|alt)="([^"{]*)"`)

// employeePages are the templates an employee sees; the others are the
// back office, in French only, which may say « campagne ».
var employeePages = map[string]bool{
	"layout.html": true, "error.html": true, "welcome.html": true, "unit.html": true, "segments.html": true,
	"items.html": true, "comment.html": true, "review.html": true, "thanks.html": true, "restart.html": true,
	"notice.html": true, "stepnav.html": true,
}

// TestTemplatesFrenchTypography scans the text of every template: no
// normal space before « : ; ! ? » (a line could start with it), no « (s) »
// where a real plural belongs; on the employee pages also no straight
// apostrophe and no « campagne ».
func TestTemplatesFrenchTypography(t *testing.T) {
	files, err := filepath.Glob("templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	partials, _ := filepath.Glob("templates/partials/*.html")
	files = append(files, partials...)
	if len(files) < 20 {
		t.Fatalf("found %d templates, want the whole set", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		texts := notProse.Split(src, -1)
		for _, m := range visibleAttr.FindAllStringSubmatch(src, -1) {
			texts = append(texts, m[1])
		}
		employee := employeePages[filepath.Base(f)]
		for _, text := range texts {
			for _, p := range []string{" :", " ;", " !", " ?"} {
				if i := strings.Index(text, p); i >= 0 {
					t.Errorf("%s: normal space before %q in %q (want &nbsp;)", f, p[1:], excerpt(text, i))
				}
			}
			if i := strings.Index(text, "(s)"); i >= 0 {
				t.Errorf("%s: « (s) » in %q (want a real plural)", f, excerpt(text, i))
			}
			if !employee {
				continue
			}
			if i := strings.Index(text, "'"); i >= 0 {
				t.Errorf("%s: straight apostrophe in %q (want ’)", f, excerpt(text, i))
			}
			if i := strings.Index(strings.ToLower(text), "campagne"); i >= 0 {
				t.Errorf("%s: « campagne » in %q (employees know an « enquête »)", f, excerpt(text, i))
			}
		}
	}
}

func excerpt(s string, i int) string {
	return strings.TrimSpace(s[max(0, i-30):min(len(s), i+30)])
}
