package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// MaxCommentLength bounds one comment, in characters.
const MaxCommentLength = 2000

// SubmitResponse stores one anonymous response. In one transaction it checks
// that the campaign is open and the code valid and unused (in link mode the
// code must be ""), marks the code used, deletes its draft and inserts the
// response with a random id and the ISO week of now, nothing finer. The unit,
// segment categories, items, values and comments are checked against the
// campaign first. On success r.ID, r.CampaignID, r.Week and r.Unit (which a
// code may fix) are set; on any error nothing is stored. A second
// submission with the same code is ECONFLICT. Concurrent submissions are
// committed together (see submit_batch.go), each still all or nothing.
func (s *Store) SubmitResponse(ctx context.Context, campaignID, code string, r *vigie.Response, now time.Time) error {
	// Validate outside the write transaction, against the campaign's
	// settings, which cannot change once it is open, so the single writer
	// stays busy as briefly as possible.
	rc, err := s.runningCampaign(ctx, campaignID)
	if err != nil {
		return err
	}
	c := rc.campaign
	var hash []byte
	switch {
	case c.Access == vigie.AccessLink && code != "":
		return errNoCodes
	case c.Access == vigie.AccessCodes && strings.TrimSpace(code) == "":
		return vigie.Errorf(vigie.EFORBIDDEN, "Un code d'accès est nécessaire pour répondre à cette enquête.")
	case c.Access == vigie.AccessCodes:
		if len(NormaliseCode(code)) != codeLength {
			return errCodeInvalid
		}
		hash = hashCode(rc.key, code)
	}
	clean, err := cleanResponse(c, rc.questionnaires, r)
	if err != nil {
		return err
	}
	clean.ID, clean.CampaignID, clean.Week = newResponseID(), campaignID, Week(now)

	err = s.enqueue(&submission{ctx: ctx, rc: rc, code: code, hash: hash, r: clean, done: make(chan error, 1)})
	if err != nil {
		return err
	}
	r.ID, r.CampaignID, r.Week, r.Unit = clean.ID, clean.CampaignID, clean.Week, clean.Unit
	return nil
}

// spendCodes marks used the codes of the batch's submissions still
// accepted (errs[i] nil), one UPDATE per campaign, and applies the unit
// each code fixes to its response. The UPDATE locks the codes' rows in
// key order (hash), the same in every batch, and a code another
// transaction spent first is not updated: the second spender finds it
// used. A code that cannot be spent gets its refusal in errs: unknown,
// used (also the second submission of one code in a batch), or fixing
// another unit than the one answered (that one is un-spent at once). err
// is a failure of the database.
func spendCodes(ctx context.Context, tx *sql.Tx, batch []*submission, errs []error) error {
	byCampaign := map[string][]int{}
	for i, sub := range batch {
		if errs[i] == nil && sub.hash != nil {
			byCampaign[sub.rc.campaign.ID] = append(byCampaign[sub.rc.campaign.ID], i)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byCampaign)) {
		if err := spendCampaignCodes(ctx, tx, id, batch, byCampaign[id], errs); err != nil {
			return err
		}
	}
	return nil
}

