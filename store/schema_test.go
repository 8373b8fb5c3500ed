package store_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// Each migration is written twice, once per engine (dialect.go). This test
// applies both sets and compares the logical schemas they give, so that a
// change made to one engine's migration and forgotten in the other fails
// here, naming the table and column, rather than in production.

// schemaExceptions are the differences the twin migrations mean to have,
// by "table.column" or "table index ...", each with its reason.
var schemaExceptions = map[string]string{
	// scs's stores expect these types (migrations/postgres/0002_people.sql).
	"sessions.expiry type": "a Julian day (REAL) for scs's sqlite3store, a timestamptz for its postgresstore",
	// PostgreSQL has no NOCASE collation: the unique index on lower(email)
	// keeps two spellings of one address from being two accounts.
	"users index unique (expr)": "stands for SQLite's COLLATE NOCASE on users.email",
}

// schemaColumn is a column as both engines can describe it.
type schemaColumn struct {
	name, typ, dflt string
	notNull         bool
}

// schemaTable is a table's logical schema; constraints and indexes are
// sorted descriptions, compared as sets.
type schemaTable struct {
	columns []schemaColumn
	pk      string // its columns, in key order
	uniques []string
	fks     []string // "cols -> table(cols) ON DELETE action"
	indexes []string // "[unique ](cols)[ partial]"
}

// sqliteTypes maps SQLite's declared types to PostgreSQL's data_type.
var sqliteTypes = map[string][]string{
	"INTEGER": {"integer", "bigint"},
	"TEXT":    {"text"},
	"BLOB":    {"bytea"},
	"REAL":    {"double precision"},
}

func TestSchemasOfBothEnginesMatch(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("compares the SQLite schema with the PostgreSQL one: PostgreSQL pass only")
	}
	lite := openForSchema(t, filepath.Join(t.TempDir(), "vigie.db"))
	pg := openForSchema(t, storetest.DB(t))
	want := sqliteSchema(t, rawDB(t, lite.Path()))
	got := postgresSchema(t, rawDB(t, pg.Path()))
	// A query that read nothing would make both schemas equal.
	if len(want) < 10 || want["responses"] == nil || len(want["responses"].columns) == 0 || len(want["responses"].fks) == 0 {
		t.Fatalf("read only %d SQLite tables (responses: %+v): the test reads the schema wrongly", len(want), want["responses"])
	}
	t.Logf("%d tables compared", len(want))
	compareSchemas(t, want, got)
}

