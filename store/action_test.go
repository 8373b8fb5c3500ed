package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// validAction is an action every field of which passes.
func validAction() vigie.Action {
	return vigie.Action{
		Title: "Temps d'échange mensuel sur les dossiers complexes", Description: "Une heure par mois.",
		Unit: "Direction A/Service 2", Dimensions: []string{"reconnaissance/effort"}, Owner: "Responsable de service",
		Due: "2027-03-31", Budget: "2 h par mois", FollowUp: "Dimension effort à la prochaine vague",
	}
}

// mustAction creates a on the campaign.
func mustAction(tb testing.TB, s *store.Store, campaignID string, a vigie.Action) *vigie.Action {
	tb.Helper()
	got, err := s.CreateAction(context.Background(), campaignID, a)
	if err != nil {
		tb.Fatalf("CreateAction: %v", err)
	}
	return got
}

func TestActionValidation(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	ctx := context.Background()
	long := strings.Repeat("x", 201)
	for _, tc := range []struct {
		name  string
		edit  func(a *vigie.Action)
		field string // the message must start with it
	}{
		{"TitleMissing", func(a *vigie.Action) { a.Title = "  " }, "title :"},
		{"TitleTooLong", func(a *vigie.Action) { a.Title = long }, "title :"},
		{"DescriptionTooLong", func(a *vigie.Action) { a.Description = strings.Repeat("x", 4001) }, "description :"},
		{"UnitUnknown", func(a *vigie.Action) { a.Unit = "Direction C" }, "unit :"},
		{"UnitPartial", func(a *vigie.Action) { a.Unit = "Service 2" }, "unit :"},
		{"DimensionUnknown", func(a *vigie.Action) { a.Dimensions = []string{"reconnaissance/inconnue"} }, "dimensions :"},
		{"DimensionWithoutQuestionnaire", func(a *vigie.Action) { a.Dimensions = []string{"effort"} }, "dimensions :"},
		{"DimensionOtherQuestionnaire", func(a *vigie.Action) { a.Dimensions = []string{"strategies-defensives/deni"} }, "dimensions :"},
		{"DimensionTwice", func(a *vigie.Action) { a.Dimensions = []string{"reconnaissance/effort", "reconnaissance/effort"} }, "dimensions :"},
		{"RiskFamilyUnknown", func(a *vigie.Action) { a.RiskFamily = "stress" }, "risk_family :"},
		{"OwnerTooLong", func(a *vigie.Action) { a.Owner = long }, "owner :"},
		{"DueNotADate", func(a *vigie.Action) { a.Due = "31/03/2027" }, "due :"},
		{"DueImpossible", func(a *vigie.Action) { a.Due = "2027-02-30" }, "due :"},
		{"BudgetTooLong", func(a *vigie.Action) { a.Budget = long }, "budget :"},
		{"StatusUnknown", func(a *vigie.Action) { a.Status = "todo" }, "status :"},
		{"FollowUpTooLong", func(a *vigie.Action) { a.FollowUp = strings.Repeat("x", 4001) }, "follow_up :"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := validAction()
			tc.edit(&a)
			_, err := s.CreateAction(ctx, rc.c.ID, a)
			wantCode(t, err, vigie.EINVALID)
			if msg := vigie.ErrorMessage(err); !strings.HasPrefix(msg, tc.field) {
				t.Fatalf("message = %q, want it to start with %q", msg, tc.field)
			}
			// A patch is checked the same way.
			created := mustAction(t, s, rc.c.ID, validAction())
			_, err = s.UpdateAction(ctx, rc.c.ID, created.ID, patchOf(a))
			if msg := vigie.ErrorMessage(err); vigie.ErrorCode(err) != vigie.EINVALID || !strings.HasPrefix(msg, tc.field) {
				t.Fatalf("patch: %v, want EINVALID starting with %q", err, tc.field)
			}
		})
	}
}

// patchOf is a patch setting every field to a's.
func patchOf(a vigie.Action) vigie.ActionPatch {
	return vigie.ActionPatch{Title: &a.Title, Description: &a.Description, Unit: &a.Unit, Dimensions: &a.Dimensions,
		RiskFamily: &a.RiskFamily, Owner: &a.Owner, Due: &a.Due, Budget: &a.Budget, Status: &a.Status, FollowUp: &a.FollowUp}
}

func TestActionsFollowResults(t *testing.T) {
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	ctx := context.Background()
	_, err := s.CreateAction(ctx, c.ID, validAction())
	wantCode(t, err, vigie.ECONFLICT)
	_, err = s.Actions(ctx, c.ID)
	wantCode(t, err, vigie.ECONFLICT)
	_, err = s.Actions(ctx, "c_inconnue")
	wantCode(t, err, vigie.ENOTFOUND)
}

// A dimension that is a signal for a family (sens-global, for value
// conflicts) puts its action on that family's DUERP row.
func TestActionOnSignalDimension(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	if a := mustAction(t, s, rc.c.ID, vigie.Action{Title: "Sens", Dimensions: []string{"sens-du-travail/sens-global"}}); a.RiskFamily != "conflits-valeurs" {
		t.Fatalf("action on sens-global has family %q, want the one it is a signal for (conflits-valeurs)", a.RiskFamily)
	}
}

func TestActionLifecycle(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	ctx := context.Background()
	first := mustAction(t, s, rc.c.ID, validAction())
	if first.Status != vigie.ActionPlanned || first.ID == "" || first.RiskFamily != "intensite-temps" {
		t.Fatalf("created = %+v, want status planned, an id, the family of its dimension (effort: intensite-temps)", first)
	}
	second := mustAction(t, s, rc.c.ID, vigie.Action{Title: "  Charte des échanges  ", Status: vigie.ActionInProgress, RiskFamily: "rapports-sociaux"})
	if second.Title != "Charte des échanges" || second.Unit != "" || len(second.Dimensions) != 0 {
		t.Fatalf("created = %+v, want a trimmed title, everyone, no dimension", second)
	}
	done := vigie.ActionDone
	updated, err := s.UpdateAction(ctx, rc.c.ID, first.ID, vigie.ActionPatch{Status: &done})
	if err != nil || updated.Status != done || updated.Title != first.Title || updated.Due != first.Due {
		t.Fatalf("UpdateAction = %+v, %v: want only the status changed", updated, err)
	}
	list, err := s.Actions(ctx, rc.c.ID)
	if err != nil || len(list) != 2 || list[0].ID != first.ID || list[1].ID != second.ID || list[0].Status != done {
		t.Fatalf("Actions = %+v, %v: want both, in creation order, the first done", list, err)
	}
	if err := s.DeleteAction(ctx, rc.c.ID, first.ID); err != nil {
		t.Fatalf("DeleteAction: %v", err)
	}
	_, err = s.Action(ctx, rc.c.ID, first.ID)
	wantCode(t, err, vigie.ENOTFOUND)
	wantCode(t, s.DeleteAction(ctx, rc.c.ID, first.ID), vigie.ENOTFOUND)
	_, err = s.UpdateAction(ctx, rc.c.ID, "a_inconnue", vigie.ActionPatch{Status: &done})
	wantCode(t, err, vigie.ENOTFOUND)
}
