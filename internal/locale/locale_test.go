package locale_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/internal/locale"
)

// TestEveryKeyInEveryLanguage: a text written in one language only would
// show in French on an English page or document.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	for _, key := range locale.Keys("") {
		for _, lang := range locale.Languages {
			if !locale.Has(lang, key) {
				t.Errorf("%s has no %q text", key, lang)
			}
		}
	}
}

var keyStyle = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_/-]*)+$`)

// TestKeyStyle: one key style, dotted lower-case words whose first part
// names the table, and both plural forms wherever one is written.
func TestKeyStyle(t *testing.T) {
	keys := locale.Keys("")
	for _, key := range keys {
		if !keyStyle.MatchString(key) {
			t.Errorf("key %q: want dotted lower-case words (table.name, name.one/name.other for plurals)", key)
		}
		if strings.HasSuffix(key, "_one") || strings.HasSuffix(key, "_other") {
			t.Errorf("key %q: the plural forms are written name.one and name.other", key)
		}
		for _, pair := range [][2]string{{".one", ".other"}, {".other", ".one"}} {
			if base, ok := strings.CutSuffix(key, pair[0]); ok {
				if _, found := slices.BinarySearch(keys, base+pair[1]); !found {
					t.Errorf("key %q has no %q form", key, base+pair[1])
				}
			}
		}
	}
}

// TestNoFrenchTextTwice: the same French text under two keys is a word
// that can drift between outputs; it gets one key (in "word." when the
// outputs share it). The two plural forms of a text, and texts that only
// differ by their typography, count as the same.
func TestNoFrenchTextTwice(t *testing.T) {
	seen := map[string]string{}
	for _, key := range locale.Keys("") {
		text := normalise(locale.T("fr", key))
		if first, dup := seen[text]; dup {
			t.Errorf("%q and %q have the same French text %q: use one key", first, key, locale.T("fr", key))
			continue
		}
		seen[text] = key
	}
}

// normalise forgets what each output's typography pass changes.
func normalise(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ", "’", "'").Replace(s)
}

// call is one way code or a template names a key literally, and how that
// name becomes a catalogue key.
type call struct {
	re     *regexp.Regexp
	prefix string // added to a key without a dot
	plural bool   // the key is the base of .one and .other
}

var (
	webCalls = []call{
		{re: regexp.MustCompile(`\btr\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`)},
		{re: regexp.MustCompile(`\btrn\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`), plural: true},
	}
	templateCalls = []call{
		{re: regexp.MustCompile(`\.T\s+"([^"]+)"\s*[,)]`)},
		{re: regexp.MustCompile(`\.TN\s+"([^"]+)"\s*[,)]`), plural: true},
	}
	reportCalls = []call{
		{re: regexp.MustCompile(`\btr\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`), prefix: "report."},
		{re: regexp.MustCompile(`\btrn\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`), prefix: "report.", plural: true},
		{re: regexp.MustCompile(`\b\w+\.tr\(\s*"([^"]+)"\s*[,)]`), prefix: "report."},
		{re: regexp.MustCompile(`\btrendText\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`), prefix: "report."},
		{re: regexp.MustCompile(`\bxlsxText\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`), prefix: "xlsx."},
		{re: regexp.MustCompile(`\b\w+\.t\(\s*"([^"]+)"\s*[,)]`), prefix: "xlsx."},
		// The workbook's parameters name their label by key.
		{re: regexp.MustCompile(`\bkey:\s*"([^"]+)"\s*,`), prefix: "xlsx."},
		{re: regexp.MustCompile(`\bparam\{\s*"([^"]+)"\s*,`), prefix: "xlsx."},
	}
	anyCalls = []call{
		{re: regexp.MustCompile(`\blocale\.T\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`)},
		{re: regexp.MustCompile(`\blocale\.N\(\s*[^,()"]+,\s*"([^"]+)"\s*[,)]`), plural: true},
	}
)

// TestLiteralKeysExist scans the Go sources and the templates for texts
// asked by a literal key (tr, trn, the templates' .T and .TN, the
// reports' d.tr, b.t, xlsxText, the workbook's parameter keys, and locale.T / locale.N anywhere) and
// fails with the list of keys the catalogue lacks. A branch that added
// texts to a table of its own gets them listed here: add each to the
// catalogue (internal/locale, the file of its table) in French and English.
func TestLiteralKeysExist(t *testing.T) {
	root := filepath.Join("..", "..")
	missing := map[string][]string{} // key -> where
	scan := func(dir string, calls []call, ext string) {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				if name := e.Name(); name == "node_modules" || name == "testdata" || (name == "locale" && dir != "internal/locale") {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ext) || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			for _, c := range append(slices.Clone(calls), anyCalls...) {
				for _, m := range c.re.FindAllStringSubmatchIndex(string(data), -1) {
					key := string(data[m[2]:m[3]])
					if c.prefix != "" && !strings.Contains(key, ".") {
						key = c.prefix + key
					}
					keys := []string{key}
					if c.plural {
						keys = []string{key + ".one", key + ".other"}
					}
					line := 1 + strings.Count(string(data[:m[0]]), "\n")
					for _, k := range keys {
						if !locale.Has("fr", k) {
							where := rel + ":" + itoa(line)
							if old := oldPlural(k); old != "" && locale.Has("fr", old) {
								where += "; rename " + old + " to " + k
							}
							missing[k] = append(missing[k], where)
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("scan %s: %v", dir, err)
		}
	}
	scan("web", webCalls, ".go")
	scan(filepath.Join("web", "templates"), templateCalls, ".html")
	scan("reports", reportCalls, ".go")
	for _, dir := range []string{"cmd", "mail", "store", "dossier"} {
		scan(dir, nil, ".go")
	}
	if len(missing) == 0 {
		return
	}
	var lines []string
	for _, k := range slices.Sorted(mapsKeys(missing)) {
		lines = append(lines, "\t"+k+"  ("+strings.Join(missing[k], ", ")+")")
	}
	t.Errorf("%d keys used in code or templates are not in the catalogue (internal/locale); add them in French and English:\n%s", len(missing), strings.Join(lines, "\n"))
}

// oldPlural is the key the tables used for a plural form before the
// catalogue ("x_one" for "x.one"), "" for any other key: a key migrated
// from another branch's table may still carry it.
func oldPlural(key string) string {
	for _, form := range []string{"one", "other"} {
		if base, ok := strings.CutSuffix(key, "."+form); ok {
			return base + "_" + form
		}
	}
	return ""
}
