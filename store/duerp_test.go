package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/reports"
)

// The rows are everyone, Direction A and Direction B (the units
// mustReportCampaign publishes), each with the six families; the
// campaign's questionnaires (reconnaissance, sens-du-travail) measure four
// of them, the other two are « non évaluée par cette enquête » (dossier
// tests cover the rule).

func TestDUERPRows(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	ctx := context.Background()
	mustAction(t, s, rc.c.ID, vigie.Action{Title: "Charte", Unit: "Direction A", RiskFamily: "rapports-sociaux"})
	d, err := s.DUERP(ctx, rc.c.ID, now)
	if err != nil {
		t.Fatalf("DUERP: %v", err)
	}
	var units []string
	for _, r := range d.Rows {
		units = append(units, r.Unit+"|"+r.RiskFamily)
	}
	var want []string
	for _, u := range []string{"", "Direction A", "Direction B"} {
		for _, f := range []string{"intensite-temps", "exigences-emotionnelles", "autonomie", "rapports-sociaux", "conflits-valeurs", "insecurite"} {
			want = append(want, u+"|"+f)
		}
	}
	if got := strings.Join(units, ", "); got != strings.Join(want, ", ") {
		t.Fatalf("rows = %s, want %s (unpublished Service 1 and 2 have none)", got, strings.Join(want, ", "))
	}
	if row := d.Rows[9]; d.Date != "2027-02-02" || len(row.Actions) != 1 || row.Actions[0].Status != "prévue" {
		t.Fatalf("date %s, actions of Direction A, rapports-sociaux %+v", d.Date, row.Actions)
	}
	for _, r := range d.Rows {
		if measured := r.RiskFamily != "exigences-emotionnelles" && r.RiskFamily != "insecurite"; r.Measured() != measured {
			t.Errorf("%s %s: exposure %q, want measured %v", r.Unit, r.RiskFamily, r.Exposure, measured)
		}
		for _, dim := range r.Dimensions {
			if dim.Published && dim.N < rc.c.MinGroupSize {
				t.Errorf("%s %s published with n = %d < k", r.Unit, dim.Dimension, dim.N)
			}
		}
	}
	open := MustOpenCampaign(t, s, nil)
	_, err = s.DUERP(ctx, open.ID, now)
	wantCode(t, err, vigie.ECONFLICT)
}

func TestDUERPMeasures(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	ctx := context.Background()
	if err := s.SetDUERPMeasures(ctx, rc.c.ID, "Direction B", "intensite-temps", "  Entretiens annuels  "); err != nil {
		t.Fatalf("SetDUERPMeasures: %v", err)
	}
	d, _ := s.DUERP(ctx, rc.c.ID, now)
	if got := d.Rows[12].Measures; got != "Entretiens annuels" {
		t.Fatalf("measures of Direction B, intensite-temps = %q", got)
	}
	if err := s.SetDUERPMeasures(ctx, rc.c.ID, "Direction B", "intensite-temps", ""); err != nil {
		t.Fatalf("clear: %v", err)
	}
	if d, _ = s.DUERP(ctx, rc.c.ID, now); d.Rows[12].Measures != "" {
		t.Fatalf("measures after clearing = %q", d.Rows[12].Measures)
	}
	// A family the survey does not measure has its row, and may have
	// measures: what is done about it is known all the same.
	if err := s.SetDUERPMeasures(ctx, rc.c.ID, "", "insecurite", "Information sur la réorganisation"); err != nil {
		t.Fatalf("measures of a family not measured: %v", err)
	}
	for _, tc := range []struct {
		name, unit, family, text, field string
	}{
		{"UnknownFamily", "", "stress", "x", "risk_family :"},
		{"NoUnclassifiedDimension", "", "", "x", "risk_family :"},
		{"UnknownUnit", "Direction C", "autonomie", "x", "unit :"},
		{"UnpublishedUnit", "Direction A/Service 2", "autonomie", "x", "unit :"},
		{"TooLong", "", "autonomie", strings.Repeat("x", 4001), "measures :"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.SetDUERPMeasures(ctx, rc.c.ID, tc.unit, tc.family, tc.text)
			wantCode(t, err, vigie.EINVALID)
			if msg := vigie.ErrorMessage(err); !strings.HasPrefix(msg, tc.field) {
				t.Fatalf("message = %q, want it to start with %q", msg, tc.field)
			}
		})
	}
}

