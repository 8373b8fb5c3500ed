package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// Translated categories come back as stored, and the category's name stays
// the French text, so responses and results are keyed as before.
func TestCampaignCategoryLabels(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	spec := testSpec()
	spec.Segments[0].CategoryLabels = map[string]map[string]string{
		"Encadrement": {"fr": "Encadrement", "en": "Management"},
	}
	c := MustCreateCampaign(t, s, spec)
	got, err := s.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatalf("Campaign: %v", err)
	}
	seg := got.Segments[0]
	if want := []string{"Assistant social", "Encadrement", "Administratif"}; !slices.Equal(seg.Categories, want) {
		t.Errorf("categories = %q, want %q", seg.Categories, want)
	}
	if !reflect.DeepEqual(seg.CategoryLabels, spec.Segments[0].CategoryLabels) {
		t.Errorf("labels = %v, want %v", seg.CategoryLabels, spec.Segments[0].CategoryLabels)
	}
	if got := seg.CategoryLabel("Encadrement", "en"); got != "Management" {
		t.Errorf("English label = %q, want Management", got)
	}

	plain := MustCreateCampaign(t, s, nil)
	got, err = s.Campaign(ctx, plain.ID)
	if err != nil {
		t.Fatalf("Campaign: %v", err)
	}
	if got.Segments[0].CategoryLabels != nil {
		t.Errorf("plain categories came back with labels %v", got.Segments[0].CategoryLabels)
	}

	// Plain categories are stored as before translations existed, so a
	// database written by an older Vigie and this one read the same way.
	db := rawDB(t, s.Path())
	for id, want := range map[string]string{
		plain.ID: `["Assistant social","Encadrement","Administratif"]`,
		c.ID:     `["Assistant social",{"en":"Management","fr":"Encadrement"},"Administratif"]`,
	} {
		var cats string
		if err := db.QueryRowContext(ctx, `SELECT categories FROM campaign_segments WHERE campaign_id = ?`, id).Scan(&cats); err != nil {
			t.Fatal(err)
		}
		if cats != want {
			t.Errorf("stored categories = %s, want %s", cats, want)
		}
	}
}
