package main

import (
	"context"
	"flag"
	"io"

	"github.com/vigie-sante/vigie/store"
)

// storeCommand is what the subcommands working on the database share: a
// flag set with --db, the usage line shown when the command line is wrong,
// and the opening and closing of the store.
type storeCommand struct {
	*flag.FlagSet
	db    *string
	usage string
}

// newStoreCommand returns the flag set of "vigie name" with --db declared;
// usage is the message of the usage error the command returns.
func newStoreCommand(name, usage string, stderr io.Writer) *storeCommand {
	fs := newFlagSet(name, stderr)
	return &storeCommand{FlagSet: fs, db: dbFlag(fs), usage: usage}
}

// parse parses args, flags anywhere among them, and returns the positional
// arguments, or the usage error unless there are exactly nargs of them.
func (c *storeCommand) parse(args []string, nargs int) ([]string, error) {
	rest, err := parseInterspersed(c.FlagSet, args)
	if err != nil {
		return nil, err
	}
	if len(rest) != nargs {
		return nil, c.usageError()
	}
	return rest, nil
}

// usageError is the error for a command line parse accepted but whose flag
// values the command rejects (a missing --campaign, an unknown role).
func (c *storeCommand) usageError() error {
	return usagef("%s", c.usage)
}

// withStore opens the database named by --db, VIGIE_DB or vigie.db, runs fn
// on it and closes it.
func (c *storeCommand) withStore(fn func(ctx context.Context, s *store.Store) error) error {
	s, err := openStore(*c.db)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(context.Background(), s)
}
