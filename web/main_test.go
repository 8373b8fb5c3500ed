package web_test

import (
	"testing"

	"github.com/vigie-sante/vigie/store/storetest"
)

// TestMain runs the web tests on SQLite, then on PostgreSQL when
// VIGIE_TEST_POSTGRES is set (storetest.Main). The package's internal
// test files (package web) share this binary, so it is the only TestMain.
func TestMain(m *testing.M) { storetest.Main(m) }
