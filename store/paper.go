package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
)

// Paper sheets carry an access code as their sheet number. A sheet
// becomes a response only once two entries agree (or at the first entry
// when the campaign's draw spares it a second one). Between the two, the
// first entry waits in paper_entries under the code's keyed hash: that row
// links a code to answers, which nothing else in Vigie does, so it is
// deleted in the very transaction that records the response (and at
// closing), and secure_delete overwrites it. docs/anonymat.md.

// PaperStatus is what became of a paper entry.
type PaperStatus string

// The outcomes of EnterPaper and ResolvePaper.
const (
	PaperAwaiting PaperStatus = "awaiting_second_entry" // first entry kept, a second one is due
	PaperRecorded PaperStatus = "recorded"              // stored as a response, code spent
	PaperMismatch PaperStatus = "mismatch"              // second entry differs: nothing stored
)

// PaperResult is the outcome of a paper entry. On a mismatch, Fields names
// what differs ("unit", "segments.metier", "answers.reconnaissance.eff3",
// "comments.reconnaissance") and First holds the first entry, for the
// screen to show both side by side.
//
// A second entry on a sheet whose number has served meanwhile (online)
// that differs from the first is a mismatch too, with the same fields and
// the same writes: otherwise whoever holds sheet numbers could enter a
// sheet once, then send different second entries until the answer
// changes, and learn when its holder answered online.
type PaperResult struct {
	Status PaperStatus
	Fields []string
	First  *vigie.Response
}

// Refusals of paper entries. ErrSheetUsed and ErrNotDisputed are
// exported, with the ENOTFOUND ones, so that web can count the refusals
// of an account (a sheet number is a code, and "used" tells who answered).
var (
	errSheetUnknown = vigie.Errorf(vigie.ENOTFOUND, "Ce numéro de feuille n'existe pas dans cette campagne : vérifiez-le sur la feuille.")
	ErrSheetUsed    = vigie.Errorf(vigie.ECONFLICT, "Cette feuille est déjà enregistrée, ou son numéro a servi à répondre en ligne : elle ne peut pas être saisie.")
	errNoPending    = vigie.Errorf(vigie.ENOTFOUND, "Aucune première saisie n'attend pour cette feuille : saisissez-la normalement.")
	ErrNotDisputed  = vigie.Errorf(vigie.ECONFLICT, "Les saisies de cette feuille n'ont pas différé : faites la seconde saisie normalement.")
)

