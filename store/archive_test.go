package store_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// Markers only the raw data holds: after archiving, no byte of the
// database files may show them.
const (
	markerRedacted = "PAULDURAND-X91" // removed by the redaction of a published comment
	markerRejected = "REJETE-Z77"     // a rejected comment
	markerPending  = "ENATTENTE-Q55"  // a comment nobody moderated
	markerDraft    = "BROUILLON-K42"  // an unfinished draft
)

// archiveFixture is a closed codes campaign with responses, moderated
// comments of every kind, a draft left behind, and what an attacker who
// holds the printed codes could compute: their keyed hashes.
type archiveFixture struct {
	s           *store.Store
	campaign    *vigie.Campaign
	hashes      [][]byte
	responseIDs []string
}

func newArchiveFixture(t *testing.T) *archiveFixture {
	t.Helper()
	ctx := context.Background()
	s := MustOpenStore(t)
	spec := testSpec()
	spec.MinGroupSize, spec.CommentMinGroupSize = 3, 3
	c := MustOpenCampaign(t, s, spec)
	codes := MustGenerateCodes(t, s, c.ID, 14)
	f := &archiveFixture{s: s, campaign: c}
	comments := []string{
		"Le chef " + markerRedacted + " crie tous les jours.",
		markerRejected + " un texte à rejeter.",
		markerPending + " un texte jamais modéré.",
		"Trop de dossiers en même temps.",
	}
	for i, code := range codes[:12] {
		r := validResponse()
		r.Unit = []string{"Direction A", "Service 1"}
		if i >= 6 {
			r.Unit = []string{"Direction B"}
		}
		r.Answers["sens-du-travail"]["us1"] = 1 + i%5
		r.Comments = nil
		if i < len(comments) {
			r.Comments = map[string]string{"reconnaissance": comments[i]}
		}
		if i == 3 {
			// One published comment per questionnaire: the order of
			// comments in a group is drawn afresh at every reading, and
			// the PDFs compared below must not depend on it.
			r.Comments = map[string]string{"sens-du-travail": comments[i]}
		}
		if i == 11 {
			r.Unit = []string{"Direction A", "Service 2"} // alone there
		}
		if err := s.SubmitResponse(ctx, c.ID, code, r, now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
		f.responseIDs = append(f.responseIDs, r.ID)
	}
	if err := s.SaveDraft(ctx, c.ID, codes[12], draftKey(t), []byte(markerDraft)); err != nil {
		t.Fatalf("SaveDraft: %v", err)
	}
	key := codeKey(t, s, c.ID)
	for _, code := range codes {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(store.NormaliseCode(code)))
		f.hashes = append(f.hashes, m.Sum(nil))
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	list, err := s.CommentsForModeration(ctx, c.ID, 0)
	if err != nil {
		t.Fatalf("CommentsForModeration: %v", err)
	}
	for _, cm := range list {
		var err error
		switch {
		case strings.Contains(cm.Original, markerRedacted):
			err = s.ModerateComment(ctx, c.ID, cm.ID, store.ModerateRedact, "Le chef […] crie tous les jours.")
		case strings.Contains(cm.Original, markerRejected):
			err = s.ModerateComment(ctx, c.ID, cm.ID, store.ModerateReject, "")
		case strings.Contains(cm.Original, markerPending):
		default:
			err = s.ModerateComment(ctx, c.ID, cm.ID, store.ModeratePublish, "")
		}
		if err != nil {
			t.Fatalf("ModerateComment: %v", err)
		}
	}
	return f
}

// codeKey reads a campaign's code key as a copy of the file shows it.
func codeKey(t *testing.T, s *store.Store, campaignID string) []byte {
	t.Helper()
	var key []byte
	if err := rawDB(t, s.Path()).QueryRow(`SELECT code_key FROM campaigns WHERE id = ?`, campaignID).Scan(&key); err != nil {
		t.Fatalf("read code key: %v", err)
	}
	return key
}

// snapshot is every published output of a campaign, comments sorted so
// that two snapshots compare (their order is shuffled on every read).
type snapshot struct {
	Results       map[string]json.RawMessage
	Participation json.RawMessage
	Priorities    json.RawMessage // and the units that get a discussion guide
	Comments      []vigie.Comment
	Committee     *dossier.Report
	PDF           []byte
}

func takeSnapshot(t *testing.T, s *store.Store, c *vigie.Campaign) snapshot {
	t.Helper()
	ctx := context.Background()
	snap := snapshot{Results: map[string]json.RawMessage{}}
	for _, q := range c.Questionnaires {
		res, err := s.Result(ctx, c.ID, q)
		if err != nil {
			t.Fatalf("Result(%s): %v", q, err)
		}
		snap.Results[q] = mustMarshal(t, res)
	}
	part, err := s.Participation(ctx, c, now)
	if err != nil {
		t.Fatalf("Participation: %v", err)
	}
	snap.Participation = mustMarshal(t, part)
	cr, err := s.CampaignResults(ctx, c.ID)
	if err != nil {
		t.Fatalf("CampaignResults: %v", err)
	}
	snap.Priorities = mustMarshal(t, []any{cr.Priorities(), cr.PublishedUnits()})
	if snap.Comments, err = s.PublishedComments(ctx, c.ID, ""); err != nil {
		t.Fatalf("PublishedComments: %v", err)
	}
	slices.SortFunc(snap.Comments, func(a, b vigie.Comment) int { return strings.Compare(a.ID, b.ID) })
	snap.Committee, err = s.Report(ctx, c.ID, store.ReportOptions{Audience: dossier.AudienceCommittee, Now: now, IncludeItemAnnex: true})
	if err != nil {
		t.Fatalf("Report: %v", err)
	}
	var buf bytes.Buffer
	if err := reports.PDF(&buf, snap.Committee); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	snap.PDF = buf.Bytes()
	return snap
}

func mustMarshal(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestArchiveErasesRawDataKeepsOutputs(t *testing.T) {
	ctx := context.Background()
	f := newArchiveFixture(t)
	s, c := f.s, f.campaign
	before := takeSnapshot(t, s, c)
	if len(before.Comments) != 2 {
		t.Fatalf("published comments before archiving = %d, want 2 (one redacted, one as written)", len(before.Comments))
	}
	// The raw data is there before archiving, as the test searches it.
	files := dbFiles(t, s)
	_, hash := filesHold(files, f.hashes[0])
	_, comment := filesHold(files, []byte(markerRedacted))
	if !hash || !comment {
		t.Fatal("before archiving, the file should hold the code hashes and the original comments")
	}

	archivedOn := time.Date(2027, 9, 1, 10, 0, 0, 0, time.UTC)
	if err := s.ArchiveCampaign(ctx, c.ID, archivedOn); err != nil {
		t.Fatalf("ArchiveCampaign: %v", err)
	}

	t.Run("NothingLeftInFiles", func(t *testing.T) {
		for name, data := range dbFiles(t, s) {
			for _, m := range []string{markerRedacted, markerRejected, markerPending, markerDraft} {
				if bytes.Contains(data, []byte(m)) {
					t.Errorf("%s still holds %q after archiving", name, m)
				}
			}
			for i, h := range f.hashes {
				if bytes.Contains(data, h) {
					t.Errorf("%s still holds the hash of code %d after archiving", name, i)
				}
			}
			for _, id := range f.responseIDs {
				if bytes.Contains(data, []byte(id)) {
					t.Errorf("%s still holds response id %s after archiving", name, id)
				}
			}
		}
	})

	t.Run("OutputsIdentical", func(t *testing.T) {
		after := takeSnapshot(t, s, c)
		for q, want := range before.Results {
			if got := after.Results[q]; !bytes.Equal(got, want) {
				t.Errorf("result of %s after archiving:\n%s\nwant\n%s", q, got, want)
			}
		}
		if !bytes.Equal(after.Priorities, before.Priorities) {
			t.Errorf("priorities and guide units = %s, want %s", after.Priorities, before.Priorities)
		}
		if !bytes.Equal(after.Participation, before.Participation) {
			t.Errorf("participation = %s, want %s", after.Participation, before.Participation)
		}
		if !slices.EqualFunc(after.Comments, before.Comments, func(a, b vigie.Comment) bool {
			return a.ID == b.ID && a.Text == b.Text && slices.Equal(a.Unit, b.Unit) && a.QuestionnaireID == b.QuestionnaireID && a.Redacted == b.Redacted
		}) {
			t.Errorf("published comments = %+v, want %+v", after.Comments, before.Comments)
		}
		if !bytes.Equal(after.PDF, before.PDF) {
			t.Error("the committee PDF differs after archiving")
		}
	})

	t.Run("CampaignSaysArchived", func(t *testing.T) {
		got, err := s.Campaign(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ArchivedAt != "2027-09-01" || got.State != vigie.StateClosed {
			t.Errorf("ArchivedAt, State = %q, %q; want 2027-09-01, closed", got.ArchivedAt, got.State)
		}
	})

	t.Run("WorkbookWithoutScores", func(t *testing.T) {
		r, err := s.Report(ctx, c.ID, store.ReportOptions{Audience: dossier.AudienceConsultant, Now: now})
		if err != nil {
			t.Fatalf("Report: %v", err)
		}
		var buf bytes.Buffer
		if err := reports.XLSX(&buf, r); err != nil {
			t.Fatalf("XLSX: %v", err)
		}
		wb, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		if slices.Contains(wb.GetSheetList(), "Scores") {
			t.Errorf("sheets %v: no workbook has a Scores sheet", wb.GetSheetList())
		}
	})

	t.Run("ErrAlreadyArchived", func(t *testing.T) {
		wantCode(t, s.ArchiveCampaign(ctx, c.ID, archivedOn), vigie.ECONFLICT)
	})

	t.Run("ErrModerationAfterArchive", func(t *testing.T) {
		_, err := s.CommentsForModeration(ctx, c.ID, 0)
		wantCode(t, err, vigie.ECONFLICT)
	})
}

func TestArchiveRefusesUnclosed(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	draft := MustCreateCampaign(t, s, nil)
	open := MustOpenCampaign(t, s, nil)
	for name, id := range map[string]string{"Draft": draft.ID, "Open": open.ID} {
		t.Run("Err"+name, func(t *testing.T) {
			wantCode(t, s.ArchiveCampaign(ctx, id, now), vigie.ECONFLICT)
		})
	}
	t.Run("ErrUnknown", func(t *testing.T) {
		wantCode(t, s.ArchiveCampaign(ctx, "nope", now), vigie.ENOTFOUND)
	})
}

func TestRetentionEnd(t *testing.T) {
	for _, tc := range []struct {
		week string
		days int
		want string
	}{
		{"2027-W05", 365, "2028-02-01"}, // Monday 1 February 2027 + 365 days
		{"2027-W01", 1, "2027-01-05"},   // week 1 of 2027 starts on 4 January
		{"2026-W53", 7, "2027-01-04"},   // 2026 has 53 weeks
	} {
		t.Run(tc.week, func(t *testing.T) {
			c := &vigie.Campaign{State: vigie.StateClosed, ClosedWeek: tc.week, RetentionDays: tc.days}
			got, ok := store.RetentionEnd(c)
			if !ok || got.Format(time.DateOnly) != tc.want {
				t.Fatalf("RetentionEnd = %v, %v; want %s", got, ok, tc.want)
			}
		})
	}
	t.Run("NotClosed", func(t *testing.T) {
		if _, ok := store.RetentionEnd(&vigie.Campaign{State: vigie.StateOpen, RetentionDays: 365}); ok {
			t.Fatal("an open campaign has no retention end yet")
		}
	})
}

func TestArchiveDue(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	spec := testSpec()
	spec.RetentionDays = 30
	short := MustOpenCampaign(t, s, spec)
	long := MustOpenCampaign(t, s, nil) // 365 days
	open := MustOpenCampaign(t, s, nil)
	for _, c := range []*vigie.Campaign{short, long} {
		if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
			t.Fatal(err)
		}
	}
	// now is in week 2027-W05, which starts on 1 February 2027.
	due := time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC)
	got, err := s.ArchiveDue(ctx, due.Add(-time.Second))
	if err != nil || len(got) != 0 {
		t.Fatalf("ArchiveDue the day before = %v, %v; want none", got, err)
	}
	got, err = s.ArchiveDue(ctx, due)
	if err != nil || !slices.Equal(got, []string{short.ID}) {
		t.Fatalf("ArchiveDue = %v, %v; want [%s]", got, err, short.ID)
	}
	got, err = s.ArchiveDue(ctx, due.AddDate(2, 0, 0))
	if err != nil || !slices.Equal(got, []string{long.ID}) {
		t.Fatalf("ArchiveDue two years on = %v, %v; want [%s] (the open one stays)", got, err, long.ID)
	}
	if c, _ := s.Campaign(ctx, open.ID); c.Archived() {
		t.Fatal("an open campaign was archived")
	}
}

func TestDeleteCampaign(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		state   vigie.CampaignState
		confirm string
		want    string
	}{
		{"DraftOutright", vigie.StateDraft, "", ""},
		{"ClosedWithTitle", vigie.StateClosed, "  Baromètre 2027 ", ""},
		{"ErrClosedNoTitle", vigie.StateClosed, "", vigie.EINVALID},
		{"ErrOpenWrongTitle", vigie.StateOpen, "Baromètre 2026", vigie.EINVALID},
		{"ErrClosedOtherCase", vigie.StateClosed, "baromètre 2027", vigie.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := MustOpenStore(t)
			c := MustCreateCampaign(t, s, nil)
			if tc.state != vigie.StateDraft {
				if err := s.OpenCampaign(ctx, c.ID, now); err != nil {
					t.Fatal(err)
				}
				codes := MustGenerateCodes(t, s, c.ID, 2)
				if err := s.SubmitResponse(ctx, c.ID, codes[0], validResponse(), now); err != nil {
					t.Fatal(err)
				}
			}
			if tc.state == vigie.StateClosed {
				if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
					t.Fatal(err)
				}
			}
			_, err := s.DeleteCampaign(ctx, c.ID, tc.confirm, now)
			if tc.want != "" {
				wantCode(t, err, tc.want)
				if _, err := s.Campaign(ctx, c.ID); err != nil {
					t.Fatalf("campaign gone after a refused deletion: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("DeleteCampaign: %v", err)
			}
			_, err = s.Campaign(ctx, c.ID)
			wantCode(t, err, vigie.ENOTFOUND)
			for name, data := range dbFiles(t, s) {
				if bytes.Contains(data, []byte("Trop de dossiers")) || bytes.Contains(data, []byte(c.ID)) {
					t.Errorf("%s still holds the deleted campaign's data", name)
				}
			}
		})
	}
}

