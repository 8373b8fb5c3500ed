package reports_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vigie-sante/vigie"
)

// testLogo is a made-up firm's logo (testdata/logo-cabinet.png), checked
// as an upload is.
func testLogo(tb testing.TB) *vigie.Logo {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "logo-cabinet.png"))
	if err != nil {
		tb.Fatal(err)
	}
	l, err := vigie.CheckLogo(data)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}