// EnterPaper records one entry of the paper sheet numbered sheet. The
// first entry is kept (PaperAwaiting), unless the campaign's draw
// (paper_double_entry) spares this sheet a second one, in which case it
// is recorded at once. A second entry equal to the first records the
// response exactly as an online one and deletes the first, in one
// transaction; a different one changes nothing (PaperMismatch).
// ENOTFOUND for an unknown sheet, ErrSheetUsed for a sheet already used
// (but see PaperResult: a differing second entry is a mismatch), EINVALID
// for answers the campaign does not accept.
func (s *Store) EnterPaper(ctx context.Context, campaignID, sheet string, r *vigie.Response, now time.Time) (*PaperResult, error) {
	p, err := s.preparePaper(ctx, campaignID, sheet, r, now)
	if err != nil {
		return nil, err
	}
	var out *PaperResult
	err = s.update(ctx, func(tx *sql.Tx) error {
		first, _, used, err := pendingEntry(ctx, tx, p)
		if err != nil {
			return err
		}
		switch {
		case used && (first == nil || len(entryDiff(first, p.r)) == 0):
			// Where an unused sheet would be kept or recorded.
			return ErrSheetUsed
		case first == nil && !drawSecondEntry(p.rc.campaign.PaperDoubleEntry):
			out = &PaperResult{Status: PaperRecorded}
			return s.recordPaper(ctx, tx, p)
		case first == nil:
			out = &PaperResult{Status: PaperAwaiting}
			_, err := tx.ExecContext(ctx, `INSERT INTO paper_entries (campaign_id, code_hash, data) VALUES (?, ?, ?)`,
				campaignID, p.hash, mustJSON(entryData(p.r)))
			if err != nil {
				return fmt.Errorf("store: paper entry for %s: keep first entry: %w", campaignID, err)
			}
			return nil
		}
		if fields := entryDiff(first, p.r); len(fields) > 0 {
			out = &PaperResult{Status: PaperMismatch, Fields: fields, First: first}
			_, err := tx.ExecContext(ctx, `UPDATE paper_entries SET disputed = 1 WHERE campaign_id = ? AND code_hash = ?`, campaignID, p.hash)
			if err != nil {
				return fmt.Errorf("store: paper entry for %s: mark disputed: %w", campaignID, err)
			}
			return nil
		}
		out = &PaperResult{Status: PaperRecorded}
		return s.recordPaper(ctx, tx, p)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ResolvePaper records the corrected entry of a sheet whose two entries
// differed, replacing both: ENOTFOUND when no first entry is waiting,
// ErrNotDisputed when its second entry has not yet differed (a corrected
// entry must not let a sheet skip its second entry), and ErrSheetUsed,
// checked last, when the sheet's number has served: a refusal that an
// unused sheet would get too says nothing of its use.
func (s *Store) ResolvePaper(ctx context.Context, campaignID, sheet string, r *vigie.Response, now time.Time) error {
	p, err := s.preparePaper(ctx, campaignID, sheet, r, now)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		first, disputed, used, err := pendingEntry(ctx, tx, p)
		switch {
		case err != nil:
			return err
		case first == nil:
			return errNoPending
		case !disputed:
			return ErrNotDisputed
		case used:
			return ErrSheetUsed
		}
		return s.recordPaper(ctx, tx, p)
	})
}

// PendingPaperCount returns how many sheets of a campaign wait for their
// second entry.
func (s *Store) PendingPaperCount(ctx context.Context, campaignID string) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM paper_entries WHERE campaign_id = ?`, campaignID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: pending paper entries of %s: %w", campaignID, err)
	}
	return n, nil
}

// PendingPaper says how many sheets of a campaign wait for their second
// entry, and how many of them had a second entry that differed (they wait
// for a corrected one). Only counts: a sheet waiting is known by the hash
// of its code, never its number.
func (s *Store) PendingPaper(ctx context.Context, campaignID string) (waiting, disputed int, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(disputed), 0) FROM paper_entries WHERE campaign_id = ?`, campaignID).Scan(&waiting, &disputed)
	if err != nil {
		return 0, 0, fmt.Errorf("store: pending paper entries of %s: %w", campaignID, err)
	}
	return waiting, disputed, nil
}

