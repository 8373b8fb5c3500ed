package main

import (
	"context"
	"strings"
	"testing"
)

// TestPortfolioCommands runs vigie portfolio on a fresh database: off by
// default, a minimum under 5 refused, on, a campaign left out and
// included again, and a freeze refused for want of organisations.
func TestPortfolioCommands(t *testing.T) {
	db := testDB(t)
	code, out, errOut := runVigie(t, "portfolio", "status", "--db", db)
	if code != 0 || !strings.Contains(out, "Portefeuille désactivé") || !strings.Contains(out, "Aucune version figée.") {
		t.Fatalf("status: exit %d, %s%s", code, out, errOut)
	}
	code, _, errOut = runVigie(t, "portfolio", "minimum", "4", "--db", db)
	if code != 1 || !strings.Contains(errOut, "ne peut pas être inférieur à 5") {
		t.Fatalf("minimum 4: exit %d, %s; want a refusal giving the minimum", code, errOut)
	}
	if code, _, errOut = runVigie(t, "portfolio", "minimum", "cinq", "--db", db); code != 2 {
		t.Fatalf("minimum cinq: exit %d, %s; want a usage error", code, errOut)
	}
	code, out, errOut = runVigie(t, "portfolio", "on", "--db", db)
	if code != 0 || !strings.Contains(out, "Portefeuille activé") || !strings.Contains(out, "(6 en tout)") {
		t.Fatalf("on: exit %d, %s%s", code, out, errOut)
	}
	id, _ := mustCreateCampaign(t, db)
	s := openTestStore(t, db)
	if in, err := s.CampaignInPortfolio(context.Background(), id); err != nil || !in {
		t.Fatalf("a campaign created while the portfolio is on: included %v (%v), want true", in, err)
	}
	s.Close()
	if code, out, errOut = runVigie(t, "portfolio", "exclude", id, "--db", db); code != 0 || !strings.Contains(out, "exclue") {
		t.Fatalf("exclude: exit %d, %s%s", code, out, errOut)
	}
	if code, out, errOut = runVigie(t, "portfolio", "include", "c_inconnue00", "--db", db); code != 1 {
		t.Fatalf("include of an unknown campaign: exit %d, %s%s; want 1", code, out, errOut)
	}
	code, _, errOut = runVigie(t, "portfolio", "freeze", "--db", db)
	if code != 1 || !strings.Contains(errOut, "Aucune mesure ne réunit 6 organisations") {
		t.Fatalf("freeze: exit %d, %s; want a refusal for want of organisations", code, errOut)
	}
}

// TestPortfolioStatusOfTheDemo prints the demo's frozen version.
func TestPortfolioStatusOfTheDemo(t *testing.T) {
	st, _ := mustDemo(t)
	code, out, errOut := runVigie(t, "portfolio", "status", "--db", st.Path())
	if code != 0 || !strings.Contains(out, "Portefeuille activé") || !strings.Contains(out, "2026-1") {
		t.Fatalf("status of the demo: exit %d, %s%s", code, out, errOut)
	}
}