func openForSchema(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", store.RedactURL(path), err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// compareSchemas reports every difference between the SQLite schema (want)
// and the PostgreSQL one (got), but the schemaExceptions.
func compareSchemas(t *testing.T, want, got map[string]*schemaTable) {
	t.Helper()
	for _, name := range sortedKeys(want) {
		if got[name] == nil {
			t.Errorf("table %s: in the SQLite migrations, not in the PostgreSQL ones", name)
		}
	}
	for _, name := range sortedKeys(got) {
		w, g := want[name], got[name]
		if w == nil {
			t.Errorf("table %s: in the PostgreSQL migrations, not in the SQLite ones", name)
			continue
		}
		for i := range max(len(w.columns), len(g.columns)) {
			if i >= len(w.columns) {
				t.Errorf("table %s: column %s (position %d) only on PostgreSQL", name, g.columns[i].name, i+1)
				continue
			}
			if i >= len(g.columns) {
				t.Errorf("table %s: column %s (position %d) only on SQLite", name, w.columns[i].name, i+1)
				continue
			}
			compareColumns(t, name, w.columns[i], g.columns[i], i+1)
		}
		if w.pk != g.pk {
			t.Errorf("table %s: primary key (%s) on SQLite, (%s) on PostgreSQL", name, w.pk, g.pk)
		}
		compareSets(t, name, "unique constraint", w.uniques, g.uniques)
		compareSets(t, name, "foreign key", w.fks, g.fks)
		compareSets(t, name, "index", w.indexes, g.indexes)
	}
}

func compareColumns(t *testing.T, table string, w, g schemaColumn, pos int) {
	t.Helper()
	col := table + "." + w.name
	if w.name != g.name {
		t.Errorf("table %s: column %d is %s on SQLite, %s on PostgreSQL (same columns, same order)", table, pos, w.name, g.name)
		return
	}
	if !slices.Contains(sqliteTypes[w.typ], g.typ) && schemaExceptions[col+" type"] == "" {
		t.Errorf("column %s: type %s on SQLite, %s on PostgreSQL (want one of %v)", col, w.typ, g.typ, sqliteTypes[w.typ])
	}
	if w.notNull != g.notNull {
		t.Errorf("column %s: NOT NULL %v on SQLite, %v on PostgreSQL", col, w.notNull, g.notNull)
	}
	if w.dflt != g.dflt {
		t.Errorf("column %s: default %q on SQLite, %q on PostgreSQL", col, w.dflt, g.dflt)
	}
}

func compareSets(t *testing.T, table, what string, w, g []string) {
	t.Helper()
	for _, x := range w {
		if !slices.Contains(g, x) && schemaExceptions[table+" "+what+" "+x] == "" {
			t.Errorf("table %s: %s %s on SQLite, not on PostgreSQL", table, what, x)
		}
	}
	for _, x := range g {
		if !slices.Contains(w, x) && schemaExceptions[table+" "+what+" "+x] == "" {
			t.Errorf("table %s: %s %s on PostgreSQL, not on SQLite", table, what, x)
		}
	}
}

// casts strips PostgreSQL's casts from a default ('x'::text, 0::bigint).
var casts = regexp.MustCompile(`::[a-z ]+( COLLATE "?[A-Za-z]+"?)?`)

// normDefault writes a default the same way for both engines: without
// casts or enclosing parentheses, lower case, "" for none.
func normDefault(d sql.NullString) string {
	s := strings.TrimSpace(casts.ReplaceAllString(d.String, ""))
	for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.EqualFold(s, "null") {
		return ""
	}
	return strings.ToLower(s)
}

func sqliteSchema(t *testing.T, db *sql.DB) map[string]*schemaTable {
	t.Helper()
	tables := map[string]*schemaTable{}
	for _, name := range queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`) {
		tab := &schemaTable{}
		tables[name] = tab
		rows, err := db.Query(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`, name)
		if err != nil {
			t.Fatalf("columns of %s: %v", name, err)
		}
		pk := map[int]string{}
		for rows.Next() {
			var c schemaColumn
			var dflt sql.NullString
			var n int
			if err := rows.Scan(&c.name, &c.typ, &c.notNull, &dflt, &n); err != nil {
				t.Fatal(err)
			}
			c.typ, c.dflt = strings.ToUpper(c.typ), normDefault(dflt)
			// A primary key is never null on PostgreSQL; SQLite lets a
			// rowid table's be, which nothing here relies on.
			c.notNull = c.notNull || n > 0
			if n > 0 {
				pk[n] = c.name
			}
			tab.columns = append(tab.columns, c)
		}
		closeRows(t, rows)
		for i := 1; i <= len(pk); i++ {
			tab.pk = strings.TrimPrefix(tab.pk+","+pk[i], ",")
		}

		rows, err = db.Query(`SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, name)
		if err != nil {
			t.Fatalf("indexes of %s: %v", name, err)
		}
		type index struct {
			name, origin    string
			unique, partial bool
		}
		var indexes []index
		for rows.Next() {
			var ix index
			if err := rows.Scan(&ix.name, &ix.unique, &ix.origin, &ix.partial); err != nil {
				t.Fatal(err)
			}
			indexes = append(indexes, ix)
		}
		closeRows(t, rows)
		for _, ix := range indexes {
			cols := strings.Join(queryStrings(t, db, `SELECT coalesce(name, 'expr') FROM pragma_index_info(?) ORDER BY seqno`, ix.name), ",")
			switch ix.origin {
			case "u":
				tab.uniques = append(tab.uniques, "("+cols+")")
			case "c":
				tab.indexes = append(tab.indexes, describeIndex(cols, ix.unique, ix.partial))
			}
		}

		rows, err = db.Query(`SELECT id, "table", "from", coalesce("to", ''), on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name)
		if err != nil {
			t.Fatalf("foreign keys of %s: %v", name, err)
		}
		type fk struct{ ref, from, to, onDelete string }
		fks := map[int]*fk{}
		var ids []int
		for rows.Next() {
			var id int
			var ref, from, to, onDelete string
			if err := rows.Scan(&id, &ref, &from, &to, &onDelete); err != nil {
				t.Fatal(err)
			}
			if fks[id] == nil {
				fks[id] = &fk{ref: ref, onDelete: onDelete}
				ids = append(ids, id)
			}
			f := fks[id]
			f.from = strings.TrimPrefix(f.from+","+from, ",")
			f.to = strings.TrimPrefix(f.to+","+to, ",")
		}
		closeRows(t, rows)
		for _, id := range ids {
			f := fks[id]
			if strings.Trim(f.to, ",") == "" {
				f.to = "" // the referenced table's primary key, filled below
			}
			tab.fks = append(tab.fks, f.from+" -> "+f.ref+"("+f.to+") ON DELETE "+f.onDelete)
		}
	}
	// "REFERENCES t" without columns names t's primary key.
	for _, tab := range tables {
		for i, f := range tab.fks {
			if j := strings.Index(f, "() ON DELETE"); j >= 0 {
				ref := f[strings.Index(f, " -> ")+4 : j]
				if tables[ref] != nil {
					tab.fks[i] = f[:j] + "(" + tables[ref].pk + f[j+1:]
				}
			}
		}
		sortAll(tab)
	}
	return tables
}

