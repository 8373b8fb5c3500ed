package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// A closed campaign's figures, computed once (issue 22).
//
// Once a campaign is closed no answer comes in and it cannot be reopened,
// so its results, participation and comment groups no longer change; yet
// every page view, API call and report scored every response again
// (seconds at 100,000 responses, each time). The store now computes them
// once, in the background after the closing commits (the closing stays
// one short transaction, and no request waits on it), and keeps them in
// campaign_outputs with the version of the anonymity rules they were
// computed under (scoring.RulesVersion). Every read of a closed
// campaign's figures goes through closedOutputs: the stored ones or,
// until they are stored, that same computation, never two at once for one
// campaign in a process (a read arriving while the campaign is scored
// waits for that scoring). Comments stay live: moderation goes on after
// the closing; only the groups they are shown with are stored.
//
// At start, the figures stored under older rules, and those of campaigns
// closed without them (by an older binary, or a process stopped before
// the scoring ended), are computed again in the background, one campaign
// at a time, each logged (refreezeStale). Archived campaigns are left
// alone: their responses are erased, and their archive keeps the figures
// of the rules of its day.

// closedOutputs are what campaign_outputs keeps of a closed campaign.
type closedOutputs struct {
	figures
	// CommentGroups are the groups its comments may be shown with, at its
	// comment threshold (commentGroups).
	CommentGroups commentGroups `json:"comment_groups"`
}

// errArchivedWhileScoring refuses figures computed while another instance
// archived the campaign: its responses were erased under the scoring.
var errArchivedWhileScoring = vigie.Errorf(vigie.ECONFLICT, "La campagne a été archivée pendant le calcul de ses résultats : rechargez la page pour lire ceux de son archive.")

// closedFigures returns the figures a closed campaign publishes: those of
// its archive once archived, else closedOutputs.
func (s *Store) closedFigures(ctx context.Context, c *vigie.Campaign) (*figures, error) {
	if c.Archived() {
		out, err := frozenOutputs(ctx, s.read, c.ID)
		if err != nil {
			return nil, err
		}
		return &out.figures, nil
	}
	out, err := s.closedOutputs(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return &out.figures, nil
}

// closedOutputs returns the stored outputs of the closed campaign id, not
// archived; when none are stored, or only under older rules, it computes
// and stores them (freeze) and returns those. They are shared with the
// cache: read them, never change them.
func (s *Store) closedOutputs(ctx context.Context, id string) (*closedOutputs, error) {
	var rules int
	err := s.read.QueryRowContext(ctx, `SELECT rules FROM campaign_outputs WHERE campaign_id = ?`, id).Scan(&rules)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: stored outputs of %s: %w", id, err)
	}
	// Rules newer than this binary's are a newer instance's (a rolling
	// upgrade): they stand, rather than go back and forth.
	if rules >= scoring.RulesVersion {
		if out := s.outputCache.get(id, rules); out != nil {
			return out, nil
		}
		out, rules, err := storedOutputs(ctx, s.read, id)
		if err != nil {
			return nil, err
		}
		if out != nil && rules >= scoring.RulesVersion {
			s.outputCache.put(id, rules, out)
			return out, nil
		}
	}
	return s.freeze(ctx, id)
}

// storedOutputs reads the outputs stored for a campaign and the rules
// they were computed under; nil when there are none.
func storedOutputs(ctx context.Context, db queryer, id string) (*closedOutputs, int, error) {
	var rules int
	var raw string
	err := db.QueryRowContext(ctx, `SELECT rules, outputs FROM campaign_outputs WHERE campaign_id = ?`, id).Scan(&rules, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, fmt.Errorf("store: stored outputs of %s: %w", id, err)
	}
	out := &closedOutputs{}
	if err := json.Unmarshal([]byte(raw), out); err != nil {
		return nil, 0, fmt.Errorf("store: stored outputs of %s: %w", id, err)
	}
	return out, rules, nil
}

