package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/vigie-sante/vigie/store"
)

// migrateUsage is the usage line of "vigie migrate".
const migrateUsage = "usage : vigie migrate --from vigie.db --to postgres://utilisateur@hôte/base"

// runMigrate copies a SQLite installation into an empty PostgreSQL
// database (store.CopyTo), for moving to several instances behind a load
// balancer. The SQLite file is left as it was, but for the migrations this
// version of Vigie applies to it on opening, as "vigie serve" would.
func runMigrate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", stderr)
	from := fs.String("from", "", "fichier SQLite de l'installation à copier (arrêtez d'abord le serveur qui l'utilise)")
	to := fs.String("to", "", "adresse postgres://utilisateur@hôte/base d'une base PostgreSQL vide, le mot de passe lu dans $PGPASSWORD ou ~/.pgpass")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu : %s\n%s", fs.Arg(0), migrateUsage)
	}
	switch {
	case *from == "" || *to == "":
		return usagef("%s", migrateUsage)
	case store.IsPostgresURL(*from):
		return usagef("--from est le fichier SQLite de l'installation actuelle, pas une base PostgreSQL\n%s", migrateUsage)
	case !store.IsPostgresURL(*to):
		return usagef("--to doit être l'adresse d'une base PostgreSQL (postgres://… ou postgresql://…), pas %s\n%s", dbLabel(*to), migrateUsage)
	}
	// store.Open would create an empty file and copy nothing.
	if _, err := os.Stat(*from); err != nil {
		return fmt.Errorf("base SQLite %s introuvable : %w", *from, err)
	}
	// The target first: when it cannot be reached, the source is left
	// untouched (Open migrates it).
	dst, err := openStore(*to)
	if err != nil {
		return userError(err)
	}
	defer dst.Close()
	src, err := store.Open(*from)
	if err != nil {
		return fmt.Errorf("ouverture de la base SQLite %s : %w", *from, userError(err))
	}
	defer src.Close()

	fmt.Fprintf(stdout, "Copie de %s vers %s…\n\n", *from, dbLabel(*to))
	report, err := store.CopyTo(context.Background(), src, dst)
	if report != nil {
		printCopyCounts(stdout, report)
	}
	if err != nil {
		return userError(err)
	}
	if report.Sessions > 0 {
		fmt.Fprintf(stdout, "\nSessions ouvertes non copiées : %d. Chacun se reconnecte une fois (les jetons d'API, eux, sont copiés).\n", report.Sessions)
	}
	fmt.Fprintf(stdout, "\nMigration terminée : lancez les serveurs avec --db %s (ou VIGIE_DB).\nGardez %s, sans plus vous en servir, comme copie de l'état d'avant.\n", shellQuote(withoutPassword(*to)), *from)
	return nil
}

// printCopyCounts prints the rows of each table on both sides of a copy.
func printCopyCounts(w io.Writer, r *store.CopyReport) {
	fmt.Fprintf(w, "%-25s %8s %11s\n", "Table", "SQLite", "PostgreSQL")
	for _, t := range r.Tables {
		mark := ""
		if t.Source != t.Target {
			mark = "  ← différent"
		}
		fmt.Fprintf(w, "%-25s %8d %11d%s\n", t.Table, t.Source, t.Target, mark)
	}
}
