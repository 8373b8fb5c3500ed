package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeHTTPFinishesRequestsInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release // an answer being saved
		w.WriteHeader(http.StatusCreated)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveHTTP(ctx, ln, h, slog.New(slog.NewTextHandler(io.Discard, nil))) }()

	status := make(chan int, 1)
	go func() {
		res, err := http.Post("http://"+ln.Addr().String()+"/", "application/json", strings.NewReader("{}"))
		if err != nil {
			status <- 0
			return
		}
		res.Body.Close()
		status <- res.StatusCode
	}()
	<-entered
	cancel() // SIGTERM
	select {
	case err := <-done:
		t.Fatalf("server stopped (%v) while a request was in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if got := <-status; got != http.StatusCreated {
		t.Fatalf("request in flight got %d, want 201", got)
	}
	if err := <-done; err != nil {
		t.Fatalf("serveHTTP = %v, want nil", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Fatalf("server still accepts connections after shutdown")
	}
}

func TestMaskAddresses(t *testing.T) {
	var buf bytes.Buffer
	w := maskAddresses{slog.New(slog.NewTextHandler(&buf, nil))}
	w.Write([]byte("http: TLS handshake error from 203.0.113.5:4242: EOF\n"))
	w.Write([]byte("http: TLS handshake error from [2001:db8::1]:443: EOF\n"))
	for _, addr := range []string{"203.0.113.5", "4242", "2001:db8", "::1"} {
		if strings.Contains(buf.String(), addr) {
			t.Fatalf("log %q contains %q", buf.String(), addr)
		}
	}
	if !strings.Contains(buf.String(), "TLS handshake error from [adresse]") {
		t.Fatalf("log %q lost the message", buf.String())
	}
}
