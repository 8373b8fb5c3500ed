package web

import (
	"errors"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/store"
)

// Config holds what the server needs. Only Store is required.
type Config struct {
	Store  *store.Store
	Logger *slog.Logger     // default: discard
	Now    func() time.Time // default: time.Now; tests move the clock

	// Secure says the server is reached over TLS (directly or behind a
	// proxy): cookies get the Secure flag and answers carry HSTS.
	Secure bool
	// TrustedProxies are the addresses (or CIDR blocks) of reverse proxies
	// whose X-Forwarded-For is believed; none by default, so a client
	// cannot forge its address to escape the rate limit.
	TrustedProxies []string
	// TrustedOrigins are other origins allowed to post (scheme://host[:port]).
	TrustedOrigins []string

	// MaxBodyBytes caps the body of answering pages and the submission
	// API; default 128 KiB (a long questionnaire with every comment full).
	MaxBodyBytes int64
	// CodeAttempts refused codes (unknown or used) are told as such at
	// once per client address, and refused paper entries per data-entry
	// account, then one more every CodeAttemptPeriod; defaults 10 and
	// 30 s. A valid, unused code is never refused. See code_limits.go.
	CodeAttempts      int
	CodeAttemptPeriod time.Duration
	// UsedCodeAnswers used codes are told as such at once per campaign,
	// all addresses together, then one more every UsedCodePeriod;
	// defaults 30 and 5 min.
	UsedCodeAnswers int
	UsedCodePeriod  time.Duration
	// PaperRefusals refused paper entries are answered at once per
	// campaign, all accounts together, then one more every
	// PaperRefusalPeriod; defaults 30 and 1 min.
	PaperRefusals      int
	PaperRefusalPeriod time.Duration
	// SessionTTL is how long an answering session lives without activity
	// (default 2 h); MaxSessions bounds how many live at once (default
	// 20,000: a link-mode session holds its answers, about 10 KB at most).
	SessionTTL  time.Duration
	MaxSessions int

	// Admin configures the back office (auth.go).
	Admin AdminConfig

	// Version is Vigie's version, written in the reports' parameters;
	// default "dev".
	Version string

	// References are the sources of reference values results are
	// compared with, after the files attached to questionnaires in the
	// back office (which always come first): the portfolio plugs in here.
	References []ReferenceSource
}

// Server serves Vigie over HTTP. Every handler is a method of Server.
type Server struct {
	store   *store.Store
	logger  *slog.Logger
	now     func() time.Time
	secure  bool
	maxBody int64
	version string // written in reports (Config.Version)

	engine    *gin.Engine
	pages     map[string]*template.Template // page name -> layout + page
	static    *staticFiles
	limits    codeLimits // refused codes and paper entries, see code_limits.go
	sessions  *sessionStore
	csrf      *http.CrossOriginProtection
	campaigns *campaignCache // open campaigns, see campaign_cache.go
	admin     *backOffice    // consultants' and viewers' side (auth.go)
	sendings  *sendings      // invitations and reminders being sent (sending.go)
	// references, in order of precedence: the first that has a
	// reference for a questionnaire is the one shown (references.go).
	references []ReferenceSource
	closeOnce  sync.Once
}

// New builds a server from cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: no store")
	}
	s := &Server{
		store:     cfg.Store,
		logger:    cfg.Logger,
		now:       cfg.Now,
		secure:    cfg.Secure,
		maxBody:   cfg.MaxBodyBytes,
		version:   cfg.Version,
		csrf:      http.NewCrossOriginProtection(),
		campaigns: newCampaignCache(campaignCacheTTL),
	}
	if s.logger == nil {
		s.logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.version == "" {
		s.version = "dev"
	}
	if s.maxBody <= 0 {
		s.maxBody = 128 << 10
	}
	s.limits = newCodeLimits(cfg, s.now)
	// The files attached to questionnaires first, then any source the
	// caller adds, then the installation's portfolio (off unless the
	// consultant turned it on: store.PortfolioReference says nil then).
	s.references = append([]ReferenceSource{importedReferences{cfg.Store}}, cfg.References...)
	s.references = append(s.references, store.PortfolioReferences{Store: cfg.Store})
	s.sendings = newSendings(s.now)
	ttl, maxSessions := cfg.SessionTTL, cfg.MaxSessions
	if ttl <= 0 {
		ttl = 2 * time.Hour
	}
	if maxSessions <= 0 {
		maxSessions = 20_000
	}
	s.sessions = newSessionStore(ttl, maxSessions, s.now)
	for _, o := range cfg.TrustedOrigins {
		if err := s.csrf.AddTrustedOrigin(o); err != nil {
			return nil, err
		}
	}
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, err
	}

	gin.SetMode(gin.ReleaseMode)
	s.engine = gin.New()
	// ContextWithFallback stays off: with it, a *gin.Context handed to
	// database/sql as a context.Context is read by the driver's watcher
	// after gin has recycled it for another request (a data race). Store
	// calls take c.Request.Context().
	s.engine.RedirectTrailingSlash = true
	if err := s.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	s.initBackOffice(cfg.Admin)
	s.routes()
	return s, nil
}

// Handler returns the HTTP handler serving every route.
func (s *Server) Handler() http.Handler { return s.engine }
