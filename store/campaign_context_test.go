package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// migrationsUpTo returns the embedded migrations numbered up to n, to
// build a database as an older Vigie left it.
func migrationsUpTo(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	names, err := fs.Glob(store.Migrations, "*.sql")
	if err != nil {
		tb.Fatal(err)
	}
	out := fstest.MapFS{}
	for _, name := range names {
		num, _, _ := strings.Cut(name, "_")
		if v, err := strconv.Atoi(num); err != nil || v > n {
			continue
		}
		data, err := fs.ReadFile(store.Migrations, name)
		if err != nil {
			tb.Fatal(err)
		}
		out[name] = &fstest.MapFile{Data: data}
	}
	return out
}

// seedOldCampaign writes, in plain SQL with the columns of 0001_initial.sql
// only, an open campaign (link access, k = 3, units "Direction A" and
// "Direction B") and one response from "Direction B" with a comment, as a
// database written by an older Vigie holds them. Store code cannot write
// them: it expects the latest schema. It returns the campaign's id.
func seedOldCampaign(tb testing.TB, path string) string {
	tb.Helper()
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=5000")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	const id = "old-campaign"
	for _, q := range []string{
		`INSERT INTO campaigns (id, slug, title, organisation, min_group_size, comment_min_group_size,
			languages, access, state, opened_week, code_key, created_at)
		 VALUES ('old-campaign', 'ancienne', 'Baromètre 2026', 'Service social régional', 3, 3,
			'["fr"]', 'link', 'open', '2026-W10', x'00', '2026-03-02T00:00:00Z')`,
		`INSERT INTO campaign_units (campaign_id, path, position, headcount) VALUES
			('old-campaign', 'Direction A', 0, 10), ('old-campaign', 'Direction B', 1, 8)`,
		`INSERT INTO campaign_questionnaires (campaign_id, questionnaire_id, position) VALUES ('old-campaign', 'reconnaissance', 0)`,
		`INSERT INTO responses (id, campaign_id, unit, answers, comments, week) VALUES
			('r1', 'old-campaign', 'Direction B', '{"reconnaissance":{"eff1":3}}', '{"reconnaissance":"avant la mise à jour"}', '2026-W10')`,
	} {
		if _, err := db.Exec(q); err != nil {
			tb.Fatalf("seed old campaign: %v", err)
		}
	}
	return id
}

// TestMigrationCampaignContext upgrades a database left at migration 2
// (before conducted_by and purpose) and checks that its campaigns read
// back without those texts and can then be given them.
func TestMigrationCampaignContext(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: an upgrade from a SQLite database at 0002")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vigie.db")
	s, err := store.OpenWithMigrations(path, migrationsUpTo(t, 2))
	if err != nil {
		t.Fatalf("open at migration 2: %v", err)
	}
	s.Close()
	id := seedOldCampaign(t, path)

	s, err = store.Open(path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v < 3 {
		t.Fatalf("schema version = %d, want at least 3", v)
	}
	c, err := s.Campaign(ctx, id)
	if err != nil {
		t.Fatalf("campaign after upgrade: %v", err)
	}
	if c.Title != "Baromètre 2026" || c.ConductedBy != nil || c.Purpose != nil {
		t.Fatalf("campaign after upgrade: title %q, conducted_by %v, purpose %v; want the title and no texts", c.Title, c.ConductedBy, c.Purpose)
	}
	if n, err := s.ResponseCount(ctx, id); err != nil || n != 1 {
		t.Fatalf("responses after upgrade = %d, %v; want 1", n, err)
	}
	// A campaign created after the upgrade keeps its texts.
	spec := testSpec()
	spec.ConductedBy = map[string]string{"fr": "Cabinet Dyadesens"}
	created := MustCreateCampaign(t, s, spec)
	if got, err := s.Campaign(ctx, created.ID); err != nil || got.ConductedBy["fr"] != "Cabinet Dyadesens" {
		t.Fatalf("new campaign on an upgraded database: %+v, %v", got, err)
	}
}

func TestCampaignContext(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	spec := testSpec()
	spec.ConductedBy = map[string]string{"fr": "  Cabinet Dyadesens, à la demande du CSE ", "en": "Dyadesens"}
	spec.Purpose = map[string]string{"fr": "Comprendre le travail réel.", "en": "  "}
	c := MustCreateCampaign(t, s, spec)

	wantBy := map[string]string{"fr": "Cabinet Dyadesens, à la demande du CSE", "en": "Dyadesens"}
	wantPurpose := map[string]string{"fr": "Comprendre le travail réel."} // a blank translation is no translation
	got, err := s.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.ConductedBy, wantBy) || !reflect.DeepEqual(got.Purpose, wantPurpose) {
		t.Fatalf("stored conducted_by = %q, purpose = %q; want %q, %q", got.ConductedBy, got.Purpose, wantBy, wantPurpose)
	}

	t.Run("UpdateRemoves", func(t *testing.T) {
		sp := got.Spec()
		sp.ConductedBy, sp.Purpose = nil, map[string]string{"fr": "Autre raison", "en": "Another reason"}
		if _, err := s.UpdateCampaign(ctx, c.ID, sp); err != nil {
			t.Fatal(err)
		}
		upd, err := s.Campaign(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if upd.ConductedBy != nil || upd.Purpose["en"] != "Another reason" {
			t.Fatalf("after update conducted_by = %q, purpose = %q", upd.ConductedBy, upd.Purpose)
		}
	})

	t.Run("ErrNoFrench", func(t *testing.T) {
		sp := testSpec()
		sp.Purpose = map[string]string{"en": "Why"}
		if _, err := s.CreateCampaign(ctx, sp); err == nil || !strings.Contains(err.Error(), "purpose.fr") {
			t.Fatalf("purpose without French: err = %v, want a message naming purpose.fr", err)
		}
	})
}
