package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// ReportOptions choose what Report puts in a report.
type ReportOptions struct {
	Audience         dossier.Audience // consultant or committee; required
	Lang             string           // "fr" or "en"; "" means "fr"
	IncludeItemAnnex bool             // the item distributions in the PDF annex
	Short            bool             // the committee's short PDF report (dossier.Report.Short)
	Version          string           // Vigie's version, written in the parameters
	Now              time.Time        // the generation date; zero means now
}

// Report gathers everything a report of a campaign shows: its metadata,
// participation under the anonymity rules, and one section per
// questionnaire with its result and its published comments. No report
// has a row per person, whatever the audience (issue 19): responses leave
// the store only scored and anonymised. An archived campaign's report is
// built from the outputs frozen at archiving. An unknown audience or
// language is EINVALID, an unknown campaign ENOTFOUND, a campaign not
// closed yet ECONFLICT: reports, like results, wait for the closing
// (ResultsAvailable).
func (s *Store) Report(ctx context.Context, campaignID string, opt ReportOptions) (*dossier.Report, error) {
	if err := checkReportOptions(&opt); err != nil {
		return nil, err
	}
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	if err := ResultsAvailable(c); err != nil {
		return nil, err
	}
	var out *outputs
	var qs []*questionnaires.Questionnaire
	if c.Archived() {
		if out, err = s.archivedOutputs(ctx, campaignID); err != nil {
			return nil, err
		}
		qs, err = s.CampaignQuestionnaires(ctx, campaignID)
	} else {
		out, qs, err = s.liveOutputs(ctx, c)
	}
	if err != nil {
		return nil, err
	}
	r := &dossier.Report{
		Organisation:        c.Organisation,
		Campaign:            c.Title,
		ConductedBy:         vigie.InLanguage(c.ConductedBy, opt.Lang),
		OpenedWeek:          c.OpenedWeek,
		ClosedWeek:          c.ClosedWeek,
		GeneratedAt:         opt.Now,
		Audience:            opt.Audience,
		Lang:                opt.Lang,
		MinGroupSize:        c.MinGroupSize,
		CommentMinGroupSize: c.CommentMinGroupSize,
		IncludeItemAnnex:    opt.IncludeItemAnnex,
		Short:               opt.Short,
		Version:             opt.Version,
		Participation:       out.Participation,
		Respondents:         out.Respondents,
		PriorityShare:       c.PriorityShare,
		SegmentLabels:       segmentLabels(c, opt.Lang),
	}
	// The consultant's logo on the cover and in the headers: the
	// campaign's own, else the installation's.
	if r.Logo, err = s.DocumentLogo(ctx, campaignID); err != nil {
		return nil, err
	}
	for _, q := range qs {
		res, err := out.result(q.ID)
		if err != nil {
			return nil, err
		}
		// The result says which k it applied (the default when the
		// campaign left it at 0): the report restates that one.
		r.MinGroupSize = res.MinGroupSize
		r.Sections = append(r.Sections, dossier.Section{
			Questionnaire: q,
			Result:        res,
			Comments:      reportComments(c, out.comments(q.ID), opt.Lang),
			// Why a section may have no comment: the report says so.
			CommentsPending:  out.Pending[q.ID],
			CommentsWithheld: out.Withheld[q.ID],
		})
	}
	if r.MinGroupSize == 0 {
		r.MinGroupSize = scoring.DefaultMinGroupSize
	}
	// The DUERP part (issue 10) reads the same published results, with
	// the measures and the action plan as they stand today.
	pr := &publishedResults{campaign: c, questionnaires: qs, result: out.result}
	if r.DUERP, err = pr.duerp(ctx, s.read, opt.Now); err != nil {
		return nil, err
	}
	if err := s.reportTrends(ctx, c, r); err != nil {
		return nil, err
	}
	return r, nil
}

// checkReportOptions validates the audience and language and fills the
// defaults.
func checkReportOptions(opt *ReportOptions) error {
	switch opt.Audience {
	case dossier.AudienceConsultant, dossier.AudienceCommittee:
	case "":
		return vigie.Errorf(vigie.EINVALID, "Le public du rapport est obligatoire : consultant ou committee.")
	default:
		return vigie.Errorf(vigie.EINVALID, "Public du rapport inconnu « %s » : consultant ou committee.", opt.Audience)
	}
	switch opt.Lang {
	case "":
		opt.Lang = "fr"
	case "fr", "en":
	default:
		return vigie.Errorf(vigie.EINVALID, "Langue du rapport inconnue « %s » : fr ou en.", opt.Lang)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	return nil
}

// commentStates tells, per questionnaire, whether some comments still
// await moderation and whether some are withheld (their group is below
// the comment threshold, so they are never shown): a report with no
// published comment says which. It prepares moderation as the moderation
// page does (idempotent; a report exists only for a closed campaign).
func (s *Store) commentStates(ctx context.Context, campaignID string, groups commentGroups) (pending, withheld map[string]bool, err error) {
	list, err := s.moderationComments(ctx, campaignID, groups)
	if err != nil {
		return nil, nil, err
	}
	pending, withheld = map[string]bool{}, map[string]bool{}
	shown := map[string]int{}
	for _, c := range list {
		shown[c.QuestionnaireID]++
		if c.Status == vigie.CommentPending {
			pending[c.QuestionnaireID] = true
		}
	}
	err = s.view(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, `SELECT questionnaire_id, COUNT(*) FROM comments
			WHERE campaign_id = ? GROUP BY questionnaire_id`, []any{campaignID}, func(rows *sql.Rows) error {
			var q string
			var n int
			if err := rows.Scan(&q, &n); err != nil {
				return fmt.Errorf("store: count comments of %s: %w", campaignID, err)
			}
			withheld[q] = n > shown[q]
			return nil
		})
	})
	if err != nil {
		return nil, nil, err
	}
	return pending, withheld, nil
}

// segmentLabels names the campaign's segments in lang, French when the
// segment has no label in lang.
func segmentLabels(c *vigie.Campaign, lang string) map[string]string {
	out := make(map[string]string, len(c.Segments))
	for _, g := range c.Segments {
		out[g.ID] = vigie.InLanguage(g.Label, lang)
	}
	return out
}

// reportComments turns published comments into the report's, grouped:
// the whole campaign first, then the units in the campaign's order. Within
// a group the store's random order is kept, so that it says nothing about
// the order of answers.
func reportComments(c *vigie.Campaign, list []vigie.Comment, lang string) []dossier.Comment {
	if len(list) == 0 {
		return nil
	}
	rank := func(unit []string) int {
		if len(unit) == 0 {
			return -1
		}
		i := slices.IndexFunc(c.Units, func(u vigie.Unit) bool { return slices.Equal(u.Path, unit) })
		if i < 0 {
			return len(c.Units)
		}
		return i
	}
	list = slices.Clone(list)
	slices.SortStableFunc(list, func(a, b vigie.Comment) int {
		if d := rank(a.Unit) - rank(b.Unit); d != 0 {
			return d
		}
		return strings.Compare(strings.Join(a.Unit, "/"), strings.Join(b.Unit, "/"))
	})
	all := "Ensemble"
	if lang == "en" {
		all = "All respondents"
	}
	out := make([]dossier.Comment, len(list))
	for i, cm := range list {
		group := all
		if len(cm.Unit) > 0 {
			group = strings.Join(cm.Unit, " / ")
		}
		out[i] = dossier.Comment{Group: group, Text: cm.Text}
	}
	return out
}
