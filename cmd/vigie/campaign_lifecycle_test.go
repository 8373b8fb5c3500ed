package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

const exampleTitle = "Baromètre qualité de vie au travail 2027"

func TestCampaignArchiveCommand(t *testing.T) {
	db := testDB(t)
	id, _ := mustCreateCampaign(t, db)
	if code, _, errOut := runVigie(t, "campaign", "archive", id, "--db", db); code != 1 || !strings.Contains(errOut, "Seule une campagne close") {
		t.Fatalf("archive a draft: exit %d, stderr %q; want 1 and a plain message", code, errOut)
	}
	for _, step := range []string{"open", "close"} {
		if code, _, errOut := runVigie(t, "campaign", step, id, "--db", db); code != 0 {
			t.Fatalf("campaign %s: exit %d, %s", step, code, errOut)
		}
	}
	code, out, errOut := runVigie(t, "campaign", "archive", id, "--db", db)
	if code != 0 || !strings.Contains(out, "archivée") || !strings.Contains(out, "réponses individuelles") {
		t.Fatalf("campaign archive: exit %d, %s%s", code, out, errOut)
	}
	if code, out, _ := runVigie(t, "campaign", "list", "--db", db); code != 0 || !strings.Contains(out, "archivée") {
		t.Fatalf("campaign list after archiving: exit %d\n%s", code, out)
	}
	if code, _, errOut := runVigie(t, "campaign", "archive", id, "--db", db); code != 1 || !strings.Contains(errOut, "déjà archivée") {
		t.Fatalf("second archive: exit %d, stderr %q", code, errOut)
	}
}

func TestCampaignDeleteCommand(t *testing.T) {
	db := testDB(t)
	t.Run("DraftOutright", func(t *testing.T) {
		id, _ := mustCreateCampaign(t, db)
		if code, out, errOut := runVigie(t, "campaign", "delete", id, "--db", db); code != 0 || !strings.Contains(out, "supprimée") {
			t.Fatalf("delete a draft: exit %d, %s%s", code, out, errOut)
		}
		if code, out, _ := runVigie(t, "campaign", "list", "--db", db); code != 0 || strings.Contains(out, id) {
			t.Fatalf("the deleted draft is still listed:\n%s", out)
		}
	})
	t.Run("OpenNeedsTitle", func(t *testing.T) {
		id, _ := mustCreateCampaign(t, db)
		if code, _, errOut := runVigie(t, "campaign", "open", id, "--db", db); code != 0 {
			t.Fatal(errOut)
		}
		for _, confirm := range []string{"", "Baromètre", strings.ToUpper(exampleTitle)} {
			code, _, errOut := runVigie(t, "campaign", "delete", id, "--confirm", confirm, "--db", db)
			if code != 1 || !strings.Contains(errOut, "recopiez exactement son titre") {
				t.Fatalf("delete with --confirm %q: exit %d, stderr %q; want a refusal", confirm, code, errOut)
			}
		}
		if code, out, errOut := runVigie(t, "campaign", "delete", id, "--confirm", exampleTitle, "--db", db); code != 0 {
			t.Fatalf("delete with the title: exit %d, %s%s", code, out, errOut)
		}
		if code, _, errOut := runVigie(t, "campaign", "delete", id, "--db", db); code != 1 || !strings.Contains(errOut, "n'existe pas") {
			t.Fatalf("delete again: exit %d, stderr %q", code, errOut)
		}
	})
	t.Run("KeepsDUERPVersions", func(t *testing.T) {
		id, _ := mustCreateCampaign(t, db)
		for _, step := range []string{"open", "close"} {
			if code, _, errOut := runVigie(t, "campaign", step, id, "--db", db); code != 0 {
				t.Fatalf("campaign %s: exit %d, %s", step, code, errOut)
			}
		}
		freeze(t, db, id)
		code, out, errOut := runVigie(t, "campaign", "delete", id, "--confirm", exampleTitle, "--db", db)
		if code != 0 || !strings.Contains(out, "sauf ses versions figées du DUERP") {
			t.Fatalf("delete with versions: exit %d, %s%s; want it to say the versions stay", code, out, errOut)
		}
		if code, out, _ := runVigie(t, "campaign", "list", "--db", db); code != 0 || strings.Contains(out, id) {
			t.Fatalf("the deleted campaign is still listed:\n%s", out)
		}
		if code, _, errOut := runVigie(t, "campaign", "delete", id, "--confirm", exampleTitle, "--db", db); code != 1 || !strings.Contains(errOut, "déjà été supprimée") {
			t.Fatalf("delete again: exit %d, stderr %q; want a refusal saying it is already deleted", code, errOut)
		}
	})
}

// freeze freezes a version of the DUERP of closed campaign id in db.
func freeze(t *testing.T, db, id string) {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.FreezeDUERP(context.Background(), id, "cli", time.Now(), reports.DUERPWorkbook); err != nil {
		t.Fatalf("FreezeDUERP: %v", err)
	}
}
