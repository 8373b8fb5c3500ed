package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// commentSpec is testSpec in link mode with a comment threshold of 3.
func commentSpec() *vigie.CampaignSpec {
	spec := testSpec()
	spec.Access, spec.MinGroupSize, spec.CommentMinGroupSize = vigie.AccessLink, 3, 3
	return spec
}

// submitComment stores a response from unit (a path joined by "/", or "")
// with one comment per questionnaire given in comments.
func submitComment(tb testing.TB, s *store.Store, campaignID, unit string, comments map[string]string) {
	tb.Helper()
	r := validResponse()
	r.Unit, r.Comments = nil, comments
	if unit != "" {
		r.Unit = strings.Split(unit, "/")
	}
	if err := s.SubmitResponse(context.Background(), campaignID, "", r, now); err != nil {
		tb.Fatalf("SubmitResponse: %v", err)
	}
}

// byText indexes comments by their original text.
func byText(list []vigie.Comment) map[string]vigie.Comment {
	out := map[string]vigie.Comment{}
	for _, c := range list {
		out[c.Original] = c
	}
	return out
}

func TestCommentModeration(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, commentSpec())
	for i := range 3 {
		submitComment(t, s, c.ID, "Direction A/Service 1", map[string]string{"reconnaissance": fmt.Sprintf("s1-%d", i)})
	}
	submitComment(t, s, c.ID, "Direction A/Service 2", map[string]string{"reconnaissance": "Mon chef Paul Durand ne dit jamais merci.", "sens-du-travail": "s2-sens"})
	submitComment(t, s, c.ID, "Direction B", map[string]string{"reconnaissance": "b"})
	submitComment(t, s, c.ID, "", nil)

	t.Run("ErrBeforeClosing", func(t *testing.T) {
		_, err := s.CommentsForModeration(ctx, c.ID, 0)
		wantCode(t, err, vigie.ECONFLICT)
		wantCode(t, s.PrepareModeration(ctx, c.ID), vigie.ECONFLICT)
		wantCode(t, s.ModerateComment(ctx, c.ID, "x", store.ModeratePublish, ""), vigie.ECONFLICT)
		if got, err := s.PublishedComments(ctx, c.ID, ""); err != nil || len(got) != 0 {
			t.Fatalf("PublishedComments before closing = %v, %v; want none", got, err)
		}
	})
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}

	list, err := s.CommentsForModeration(ctx, c.ID, 0)
	if err != nil {
		t.Fatalf("CommentsForModeration: %v", err)
	}
	got := byText(list)
	for text, group := range map[string]string{
		// Service 2 has 1 respondent. Under "Direction A" its comments
		// would be known to come from Service 2 (Service 1 has its own
		// group), and under the whole campaign Direction B and the
		// respondent without a unit would be only 2: Direction A is not
		// shown, and with it neither is Service 1 (the scoring rule
		// withholds every sub-unit of a withheld unit), so all 6 share
		// the whole campaign. Showing Service 1 alone (everyone minus it
		// leaves 3) would be safe too, and was the rule before comments
		// used scoring's; the stricter one keeps one rule for all.
		"s1-0": "", "s1-2": "",
		"Mon chef Paul Durand ne dit jamais merci.": "",
		"s2-sens": "",
		"b":       "",
	} {
		cm, ok := got[text]
		if !ok {
			t.Fatalf("comment %q missing from %+v", text, list)
		}
		if strings.Join(cm.Unit, "/") != group || cm.Status != vigie.CommentPending || cm.Text != text || cm.CampaignID != c.ID {
			t.Errorf("comment %q = %+v, want group %q, pending", text, cm, group)
		}
	}
	if len(list) != 6 {
		t.Fatalf("%d comments, want 6", len(list))
	}

	t.Run("Idempotent", func(t *testing.T) {
		if err := s.PrepareModeration(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		again, _ := s.CommentsForModeration(ctx, c.ID, 0)
		ids := func(l []vigie.Comment) []string {
			var out []string
			for _, c := range l {
				out = append(out, c.ID)
			}
			slices.Sort(out)
			return out
		}
		if !slices.Equal(ids(again), ids(list)) {
			t.Fatal("preparing moderation twice changed the comments")
		}
	})
	t.Run("NoLinkToResponses", func(t *testing.T) {
		var responseIDs []string
		s.EachResponse(ctx, c.ID, func(r *vigie.Response) error { responseIDs = append(responseIDs, r.ID); return nil })
		for _, cm := range list {
			if slices.Contains(responseIDs, cm.ID) {
				t.Fatalf("comment id %s is a response id", cm.ID)
			}
		}
		cols := tableColumns(t, s.Path(), "comments")
		if want := []string{"id", "campaign_id", "questionnaire_id", "unit", "text", "status", "moderated_text"}; !slices.Equal(cols, want) {
			t.Fatalf("comments columns = %v, want exactly %v (no response id, no date)", cols, want)
		}
	})
	t.Run("Threshold", func(t *testing.T) {
		for _, tc := range []struct {
			min    int
			groups map[string]int // group -> comments
		}{
			{0, map[string]int{"": 6}}, // Direction A withheld, Service 1 with it (see above)
			{4, map[string]int{"": 6}}, // Direction A (4) would leave 2 to the whole campaign
			{6, map[string]int{"": 6}},
			{7, map[string]int{}},
		} {
			l, err := s.CommentsForModeration(ctx, c.ID, tc.min)
			if err != nil {
				t.Fatal(err)
			}
			groups := map[string]int{}
			for _, cm := range l {
				groups[strings.Join(cm.Unit, "/")]++
			}
			if fmt.Sprint(groups) != fmt.Sprint(tc.groups) {
				t.Errorf("threshold %d: groups %v, want %v", tc.min, groups, tc.groups)
			}
		}
	})
	t.Run("Moderate", func(t *testing.T) {
		long := got["Mon chef Paul Durand ne dit jamais merci."]
		for _, tc := range []struct {
			name, id, action, text, code string
		}{
			{"EmptyRedaction", long.ID, store.ModerateRedact, "  ", vigie.EINVALID},
			{"SameRedaction", long.ID, store.ModerateRedact, " " + long.Original, vigie.EINVALID},
			{"LongerRedaction", long.ID, store.ModerateRedact, long.Original + " Vraiment.", vigie.EINVALID},
			{"InventedWords", long.ID, store.ModerateRedact, "Mon chef [...] dit toujours merci.", vigie.EINVALID},
			{"CutWithoutMarker", long.ID, store.ModerateRedact, "Mon chef ne dit jamais merci.", vigie.EINVALID},
			{"UnknownAction", long.ID, "delete", "", vigie.EINVALID},
			{"NoDecision", long.ID, "", "", vigie.EINVALID},
			{"UnknownComment", "nothing", store.ModeratePublish, "", vigie.ENOTFOUND},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, s.ModerateComment(ctx, c.ID, tc.id, tc.action, tc.text), tc.code)
			})
		}
		must := func(id, action, text string) {
			t.Helper()
			if err := s.ModerateComment(ctx, c.ID, id, action, text); err != nil {
				t.Fatalf("ModerateComment(%s): %v", action, err)
			}
		}
		must(long.ID, store.ModerateRedact, "Mon chef [...] ne dit jamais merci.")
		must(got["s1-0"].ID, store.ModeratePublish, "")
		must(got["s1-1"].ID, store.ModerateReject, "")
		must(got["s2-sens"].ID, store.ModeratePublish, "")
		must(got["s1-2"].ID, store.ModeratePublish, "")
		must(got["s1-2"].ID, store.ModerateReject, "") // changing one's mind

		pub, err := s.PublishedComments(ctx, c.ID, "reconnaissance")
		if err != nil || len(pub) != 2 {
			t.Fatalf("PublishedComments = %+v, %v; want 2", pub, err)
		}
		texts := []string{pub[0].Text, pub[1].Text}
		slices.Sort(texts)
		if !slices.Equal(texts, []string{"Mon chef [...] ne dit jamais merci.", "s1-0"}) {
			t.Fatalf("published texts = %q", texts)
		}
		for _, p := range pub {
			if p.Original != "" || p.Status != vigie.CommentPublished || p.Redacted != (p.Text != "s1-0") {
				t.Fatalf("published comment %+v: want no original, published, Redacted only for the redaction", p)
			}
		}
		if all, _ := s.PublishedComments(ctx, c.ID, ""); len(all) != 3 {
			t.Fatalf("all published = %d, want 3", len(all))
		}
		mod := byText(mustComments(t, s, c.ID))
		if m := mod[long.Original]; !m.Redacted || m.Text != "Mon chef [...] ne dit jamais merci." || m.Status != vigie.CommentPublished {
			t.Fatalf("moderation view of the redacted comment = %+v", m)
		}
		if m := mod["s1-2"]; m.Status != vigie.CommentRejected {
			t.Fatalf("status after reject = %s", m.Status)
		}
	})
}