func postgresSchema(t *testing.T, db *sql.DB) map[string]*schemaTable {
	t.Helper()
	tables := map[string]*schemaTable{}
	rows, err := db.Query(`SELECT table_name, column_name, data_type, is_nullable = 'NO', column_default
		FROM information_schema.columns c
		WHERE table_schema = current_schema()
			AND table_name IN (SELECT table_name FROM information_schema.tables
				WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatalf("columns: %v", err)
	}
	for rows.Next() {
		var table string
		var c schemaColumn
		var dflt sql.NullString
		if err := rows.Scan(&table, &c.name, &c.typ, &c.notNull, &dflt); err != nil {
			t.Fatal(err)
		}
		c.dflt = normDefault(dflt)
		if tables[table] == nil {
			tables[table] = &schemaTable{}
		}
		tables[table].columns = append(tables[table].columns, c)
	}
	closeRows(t, rows)

	rows, err = db.Query(`
		SELECT rel.relname, con.contype::text,
			(SELECT string_agg(a.attname, ',' ORDER BY k.n)
				FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
			coalesce(ref.relname, ''),
			coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.n)
				FROM unnest(con.confkey) WITH ORDINALITY k(attnum, n)
				JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum), ''),
			con.confdeltype::text
		FROM pg_constraint con
		JOIN pg_class rel ON rel.oid = con.conrelid
		JOIN pg_namespace ns ON ns.oid = rel.relnamespace
		LEFT JOIN pg_class ref ON ref.oid = con.confrelid
		WHERE ns.nspname = current_schema() AND con.contype IN ('p', 'u', 'f')`)
	if err != nil {
		t.Fatalf("constraints: %v", err)
	}
	onDelete := map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
	for rows.Next() {
		var table, kind, cols, ref, refCols, del string
		if err := rows.Scan(&table, &kind, &cols, &ref, &refCols, &del); err != nil {
			t.Fatal(err)
		}
		tab := tables[table]
		if tab == nil {
			t.Fatalf("constraint on %s, a table without columns", table)
		}
		switch kind {
		case "p":
			tab.pk = cols
		case "u":
			tab.uniques = append(tab.uniques, "("+cols+")")
		case "f":
			tab.fks = append(tab.fks, cols+" -> "+ref+"("+refCols+") ON DELETE "+onDelete[del])
		}
	}
	closeRows(t, rows)

	// Indexes but those of primary keys and unique constraints.
	rows, err = db.Query(`
		SELECT t.relname, ix.indisunique, ix.indpred IS NOT NULL,
			(SELECT string_agg(CASE WHEN k.attnum = 0 THEN 'expr' ELSE a.attname END, ',' ORDER BY k.n)
				FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, n)
				LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum)
		FROM pg_index ix
		JOIN pg_class t ON t.oid = ix.indrelid
		JOIN pg_namespace ns ON ns.oid = t.relnamespace
		WHERE ns.nspname = current_schema() AND t.relkind = 'r'
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c
				WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x'))`)
	if err != nil {
		t.Fatalf("indexes: %v", err)
	}
	for rows.Next() {
		var table, cols string
		var unique, partial bool
		if err := rows.Scan(&table, &unique, &partial, &cols); err != nil {
			t.Fatal(err)
		}
		if tables[table] != nil {
			tables[table].indexes = append(tables[table].indexes, describeIndex(cols, unique, partial))
		}
	}
	closeRows(t, rows)
	for _, tab := range tables {
		sortAll(tab)
	}
	return tables
}

func describeIndex(cols string, unique, partial bool) string {
	d := "(" + cols + ")"
	if unique {
		d = "unique " + d
	}
	if partial {
		d += " partial"
	}
	return d
}

func sortAll(tab *schemaTable) {
	slices.Sort(tab.uniques)
	slices.Sort(tab.fks)
	slices.Sort(tab.indexes)
}

func queryStrings(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	closeRows(t, rows)
	return out
}

func closeRows(t *testing.T, rows *sql.Rows) {
	t.Helper()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(fmt.Errorf("close rows: %w", err))
	}
}

func sortedKeys(m map[string]*schemaTable) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
