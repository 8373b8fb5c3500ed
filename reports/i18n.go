package reports

import (
	"strings"

	"github.com/vigie-sante/vigie/internal/locale"
)

// tr returns the text of key in lang ("fr" or "en") from the catalogue
// (internal/locale), falling back to French, then to the key itself so
// that a missing text shows rather than vanishes. A key without a dot is
// one of the reports' own ("h_summary" is "report.h_summary"); a key with
// one is taken whole ("word.unit", shared with the pages and the
// workbook). Format verbs (%d, %s) are filled by the caller.
func tr(lang, key string) string { return locale.T(lang, reportKey("report.", key)) }

// trn returns the singular or plural form of key for n (vigie.Singular:
// French counts 0 and 1 as singular, English only 1).
func trn(lang, key string, n int) string { return locale.N(lang, reportKey("report.", key), n) }

// xlsxText returns the workbook text for key in lang ("xlsx.<key>", or
// the key whole when it has a dot).
func xlsxText(lang, key string) string { return locale.T(lang, reportKey("xlsx.", key)) }

// trendText is tr for the texts of trends.
func trendText(lang, key string) string { return tr(lang, key) }

// reportKey is key in the catalogue: prefix+key, or key itself when it
// already names its table.
func reportKey(prefix, key string) string {
	if strings.Contains(key, ".") {
		return key
	}
	return prefix + key
}
