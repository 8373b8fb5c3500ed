package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Compaction after a crash. The compactor's dirty mark lives in memory: a
// crash (kill -9, a power cut) between a write and the compaction that
// follows it would leave the order of that write in the files until the
// next write, which may never come once a campaign is closed. So at every
// start the store asks the database itself whether it was written since
// its last compaction finished, and if so compacts once, after the usual
// idle delay (Open marks it dirty).
//
// SQLite: bytes 24–27 of the file's header are a change counter, which
// every committed write transaction increments (in rollback-journal mode,
// the store's). After each VACUUM the store writes the counter's next
// value into the header's user_version (4 bytes SQLite leaves to the
// application): that write is itself one transaction, which brings the
// counter to that very value. At start, a counter other than user_version
// means a write came after the last compaction (or it never ran: a new or
// upgraded file compacts once). A crash between the VACUUM and the mark
// only costs one compaction too many. Why not a marker row set by every
// write: one more statement in every transaction, submissions included;
// nor a file beside the database: it would have to be created and synced,
// with its folder, before the first write after each compaction to
// survive a power cut, and a restored backup would come without it. The
// header travels with the file and costs one small write per compaction.
//
// PostgreSQL: a compaction writes every row of the tables of pgCompacted
// again in one transaction (compactOn), so that afterwards all their rows
// carry that transaction's id (xmin); a row written since carries another.
// Two different ids among those rows mean a write came after the last
// compaction. It misses a write that only deleted rows (the drafts and
// paper entries deleted outside a submission are rewritten at once,
// rewriteDeleted), and an erasure's rewrite of the other tables
// (erasePostgres) that a crash interrupted: that one stays for the next
// erasure's.

// headerCounter is where SQLite's file change counter lies in the header.
const headerCounter = 24

// writtenSinceCompaction tells whether the database was written since the
// last compaction finished.
func (s *Store) writtenSinceCompaction(ctx context.Context) (bool, error) {
	if s.engine == enginePostgres {
		return pgWrittenSinceCompaction(ctx, s.db)
	}
	var mark int32
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&mark); err != nil {
		return false, fmt.Errorf("store: read the compaction mark of %s: %w", s.path, err)
	}
	n, err := changeCounter(s.path)
	if err != nil {
		return false, err
	}
	return int32(n) != mark, nil
}

// pgWrittenSinceCompaction tells whether the rows of the tables a
// compaction rewrites were written by more than one transaction.
func pgWrittenSinceCompaction(ctx context.Context, db *sql.DB) (bool, error) {
	parts := make([]string, len(pgCompacted))
	for i, t := range pgCompacted {
		parts[i] = `SELECT xmin::text AS x FROM ` + t.table
	}
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT DISTINCT x FROM (`+strings.Join(parts, ` UNION ALL `)+`) u LIMIT 2) d`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: transactions of the rows since the last compaction: %w", err)
	}
	return n > 1, nil
}

// markCompactionAtStart marks the store dirty when the database was
// written since its last compaction: the compactor then compacts once
// writes pause, as after any write. A failed check compacts too.
func (s *Store) markCompactionAtStart() {
	ctx := context.Background()
	written, err := s.writtenSinceCompaction(ctx)
	if err != nil {
		s.log().Warn("store: cannot tell whether the database was compacted before it was last closed; compacting", "err", err)
	}
	if written || err != nil {
		s.markDirty()
	}
}

// vacuum rewrites the SQLite file (VACUUM), then marks in its header that
// it is compacted (see above), on the one writer connection, held across
// both so that no write comes in between.
func (s *Store) vacuum(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM`); err != nil {
		return err
	}
	n, err := changeCounter(s.path)
	if err == nil {
		// user_version is a signed 32-bit integer: the counter's bits.
		_, err = conn.ExecContext(ctx, `PRAGMA user_version = `+strconv.FormatInt(int64(int32(n+1)), 10))
	}
	if err != nil {
		// The file is compacted; without the mark, the next start only
		// compacts it once more.
		s.log().Warn("store: the compaction is done but could not be marked in the file's header", "file", s.path, "err", err)
	}
	return nil
}

// changeCounter reads SQLite's file change counter in the header of path.
func changeCounter(path string) (uint32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("store: read the header of %s: %w", path, err)
	}
	defer f.Close()
	var hdr [headerCounter + 4]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return 0, fmt.Errorf("store: read the header of %s: %w", path, err)
	}
	if string(hdr[:len(sqliteHeader)]) != string(sqliteHeader) {
		return 0, errors.New("store: " + path + " has no SQLite header")
	}
	return binary.BigEndian.Uint32(hdr[headerCounter:]), nil
}
