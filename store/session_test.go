package store_test

import (
	"bytes"
	"testing"
	"time"
)

func TestSessionStore(t *testing.T) {
	s := MustOpenStore(t)
	ss := s.SessionStore()
	defer ss.StopCleanup()

	if err := ss.Commit("tok1", []byte("données"), time.Now().Add(time.Hour)); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if err := ss.Commit("old", []byte("x"), time.Now().Add(-time.Hour)); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if b, ok, err := ss.Find("tok1"); err != nil || !ok || !bytes.Equal(b, []byte("données")) {
		t.Fatalf("Find = %q, %v, %v", b, ok, err)
	}
	if _, ok, err := ss.Find("old"); err != nil || ok {
		t.Fatalf("expired session found: %v, %v", ok, err)
	}
	if err := ss.Delete("tok1"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := ss.Find("tok1"); ok {
		t.Fatal("deleted session still found")
	}
}