func mustComments(tb testing.TB, s *store.Store, campaignID string) []vigie.Comment {
	tb.Helper()
	l, err := s.CommentsForModeration(context.Background(), campaignID, 0)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func TestCommentsWithheld(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, commentSpec())
	submitComment(t, s, c.ID, "Direction B", map[string]string{"reconnaissance": "seul"})
	submitComment(t, s, c.ID, "", nil)
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	if l := mustComments(t, s, c.ID); len(l) != 0 {
		t.Fatalf("comments of a 2-respondent campaign with threshold 3: %+v, want none", l)
	}
	// The withheld comment exists but cannot be moderated: find its id in the table.
	var id string
	if err := rawDB(t, s.Path()).QueryRow(`SELECT id FROM comments WHERE campaign_id = ?`, c.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.ModerateComment(ctx, c.ID, id, store.ModeratePublish, ""), vigie.ENOTFOUND)
}

func TestCommentsShuffled(t *testing.T) {
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, commentSpec())
	for i := range 30 {
		submitComment(t, s, c.ID, "Direction B", map[string]string{"reconnaissance": fmt.Sprintf("commentaire %02d", i)})
	}
	if err := s.CloseCampaign(context.Background(), c.ID, now); err != nil {
		t.Fatal(err)
	}
	order := func() string {
		var ids []string
		for _, cm := range mustComments(t, s, c.ID) {
			ids = append(ids, cm.ID)
		}
		if len(ids) != 30 {
			t.Fatalf("%d comments, want 30", len(ids))
		}
		return strings.Join(ids, ",")
	}
	first := order()
	// 30 comments have 30! orders: five equal draws mean no shuffling.
	for range 5 {
		if order() != first {
			return
		}
	}
	t.Fatal("five calls returned the comments in the same order")
}

