// Package storetest runs a package's tests against both database engines.
//
// A test package calls Main from its TestMain and asks DB for a fresh
// database: a file under the test's temporary directory on the first
// pass, a fresh PostgreSQL database on the second, which runs only when
// VIGIE_TEST_POSTGRES holds the URL of a server where that user may
// create databases (.ci/postgres starts a throwaway one).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// EnvURL names the environment variable holding the PostgreSQL server's
// URL; without it, tests run on SQLite only.
const EnvURL = "VIGIE_TEST_POSTGRES"

// postgres is true during the PostgreSQL pass.
var postgres bool

// Postgres reports whether the tests now run on PostgreSQL.
func Postgres() bool { return postgres }

// Engine names the engine of the current pass, for messages.
func Engine() string {
	if postgres {
		return "postgres"
	}
	return "sqlite"
}

// Main runs the package's tests on SQLite, then, when EnvURL is set and
// they passed, once more on PostgreSQL, and exits.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run is Main for a TestMain with work of its own to do after the tests:
// it returns the exit code instead of exiting.
//
// In CI (CI set), EnvURL must be set: .ci/run starts a PostgreSQL, and a
// run that lost it must fail rather than quietly test one engine.
func Run(m *testing.M) int {
	if os.Getenv("CI") != "" && os.Getenv(EnvURL) == "" {
		fmt.Fprintln(os.Stderr, "storetest: CI is set but "+EnvURL+" is not: .ci/run starts a PostgreSQL for the second pass")
		return 1
	}
	code := m.Run()
	if code == 0 && os.Getenv(EnvURL) != "" {
		fmt.Println("=== storetest: the same tests on PostgreSQL")
		postgres = true
		code = m.Run()
	}
	return code
}

// DB returns what store.Open takes for a fresh, empty database: a file
// under tb.TempDir(), or the URL of a new PostgreSQL database, dropped
// when the test ends (after the store is closed, cleanups running last
// first).
func DB(tb testing.TB) string {
	tb.Helper()
	if !postgres {
		return filepath.Join(tb.TempDir(), "vigie.db")
	}
	return NewPostgres(tb)
}

// NewPostgres creates a new database on the server of EnvURL and returns
// its URL; it skips the test when EnvURL is not set.
func NewPostgres(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		tb.Skip(EnvURL + " is not set")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "vigie_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		admin.Close()
		tb.Fatalf("storetest: create database: %v", err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP DATABASE `+name+` WITH (FORCE)`); err != nil {
			tb.Errorf("storetest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("storetest: %s: %v", EnvURL, err)
	}
	u.Path = "/" + name
	return u.String()
}