// spendCampaignCodes is spendCodes for the submissions idx of campaign id.
func spendCampaignCodes(ctx context.Context, tx *sql.Tx, id string, batch []*submission, idx []int, errs []error) error {
	first := map[string]int{} // hash -> the submission that spends it
	var hashes []any
	for _, i := range idx {
		h := string(batch[i].hash)
		if _, twice := first[h]; twice {
			errs[i] = ErrCodeUsed
			continue
		}
		first[h] = i
		hashes = append(hashes, batch[i].hash)
	}
	spent := map[string]string{} // hash -> unit the code fixes
	err := eachRow(ctx, tx, `UPDATE codes SET used = 1
		WHERE campaign_id = ? AND used = 0 AND hash IN (?`+strings.Repeat(", ?", len(hashes)-1)+`)
		RETURNING hash, unit`, append([]any{id}, hashes...), func(rows *sql.Rows) error {
		var hash []byte
		var unit string
		err := rows.Scan(&hash, &unit)
		spent[string(hash)] = unit
		return err
	})
	if err != nil {
		return fmt.Errorf("store: submit to %s: use codes: %w", id, err)
	}
	var undo []any
	for _, i := range idx {
		sub := batch[i]
		if errs[i] != nil {
			continue
		}
		unit, ok := spent[string(sub.hash)]
		if !ok {
			if errs[i], err = whyNotSpent(ctx, tx, sub); err != nil {
				return err
			}
			continue
		}
		answered := strings.Join(sub.r.Unit, "/")
		switch {
		case unit != "" && answered != "" && unit != answered:
			errs[i] = vigie.Errorf(vigie.EINVALID, "Ce code est réservé à l'unité « %s ».", unit)
			undo = append(undo, sub.hash)
		case unit != "":
			sub.r.Unit = strings.Split(unit, "/")
		}
	}
	if len(undo) > 0 {
		_, err := tx.ExecContext(ctx, `UPDATE codes SET used = 0 WHERE campaign_id = ? AND hash IN (?`+strings.Repeat(", ?", len(undo)-1)+`)`,
			append([]any{id}, undo...)...)
		if err != nil {
			return fmt.Errorf("store: submit to %s: give codes back: %w", id, err)
		}
	}
	return nil
}

// whyNotSpent returns why sub's code could not be spent (refused), or a
// failure of the database (err).
func whyNotSpent(ctx context.Context, tx *sql.Tx, sub *submission) (refused, err error) {
	_, _, err = checkCode(ctx, tx, sub.rc.campaign.ID, sub.code)
	switch {
	case vigie.ErrorCode(err) == vigie.EINTERNAL:
		return nil, err
	case err != nil:
		return err, nil
	}
	// Known and unused now, yet not updated: spent and given back by a
	// transaction that committed meanwhile. Refused as used; it may be
	// sent again.
	return ErrCodeUsed, nil
}

// runningCampaign is a campaign past its draft state with what answering
// needs: its settings, code key and frozen questionnaires never change
// again, so they are read once; only its state is checked at each write.
type runningCampaign struct {
	campaign       *vigie.Campaign
	key            []byte
	questionnaires []*questionnaires.Questionnaire
}

// maxRunning bounds the cache of running campaigns.
const maxRunning = 1000

// runningCampaign returns the open campaign id from the cache or the
// database: ENOTFOUND when it does not exist, ECONFLICT when it is not open
// (a closed one may still be cached as open: writes check again).
func (s *Store) runningCampaign(ctx context.Context, id string) (*runningCampaign, error) {
	s.mu.Lock()
	rc := s.running[id]
	s.mu.Unlock()
	if rc == nil {
		rc = &runningCampaign{}
		err := s.view(ctx, func(tx *sql.Tx) (err error) {
			if rc.campaign, rc.key, err = loadCampaign(ctx, tx, id); err != nil {
				return err
			}
			if rc.campaign.State == vigie.StateDraft {
				return errNotOpen
			}
			rc.questionnaires, err = s.campaignQuestionnaires(ctx, tx, id)
			return err
		})
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		if len(s.running) >= maxRunning {
			clear(s.running)
		}
		s.running[id] = rc
		s.mu.Unlock()
	}
	if rc.campaign.State != vigie.StateOpen {
		return nil, errNotOpen
	}
	return rc, nil
}

// loadCampaignState reads only what a write needs to re-check: state,
// access mode and code key.
func loadCampaignState(ctx context.Context, db queryer, id string) (*vigie.Campaign, []byte, error) {
	c := &vigie.Campaign{ID: id}
	var key []byte
	err := db.QueryRowContext(ctx, `SELECT state, access, code_key FROM campaigns WHERE id = ?`, id).Scan(&c.State, &c.Access, &key)
	if err == sql.ErrNoRows {
		return nil, nil, errCampaignNotFound
	} else if err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s: %w", id, err)
	}
	return c, key, nil
}

