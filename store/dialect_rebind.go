package store

import (
	"context"
	"database/sql/driver"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/stdlib"
)

// The store's SQL is written once, with SQLite's placeholders: "?" for the
// next argument and "?N" for the N-th. PostgreSQL numbers them "$N". Rather
// than every query being rewritten where it is written, the PostgreSQL
// connections rewrite them on their way to the server (rebindConn), so
// that a query reads the same in both engines.

// rebind rewrites the placeholders of query for PostgreSQL: "?" becomes
// "$n" (n counting the bare "?" so far) and "?N" becomes "$N". Question
// marks inside string literals, quoted identifiers, dollar-quoted bodies
// and comments are left alone.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			end := closing(query, i+1, c)
			b.WriteString(query[i:end])
			i = end - 1
		case strings.HasPrefix(query[i:], "--"), strings.HasPrefix(query[i:], "/*"), strings.HasPrefix(query[i:], "$$"):
			end := spanEnd(query, i)
			b.WriteString(query[i:end])
			i = end - 1
		case c == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 {
				b.WriteString(query[i+1 : j])
			} else {
				n++
				b.WriteString(strconv.Itoa(n))
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// spans are the openings of what rebind copies unread, with their ends: a
// line comment, a block comment, a dollar-quoted body.
var spans = [][2]string{{"--", "\n"}, {"/*", "*/"}, {"$$", "$$"}}

// spanEnd returns the index just past the end of the span opening at
// s[i:], or len(s) when it is not closed.
func spanEnd(s string, i int) int {
	for _, sp := range spans {
		if strings.HasPrefix(s[i:], sp[0]) {
			if end := strings.Index(s[i+len(sp[0]):], sp[1]); end >= 0 {
				return i + len(sp[0]) + end + len(sp[1])
			}
			return len(s)
		}
	}
	return i + 1
}

// closing returns the index just past the quote that closes a literal
// opened before from (a doubled quote is an escaped one), or len(s).
func closing(s string, from int, quote byte) int {
	for i := from; i < len(s); i++ {
		if s[i] == quote {
			if i+1 < len(s) && s[i+1] == quote {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}

// rebound caches rebind: the store's queries are a few hundred constant
// strings, rewritten once each.
var rebound sync.Map // query -> rebound query

func cachedRebind(query string) string {
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	q := rebind(query)
	if len(query) < 4096 { // built queries (IN lists) are not worth keeping
		rebound.Store(query, q)
	}
	return q
}

// pgxConn is what database/sql uses of pgx's connection (stdlib.Conn).
type pgxConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.NamedValueChecker
}

// A pgx upgrade whose connection stops implementing pgxConn fails to
// compile here, instead of panicking at the first connection.
var _ pgxConn = (*stdlib.Conn)(nil)

// rebindConnector opens PostgreSQL connections that take "?" placeholders.
type rebindConnector struct{ driver.Connector }

func (c rebindConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return rebindConn{conn.(pgxConn)}, nil
}

// rebindConn is a pgx connection whose queries are rebound first; every
// other method is pgx's own.
type rebindConn struct{ pgxConn }

func (c rebindConn) Prepare(query string) (driver.Stmt, error) {
	return c.pgxConn.Prepare(cachedRebind(query))
}

func (c rebindConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.pgxConn.PrepareContext(ctx, cachedRebind(query))
}

func (c rebindConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.pgxConn.ExecContext(ctx, cachedRebind(query), args)
}

func (c rebindConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.pgxConn.QueryContext(ctx, cachedRebind(query), args)
}
