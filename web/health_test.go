package web_test

import (
	"net/http"
	"testing"
)

// TestProbes: /healthz stays 200 while the process runs (liveness) and
// tells the state of the file's rewrite; /readyz asks the database, and
// answers 503 once it cannot (here, closed), for a load balancer.
func TestProbes(t *testing.T) {
	ts := MustNewServer(t)
	b := ts.browser(t)
	var health struct {
		Status     string
		Compaction struct{ Status string }
	}
	p := b.get("/healthz")
	wantStatus(t, p, http.StatusOK)
	decode(t, p, &health)
	if health.Status != "ok" || health.Compaction.Status != "ok" {
		t.Fatalf("/healthz = %s, want status ok and compaction ok", p.Body)
	}
	p = b.get("/readyz")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"status":"ready"`)

	if err := ts.Store.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	p = b.get("/readyz")
	wantStatus(t, p, http.StatusServiceUnavailable)
	wantContains(t, p, `"status":"unavailable"`)
	wantStatus(t, b.get("/healthz"), http.StatusOK)
}