// cleanResponse checks r against the campaign and returns a copy without
// empty parts: unset segments, questionnaires without answers, blank comments.
func cleanResponse(c *vigie.Campaign, qs []*questionnaires.Questionnaire, r *vigie.Response) (*vigie.Response, error) {
	out := &vigie.Response{
		Unit:     slices.Clone(r.Unit),
		Segments: map[string]string{},
		Answers:  map[string]map[string]int{},
		Comments: map[string]string{},
	}
	if len(out.Unit) > 0 && !c.HasUnit(out.Unit) {
		return nil, vigie.Errorf(vigie.EINVALID, "L'unité « %s » n'existe pas dans cette enquête.", strings.Join(out.Unit, "/"))
	}
	for _, id := range slices.Sorted(maps.Keys(r.Segments)) {
		v := r.Segments[id]
		seg := c.Segment(id)
		if seg == nil {
			return nil, vigie.Errorf(vigie.EINVALID, "Le critère « %s » n'existe pas dans cette enquête.", id)
		}
		if v == "" {
			continue
		}
		if !slices.Contains(seg.Categories, v) {
			return nil, vigie.Errorf(vigie.EINVALID, "« %s » n'est pas un choix possible pour « %s ».", v, seg.Label["fr"])
		}
		out.Segments[id] = v
	}
	byID := map[string]*questionnaires.Questionnaire{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	for _, qid := range slices.Sorted(maps.Keys(r.Answers)) {
		q := byID[qid]
		if q == nil {
			return nil, vigie.Errorf(vigie.EINVALID, "Le questionnaire « %s » ne fait pas partie de cette enquête.", qid)
		}
		answers := map[string]int{}
		for _, item := range slices.Sorted(maps.Keys(r.Answers[qid])) {
			v := r.Answers[qid][item]
			it := q.Item(item)
			if it == nil {
				return nil, vigie.Errorf(vigie.EINVALID, "La question « %s » n'existe pas dans le questionnaire « %s ».", item, qid)
			}
			if !it.Scale.Contains(v) {
				return nil, vigie.Errorf(vigie.EINVALID, "La réponse à la question « %s » doit être comprise entre %d et %d.", item, it.Scale.Min, it.Scale.Max)
			}
			answers[item] = v
		}
		if len(answers) > 0 {
			out.Answers[qid] = answers
		}
	}
	for _, qid := range slices.Sorted(maps.Keys(r.Comments)) {
		if byID[qid] == nil {
			return nil, vigie.Errorf(vigie.EINVALID, "Le questionnaire « %s » ne fait pas partie de cette enquête.", qid)
		}
		text := strings.TrimSpace(r.Comments[qid])
		if err := vigie.CheckText("Le commentaire", text); err != nil {
			return nil, err
		}
		if n := utf8.RuneCountInString(text); n > MaxCommentLength {
			return nil, vigie.Errorf(vigie.EINVALID, "Le commentaire compte %s caractères ; la limite est %s.", vigie.Grouped(n), vigie.Grouped(MaxCommentLength))
		}
		if text != "" {
			out.Comments[qid] = text
		}
	}
	return out, nil
}

// EachResponse calls fn with every response of a campaign, in the order of
// their random ids (which says nothing about when they came). It stops at
// the first error fn returns. It hands out raw rows, not figures: whoever
// computes figures from them checks ResultsAvailable first (Result and
// Report do).
func (s *Store) EachResponse(ctx context.Context, campaignID string, fn func(*vigie.Response) error) error {
	return eachResponse(ctx, s.read, campaignID, fn)
}

// eachResponse is EachResponse reading through db: the read pool, or a
// transaction when the caller needs one snapshot.
func eachResponse(ctx context.Context, db queryer, campaignID string, fn func(*vigie.Response) error) error {
	// Read in chunks, decoded and handed to fn after the chunk's rows are
	// closed. On the read pool each chunk is its own short read: with a
	// rollback journal, a commit waits for every reader to let go of the
	// file, and one read across 100,000 responses (seconds) would hold
	// submissions past the busy timeout. Results are computed on closed
	// campaigns, whose responses no longer change, so the chunks add up to
	// one consistent set. Through a transaction the file stays held until
	// the transaction ends.
	after := ""
	for {
		chunk, err := responseChunk(ctx, db, campaignID, after)
		if err != nil {
			return err
		}
		for _, raw := range chunk {
			r, err := raw.decode(campaignID)
			if err != nil {
				return err
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(chunk) < eachChunk {
			return nil
		}
		after = chunk[len(chunk)-1].id
	}
}

// eachChunk is how many responses EachResponse reads at a time. Smaller
// chunks let commits in sooner but, under a flood of submissions, each
// new read waits behind commits: with 100,000 responses, 2,000 kept the
// slowest submission near 0.5 s (BenchmarkCompact).
const eachChunk = 2000

// rawResponse is a responses row as stored.
type rawResponse struct {
	id, unit, segments, answers, comments, week string
}

// responseChunk reads up to eachChunk responses of a campaign whose ids
// follow after, in id order.
func responseChunk(ctx context.Context, db queryer, campaignID, after string) ([]rawResponse, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT id, unit, segments, answers, comments, week FROM responses
		WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?`, campaignID, after, eachChunk)
	if err != nil {
		return nil, fmt.Errorf("store: responses of %s: %w", campaignID, err)
	}
	defer rows.Close()
	chunk := make([]rawResponse, 0, eachChunk)
	for rows.Next() {
		var r rawResponse
		if err := rows.Scan(&r.id, &r.unit, &r.segments, &r.answers, &r.comments, &r.week); err != nil {
			return nil, fmt.Errorf("store: responses of %s: %w", campaignID, err)
		}
		chunk = append(chunk, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: responses of %s: %w", campaignID, err)
	}
	return chunk, nil
}

// decode turns a stored row into a response.
func (raw rawResponse) decode(campaignID string) (*vigie.Response, error) {
	r := &vigie.Response{ID: raw.id, CampaignID: campaignID, Week: raw.week}
	if raw.unit != "" {
		r.Unit = strings.Split(raw.unit, "/")
	}
	if err := unmarshalAll(raw.segments, &r.Segments, raw.answers, &r.Answers, raw.comments, &r.Comments); err != nil {
		return nil, fmt.Errorf("store: response %s: %w", raw.id, err)
	}
	return r, nil
}

// unmarshalAll decodes pairs of (JSON text, destination).
func unmarshalAll(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := json.Unmarshal([]byte(pairs[i].(string)), pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// ResponseCount returns the number of responses of a campaign.
func (s *Store) ResponseCount(ctx context.Context, campaignID string) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM responses WHERE campaign_id = ?`, campaignID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: response count of %s: %w", campaignID, err)
	}
	return n, nil
}

// Participation counts the campaign's respondents per unit and applies the
// anonymity rules to them, against the units' headcounts (see
// ParticipationHidden). While the campaign is open it is the day's
// snapshot, which changes at most once a day; once it is closed, within
// the campaign's one group pattern (see campaignScores): a unit that any
// questionnaire's results hide is hidden here too. Respondents who gave no
// unit count in "(non renseigné)", as in the results. An archived campaign
// answers the participation frozen at archiving.
func (s *Store) Participation(ctx context.Context, c *vigie.Campaign, now time.Time) ([]scoring.UnitParticipation, error) {
	cp, err := s.ParticipationHidden(ctx, c, now)
	if err != nil {
		return nil, err
	}
	return cp.Units, nil
}

// UnitCounts returns the number of responses per unit, keyed by the unit
// path joined by "/" (the input of scoring.ParticipationWithin). Responses
// without a unit are not counted here; ResponseCount has the total.
func (s *Store) UnitCounts(ctx context.Context, campaignID string) (map[string]int, error) {
	out, err := respondentsPerUnit(ctx, s.read, campaignID)
	delete(out, "")
	return out, err
}
