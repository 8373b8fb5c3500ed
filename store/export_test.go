package store

import "io/fs"

// OpenWithMigrations opens path applying the migrations of fsys instead of
// the embedded ones, so tests can build a database at an older schema.
func OpenWithMigrations(path string, fsys fs.FS) (*Store, error) { return openWith(path, fsys) }

// Migrations are the embedded migrations.
var Migrations = migrations
