package store

import (
	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"
)

// SessionStore keeps github.com/alexedwards/scs/v2 sessions in the
// sessions table, and deletes expired ones every five minutes in a
// goroutine of its own: call StopCleanup before closing the Store.
type SessionStore interface {
	scs.Store
	StopCleanup()
}

// SessionStore returns the session store of the engine: on SQLite through
// the single writer connection (every session operation may write), on
// PostgreSQL through the pool, so that every instance sees every session.
// Call it once.
func (s *Store) SessionStore() SessionStore {
	if s.engine == enginePostgres {
		return postgresstore.New(s.db)
	}
	return sqlite3store.New(s.db)
}
