package web

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// TestClassifyOutages: a full disk or a database out of reach used to be
// a 500 "erreur interne". The drivers' own errors, however wrapped, now
// answer 503 with what happened and Retry-After, on pages and in the API
// (both go through classify); a submission whose outcome is unknown says
// it may have been recorded, and what to do.
func TestClassifyOutages(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	s := &Server{logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	wrap := func(err error) error { return fmt.Errorf("store: write batch: commit: %w", err) }
	submit := func(err error) error { return fmt.Errorf("%w: %w", errSubmitUncertain, wrap(err)) }
	for _, tc := range []struct {
		name   string
		err    error
		status int
		key    string
	}{
		{"SQLiteFull", wrap(sqlite3.Error{Code: sqlite3.ErrFull}), http.StatusServiceUnavailable, "error.full"},
		{"PostgresDiskFull", wrap(&pgconn.PgError{Code: "53100"}), http.StatusServiceUnavailable, "error.full"},
		{"PostgresAdminShutdown", wrap(&pgconn.PgError{Code: "57P01"}), http.StatusServiceUnavailable, "error.unavailable"},
		{"PostgresConnectionFailure", wrap(&pgconn.PgError{Code: "08006"}), http.StatusServiceUnavailable, "error.unavailable"},
		{"PostgresTooManyConnections", wrap(&pgconn.PgError{Code: "53300"}), http.StatusServiceUnavailable, "error.unavailable"},
		{"SubmissionDuringOutage", submit(&pgconn.PgError{Code: "57P01"}), http.StatusServiceUnavailable, "error.submit.uncertain"},
		{"SubmissionOnFullDisk", submit(sqlite3.Error{Code: sqlite3.ErrFull}), http.StatusServiceUnavailable, "error.submit.uncertain"},
		{"APISubmissionDuringOutage", fmt.Errorf("%w: %w", errSubmitUncertainAPI, wrap(&pgconn.PgError{Code: "08006"})), http.StatusServiceUnavailable, "api.submit.uncertain"},
		{"SubmissionInternalError", submit(errors.New("boom")), http.StatusInternalServerError, "error.submit.uncertain"},
		{"Internal", wrap(errors.New("boom")), http.StatusInternalServerError, "error.internal"},
		{"Constraint", wrap(sqlite3.Error{Code: sqlite3.ErrConstraint}), http.StatusInternalServerError, "error.internal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(rec)
			c.Request = httptest.NewRequest(http.MethodPost, "/r/x/submit", nil)
			status, msg := s.classify(c, tc.err)
			if status != tc.status || msg != tr("fr", tc.key) {
				t.Fatalf("classify = %d %q, want %d %q", status, msg, tc.status, tr("fr", tc.key))
			}
			if got := rec.Header().Get("Retry-After"); (status == http.StatusServiceUnavailable) != (got != "") {
				t.Fatalf("Retry-After = %q with status %d, want one with 503 only", got, status)
			}
		})
	}
	t.Run("NoRoomForRewrite", func(t *testing.T) {
		rec := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(rec)
		c.Request = httptest.NewRequest(http.MethodPost, "/admin/campaigns/x/archive", nil)
		err := vigie.Errorf(vigie.EUNAVAILABLE, "Espace disque insuffisant pour archiver cette campagne.")
		if status, msg := s.classify(c, err); status != http.StatusServiceUnavailable || msg != vigie.ErrorMessage(err) {
			t.Fatalf("classify = %d %q, want 503 with the store's message", status, msg)
		}
	})
}

// TestRewriteNoticeRenders renders the notice of the campaign list in
// every state the store can report.
func TestRewriteNoticeRenders(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "vigie.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		name   string
		notice *rewriteNotice
		want   []string
	}{
		{"None", nil, nil},
		{"Pending", &rewriteNotice{Pending: true}, []string{"La réécriture du fichier est en attente."}},
		{"PendingAndFailingOnFullDisk", &rewriteNotice{Pending: true, Failures: 3, Full: true},
			[]string{"La réécriture du fichier est en attente.", "échoue", "3\u00a0tentatives", "le disque du serveur est plein", "et les octets des données effacées"}},
		{"Failing", &rewriteNotice{Failures: 1}, []string{"échoue", "1\u00a0tentative", "lire le journal du service"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(rec)
			c.Request = httptest.NewRequest(http.MethodGet, "/admin", nil)
			s.render(c, http.StatusOK, "admin_campaigns", &campaignsPage{Nav: adminNav{Consultant: true}, Rewrite: tc.notice})
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, body)
			}
			if has := strings.Contains(body, `id="rewrite-notice"`); has != (tc.notice != nil) {
				t.Fatalf("notice shown = %v, want %v", has, tc.notice != nil)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page does not say %q", w)
				}
			}
		})
	}
}
