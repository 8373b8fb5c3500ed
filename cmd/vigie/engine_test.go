package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/store/storetest"
)

// onPostgres is true during the second pass of TestMain, when the tests of
// bothEngines run again on PostgreSQL.
var onPostgres bool

// bothEngines are the tests that run on both engines: those driving the
// commands through --db only (no file modes, no file copies). The others
// (reports, PDFs, the demo) read the database through the same store
// methods, whose own tests run on both engines, and would only double the
// time of the suite.
var bothEngines = []string{
	"TestCampaignCommands",
	"TestCampaignArchiveCommand",
	"TestCampaignDeleteCommand",
	"TestUserCommands",
	"TestTokenCommands",
	"TestUserPasswordEndsSessions",
}

// testDB returns a fresh, empty database for a test of bothEngines: a file
// under t.TempDir(), or a new PostgreSQL database on the second pass.
func testDB(t *testing.T) string {
	t.Helper()
	if onPostgres {
		return storetest.NewPostgres(t)
	}
	return filepath.Join(t.TempDir(), "vigie.db")
}

// runPostgresPass runs the tests of bothEngines again on PostgreSQL when
// storetest.EnvURL is set (those of them that -run selects), and returns
// the exit code.
func runPostgresPass(m *testing.M) int {
	if os.Getenv(storetest.EnvURL) == "" {
		return 0
	}
	run := flag.Lookup("test.run").Value.String()
	var names []string
	for _, name := range bothEngines {
		if ok, _ := regexp.MatchString(strings.SplitN(run, "/", 2)[0], name); run == "" || ok {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return 0
	}
	fmt.Println("=== cmd/vigie: the commands again on PostgreSQL")
	onPostgres = true
	flag.Set("test.run", "^("+strings.Join(names, "|")+")$")
	flag.Set("test.bench", "")
	return m.Run()
}