// TestDeleteCampaignWithDUERP: a campaign whose document unique has a
// frozen version is deleted down to a tombstone. The versions stay byte
// for byte (the law keeps them 40 years) and readable; everything else of
// the campaign leaves the database files, frozen results included; the
// campaign is gone from lists and reads, and cannot be deleted again.
func TestDeleteCampaignWithDUERP(t *testing.T) {
	ctx := context.Background()
	// What only the campaign holds, not its DUERP version: "Service 2"
	// has too few answers to be published, so its name is in no DUERP
	// row; a comment's words; a segment category; an action planned after
	// the version was frozen.
	markers := []string{"Service 2", "trop de dossiers", "Assistant social", "Réunion d'équipe"}
	for _, archived := range []bool{false, true} {
		name := "Closed"
		if archived {
			name = "Archived"
		}
		t.Run(name, func(t *testing.T) {
			s := MustOpenStore(t)
			rc := mustReportCampaign(t, s)
			id := rc.c.ID
			// Another campaign, which must stay listed, with none of the
			// deleted one's unit or segment names.
			otherSpec := testSpec()
			otherSpec.Units, otherSpec.Segments = []vigie.UnitSpec{{Path: []string{"Atelier"}}}, nil
			other := MustCreateCampaign(t, s, otherSpec)
			v1, err := s.FreezeDUERP(ctx, id, "conseil@cabinet.test", now, reports.DUERPWorkbook)
			if err != nil {
				t.Fatal(err)
			}
			_, content, before, err := s.DUERPVersion(ctx, id, v1.Number)
			if err != nil {
				t.Fatal(err)
			}
			if j, _ := json.Marshal(content); slices.ContainsFunc(markers, func(m string) bool { return bytes.Contains(j, []byte(m)) }) {
				t.Fatalf("the version holds one of %q: the test needs data only the campaign has", markers)
			}
			if _, err := s.CreateAction(ctx, id, vigie.Action{Title: "Réunion d'équipe mensuelle"}); err != nil {
				t.Fatal(err)
			}
			if archived {
				if err := s.ArchiveCampaign(ctx, id, now); err != nil {
					t.Fatal(err)
				}
			}

			got, err := s.DeleteCampaign(ctx, id, rc.c.Title, now)
			if err != nil {
				t.Fatalf("DeleteCampaign: %v", err)
			}
			if got.DeletedAt != now.UTC().Format(time.DateOnly) {
				t.Errorf("DeletedAt = %q, want the day of the deletion", got.DeletedAt)
			}

			t.Run("VersionsKept", func(t *testing.T) {
				list, err := s.DUERPVersions(ctx, id)
				if err != nil || len(list) != 1 || list[0] != *v1 {
					t.Fatalf("versions after deletion = %v, %v; want [%v]", list, err, *v1)
				}
				_, _, after, err := s.DUERPVersion(ctx, id, v1.Number)
				if err != nil || !bytes.Equal(after, before) {
					t.Fatalf("version %d after deletion: %d bytes, %v; want the %d bytes frozen", v1.Number, len(after), err, len(before))
				}
			})
			t.Run("DataErased", func(t *testing.T) {
				for name, data := range dbFiles(t, s) {
					for _, marker := range markers {
						if bytes.Contains(data, []byte(marker)) {
							t.Errorf("%s still holds %q of the deleted campaign", name, marker)
						}
					}
				}
			})
			t.Run("Gone", func(t *testing.T) {
				for name, err := range map[string]error{
					"Campaign": func() error { _, err := s.Campaign(ctx, id); return err }(),
					"BySlug":   func() error { _, err := s.CampaignBySlug(ctx, rc.c.Slug); return err }(),
					"DUERP":    func() error { _, err := s.DUERP(ctx, id, now); return err }(),
					"Actions":  func() error { _, err := s.Actions(ctx, id); return err }(),
				} {
					if vigie.ErrorCode(err) != vigie.ENOTFOUND || !strings.Contains(vigie.ErrorMessage(err), "supprimée") {
						t.Errorf("%s of a deleted campaign: %v; want ENOTFOUND « supprimée »", name, err)
					}
				}
				list, err := s.Campaigns(ctx)
				if err != nil || len(list) != 1 || list[0].ID != other.ID {
					t.Fatalf("Campaigns = %v, %v; want only the other campaign", list, err)
				}
				tombs, err := s.Tombstones(ctx)
				if err != nil || len(tombs) != 1 || tombs[0].ID != id || tombs[0].Title != rc.c.Title {
					t.Fatalf("Tombstones = %v, %v; want the deleted campaign with its title", tombs, err)
				}
				if due, err := s.ArchiveDue(ctx, now.AddDate(10, 0, 0)); err != nil || len(due) != 0 {
					t.Fatalf("ArchiveDue = %v, %v; want nothing (a tombstone is no campaign)", due, err)
				}
			})
			t.Run("ErrDeleteAgain", func(t *testing.T) {
				_, err := s.DeleteCampaign(ctx, id, rc.c.Title, now)
				wantCode(t, err, vigie.ECONFLICT)
				if !strings.Contains(vigie.ErrorMessage(err), "déjà été supprimée") {
					t.Errorf("message = %q, want it to say the campaign is already deleted", vigie.ErrorMessage(err))
				}
			})
		})
	}
}
