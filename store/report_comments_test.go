package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/store"
)

// reportSection returns the section of questionnaire id in a committee
// report of the campaign.
func reportSection(tb testing.TB, s *store.Store, campaignID, id string) dossier.Section {
	tb.Helper()
	r, err := s.Report(context.Background(), campaignID, store.ReportOptions{Audience: dossier.AudienceCommittee})
	if err != nil {
		tb.Fatalf("Report: %v", err)
	}
	for _, sec := range r.Sections {
		if sec.Questionnaire.ID == id {
			return sec
		}
	}
	tb.Fatalf("report has no section %s", id)
	return dossier.Section{}
}

// A report with no published comment knows why: comments awaiting
// moderation, or withheld because their group is below the threshold.
func TestReportCommentStates(t *testing.T) {
	ctx := context.Background()
	t.Run("Pending", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, commentSpec())
		for i := range 3 {
			submitComment(t, s, c.ID, "Direction A/Service 1", map[string]string{"reconnaissance": fmt.Sprintf("c%d", i)})
		}
		if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
			t.Fatal(err)
		}
		sec := reportSection(t, s, c.ID, "reconnaissance")
		if len(sec.Comments) != 0 || !sec.CommentsPending || sec.CommentsWithheld {
			t.Fatalf("before moderation: %d comments, pending %v, withheld %v; want 0, true, false",
				len(sec.Comments), sec.CommentsPending, sec.CommentsWithheld)
		}
		for _, cm := range mustComments(t, s, c.ID) {
			if err := s.ModerateComment(ctx, c.ID, cm.ID, store.ModeratePublish, ""); err != nil {
				t.Fatal(err)
			}
		}
		sec = reportSection(t, s, c.ID, "reconnaissance")
		if len(sec.Comments) != 3 || sec.CommentsPending || sec.CommentsWithheld {
			t.Fatalf("after moderation: %d comments, pending %v, withheld %v; want 3, false, false",
				len(sec.Comments), sec.CommentsPending, sec.CommentsWithheld)
		}
		if other := reportSection(t, s, c.ID, "sens-du-travail"); other.CommentsPending || other.CommentsWithheld {
			t.Errorf("a questionnaire without comments reads pending %v, withheld %v", other.CommentsPending, other.CommentsWithheld)
		}
	})
	t.Run("Withheld", func(t *testing.T) {
		s := MustOpenStore(t)
		c := MustOpenCampaign(t, s, commentSpec())
		submitComment(t, s, c.ID, "Direction B", map[string]string{"reconnaissance": "seul"})
		submitComment(t, s, c.ID, "", nil)
		if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
			t.Fatal(err)
		}
		sec := reportSection(t, s, c.ID, "reconnaissance")
		if len(sec.Comments) != 0 || sec.CommentsPending || !sec.CommentsWithheld {
			t.Fatalf("%d comments, pending %v, withheld %v; want 0, false, true",
				len(sec.Comments), sec.CommentsPending, sec.CommentsWithheld)
		}
	})
}