// The moderation page's selection is decided all or none: one refused id
// leaves the others as they were.
func TestModerateCommentsAllOrNone(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, commentSpec())
	for i := range 4 {
		submitComment(t, s, c.ID, "Direction A/Service 1", map[string]string{"reconnaissance": fmt.Sprintf("s1-%d", i)})
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, cm := range mustComments(t, s, c.ID) {
		ids = append(ids, cm.ID)
	}
	if len(ids) == 0 {
		t.Fatal("no comment to moderate")
	}
	wantCode(t, s.ModerateComments(ctx, c.ID, append(ids[:1:1], "inconnu"), store.ModeratePublish), vigie.ENOTFOUND)
	wantCode(t, s.ModerateComments(ctx, c.ID, ids, store.ModerateRedact), vigie.EINVALID)
	for _, cm := range mustComments(t, s, c.ID) {
		if cm.Status != vigie.CommentPending {
			t.Fatalf("comment %s is %s after refused batches, want pending", cm.ID, cm.Status)
		}
	}
	if err := s.ModerateComments(ctx, c.ID, ids, store.ModerateReject); err != nil {
		t.Fatalf("ModerateComments: %v", err)
	}
	for _, cm := range mustComments(t, s, c.ID) {
		if cm.Status != vigie.CommentRejected {
			t.Errorf("comment %s is %s, want rejected", cm.ID, cm.Status)
		}
	}
}
