package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// outputs are every published output of a closed campaign: what Result,
// Participation, PublishedComments and Report show. Archiving freezes
// them as JSON (campaign_archives) before the raw data is erased; for a
// campaign still holding its raw data they are its figures stored after
// the closing (closedOutputs) and its comments read live.
type outputs struct {
	figures
	// Comments are the published comments as shown: the group's unit,
	// the moderated text, never the original.
	Comments []vigie.Comment `json:"comments"`
	// Pending and Withheld are what Report says about comments not shown,
	// by questionnaire id (see commentStates).
	Pending  map[string]bool `json:"pending,omitempty"`
	Withheld map[string]bool `json:"withheld,omitempty"`
}

// figures are the outputs that no longer change once a campaign is
// closed (comments do: moderation goes on). Embedded in outputs, their
// fields keep their place in the JSON of the archives.
type figures struct {
	Results       map[string]*frozenResult    `json:"results"` // by questionnaire id
	Participation []scoring.UnitParticipation `json:"participation"`
	// Hidden says why each hidden participation row is hidden
	// (CampaignParticipation.Hidden); absent from archives made before.
	Hidden []string `json:"hidden,omitempty"`
	// Respondents is the campaign's number of respondents, nil when under
	// k (dossier.Report.Respondents).
	Respondents *int `json:"respondents,omitempty"`
}

