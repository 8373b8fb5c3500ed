package store_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

func TestCreateCampaign(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil)

	if !regexp.MustCompile(`^c_[a-z2-9]{10}$`).MatchString(c.ID) {
		t.Errorf("id = %q, want c_ and 10 characters", c.ID)
	}
	if len(c.Slug) < 16 {
		t.Errorf("slug = %q, want at least 16 random characters", c.Slug)
	}
	if c.State != vigie.StateDraft || c.MinGroupSize != 5 || c.CommentMinGroupSize != 10 || c.Access != vigie.AccessCodes {
		t.Errorf("state %s k %d comment k %d access %s, want draft 5 10 codes", c.State, c.MinGroupSize, c.CommentMinGroupSize, c.Access)
	}
	got, err := s.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatalf("Campaign: %v", err)
	}
	var paths []string
	for _, u := range got.Units {
		paths = append(paths, strings.Join(u.Path, "/"))
	}
	want := []string{"Direction A", "Direction A/Service 1", "Direction A/Service 2", "Direction B"}
	if !slices.Equal(paths, want) {
		t.Errorf("units = %q, want %q (implied parents first)", paths, want)
	}
	if got.Units[1].Headcount != 12 || got.Units[0].Headcount != 0 {
		t.Errorf("headcounts = %+v", got.Units)
	}
	if len(got.Segments) != 1 || got.Segments[0].Label["en"] != "Job" || len(got.Segments[0].Categories) != 3 {
		t.Errorf("segments = %+v", got.Segments)
	}
	if !slices.Equal(got.Questionnaires, []string{"sens-du-travail", "reconnaissance"}) || !slices.Equal(got.Languages, []string{"fr", "en"}) {
		t.Errorf("questionnaires %v languages %v", got.Questionnaires, got.Languages)
	}
	bySlug, err := s.CampaignBySlug(ctx, c.Slug)
	if err != nil || bySlug.ID != c.ID {
		t.Fatalf("CampaignBySlug = %v, %v", bySlug, err)
	}
	other := MustCreateCampaign(t, s, nil)
	if other.ID == c.ID || other.Slug == c.Slug {
		t.Fatal("two campaigns share an id or a slug")
	}
	list, err := s.Campaigns(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("Campaigns = %d campaigns, %v; want 2", len(list), err)
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Campaign(ctx, "c_nope")
		wantCode(t, err, vigie.ENOTFOUND)
		_, err = s.CampaignBySlug(ctx, "nope")
		wantCode(t, err, vigie.ENOTFOUND)
	})
	t.Run("ErrUnknownQuestionnaire", func(t *testing.T) {
		spec := testSpec()
		spec.Questionnaires = []string{"sens-du-travail", "inconnu"}
		_, err := s.CreateCampaign(ctx, spec)
		wantCode(t, err, vigie.EINVALID)
	})
	t.Run("ErrInvalidSpec", func(t *testing.T) {
		spec := testSpec()
		spec.MinGroupSize = 2
		_, err := s.CreateCampaign(ctx, spec)
		wantCode(t, err, vigie.EINVALID)
	})
}

func TestCampaignLifeCycle(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil)

	wantCode(t, s.CloseCampaign(ctx, c.ID, now), vigie.ECONFLICT) // never opened

	spec := testSpec()
	spec.Title = "Baromètre 2027 (v2)"
	spec.MinGroupSize = 7
	spec.CommentMinGroupSize = 12
	updated, err := s.UpdateCampaign(ctx, c.ID, spec)
	if err != nil {
		t.Fatalf("UpdateCampaign on a draft: %v", err)
	}
	if updated.ID != c.ID || updated.Slug != c.Slug || updated.MinGroupSize != 7 {
		t.Fatalf("updated = %+v", updated)
	}

	if err := s.OpenCampaign(ctx, c.ID, now); err != nil {
		t.Fatalf("OpenCampaign: %v", err)
	}
	got, _ := s.Campaign(ctx, c.ID)
	if got.State != vigie.StateOpen || got.OpenedWeek != nowWeek || got.Title != spec.Title {
		t.Fatalf("after open: state %s week %q title %q", got.State, got.OpenedWeek, got.Title)
	}
	t.Run("ErrLockedOnceOpen", func(t *testing.T) {
		spec := testSpec()
		spec.MinGroupSize = 3
		_, err := s.UpdateCampaign(ctx, c.ID, spec)
		wantCode(t, err, vigie.ECONFLICT)
		if got, _ := s.Campaign(ctx, c.ID); got.MinGroupSize != 7 {
			t.Fatalf("k = %d after refused update, want 7", got.MinGroupSize)
		}
	})
	wantCode(t, s.OpenCampaign(ctx, c.ID, now), vigie.ECONFLICT)

	later := now.Add(3 * 7 * 24 * time.Hour)
	if err := s.CloseCampaign(ctx, c.ID, later); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	got, _ = s.Campaign(ctx, c.ID)
	if got.State != vigie.StateClosed || got.ClosedWeek != "2027-W08" {
		t.Fatalf("after close: state %s week %q", got.State, got.ClosedWeek)
	}
	wantCode(t, s.CloseCampaign(ctx, c.ID, now), vigie.ECONFLICT)
	wantCode(t, s.OpenCampaign(ctx, c.ID, now), vigie.ECONFLICT)
	_, err = s.UpdateCampaign(ctx, c.ID, testSpec())
	wantCode(t, err, vigie.ECONFLICT)
	wantCode(t, s.OpenCampaign(ctx, "c_nope", now), vigie.ENOTFOUND)
}

