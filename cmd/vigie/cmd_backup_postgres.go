package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
)

// postgresBackupAdvice is "vigie backup" on PostgreSQL: Vigie copies no
// PostgreSQL database itself (pg_dump does it better, and the database's
// administrators back it up their own way), so it prints the pg_dump and
// pg_restore commands for db, without its password, and fails: a
// scheduled job must not take the advice for a backup.
func postgresBackupAdvice(w io.Writer, db, out string, now time.Time) error {
	if out == "" {
		out = "vigie-" + now.Format("2006-01-02") + ".dump"
	}
	target := shellQuote(withoutPassword(db))
	fmt.Fprintf(w, `Aucune copie écrite : sur PostgreSQL, la sauvegarde est le travail de pg_dump,
et des sauvegardes de l'équipe qui administre la base (sauvegardes régulières,
restauration à un instant donné : PITR). Vigie ne copie pas la base lui-même.

Pour une copie cohérente, même serveur en marche, sur une machine où pg_dump est
installé (le mot de passe est lu dans $PGPASSWORD ou ~/.pgpass, jamais écrit ici) :

  pg_dump --format=custom --file=%s %s

Le fichier contient les réponses et les comptes : gardez-le lisible par vous seul
(umask 077 avant la commande), comme la base elle-même.

Pour la restaurer, dans une base PostgreSQL vide (changez l'adresse si c'en est une autre) :

  pg_restore --no-owner --single-transaction --dbname=%s %s

`, shellQuote(out), target, target, shellQuote(out))
	return errors.New("aucune sauvegarde n'a été écrite (code de sortie 1, pour qu'une tâche planifiée ne croie pas le contraire) : lancez pg_dump comme indiqué ci-dessus")
}

// withoutPassword returns the PostgreSQL URL db without its password, for
// a command to copy (store.RedactURL masks it, which pg_dump would take
// for the password).
func withoutPassword(db string) string {
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

// shellQuote quotes s for a POSIX shell, when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
