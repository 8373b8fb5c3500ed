package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/store"
)

// Probes. /healthz says the process is alive (liveness): always 200, so
// that a supervisor never restarts a server that is only waiting for its
// database; its JSON adds what an operator should know about the rewrite
// of the database file. /readyz says whether the server can serve now
// (readiness): 200 when the database answers a query within readyTimeout,
// 503 otherwise, for a load balancer to send requests elsewhere. Both are
// public: they say nothing of campaigns, times or errors (the detail is in
// the log).

// readyTimeout bounds the query of /readyz: a database slower than this
// is not ready.
const readyTimeout = 2 * time.Second

// healthAnswer is the body of /healthz.
type healthAnswer struct {
	Status     string           `json:"status"` // always "ok": the process answers
	Compaction compactionHealth `json:"compaction"`
}

// compactionHealth is the state of the rewrite of the database file
// (store.Compaction).
type compactionHealth struct {
	Status         string `json:"status"`                    // "ok", "pending" (an erasure's rewrite) or "failing"
	Failures       int    `json:"failures,omitempty"`        // rewrites failed in a row
	DiskFull       bool   `json:"disk_full,omitempty"`       // the last one failed on a full disk
	ErasurePending bool   `json:"erasure_pending,omitempty"` // an archive's or a deletion's rewrite has not finished
}

// healthz answers 200 while the process runs, with the state of the
// file's rewrite.
func (s *Server) healthz(c *gin.Context) {
	st := s.store.Compaction()
	h := compactionHealth{Status: "ok", Failures: st.Failures, ErasurePending: st.ErasurePending}
	switch {
	case st.Failures > 0:
		h.Status, h.DiskFull = "failing", store.Outage(st.Err) == store.ErrFull
	case st.ErasurePending:
		h.Status = "pending"
	}
	c.JSON(http.StatusOK, healthAnswer{Status: "ok", Compaction: h})
}

// readyz answers 200 when the database answers a query that reads it
// within readyTimeout, 503 otherwise.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.logger.Warn("not ready: the database does not answer", "error", err.Error())
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}
