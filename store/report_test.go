package store_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// reportCampaign is a closed campaign (k = 3, comment threshold 3, opened
// in 2027-W05 and closed two weeks later) with 13 respondents: 4 in
// Direction A/Service 1, 2 in Direction A/Service 2, 4 in Direction B and 3
// without a unit. Every respondent answers the effort items of
// reconnaissance; their comments are moderated: one published, one
// redacted, one rejected, one left pending in Service 1, and the comments
// of Service 2 and of a respondent without a unit published.
type reportCampaign struct {
	c         *vigie.Campaign
	responses []*vigie.Response
}

func mustReportCampaign(t *testing.T, s *store.Store) *reportCampaign {
	t.Helper()
	ctx := context.Background()
	rc := &reportCampaign{c: MustOpenCampaign(t, s, commentSpec())}
	add := func(unit, metier, comment string, n int) {
		for range n {
			i := len(rc.responses)
			answers := map[string]int{}
			for j := 1; j <= 6; j++ {
				answers[fmt.Sprintf("eff%d", j)] = 1 + (i+j)%5
			}
			r := &vigie.Response{
				Segments: map[string]string{"metier": metier},
				Answers: map[string]map[string]int{
					"reconnaissance":  answers,
					"sens-du-travail": {"us1": 1 + i%5},
				},
			}
			if unit != "" {
				r.Unit = strings.Split(unit, "/")
			}
			if comment != "" {
				r.Comments = map[string]string{"reconnaissance": fmt.Sprintf(comment, i)}
			}
			if err := s.SubmitResponse(ctx, rc.c.ID, "", r, now); err != nil {
				t.Fatalf("SubmitResponse: %v", err)
			}
			rc.responses = append(rc.responses, r)
		}
	}
	add("Direction A/Service 1", "Assistant social", "Service 1, réponse %d : trop de dossiers ce mois-ci.", 4)
	add("Direction A/Service 2", "Encadrement", "Service 2, réponse %d.", 2)
	add("Direction B", "Administratif", "", 4)
	add("", "", "", 2)
	add("", "", "Sans unité, réponse %d.", 1)
	if err := s.CloseCampaign(ctx, rc.c.ID, now.AddDate(0, 0, 14)); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	list, err := s.CommentsForModeration(ctx, rc.c.ID, 0)
	if err != nil {
		t.Fatalf("CommentsForModeration: %v", err)
	}
	for _, cm := range list {
		action, redacted := store.ModeratePublish, ""
		switch cm.Original {
		case "Service 1, réponse 1 : trop de dossiers ce mois-ci.":
			action, redacted = store.ModerateRedact, "Service 1 […] : trop de dossiers […]."
		case "Service 1, réponse 2 : trop de dossiers ce mois-ci.":
			action = store.ModerateReject
		case "Service 1, réponse 3 : trop de dossiers ce mois-ci.":
			continue // pending
		}
		if err := s.ModerateComment(ctx, rc.c.ID, cm.ID, action, redacted); err != nil {
			t.Fatalf("ModerateComment: %v", err)
		}
	}
	return rc
}