// freezing is a scoring of one campaign under way; reads of the same
// campaign wait for it rather than score it again.
type freezing struct {
	done chan struct{} // closed once out and err are set
	out  *closedOutputs
	err  error
}

// freeze computes the outputs of the closed campaign id from its
// responses and stores them. One scoring at a time per campaign: a call
// made while one runs waits for it. The scoring runs in the store's
// background, so that it goes on for the others when ctx ends, and stops
// when the store closes.
func (s *Store) freeze(ctx context.Context, id string) (*closedOutputs, error) {
	s.mu.Lock()
	f := s.freezing[id]
	if f == nil {
		f = &freezing{done: make(chan struct{})}
		started := s.goBackground(func(bg context.Context) {
			f.out, f.err = s.computeOutputs(bg, id)
			s.mu.Lock()
			delete(s.freezing, id)
			s.mu.Unlock()
			close(f.done)
		})
		if !started {
			s.mu.Unlock()
			return nil, fmt.Errorf("store: outputs of %s: store closed", id)
		}
		s.freezing[id] = f
	}
	s.mu.Unlock()
	select {
	case <-f.done:
		return f.out, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// computeOutputs returns the outputs of the closed campaign id, scoring it
// and storing them unless they are stored under the current rules: a
// scoring that ended just before this one was asked for has stored them.
func (s *Store) computeOutputs(ctx context.Context, id string) (*closedOutputs, error) {
	out, rules, err := storedOutputs(ctx, s.read, id)
	if err != nil {
		return nil, err
	}
	if out != nil && rules >= scoring.RulesVersion {
		return out, nil
	}
	return s.scoreOutputs(ctx, id)
}

// scoreOutputs scores the closed campaign id and stores its outputs under
// the current rules, in one short write after the scoring (which reads
// outside any transaction: a closed campaign's responses no longer
// change). It returns them as read back from their JSON, so that the
// first read gives what every later one will.
func (s *Store) scoreOutputs(ctx context.Context, id string) (*closedOutputs, error) {
	s.scored.Add(1)
	cs, err := s.campaignScores(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := checkFreezable(cs.campaign); err != nil {
		return nil, err
	}
	raw, err := json.Marshal(cs.outputs())
	if err != nil {
		return nil, fmt.Errorf("store: outputs of %s: encode: %w", id, err)
	}
	out := &closedOutputs{}
	if err := json.Unmarshal(raw, out); err != nil {
		return nil, fmt.Errorf("store: outputs of %s: decode: %w", id, err)
	}
	// The figures say nothing of the order of answers: no compaction due.
	err = s.updateUncompacted(ctx, func(tx *sql.Tx) error {
		c, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkFreezable(c); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_outputs (campaign_id, rules, outputs) VALUES (?, ?, ?)
			ON CONFLICT (campaign_id) DO UPDATE SET rules = excluded.rules, outputs = excluded.outputs`,
			id, scoring.RulesVersion, string(raw)); err != nil {
			return fmt.Errorf("store: store outputs of %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.outputCache.put(id, scoring.RulesVersion, out)
	return out, nil
}

// checkFreezable refuses to compute the outputs of a campaign not closed
// (ResultsAvailable) or archived (its responses are erased).
func checkFreezable(c *vigie.Campaign) error {
	if err := ResultsAvailable(c); err != nil {
		return err
	}
	if c.Archived() {
		return errArchivedWhileScoring
	}
	return nil
}

// outputs are the figures of the scored campaign and its comment groups
// at its comment threshold, as they are stored.
func (cs *campaignScores) outputs() *closedOutputs {
	out := &closedOutputs{figures: figures{Results: map[string]*frozenResult{}}}
	for i, q := range cs.questionnaires {
		out.Results[q.ID] = freezeResult(cs.scorers[i].ResultWithin(cs.pattern))
	}
	out.Participation = cs.participation()
	out.Hidden = hiddenReasons(out.Participation)
	out.Respondents = cs.respondents()
	out.CommentGroups = cs.commentGroups(cs.campaign.CommentMinGroupSize)
	return out
}
