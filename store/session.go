package store

import "github.com/alexedwards/scs/sqlite3store"

// SessionStore returns a store for github.com/alexedwards/scs/v2 sessions
// kept in the sessions table, through the single writer connection (every
// session operation may write). It deletes expired sessions every five
// minutes in a goroutine of its own: call it once, and call StopCleanup
// on the result before closing the Store.
func (s *Store) SessionStore() *sqlite3store.SQLite3Store {
	return sqlite3store.New(s.db)
}
