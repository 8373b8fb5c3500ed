package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The demo's reports state the binary's version, as serve's do (not the
// web package's "dev" fallback).
func TestDemoReportsVersion(t *testing.T) {
	old := Version
	Version = "9.8.7-demo"
	t.Cleanup(func() { Version = old })

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	opt := demoOptions{addr: "127.0.0.1:0", dir: t.TempDir(), now: demoNow,
		started: func(base string, info *demoInfo) {
			defer cancel()
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar, Timeout: time.Minute}
			resp, err := client.PostForm(base+"/login", url.Values{"email": {demoViewer.Email}, "password": {demoViewer.Password}})
			if err != nil {
				t.Errorf("login: %v", err)
				return
			}
			resp.Body.Close()
			resp, err = client.Get(base + "/admin/campaigns/" + info.Closed.ID + "/report.xlsx?audience=committee")
			if err != nil {
				t.Errorf("report: %v", err)
				return
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("report: status %d, want 200", resp.StatusCode)
				return
			}
			f, err := excelize.OpenReader(resp.Body)
			if err != nil {
				t.Errorf("excelize: %v", err)
				return
			}
			defer f.Close()
			found := false
			for _, sheet := range f.GetSheetList() {
				rows, _ := f.GetRows(sheet)
				for _, row := range rows {
					found = found || strings.Contains(strings.Join(row, " "), Version)
				}
			}
			if !found {
				t.Errorf("the demo's workbook does not state the version %q", Version)
			}
		}}
	go func() { done <- demo(ctx, opt, io.Discard, io.Discard) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("demo: %v", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("demo did not stop")
	}
}
