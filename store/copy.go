package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie"
)

// Copying a SQLite installation into an empty PostgreSQL database (vigie
// migrate). Both stores are opened with Open, so both schemas are at this
// binary's version; the copy then moves rows, table by table, in one
// PostgreSQL transaction, and compares the counts before committing.

// copyTable is how one table of the schema is copied.
type copyTable struct {
	name    string
	orderBy string // the primary key: random ids and hashes, never the insertion order
	// later are columns referring to rows of the same table
	// (campaigns.previous_id): inserted NULL, then set once every row is in.
	later []string
}

// copyOrder lists every table that is copied, parents before children.
// Rows are read in primary-key order: a response's id and a code's hash are
// random, so the order of the copied heap says nothing about the order of
// submissions (and every row carries the id of the one transaction).
var copyOrder = []copyTable{
	{name: "questionnaires", orderBy: "id, version"},
	// The reference values attached to questionnaire versions.
	{name: "reference_files", orderBy: "questionnaire_id, version"},
	{name: "campaigns", orderBy: "id", later: []string{"previous_id"}},
	{name: "campaign_units", orderBy: "campaign_id, path"},
	{name: "campaign_segments", orderBy: "campaign_id, id"},
	{name: "campaign_questionnaires", orderBy: "campaign_id, questionnaire_id"},
	{name: "campaign_archives", orderBy: "campaign_id"},
	// The figures of closed campaigns, so that the new installation does
	// not score them again at its start.
	{name: "campaign_outputs", orderBy: "campaign_id"},
	// The portfolio: its settings, which campaigns feed it, and its frozen
	// versions with their history (the differencing rule needs it).
	{name: "portfolio_settings", orderBy: "id"},
	{name: "campaign_portfolio", orderBy: "campaign_id"},
	{name: "portfolio_versions", orderBy: "number"},
	{name: "portfolio_members", orderBy: "version, questionnaire, qversion, measure, contributor"},
	{name: "codes", orderBy: "campaign_id, hash"},
	{name: "drafts", orderBy: "campaign_id, code_hash"},
	{name: "paper_entries", orderBy: "campaign_id, code_hash"},
	{name: "responses", orderBy: "campaign_id, id"},
	{name: "comments", orderBy: "id"},
	{name: "comments_prepared", orderBy: "campaign_id"},
	// The day's participation of open campaigns, so that the move does not
	// publish new figures in the middle of a day.
	{name: "participation_snapshots", orderBy: "campaign_id"},
	// The marks of invited addresses, key included, so that nobody gets a
	// second code after the move.
	{name: "invitation_keys", orderBy: "campaign_id"},
	{name: "invitations", orderBy: "campaign_id, hash"},
	{name: "actions", orderBy: "campaign_id, id"},
	{name: "duerp_measures", orderBy: "campaign_id, unit, risk_family"},
	{name: "duerp_versions", orderBy: "campaign_id, number"}, // its triggers forbid UPDATE and DELETE, not INSERT
	// The consultant's logos, the installation's and the campaigns'.
	{name: "logos", orderBy: "scope"},
	{name: "users", orderBy: "id"},
	{name: "grants", orderBy: "user_id, campaign_id"},
	{name: "tokens", orderBy: "id"},
	{name: "audit_log", orderBy: "id"}, // ids kept: the sequence is moved past them
	// The sign-in limits, key included, so that the hashes still match:
	// a guesser slowed down before the move stays slowed down after it.
	{name: "login_key", orderBy: "id"},
	{name: "login_buckets", orderBy: "hash"},
	{name: "login_known", orderBy: "pair"},
}

// copySkipped are the tables deliberately not copied, and why.
//
// Sessions are left behind: copying them would carry live login cookies
// into the new installation (anyone holding one would be logged in there
// too), their expiry is stored differently by the two engines' session
// stores (a julian day, a timestamptz), and a migration is done with the
// server stopped anyway: everyone logs in again, once.
var copySkipped = map[string]string{
	"schema_migrations": "created by Open at the same version",
	"sessions":          "not copied: everyone logs in again",
	"compactions":       "PostgreSQL's own state, written at its first compaction",
}

// TableCount is the number of rows of one table in the source and in the
// target of a copy.
type TableCount struct {
	Table          string
	Source, Target int
}

