package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/vigie-sante/vigie/mail"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// defaultAddr is where the server listens when neither --addr nor
// VIGIE_ADDR says otherwise.
const defaultAddr = ":8080"

// runServe serves the web interface and the API until SIGINT or SIGTERM.
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	addr := fs.String("addr", "", "adresse d'écoute (par défaut : $VIGIE_ADDR, sinon "+defaultAddr+")")
	db := dbFlag(fs)
	secure := fs.Bool("secure", os.Getenv("VIGIE_SECURE") == "1", "le serveur est joint en HTTPS (derrière un proxy TLS) : cookies Secure, HSTS ($VIGIE_SECURE=1)")
	proxies := fs.String("trusted-proxies", os.Getenv("VIGIE_TRUSTED_PROXIES"), "adresses des proxys dont X-Forwarded-For est cru, séparées par des virgules ($VIGIE_TRUSTED_PROXIES)")
	baseURL := fs.String("base-url", os.Getenv("VIGIE_BASE_URL"), "adresse publique du serveur, imprimée sur les coupons de codes (par défaut : celle de la requête) ($VIGIE_BASE_URL)")
	smtpAddr := fs.String("smtp-addr", os.Getenv("VIGIE_SMTP_ADDR"), "relais SMTP hôte:port pour envoyer les codes par courriel (facultatif) ($VIGIE_SMTP_ADDR)")
	smtpFrom := fs.String("smtp-from", os.Getenv("VIGIE_SMTP_FROM"), "adresse d'expédition des courriels ($VIGIE_SMTP_FROM)")
	smtpUser := fs.String("smtp-user", os.Getenv("VIGIE_SMTP_USER"), "identifiant SMTP, le mot de passe étant lu dans $VIGIE_SMTP_PASSWORD ($VIGIE_SMTP_USER)")
	smtpInsecure := fs.Bool("smtp-insecure", false, "accepter un relais sans STARTTLS (relais local seulement : les codes passeraient en clair)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu : %s", fs.Arg(0))
	}
	if err := hardenProcess(); err != nil {
		return fmt.Errorf("protection de la mémoire du serveur : %w", err)
	}
	var mailer web.Mailer
	if *smtpAddr != "" {
		m, err := mail.New(mail.Config{Addr: *smtpAddr, From: *smtpFrom, User: *smtpUser, Password: os.Getenv("VIGIE_SMTP_PASSWORD"), Insecure: *smtpInsecure})
		if err != nil {
			return usagef("--smtp-addr / --smtp-from : %v", err)
		}
		mailer = m
	}
	if *addr == "" {
		*addr = os.Getenv("VIGIE_ADDR")
	}
	if *addr == "" {
		*addr = defaultAddr
	}

	cfg := web.Config{Secure: *secure, Admin: web.AdminConfig{BaseURL: *baseURL, Mailer: mailer}, Version: Version}
	for _, p := range strings.Split(*proxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			cfg.TrustedProxies = append(cfg.TrustedProxies, p)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, serveOptions{addr: *addr, db: dbPath(*db), web: cfg}, stdout, stderr)
}

// serveOptions is what serve needs once the command line is read.
type serveOptions struct {
	addr string
	db   string     // a SQLite file or a PostgreSQL URL
	web  web.Config // without Store and Logger, which serve sets
	// started, when not nil, is called in a goroutine of its own once the
	// server listens, with its base URL (tests).
	started func(base string)
}

// serve opens the database, serves until ctx is done, then stops
// accepting requests, finishes those in flight and closes the database.
func serve(ctx context.Context, o serveOptions, stdout, stderr io.Writer) error {
	st, err := openStore(o.db)
	if err != nil {
		return userError(err)
	}
	defer st.Close()

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	st.SetLogger(logger)
	warnUnsafeSettings(ctx, st, logger)
	cfg := o.web
	cfg.Store, cfg.Logger = st, logger
	srv, err := web.New(cfg)
	if err != nil {
		return err
	}
	defer srv.Close()

	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// Campaigns with an end date close themselves (closeDueLoop); the loop
	// ends with ctx, before the store is closed.
	loopDone := make(chan struct{})
	go func() { defer close(loopDone); closeDueLoop(ctx, st, logger, time.Now) }()
	defer func() { stop(); <-loopDone }()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("écoute sur %s : %w", o.addr, err)
	}
	fmt.Fprintf(stdout, "Vigie écoute sur http://%s (base %s). Ctrl-C pour arrêter.\n", ln.Addr(), dbLabel(o.db))
	// Campaigns whose retention has run out are archived now, then daily;
	// the loop ends with ctx, before the store closes (deferred above).
	retention := make(chan struct{})
	go func() {
		defer close(retention)
		archiveDueEvery(ctx, st, logger, retentionInterval)
	}()
	if o.started != nil {
		go o.started("http://" + ln.Addr().String())
	}
	err = serveHTTP(ctx, ln, srv.Handler(), logger)
	stop()
	<-retention
	return err
}

// warnUnsafeSettings warns, at start, when the PostgreSQL server runs
// with settings that can lose a commit it acknowledged (fsync,
// synchronous_commit or full_page_writes off): after a crash of that
// server, answers an employee was told were recorded may be gone. A
// warning, not a refusal: a test cluster runs so on purpose (.ci/postgres).
func warnUnsafeSettings(ctx context.Context, st *store.Store, logger *slog.Logger) {
	unsafe, err := st.UnsafeSettings(ctx)
	if err != nil {
		logger.Warn("réglages de durabilité de PostgreSQL illisibles", "err", err)
		return
	}
	if len(unsafe) > 0 {
		logger.Warn("PostgreSQL tourne sans garantie de durabilité : après une panne du serveur de base de données, des réponses dont l'enregistrement a été confirmé peuvent être perdues ; remettez ces réglages à on en production (docs/deploiement.md)",
			"réglages", strings.Join(unsafe, ", "))
	}
}

// shutdownGrace is how long a stopping server waits for requests in flight
// (an answer being saved) before giving up.
const shutdownGrace = 30 * time.Second

// serveHTTP serves h on ln until ctx is done, then stops accepting
// connections and waits for the requests in flight to finish, so that no
// accepted answer is lost; the caller closes the store afterwards. The
// demo command uses it too.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(maskAddresses{logger}, "", 0),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serveur HTTP : %w", err)
	case <-ctx.Done():
	}
	logger.Info("arrêt demandé : fin des requêtes en cours")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("arrêt du serveur : %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serveur HTTP : %w", err)
	}
	return nil
}

// addressPattern matches IPv4 and IPv6 addresses with an optional port.
var addressPattern = regexp.MustCompile(`\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*[0-9a-fA-F]\]?(:\d+)?|\d{1,3}(\.\d{1,3}){3}(:\d+)?`)

// maskAddresses receives net/http's own error messages ("TLS handshake
// error from 203.0.113.5:4242: ...") and logs them without the client's
// address: no address is ever written to the logs.
type maskAddresses struct{ logger *slog.Logger }

func (m maskAddresses) Write(p []byte) (int, error) {
	msg := strings.TrimSpace(addressPattern.ReplaceAllString(string(p), "[adresse]"))
	m.logger.Warn("http: " + strings.TrimPrefix(msg, "http: "))
	return len(p), nil
}
