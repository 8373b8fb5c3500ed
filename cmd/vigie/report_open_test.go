package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A campaign's report exists only once it is closed: `vigie report
// --campaign` on a draft or open campaign fails with the reason and
// writes no file.
func TestReportCampaignNotClosed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	id, _ := mustCreateCampaign(t, db)
	out := filepath.Join(dir, "rapport.pdf")
	for _, step := range []string{"draft", "open"} {
		if step == "open" {
			if code, _, errOut := runVigie(t, "campaign", "open", id, "--db", db); code != 0 {
				t.Fatalf("campaign open: %s", errOut)
			}
		}
		code, _, errOut := runVigie(t, "report", "--campaign", id, "--db", db, "--out", out)
		if code != 1 || !strings.Contains(errOut, "disponibles à la clôture") {
			t.Errorf("%s campaign: exit %d, stderr %q; want 1 and results at closing", step, code, errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s campaign: a report file was written", step)
		}
	}
}