// CopyReport is what CopyTo did.
type CopyReport struct {
	Tables   []TableCount
	Sessions int // sessions of the source, not copied (see copySkipped)
}

// CopyTo copies every row of src, a SQLite store, into dst, a PostgreSQL
// store whose tables must be empty, in one transaction of dst that is
// committed only when every table holds as many rows as in src. Both must
// be opened with Open (which brings them to this binary's schema); src is
// only read. Stop the servers using either first: answers arriving in src
// during the copy would be lost.
func CopyTo(ctx context.Context, src, dst *Store) (*CopyReport, error) {
	if src.engine != engineSQLite || dst.engine != enginePostgres {
		return nil, vigie.Errorf(vigie.EINVALID, "La migration copie une base SQLite dans une base PostgreSQL (ici : de %s vers %s).", src.engine, dst.engine)
	}
	sv, err := src.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	dv, err := dst.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if sv != dv {
		return nil, vigie.Errorf(vigie.EINVALID, "La base SQLite est au schéma %d et la base PostgreSQL au schéma %d : ouvrez une fois chacune avec cette version de Vigie, puis recommencez.", sv, dv)
	}

	// One read transaction: one snapshot of the source for every table.
	rtx, err := src.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: copy: begin reading %s: %w", src.path, err)
	}
	defer rtx.Rollback()
	if err := checkCopyTables(ctx, rtx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`, "SQLite"); err != nil {
		return nil, err
	}
	wtx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: copy: begin writing %s: %w", dst.path, err)
	}
	defer wtx.Rollback()
	if err := checkCopyTables(ctx, wtx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`, "PostgreSQL"); err != nil {
		return nil, err
	}
	// No one else may write the target while it is filled.
	names := make([]string, len(copyOrder))
	for i, t := range copyOrder {
		names[i] = t.name
	}
	if _, err := wtx.ExecContext(ctx, `LOCK TABLE `+strings.Join(names, ", ")+` IN EXCLUSIVE MODE`); err != nil {
		return nil, fmt.Errorf("store: copy: lock %s: %w", dst.path, err)
	}
	for _, t := range copyOrder {
		var n int
		if err := wtx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: copy: count %s in %s: %w", t.name, dst.path, err)
		}
		if n > 0 {
			return nil, vigie.Errorf(vigie.ECONFLICT, "La base PostgreSQL %s n'est pas vide (table %s : %s) : la migration ne copie que dans une base neuve, pour ne rien mélanger ni écraser.", dst.path, t.name, vigie.Plural(n, "ligne", "lignes"))
		}
	}

	report := &CopyReport{}
	for _, t := range copyOrder {
		if err := copyRows(ctx, rtx, wtx, t); err != nil {
			return nil, fmt.Errorf("store: copy %s: %w", t.name, err)
		}
	}
	if _, err := wtx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('audit_log', 'id'), coalesce(max(id), 0) + 1, false) FROM audit_log`); err != nil {
		return nil, fmt.Errorf("store: copy: move the audit_log sequence: %w", err)
	}
	for _, t := range copyOrder {
		c := TableCount{Table: t.name}
		if err := rtx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&c.Source); err != nil {
			return nil, fmt.Errorf("store: copy: count %s in %s: %w", t.name, src.path, err)
		}
		if err := wtx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&c.Target); err != nil {
			return nil, fmt.Errorf("store: copy: count %s in %s: %w", t.name, dst.path, err)
		}
		report.Tables = append(report.Tables, c)
		if c.Source != c.Target {
			// Not a domain error: the message goes to the terminal as is.
			return report, fmt.Errorf("table %s : %s dans la base SQLite, copiées : %d ; copie annulée, rien n'a été écrit dans la base PostgreSQL", t.name, vigie.Plural(c.Source, "ligne", "lignes"), c.Target)
		}
	}
	if err := rtx.QueryRowContext(ctx, `SELECT count(*) FROM sessions`).Scan(&report.Sessions); err != nil {
		return nil, fmt.Errorf("store: copy: count sessions in %s: %w", src.path, err)
	}
	if err := wtx.Commit(); err != nil {
		return nil, fmt.Errorf("store: copy: commit to %s: %w", dst.path, err)
	}
	return report, nil
}

// checkCopyTables fails when the schema read by query has a table that
// copyOrder and copySkipped do not know: a table added by a migration
// must be given its place in the copy, not silently left behind.
func checkCopyTables(ctx context.Context, q queryer, query, engineName string) error {
	var unknown []string
	err := eachRow(ctx, q, query, nil, func(rows *sql.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		_, skipped := copySkipped[name]
		known := slices.ContainsFunc(copyOrder, func(t copyTable) bool { return t.name == name })
		if !known && !skipped {
			unknown = append(unknown, name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: copy: list the %s tables: %w", engineName, err)
	}
	if len(unknown) > 0 {
		return vigie.Errorf(vigie.EINVALID, "La base %s contient des tables que cette version de Vigie ne sait pas copier (%s) : rien n'a été copié.", engineName, strings.Join(unknown, ", "))
	}
	return nil
}

// copyBatch is how many rows one INSERT carries: one round trip per
// batch rather than per row (PostgreSQL takes at most 65,535 parameters
// a statement; the widest table has about 25 columns).
const copyBatch = 500

// copyRows copies the rows of t from rtx (SQLite) to wtx (PostgreSQL), in
// t.orderBy order. The columns are the source's; the target must have the
// same ones.
func copyRows(ctx context.Context, rtx, wtx *sql.Tx, t copyTable) error {
	cols, err := sourceColumns(ctx, rtx, t.name)
	if err != nil {
		return err
	}
	if err := checkTargetColumns(ctx, wtx, t.name, cols); err != nil {
		return err
	}
	idAt := slices.Index(cols, "id")
	laterAt := map[int]bool{}
	for _, l := range t.later {
		i := slices.Index(cols, l)
		if i < 0 || idAt < 0 {
			return fmt.Errorf("columns id and %s needed", l)
		}
		laterAt[i] = true
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	insert := `INSERT INTO ` + t.name + ` (` + strings.Join(cols, ", ") + `) VALUES `
	var batch []any
	flush := func() error {
		n := len(batch) / len(cols)
		if n == 0 {
			return nil
		}
		values := strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		if _, err := wtx.ExecContext(ctx, insert+values, batch...); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		batch = batch[:0]
		return nil
	}

	rows, err := rtx.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+t.name+` ORDER BY `+t.orderBy)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	defer rows.Close()
	type pending struct{ key, values []any }
	var later []pending
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		// Scanning into *any copies []byte values: they outlive the row.
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read: %w", err)
		}
		var p pending
		for i, v := range vals {
			if laterAt[i] {
				p.values = append(p.values, v)
				v = nil
			}
			batch = append(batch, v)
		}
		if slices.ContainsFunc(p.values, func(v any) bool { return v != nil }) {
			p.key = []any{vals[idAt]}
			later = append(later, p)
		}
		if len(batch) >= copyBatch*len(cols) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if err := flush(); err != nil {
		return err
	}
	sets := make([]string, len(t.later))
	for i, c := range t.later {
		sets[i] = c + " = ?"
	}
	for _, p := range later {
		update := `UPDATE ` + t.name + ` SET ` + strings.Join(sets, ", ") + ` WHERE id = ?`
		if _, err := wtx.ExecContext(ctx, update, append(p.values, p.key...)...); err != nil {
			return fmt.Errorf("set %s: %w", strings.Join(t.later, ", "), err)
		}
	}
	return nil
}

// sourceColumns lists the columns of a SQLite table, in schema order.
func sourceColumns(ctx context.Context, q queryer, table string) ([]string, error) {
	cols, err := queryStrings(ctx, q, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("no such table in the SQLite database")
	}
	return cols, nil
}

// checkTargetColumns fails unless the PostgreSQL table has exactly cols
// (in any order): twin migrations keep the two schemas alike.
func checkTargetColumns(ctx context.Context, q queryer, table string, cols []string) error {
	got, err := queryStrings(ctx, q, `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`, table)
	if err != nil {
		return fmt.Errorf("target columns: %w", err)
	}
	want := slices.Clone(cols)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		return fmt.Errorf("columns differ: SQLite has %s, PostgreSQL %s", strings.Join(want, ", "), strings.Join(got, ", "))
	}
	return nil
}

// queryStrings returns the first column of the rows of query.
func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	var out []string
	err := eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		var v string
		err := rows.Scan(&v)
		out = append(out, v)
		return err
	})
	return out, err
}
