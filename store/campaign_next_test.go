package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestNextWave(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	spec := testSpec()
	spec.ConductedBy = map[string]string{"fr": "Cabinet Exemple"}
	spec.Purpose = map[string]string{"fr": "Suivre l'évolution.", "en": "Follow the trend."}
	spec.DPOContact, spec.Controller = "dpo@client.test", "Client SA"
	spec.EndDate = "2027-03-01"
	spec.MinGroupSize, spec.CommentMinGroupSize = 6, 12
	first := MustOpenCampaign(t, s, spec)
	if err := s.CloseCampaign(ctx, first.ID, now); err != nil {
		t.Fatal(err)
	}
	first, _ = s.Campaign(ctx, first.ID)

	next, err := s.NextWave(ctx, first.ID)
	if err != nil {
		t.Fatalf("NextWave: %v", err)
	}
	got, err := s.Campaign(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != vigie.StateDraft || got.Previous != first.ID || got.EndDate != "" || got.ID == first.ID || got.Slug == first.Slug {
		t.Errorf("next wave: state %s previous %q end %q; want a new draft after %s, no end date", got.State, got.Previous, got.EndDate, first.ID)
	}
	if got.Title != first.Title+" (vague suivante)" {
		t.Errorf("title = %q", got.Title)
	}
	for name, pair := range map[string][2]any{
		"units":          {got.Units, first.Units},
		"segments":       {got.Segments, first.Segments},
		"questionnaires": {got.Questionnaires, first.Questionnaires},
		"conducted_by":   {got.ConductedBy, first.ConductedBy},
		"purpose":        {got.Purpose, first.Purpose},
		"contacts":       {[]string{got.Controller, got.DPOContact, got.LegalBasis}, []string{first.Controller, first.DPOContact, first.LegalBasis}},
		"thresholds":     {[]int{got.MinGroupSize, got.CommentMinGroupSize, got.RetentionDays}, []int{first.MinGroupSize, first.CommentMinGroupSize, first.RetentionDays}},
		"languages":      {got.Languages, first.Languages},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s = %+v, want the previous wave's %+v", name, pair[0], pair[1])
		}
	}
	t.Run("FromOpenCampaign", func(t *testing.T) {
		open := MustOpenCampaign(t, s, nil)
		c, err := s.NextWave(ctx, open.ID)
		if err != nil || c.Previous != "" {
			t.Errorf("NextWave of an open campaign = %+v, %v; want a copy without previous wave", c, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.NextWave(ctx, "c_nope")
		wantCode(t, err, vigie.ENOTFOUND)
	})
}
