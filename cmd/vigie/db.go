package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// defaultDB is the database file when neither --db nor VIGIE_DB says otherwise.
const defaultDB = "vigie.db"

// dbFlag declares the --db flag every command using the database takes.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "base de données : un fichier SQLite, ou l'adresse postgres://utilisateur@hôte/base d'une base PostgreSQL, le mot de passe lu dans $PGPASSWORD ou ~/.pgpass (par défaut : $VIGIE_DB, sinon "+defaultDB+")")
}

// dbPath resolves the database, a SQLite file or a PostgreSQL URL: the
// flag, else VIGIE_DB, else vigie.db.
func dbPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if env := os.Getenv("VIGIE_DB"); env != "" {
		return env
	}
	return defaultDB
}

// dbLabel is how messages name the database db: the file, or the URL
// without its password.
func dbLabel(db string) string { return store.RedactURL(db) }

// openStore opens (creating and migrating if needed) the database named by
// flagValue, VIGIE_DB or vigie.db, in that order; its errors are fit for
// the terminal (userError), naming a PostgreSQL database without its
// password.
func openStore(flagValue string) (*store.Store, error) {
	db := dbPath(flagValue)
	s, err := store.Open(db)
	switch {
	case err == nil:
		return s, nil
	case store.IsPostgresURL(db) && vigie.ErrorCode(err) == vigie.EINTERNAL:
		return nil, fmt.Errorf("impossible d'ouvrir la base PostgreSQL %s : %w", dbLabel(db), err)
	}
	return nil, userError(err)
}

// userError turns a domain error into its plain French message for the
// terminal; other errors keep their technical detail, useful to whoever
// runs the command.
func userError(err error) error {
	if err == nil {
		return nil
	}
	if code := vigie.ErrorCode(err); code != vigie.EINTERNAL {
		return errors.New(vigie.ErrorMessage(err))
	}
	return err
}

// parseInterspersed parses flags placed before, between or after the
// positional arguments (the flag package stops at the first of those), and
// returns the positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