// liveOutputs returns the outputs of a closed campaign that still holds
// its raw data: the figures stored after its closing (computed now when
// they are not stored yet) and the comments as moderated today. The
// comment states come first: they prepare moderation, so that the
// comments of a campaign never moderated are copied before anything reads
// the comment table.
func (s *Store) liveOutputs(ctx context.Context, c *vigie.Campaign) (*outputs, []*questionnaires.Questionnaire, error) {
	if err := s.PrepareModeration(ctx, c.ID); err != nil {
		return nil, nil, err
	}
	closed, err := s.closedOutputs(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	out := &outputs{figures: closed.clone()}
	groups := closed.CommentGroups
	if out.Pending, out.Withheld, err = s.commentStates(ctx, c.ID, groups); err != nil {
		return nil, nil, err
	}
	if out.Comments, err = s.publishedComments(ctx, c.ID, "", groups); err != nil {
		return nil, nil, err
	}
	return out, qs, nil
}

// frozenOutputs reads the outputs archiving froze; ENOTFOUND when the
// campaign has none (it was never archived).
func frozenOutputs(ctx context.Context, db queryer, campaignID string) (*outputs, error) {
	var raw string
	err := db.QueryRowContext(ctx, `SELECT outputs FROM campaign_archives WHERE campaign_id = ?`, campaignID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errCampaignNotFound
	} else if err != nil {
		return nil, fmt.Errorf("store: archived outputs of %s: %w", campaignID, err)
	}
	out := &outputs{}
	if err := json.Unmarshal([]byte(raw), out); err != nil {
		return nil, fmt.Errorf("store: archived outputs of %s: %w", campaignID, err)
	}
	out.mergeLegacyReasons()
	return out, nil
}

// The reasons archives frozen before issue 19 may hold for a group nobody
// belonged to: scoring's "no_respondents" and the participation pages'
// "no_answer". Every output now says such a group as below k, like one of
// 1 to k-1.
const (
	legacyNoRespondents = "no_respondents"
	legacyNoAnswer      = "no_answer"
)

// mergeLegacyReasons rewrites the legacy reasons of o as below k, so that
// an archived campaign publishes what a live one would.
func (o *figures) mergeLegacyReasons() {
	for _, r := range o.Results {
		for _, g := range r.Groups {
			if g.Reason == legacyNoRespondents {
				g.Reason = scoring.ReasonBelowThreshold
			}
		}
	}
	for i := range o.Participation {
		if o.Participation[i].Reason == legacyNoRespondents {
			o.Participation[i].Reason = scoring.ReasonBelowThreshold
		}
	}
	for i, why := range o.Hidden {
		if why == legacyNoAnswer {
			o.Hidden[i] = HiddenBelowK
		}
	}
}

// archivedOutputs returns the frozen outputs of an archived campaign, and
// nil (no error) for a campaign that still holds its raw data.
func (s *Store) archivedOutputs(ctx context.Context, campaignID string) (*outputs, error) {
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT archived_at FROM campaigns WHERE id = ?`, campaignID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errCampaignNotFound
	} else if err != nil {
		return nil, fmt.Errorf("store: campaign %s: %w", campaignID, err)
	}
	if at == "" {
		return nil, nil
	}
	return frozenOutputs(ctx, s.read, campaignID)
}

// result returns the frozen result of one questionnaire.
func (o *figures) result(questionnaireID string) (*scoring.Result, error) {
	r, ok := o.Results[questionnaireID]
	if !ok {
		return nil, vigie.Errorf(vigie.ENOTFOUND, "Le questionnaire « %s » ne fait pas partie de cette campagne.", questionnaireID)
	}
	return r.thaw(), nil
}

// comments returns the published comments of one questionnaire (all when
// questionnaireID is ""), shuffled like the live ones.
func (o *outputs) comments(questionnaireID string) []vigie.Comment {
	var out []vigie.Comment
	for _, c := range o.Comments {
		if questionnaireID == "" || c.QuestionnaireID == questionnaireID {
			out = append(out, c)
		}
	}
	shuffle(out)
	return out
}

// frozenResult is a scoring.Result with every figure kept. The JSON of a
// Result is its public form, which leaves out what a suppressed measure
// hides and is not meant to be read back; these mirror types use Go's
// plain encoding, so that a result read back marshals to the very same
// public JSON.
type frozenResult struct {
	Questionnaire scoring.QuestionnaireRef
	MinGroupSize  int
	Respondents   int
	Groups        []*frozenGroup
	Reliability   map[string]scoring.Reliability
}

// frozenGroup mirrors scoring.Group.
type frozenGroup struct {
	ID          string
	Kind        scoring.GroupKind
	Label       string
	Parent      string
	Segment     string
	Suppressed  bool
	Reason      string
	Respondents int
	Dimensions  map[string]*frozenDimension
	Indicators  map[string]*frozenIndicator
	Items       map[string]*frozenItem
}

// The mirror types of the measures: same fields as scoring's, so that a
// pointer converts both ways, without their MarshalJSON.
type (
	frozenDimension scoring.DimensionStats
	frozenIndicator scoring.IndicatorStats
	frozenItem      scoring.ItemStats
)

// freezeResult copies r into its mirror types.
func freezeResult(r *scoring.Result) *frozenResult {
	f := &frozenResult{Questionnaire: r.Questionnaire, MinGroupSize: r.MinGroupSize, Respondents: r.Respondents, Reliability: r.Reliability}
	for _, g := range r.Groups {
		fg := &frozenGroup{ID: g.ID, Kind: g.Kind, Label: g.Label, Parent: g.Parent, Segment: g.Segment,
			Suppressed: g.Suppressed, Reason: g.Reason, Respondents: g.Respondents}
		fg.Dimensions = convertMap(g.Dimensions, func(d *scoring.DimensionStats) *frozenDimension { return (*frozenDimension)(d) })
		fg.Indicators = convertMap(g.Indicators, func(d *scoring.IndicatorStats) *frozenIndicator { return (*frozenIndicator)(d) })
		fg.Items = convertMap(g.Items, func(d *scoring.ItemStats) *frozenItem { return (*frozenItem)(d) })
		f.Groups = append(f.Groups, fg)
	}
	return f
}

// thaw turns a frozen result back into a scoring.Result of its own: the
// frozen one may be shared (outputsCache), whatever reads the copy.
func (f *frozenResult) thaw() *scoring.Result {
	r := &scoring.Result{Questionnaire: f.Questionnaire, MinGroupSize: f.MinGroupSize, Respondents: f.Respondents,
		Reliability: convertMap(f.Reliability, func(v scoring.Reliability) scoring.Reliability {
			if v.Alpha != nil {
				a := *v.Alpha
				v.Alpha = &a
			}
			return v
		})}
	for _, fg := range f.Groups {
		g := &scoring.Group{ID: fg.ID, Kind: fg.Kind, Label: fg.Label, Parent: fg.Parent, Segment: fg.Segment,
			Suppressed: fg.Suppressed, Reason: fg.Reason, Respondents: fg.Respondents}
		g.Dimensions = convertMap(fg.Dimensions, func(d *frozenDimension) *scoring.DimensionStats {
			c := scoring.DimensionStats(*d)
			c.Shares = maps.Clone(c.Shares)
			return &c
		})
		g.Indicators = convertMap(fg.Indicators, func(d *frozenIndicator) *scoring.IndicatorStats {
			c := scoring.IndicatorStats(*d)
			return &c
		})
		g.Items = convertMap(fg.Items, func(d *frozenItem) *scoring.ItemStats {
			c := scoring.ItemStats(*d)
			c.Counts = maps.Clone(c.Counts)
			return &c
		})
		r.Groups = append(r.Groups, g)
	}
	return r
}

// clone copies what f publishes besides the results (read through
// result, which copies them): participation, its reasons and the total.
func (f *figures) clone() figures {
	c := figures{Results: f.Results, Hidden: slices.Clone(f.Hidden), Respondents: clonePtr(f.Respondents)}
	if f.Participation != nil {
		c.Participation = make([]scoring.UnitParticipation, len(f.Participation))
		for i, p := range f.Participation {
			p.Path = slices.Clone(p.Path)
			p.Respondents, p.Rate = clonePtr(p.Respondents), clonePtr(p.Rate)
			c.Participation[i] = p
		}
	}
	return c
}

// clonePtr returns a pointer to a copy of *p, nil for nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// convertMap converts every value of m, keeping nil as nil (omitempty
// fields must stay omitted).
func convertMap[A, B any](m map[string]A, conv func(A) B) map[string]B {
	if m == nil {
		return nil
	}
	out := make(map[string]B, len(m))
	for k, v := range m {
		out[k] = conv(v)
	}
	return out
}
