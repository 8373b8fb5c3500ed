package e2e_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/store"
)

// TestResultsWithReference opens the results of a closed campaign whose
// questionnaire has imported reference values: the comparison table and
// the heat map's « écarts à la référence » view pass the accessibility
// audit at a phone's width and a desktop's, and the page does not scroll
// sideways on the phone.
func TestResultsWithReference(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	q, _ := questionnaires.BuiltinByID("reconnaissance")
	c := s.createCampaign(t, "Baromètre 2026", []string{q.ID}, vigie.StateOpen)
	for i, code := range s.codes(t, c.ID, 12) {
		unit := []string{"Direction A/Service 1", "Direction A/Service 2"}[i%2]
		s.submitAPI(t, c.ID, code, unit, q, around(3, i), "")
	}
	if err := s.Store.CloseCampaign(ctx, c.ID, time.Now()); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	csv := "questionnaire;version;measure;mean;sd;n;source;year\n"
	for i, d := range q.Dimensions {
		csv += q.ID + ";" + strconv.Itoa(q.Version) + ";" + d.ID + ";" + []string{"30", "50", "70"}[i%3] + ";15;2400;Enquête de référence;2024\n"
	}
	if err := s.Store.SaveReferenceFile(ctx, &store.ReferenceFile{Questionnaire: q.ID, Version: q.Version, Filename: "norme.csv", Content: []byte(csv)}); err != nil {
		t.Fatal(err)
	}

	tab := newTab(t)
	s.login(t, tab, consultantEmail)
	results := "/admin/campaigns/" + c.ID + "/results/" + q.ID
	if status := s.open(t, tab, results); status != 200 {
		t.Fatalf("results: status %d", status)
	}
	wantText(t, tab, "Comparaison avec une référence")
	wantText(t, tab, "Enquête de référence (2024), valeurs importées")
	auditWidths(t, tab, "results with a reference")
	screenshotElement(t, tab, "results-reference-390.png", "#reference", phoneWidth)
	screenshotElement(t, tab, "results-reference-1280.png", "#reference", desktopWidth)

	if status := s.open(t, tab, results+"?vue=reference"); status != 200 {
		t.Fatalf("reference view: status %d", status)
	}
	wantText(t, tab, "Écart à la référence par unité et par dimension")
	auditWidths(t, tab, "heat map vs reference")
	do(t, tab, "phone width", viewport(phoneWidth))
	if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > phoneWidth {
		t.Errorf("reference view at %d px: the page scrolls sideways (%d px)", phoneWidth, w)
	}
	screenshotElement(t, tab, "heatmap-reference-1280.png", "#h-heat + .heat-layout", desktopWidth)

	// The page where the file is attached, with its values.
	if status := s.open(t, tab, "/admin/questionnaires/"+q.ID+"/reference"); status != 200 {
		t.Fatalf("reference page: status %d", status)
	}
	wantText(t, tab, "Enquête de référence (2024)")
	auditWidths(t, tab, "questionnaire reference values")
}
