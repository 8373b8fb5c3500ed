package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vigie-sante/vigie"
)

// Outages. When the database cannot be reached or its disk is full, the
// drivers' errors say so each in their own words; Outage recognises them,
// so that the web layer answers 503 ("try again later") rather than a
// generic 500, and says which of the two it is. Like retryable
// (dialect.go), it is the one place that knows the drivers' error codes.

// The two kinds of outage. The messages are for the log and the terminal;
// the web layer shows its own, in the page's language.
var (
	ErrUnavailable = vigie.Errorf(vigie.EUNAVAILABLE, "La base de données est momentanément indisponible : réessayez dans quelques minutes.")
	ErrFull        = vigie.Errorf(vigie.EUNAVAILABLE, "Le disque qui porte la base de données est plein : rien n'a pu être enregistré. Il faut libérer de la place sur le serveur.")
)

// Outage returns ErrFull when err says the database's disk is full,
// ErrUnavailable when it says the database cannot be reached (PostgreSQL
// down, shutting down, refusing connections, or the connection lost; a
// SQLite file locked beyond the busy timeout), and nil for any other
// error.
func Outage(err error) error {
	if err == nil {
		return nil
	}
	if outage, ok := sqliteOutage(err); ok {
		return outage
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case pg.Code == "53100": // disk_full
			return ErrFull
		case strings.HasPrefix(pg.Code, "08"), // connection_exception and its kind
			pg.Code == "57P01", // admin_shutdown
			pg.Code == "57P02", // crash_shutdown
			pg.Code == "57P03", // cannot_connect_now (starting, recovering)
			pg.Code == "53300", // too_many_connections
			pg.Code == "53000", // insufficient_resources
			pg.Code == "53200", // out_of_memory
			pg.Code == "25006": // read_only_sql_transaction: a standby, after a failover
			return ErrUnavailable
		}
		return nil
	}
	// The connection refused, reset or cut (not net.Error: a context's
	// deadline is one, and a request that ran out of time is no outage).
	var connect *pgconn.ConnectError
	var netErr *net.OpError
	if errors.As(err, &connect) || errors.As(err, &netErr) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.ErrUnexpectedEOF) {
		return ErrUnavailable
	}
	return nil
}