func TestReport(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	rc := mustReportCampaign(t, s)
	generated := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)

	committee, err := s.Report(ctx, rc.c.ID, store.ReportOptions{Audience: dossier.AudienceCommittee, Now: generated, Version: "1.2.3"})
	if err != nil {
		t.Fatalf("Report(committee): %v", err)
	}

	t.Run("Metadata", func(t *testing.T) {
		r := committee
		if r.Organisation != "Service social régional" || r.Campaign != "Baromètre 2027" {
			t.Fatalf("organisation, campaign = %q, %q; want the campaign's", r.Organisation, r.Campaign)
		}
		// Weeks only: the report writes them in words (reports tests).
		if r.OpenedWeek != "2027-W05" || r.ClosedWeek != "2027-W07" || r.Period != "" {
			t.Fatalf("weeks = %q, %q (period %q), want 2027-W05, 2027-W07 and no free-text period", r.OpenedWeek, r.ClosedWeek, r.Period)
		}
		if r.Lang != "fr" || r.Audience != dossier.AudienceCommittee || !r.GeneratedAt.Equal(generated) || r.Version != "1.2.3" {
			t.Fatalf("lang %q, audience %q, generated %v, version %q; want fr, committee, %v, 1.2.3", r.Lang, r.Audience, r.GeneratedAt, r.Version, generated)
		}
		if r.MinGroupSize != 3 || r.CommentMinGroupSize != 3 {
			t.Fatalf("k = %d, comment threshold %d; want 3 and 3", r.MinGroupSize, r.CommentMinGroupSize)
		}
	})

	t.Run("DUERP", func(t *testing.T) {
		// The report carries the DUERP part, read from the same published
		// results and dated like the report.
		d := committee.DUERP
		// Everyone, Direction A and Direction B, each with the six
		// families (two of them not measured by the questionnaires).
		if d == nil || len(d.Rows) != 18 || d.Date != generated.Format("2006-01-02") || d.MinGroupSize != 3 {
			t.Fatalf("DUERP = %+v, want 18 rows (everyone, Direction A, Direction B × 6 families) dated %s", d, generated.Format("2006-01-02"))
		}
	})

	t.Run("SegmentLabels", func(t *testing.T) {
		if got := committee.SegmentLabels["metier"]; got != "Métier" {
			t.Fatalf("French label of metier = %q, want Métier", got)
		}
		en, err := s.Report(ctx, rc.c.ID, store.ReportOptions{Audience: dossier.AudienceCommittee, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if got := en.SegmentLabels["metier"]; got != "Job" {
			t.Fatalf("English label of metier = %q, want Job", got)
		}
	})

	t.Run("Participation", func(t *testing.T) {
		rows := map[string]scoring.UnitParticipation{}
		for _, p := range committee.Participation {
			rows[strings.Join(p.Path, "/")] = p
		}
		b := rows["Direction B"]
		if b.Respondents == nil || *b.Respondents != 4 || b.Headcount != 20 || b.Rate == nil || *b.Rate != 0.2 {
			t.Fatalf("Direction B = %+v, want 4 respondents of 20 (rate 0.2)", b)
		}
		if p, ok := rows["Direction A/Service 2"]; !ok || p.Respondents != nil || p.Rate != nil {
			t.Fatalf("Direction A/Service 2 = %+v, want a row with its 2 respondents suppressed", p)
		}
		if p := rows[scoring.NotSpecified]; p.Respondents == nil || *p.Respondents != 3 {
			t.Fatalf("%s = %+v, want the 3 respondents without a unit", scoring.NotSpecified, p)
		}
		if a := rows["Direction A"]; a.Respondents == nil || *a.Respondents != 6 || a.Headcount != 19 {
			t.Fatalf("Direction A = %+v, want 6 respondents of 19", a)
		}
	})

	t.Run("Sections", func(t *testing.T) {
		if len(committee.Sections) != 2 || committee.Sections[0].Questionnaire.ID != "sens-du-travail" || committee.Sections[1].Questionnaire.ID != "reconnaissance" {
			t.Fatalf("sections = %d, want sens-du-travail then reconnaissance", len(committee.Sections))
		}
		for _, sec := range committee.Sections {
			want, err := s.Result(ctx, rc.c.ID, sec.Questionnaire.ID)
			if err != nil {
				t.Fatal(err)
			}
			if sec.Result.Respondents != 13 || sec.Result.Respondents != want.Respondents || len(sec.Result.Groups) != len(want.Groups) {
				t.Fatalf("%s: %d respondents, %d groups; want 13 and %d groups as Result", sec.Questionnaire.ID, sec.Result.Respondents, len(sec.Result.Groups), len(want.Groups))
			}
		}
	})

	t.Run("PublishedCommentsOnly", func(t *testing.T) {
		if got := committee.Sections[0].Comments; len(got) != 0 {
			t.Fatalf("sens-du-travail comments = %v, want none", got)
		}
		got := committee.Sections[1].Comments
		var groups, texts []string
		for _, c := range got {
			groups = append(groups, c.Group)
			texts = append(texts, c.Text)
		}
		// Service 1 (4) is not a group of its own: "Direction A" would
		// then show only Service 2's 2 respondents (see comment.go).
		wantGroups := []string{"Ensemble", "Direction A", "Direction A", "Direction A", "Direction A"}
		if !slices.Equal(groups, wantGroups) {
			t.Fatalf("comment groups = %q, want %q (whole campaign first, then units in order)", groups, wantGroups)
		}
		slices.Sort(texts)
		wantTexts := []string{
			"Sans unité, réponse 12.",
			"Service 1 […] : trop de dossiers […].",
			"Service 1, réponse 0 : trop de dossiers ce mois-ci.",
			"Service 2, réponse 4.",
			"Service 2, réponse 5.",
		}
		if !slices.Equal(texts, wantTexts) {
			t.Fatalf("comment texts = %q, want the published and redacted ones %q", texts, wantTexts)
		}
	})

	// The consultant's report has no row per person (issue 19): its
	// workbook has no Scores sheet. (reports' TestXLSXNoRowPerPerson bounds
	// every sheet's length by the groups and measures.)
	t.Run("ConsultantNoRowPerPerson", func(t *testing.T) {
		r, err := s.Report(ctx, rc.c.ID, store.ReportOptions{Audience: dossier.AudienceConsultant, Lang: "en", IncludeItemAnnex: true})
		if err != nil {
			t.Fatalf("Report(consultant): %v", err)
		}
		if r.Lang != "en" || !r.IncludeItemAnnex || r.GeneratedAt.IsZero() {
			t.Fatalf("lang %q, annex %v, generated %v; want en, true, now", r.Lang, r.IncludeItemAnnex, r.GeneratedAt)
		}
		if g := r.Sections[1].Comments[0].Group; g != "All respondents" {
			t.Fatalf("whole-campaign comment group in English = %q, want All respondents", g)
		}
		var buf bytes.Buffer
		if err := reports.XLSX(&buf, r); err != nil {
			t.Fatal(err)
		}
		wb, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		if slices.Contains(wb.GetSheetList(), "Scores") {
			t.Fatalf("sheets %v: the consultant's workbook must have no Scores sheet", wb.GetSheetList())
		}
	})

	t.Run("Errors", func(t *testing.T) {
		for _, tc := range []struct {
			name, id string
			opt      store.ReportOptions
			code     string
		}{
			{"ErrNoAudience", rc.c.ID, store.ReportOptions{}, vigie.EINVALID},
			{"ErrUnknownAudience", rc.c.ID, store.ReportOptions{Audience: "rh"}, vigie.EINVALID},
			{"ErrUnknownLang", rc.c.ID, store.ReportOptions{Audience: dossier.AudienceCommittee, Lang: "de"}, vigie.EINVALID},
			{"ErrUnknownCampaign", "c_inconnue00", store.ReportOptions{Audience: dossier.AudienceCommittee}, vigie.ENOTFOUND},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.Report(ctx, tc.id, tc.opt)
				wantCode(t, err, tc.code)
			})
		}
	})
}

func TestReportDraftCampaign(t *testing.T) {
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil)
	_, err := s.Report(context.Background(), c.ID, store.ReportOptions{Audience: dossier.AudienceCommittee})
	wantCode(t, err, vigie.ECONFLICT)
}