// preparePaper checks an entry against the open campaign and readies the
// submission that would record it.
func (s *Store) preparePaper(ctx context.Context, campaignID, sheet string, r *vigie.Response, now time.Time) (*submission, error) {
	rc, err := s.runningCampaign(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	if rc.campaign.Access != vigie.AccessCodes {
		return nil, errNoCodes
	}
	if len(NormaliseCode(sheet)) != codeLength {
		return nil, errSheetUnknown
	}
	clean, err := cleanResponse(rc.campaign, rc.questionnaires, r)
	if err != nil {
		return nil, err
	}
	clean.ID, clean.CampaignID, clean.Week = newResponseID(), campaignID, Week(now)
	return &submission{ctx: ctx, rc: rc, code: sheet, hash: hashCode(rc.key, sheet), r: clean}, nil
}

// pendingEntry checks that the sheet exists, and returns its first entry,
// nil when there is none yet, whether a second entry has differed from
// it, and whether the sheet's number has served. The first entry of a
// sheet used online meanwhile stays until closing, like any other, and is
// read the same way: refusing earlier would tell the number has served.
func pendingEntry(ctx context.Context, tx *sql.Tx, p *submission) (first *vigie.Response, disputed, used bool, err error) {
	id := p.rc.campaign.ID
	// The state is read again here, in the transaction: p.rc may be this
	// store's stale copy of a campaign closed since (by another instance,
	// or between preparePaper and now), and a first entry kept after the
	// closing erased the others would stay linked to its sheet.
	var state string
	err = tx.QueryRowContext(ctx, `SELECT state FROM campaigns WHERE id = ?`, id).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && state != string(vigie.StateOpen)) {
		return nil, false, false, errNotOpen
	} else if err != nil {
		return nil, false, false, fmt.Errorf("store: paper entry for %s: read state: %w", id, err)
	}
	err = tx.QueryRowContext(ctx, `SELECT used FROM codes WHERE campaign_id = ? AND hash = ?`, id, p.hash).Scan(&used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, false, errSheetUnknown
	} else if err != nil {
		return nil, false, false, fmt.Errorf("store: paper entry for %s: read sheet: %w", id, err)
	}
	var data string
	err = tx.QueryRowContext(ctx, `SELECT data, disputed FROM paper_entries WHERE campaign_id = ? AND code_hash = ?`, id, p.hash).Scan(&data, &disputed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, used, nil
	} else if err != nil {
		return nil, false, false, fmt.Errorf("store: paper entry for %s: read first entry: %w", id, err)
	}
	first = &vigie.Response{}
	if err := json.Unmarshal([]byte(data), first); err != nil {
		return nil, false, false, fmt.Errorf("store: paper entry for %s: decode first entry: %w", id, err)
	}
	return first, disputed, used, nil
}

// recordPaper stores the sheet's response as an online submission is
// stored (code spent, random id, week only) and deletes its first entry
// in the same transaction, so no committed state ever holds both.
func (s *Store) recordPaper(ctx context.Context, tx *sql.Tx, p *submission) error {
	errs := []error{nil}
	if err := s.writeSubmissions(ctx, tx, []*submission{p}, errs); err != nil {
		return err
	}
	if errs[0] != nil {
		return errs[0]
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM paper_entries WHERE campaign_id = ? AND code_hash = ?`, p.rc.campaign.ID, p.hash); err != nil {
		return fmt.Errorf("store: paper entry for %s: delete first entry: %w", p.rc.campaign.ID, err)
	}
	return nil
}

// entryData is what a first entry keeps: the answers, without the id and
// week the recorded response will get.
func entryData(r *vigie.Response) *vigie.Response {
	return &vigie.Response{Unit: r.Unit, Segments: r.Segments, Answers: r.Answers, Comments: r.Comments}
}

// drawSecondEntry decides whether a sheet needs a second entry: always
// when share is 1, else with probability share, from crypto/rand so that
// nobody can tell from a sheet number (or anything else) which sheets get
// checked.
func drawSecondEntry(share float64) bool {
	if share >= 1 {
		return true
	}
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	return float64(binary.BigEndian.Uint64(b[:])>>11)/(1<<53) < share
}

// entryDiff names the fields where two cleaned entries differ, in form
// order: unit, segments, answers, comments.
func entryDiff(a, b *vigie.Response) []string {
	var out []string
	if !slices.Equal(a.Unit, b.Unit) {
		out = append(out, "unit")
	}
	for _, id := range unionKeys(a.Segments, b.Segments) {
		if a.Segments[id] != b.Segments[id] {
			out = append(out, "segments."+id)
		}
	}
	for _, qid := range unionKeys(a.Answers, b.Answers) {
		for _, item := range unionKeys(a.Answers[qid], b.Answers[qid]) {
			va, oka := a.Answers[qid][item]
			vb, okb := b.Answers[qid][item]
			if va != vb || oka != okb {
				out = append(out, "answers."+qid+"."+item)
			}
		}
	}
	for _, qid := range unionKeys(a.Comments, b.Comments) {
		if strings.TrimSpace(a.Comments[qid]) != strings.TrimSpace(b.Comments[qid]) {
			out = append(out, "comments."+qid)
		}
	}
	return out
}

// unionKeys returns the keys of both maps, sorted.
func unionKeys[V any](a, b map[string]V) []string {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return slices.Sorted(maps.Keys(m))
}