func TestDUERPVersionsFrozen(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	ctx := context.Background()
	a := mustAction(t, s, rc.c.ID, vigie.Action{Title: "Charte des échanges", Owner: "DRH", Due: "2027-06-30"})
	if err := s.SetDUERPMeasures(ctx, rc.c.ID, "", "intensite-temps", "Entretiens annuels"); err != nil {
		t.Fatal(err)
	}
	v1, err := s.FreezeDUERP(ctx, rc.c.ID, "conseil@cabinet.test", now, reports.DUERPWorkbook)
	if err != nil || v1.Number != 1 || v1.FrozenOn != "2027-02-02" {
		t.Fatalf("FreezeDUERP = %+v, %v: want version 1 of 2027-02-02", v1, err)
	}
	_, d1, file1, err := s.DUERPVersion(ctx, rc.c.ID, 1)
	if err != nil {
		t.Fatalf("DUERPVersion: %v", err)
	}
	frozen := bytes.Clone(file1)

	// Everything changes after freezing...
	title, done := "Autre titre", vigie.ActionDone
	if _, err := s.UpdateAction(ctx, rc.c.ID, a.ID, vigie.ActionPatch{Title: &title, Status: &done}); err != nil {
		t.Fatal(err)
	}
	mustAction(t, s, rc.c.ID, vigie.Action{Title: "Nouvelle action"})
	if err := s.SetDUERPMeasures(ctx, rc.c.ID, "", "intensite-temps", "Tout autre chose"); err != nil {
		t.Fatal(err)
	}
	v2, err := s.FreezeDUERP(ctx, rc.c.ID, "cli", now.AddDate(0, 1, 0), reports.DUERPWorkbook)
	if err != nil || v2.Number != 2 {
		t.Fatalf("second freeze = %+v, %v", v2, err)
	}
	if err := s.DeleteAction(ctx, rc.c.ID, a.ID); err != nil {
		t.Fatal(err)
	}

	// ... version 1 does not.
	v, d, file, err := s.DUERPVersion(ctx, rc.c.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, frozen) {
		t.Error("version 1's workbook changed after freezing")
	}
	if v.FrozenBy != "conseil@cabinet.test" || d.Version != 1 || d.Rows[0].Measures != "Entretiens annuels" ||
		len(d.Actions) != 1 || d.Actions[0].Title != "Charte des échanges" || d.Actions[0].Status != "prévue" {
		t.Errorf("version 1 = %+v, %+v; want the measures and plan of its day", v, d)
	}
	if d.Rows[0].Exposure != d1.Rows[0].Exposure {
		t.Error("version 1's rows changed")
	}
	list, err := s.DUERPVersions(ctx, rc.c.ID)
	if err != nil || len(list) != 2 || list[0].Number != 1 || list[1].Number != 2 || list[1].FrozenOn != "2027-03-02" {
		t.Fatalf("DUERPVersions = %+v, %v", list, err)
	}
	_, _, _, err = s.DUERPVersion(ctx, rc.c.ID, 3)
	wantCode(t, err, vigie.ENOTFOUND)
}

// TestDUERPVersionsImmutableInSQL writes to the file directly: the
// triggers refuse to change or delete a version, and the campaign that
// has one cannot be deleted (no cascade), whatever a later purge tries.
func TestDUERPVersionsImmutableInSQL(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	if _, err := s.FreezeDUERP(context.Background(), rc.c.ID, "cli", now, reports.DUERPWorkbook); err != nil {
		t.Fatal(err)
	}
	db := rawWriteDB(t, s.Path())
	for _, tc := range []struct {
		name, sql string
		args      []any
		want      string
	}{
		{"Update", `UPDATE duerp_versions SET content = '{}'`, nil, "never changed"},
		{"UpdateFile", `UPDATE duerp_versions SET xlsx = ?, frozen_on = '2000-01-01'`, []any{[]byte{0}}, "never changed"},
		{"Delete", `DELETE FROM duerp_versions`, nil, "never deleted"},
		{"DeleteCampaign", `DELETE FROM campaigns WHERE id = '` + rc.c.ID + `'`, nil, "foreign key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.Exec(tc.sql, tc.args...)
			if err == nil || !strings.Contains(strings.ToLower(err.Error()), tc.want) {
				t.Fatalf("%s: error %v, want one saying %q", tc.sql, err, tc.want)
			}
		})
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM duerp_versions WHERE content <> '{}'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("versions left intact = %d (%v), want 1", n, err)
	}
}

// TestDUERPFreezeRefusesTheSameVersion: a version identical to the last
// one (only the day differs) is refused, with the version named; a change
// of measures makes the next one possible.
func TestDUERPFreezeRefusesTheSameVersion(t *testing.T) {
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	ctx := context.Background()
	if _, err := s.FreezeDUERP(ctx, rc.c.ID, "cli", now, reports.DUERPWorkbook); err != nil {
		t.Fatal(err)
	}
	_, err := s.FreezeDUERP(ctx, rc.c.ID, "cli", now.AddDate(0, 0, 1), reports.DUERPWorkbook)
	wantCode(t, err, vigie.ECONFLICT)
	if msg := vigie.ErrorMessage(err); !strings.Contains(msg, "Rien n'a changé depuis la version 1 du 2 février 2027") {
		t.Errorf("message = %q, want the version and its day in words", msg)
	}
	if list, _ := s.DUERPVersions(ctx, rc.c.ID); len(list) != 1 {
		t.Fatalf("%d versions after a refused freeze, want 1", len(list))
	}
	if err := s.SetDUERPMeasures(ctx, rc.c.ID, "", "intensite-temps", "Entretiens annuels"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.FreezeDUERP(ctx, rc.c.ID, "cli", now, reports.DUERPWorkbook); err != nil || v.Number != 2 {
		t.Fatalf("freeze after a change = %+v, %v; want version 2", v, err)
	}
}
