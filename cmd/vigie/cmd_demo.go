package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// demoDefaultAddr is loopback only: the demo's passwords are public.
const demoDefaultAddr = "127.0.0.1:8080"

// demoOptions are the settings of one demo run.
type demoOptions struct {
	addr  string
	dir   string // "" for a temporary folder removed at exit
	reset bool   // recreate the demo database found in dir
	now   time.Time
	// started, when set, is called once the server listens (tests).
	started func(baseURL string, info *demoInfo)
}

// runDemo creates a demo database and serves it until SIGINT or SIGTERM.
func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", stderr)
	addr := fs.String("addr", demoDefaultAddr, "adresse d'écoute")
	dir := fs.String("dir", "", "dossier où garder la base de démonstration (par défaut : un dossier temporaire supprimé à l'arrêt)")
	reset := fs.Bool("reset", false, "avec --dir : recrée la base de démonstration si elle existe déjà")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu : %s", fs.Arg(0))
	}
	if *reset && *dir == "" {
		return usagef("--reset ne sert qu'avec --dir (sans --dir, chaque démonstration part d'une base neuve)")
	}
	if err := hardenProcess(); err != nil {
		return fmt.Errorf("protection de la mémoire du serveur : %w", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return demo(ctx, demoOptions{addr: *addr, dir: *dir, reset: *reset, now: time.Now()}, stdout, stderr)
}

// demo prepares the database, listens, prints how to use the demo and
// serves until ctx is done.
func demo(ctx context.Context, opt demoOptions, stdout, stderr io.Writer) error {
	start := time.Now()
	// Listen first: a port in use is reported before any work.
	ln, err := net.Listen("tcp", opt.addr)
	if err != nil {
		return fmt.Errorf("écoute sur %s : %w (essayez par exemple --addr 127.0.0.1:8081)", opt.addr, err)
	}
	defer ln.Close() // serveHTTP closes it too; this covers the early returns
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "Attention : la démonstration écoute sur %s, joignable depuis le réseau, avec des mots de passe publics.\n", ln.Addr())
	}
	var existed bool
	dir, temporary := opt.dir, opt.dir == ""
	if temporary {
		d, err := os.MkdirTemp("", "vigie-demo-")
		if err != nil {
			return fmt.Errorf("dossier temporaire : %w", err)
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("dossier %s : %w", dir, err)
	}
	path := filepath.Join(dir, demoDBName)

	existed, err = fileExists(path)
	if err != nil {
		return err
	}
	if existed && opt.reset {
		// The journal belongs to the old database too (and the WAL and
		// shared-memory files an older version kept).
		for _, p := range []string{path, path + "-journal", path + "-wal", path + "-shm"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("suppression de l'ancienne base : %w", err)
			}
		}
		existed = false
	}

	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()

	var info *demoInfo
	if existed {
		fmt.Fprintf(stdout, "La base de démonstration %s existe déjà : elle est reprise telle quelle (--reset pour la recréer).\n", path)
		info, err = resumeDemo(ctx, st)
	} else {
		info, err = setupDemo(ctx, st, opt.now)
	}
	if err != nil {
		return err
	}

	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	base := "http://" + ln.Addr().String()
	// Version as in serve: the demo's reports state the binary's version.
	srv, err := web.New(web.Config{Store: st, Logger: logger, Admin: web.AdminConfig{BaseURL: base}, Version: Version})
	if err != nil {
		return err
	}
	defer srv.Close() // deferred after st.Close, so it runs before it

	printDemo(stdout, base, path, temporary, info, time.Since(start))
	if opt.started != nil {
		// In its own goroutine: it may make requests, which the listener
		// queues until serveHTTP serves them.
		go opt.started(base, info)
	}
	if err := serveHTTP(ctx, ln, srv.Handler(), logger); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Démonstration arrêtée.")
	return nil
}

// printDemo tells, in French, where to go and with which logins and codes.
func printDemo(w io.Writer, base, path string, temporary bool, info *demoInfo, took time.Duration) {
	seconds := strings.Replace(fmt.Sprintf("%.1f", took.Seconds()), ".", ",", 1) // French decimal comma
	fmt.Fprintf(w, "\nVigie : démonstration prête en %s s.\n", seconds)
	if temporary {
		fmt.Fprintf(w, "Base de démonstration : %s (supprimée à l'arrêt).\n", path)
	} else {
		fmt.Fprintf(w, "Base de démonstration : %s (conservée).\n", path)
	}
	if info.Open != nil {
		fmt.Fprintf(w, "\n1. Répondre comme un agent à « %s » :\n", info.Open.Title)
		fmt.Fprintf(w, "   %s/r/%s\n", base, info.Open.Slug)
		if len(info.Codes) > 0 {
			fmt.Fprintln(w, "   Codes d'accès (chacun sert une seule fois) :")
			for _, c := range info.Codes {
				fmt.Fprintf(w, "     %s\n", c)
			}
		}
	}
	fmt.Fprintf(w, "\n2. Lire les résultats")
	if info.Closed != nil {
		fmt.Fprintf(w, " de « %s » (campagne close)", info.Closed.Title)
	}
	if info.Archived != nil {
		fmt.Fprintf(w, ", et de « %s » (archivée : résultats gardés, réponses effacées)", info.Archived.Title)
	}
	fmt.Fprintf(w, " :\n   %s/login\n", base)
	fmt.Fprintf(w, "   Consultante (voit tout, modère les commentaires) : %s   mot de passe : %s\n", demoConsultant.Email, demoConsultant.Password)
	fmt.Fprintf(w, "   Comité CSE (lecture seule, campagne accordée) :    %s           mot de passe : %s\n", demoViewer.Email, demoViewer.Password)
	if !temporary && info.Closed != nil {
		fmt.Fprintf(w, "\n3. En ligne de commande, sur la base conservée (identifiant de la campagne close : %s) :\n", info.Closed.ID)
		fmt.Fprintf(w, "   vigie report --db %s --campaign %s --format pdf --out rapport.pdf\n", path, info.Closed.ID)
	}
	fmt.Fprintln(w, "\nCes comptes et mots de passe sont publics : ils ne valent que pour cette démonstration.")
	fmt.Fprintln(w, "Les réponses sont fictives (modèle décrit dans docs/demo.md). Ctrl-C pour arrêter.")
}

// isLoopback reports whether addr is a loopback address (127.0.0.1, ::1).
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// fileExists reports whether path exists; other errors are returned.
func fileExists(path string) (bool, error) {
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, fmt.Errorf("base de démonstration %s : %w", path, err)
}