// customQuestionnaire is a small uploaded questionnaire; version and item
// id vary so a test can tell versions apart.
func customQuestionnaire(t *testing.T, version int, item string) *questionnaires.Questionnaire {
	t.Helper()
	src := `id: climat
version: ` + itoa(version) + `
language: fr
title: {fr: "Climat"}
scales:
  accord:
    min: 1
    max: 4
    labels: {fr: ["Non", "Plutôt non", "Plutôt oui", "Oui"]}
dimensions:
  - id: ambiance
    title: {fr: "Ambiance"}
    description: {fr: "Le climat de travail."}
    direction: higher_is_better
    cutoffs: [40, 60]
    items:
      - {id: ` + item + `, text: {fr: "L'ambiance est bonne."}, scale: accord}
      - {id: x2, text: {fr: "On s'entraide."}, scale: accord}
`
	q, err := questionnaires.Parse("climat.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse custom questionnaire: %v", err)
	}
	return q
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestQuestionnaires(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	if err := s.SaveQuestionnaire(ctx, customQuestionnaire(t, 1, "a1")); err != nil {
		t.Fatalf("SaveQuestionnaire: %v", err)
	}
	all, err := s.Questionnaires(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(questionnaires.Builtin()); len(all) != n+1 || all[len(all)-1].ID != "climat" {
		t.Fatalf("Questionnaires = %d, want %d built-in + climat", len(all), n)
	}
	if _, err := s.Questionnaire(ctx, "climat"); err != nil {
		t.Fatalf("Questionnaire(climat): %v", err)
	}
	if _, err := s.Questionnaire(ctx, "sens-du-travail"); err != nil {
		t.Fatalf("Questionnaire(built-in): %v", err)
	}
	_, err = s.Questionnaire(ctx, "absent")
	wantCode(t, err, vigie.ENOTFOUND)

	t.Run("ErrBuiltinID", func(t *testing.T) {
		q, _ := questionnaires.BuiltinByID("reconnaissance")
		wantCode(t, s.SaveQuestionnaire(ctx, q), vigie.ECONFLICT)
	})

	t.Run("FrozenAtOpening", func(t *testing.T) {
		spec := testSpec()
		spec.Questionnaires = []string{"climat"}
		open := MustOpenCampaign(t, s, spec)
		draft := MustCreateCampaign(t, s, spec)
		if err := s.SaveQuestionnaire(ctx, customQuestionnaire(t, 2, "b1")); err != nil {
			t.Fatal(err)
		}
		qs, err := s.CampaignQuestionnaires(ctx, open.ID)
		if err != nil || len(qs) != 1 || qs[0].Version != 1 || qs[0].Item("a1") == nil {
			t.Fatalf("open campaign questionnaires = %v, %v; want the frozen version 1", qs, err)
		}
		qs, err = s.CampaignQuestionnaires(ctx, draft.ID)
		if err != nil || len(qs) != 1 || qs[0].Version != 2 {
			t.Fatalf("draft campaign questionnaires = %v, %v; want the current version 2", qs, err)
		}
		// An answer to the new item is refused by the running survey.
		codes := MustGenerateCodes(t, s, open.ID, 1)
		r := &vigie.Response{Answers: map[string]map[string]int{"climat": {"b1": 2}}}
		wantCode(t, s.SubmitResponse(ctx, open.ID, codes[0], r, now), vigie.EINVALID)
	})
}

func TestUpdateCampaignKeepsCodeUnits(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil)
	if _, err := s.GenerateCodes(ctx, c.ID, 2, []string{"Direction B"}); err != nil {
		t.Fatal(err)
	}
	spec := testSpec()
	spec.Units = spec.Units[:2] // drops Direction B
	_, err := s.UpdateCampaign(ctx, c.ID, spec)
	wantCode(t, err, vigie.ECONFLICT)
	spec = testSpec()
	spec.Units = append(spec.Units, vigie.UnitSpec{Path: []string{"Direction C"}})
	if _, err := s.UpdateCampaign(ctx, c.ID, spec); err != nil {
		t.Fatalf("adding a unit: %v", err)
	}
}
