package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
)

// Comment moderation.
//
// Once a campaign is closed, PrepareModeration copies every comment of its
// responses into the comments table, once, under new random ids and with no
// link back to the response, so moderation decisions never point at a
// response row. A comment is shown (to moderate, then published) with a
// unit group, never with a date:
//
//   - the group is the respondent's unit when that unit, counting the
//     responses of its sub-units, has at least the comment threshold of
//     respondents;
//   - otherwise the nearest ancestor unit that reaches the threshold, so a
//     comment from a small service appears under its direction;
//   - otherwise the whole campaign (the group of every response, with or
//     without a unit), when the campaign reaches the threshold;
//   - otherwise the comment is withheld: it is never shown nor publishable.
//
// Lists are shuffled on every call so their order says nothing about the
// order of answers.

// Moderation actions of ModerateComment.
const (
	ModeratePublish = "publish" // publish as written
	ModerateRedact  = "redact"  // publish a shortened version (names removed...)
	ModerateReject  = "reject"  // never publish
)

var (
	errNotClosedForModeration = vigie.Errorf(vigie.ECONFLICT, "Les commentaires se modèrent une fois la campagne close.")
	errCommentNotFound        = vigie.Errorf(vigie.ENOTFOUND, "Ce commentaire n'existe pas.")
)

// PrepareModeration copies the comments of a closed campaign's responses
// into the moderation table, pending, unless done already. ECONFLICT when
// the campaign is not closed. CommentsForModeration calls it, so calling it
// at closing is optional.
func (s *Store) PrepareModeration(ctx context.Context, campaignID string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		c, _, err := loadCampaignState(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		if c.State != vigie.StateClosed {
			return errNotClosedForModeration
		}
		var done int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM comments_prepared WHERE campaign_id = ?`, campaignID).Scan(&done); err != nil {
			return fmt.Errorf("store: prepare moderation of %s: %w", campaignID, err)
		}
		if done > 0 {
			return nil
		}
		type found struct{ unit, qid, text string }
		var list []found
		err = eachRow(ctx, tx, `SELECT unit, comments FROM responses WHERE campaign_id = ? AND comments != '{}'`,
			[]any{campaignID}, func(rows *sql.Rows) error {
				var unit, raw string
				if err := rows.Scan(&unit, &raw); err != nil {
					return err
				}
				var comments map[string]string
				if err := unmarshalAll(raw, &comments); err != nil {
					return err
				}
				for qid, text := range comments {
					if strings.TrimSpace(text) != "" {
						list = append(list, found{unit, qid, text})
					}
				}
				return nil
			})
		if err != nil {
			return fmt.Errorf("store: prepare moderation of %s: read comments: %w", campaignID, err)
		}
		for _, f := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO comments (id, campaign_id, questionnaire_id, unit, text) VALUES (?, ?, ?, ?, ?)`,
				newResponseID(), campaignID, f.qid, f.unit, f.text); err != nil {
				return fmt.Errorf("store: prepare moderation of %s: %w", campaignID, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO comments_prepared (campaign_id) VALUES (?)`, campaignID); err != nil {
			return fmt.Errorf("store: prepare moderation of %s: %w", campaignID, err)
		}
		return nil
	})
}

// commentGroups counts a campaign's respondents per unit, sub-units
// included, to decide which group each comment is shown with.
type commentGroups struct {
	counts    map[string]int  // unit path -> respondents of the unit and below
	total     int             // every respondent, with or without a unit
	threshold int             //
	shown     map[string]bool // units whose name a comment may be shown with
}

func loadCommentGroups(ctx context.Context, db queryer, campaignID string, threshold int) (*commentGroups, error) {
	g := &commentGroups{counts: map[string]int{}, threshold: threshold}
	err := eachRow(ctx, db, `SELECT unit, count(*) FROM responses WHERE campaign_id = ? GROUP BY unit`,
		[]any{campaignID}, func(rows *sql.Rows) error {
			var unit string
			var n int
			if err := rows.Scan(&unit, &n); err != nil {
				return err
			}
			g.total += n
			for p := unit; p != ""; p = parentPath(p) {
				g.counts[p] += n
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: respondents per unit of %s: %w", campaignID, err)
	}
	g.settle()
	return g, nil
}

// settle chooses the units shown as comment groups. A unit reaching the
// threshold is a candidate; but a comment shown with a unit comes from
// the people of that unit who are not behind a finer group shown, and
// anyone who knows the rule can tell. So, as the scoring engine's
// secondary suppression does for figures: while the people left to a
// group (the unit, or the whole campaign) by the finer groups shown
// inside it are between 1 and threshold-1, the smallest of those finer
// groups (ties: smallest path) stops being shown and its comments go up.
func (g *commentGroups) settle() {
	g.shown = map[string]bool{}
	children := map[string][]string{} // parent path ("" for the top) -> units
	for p, n := range g.counts {
		children[parentPath(p)] = append(children[parentPath(p)], p)
		if n >= g.threshold {
			g.shown[p] = true
		}
	}
	for _, list := range children {
		slices.Sort(list)
	}
	// finest returns the shown units just below p (p excluded).
	var finest func(p string, out []string) []string
	finest = func(p string, out []string) []string {
		for _, c := range children[p] {
			if g.shown[c] {
				out = append(out, c)
			} else {
				out = finest(c, out)
			}
		}
		return out
	}
	if g.total < g.threshold {
		return // nothing is shown at all
	}
	for changed := true; changed; {
		changed = false
		groups := append([]string{""}, slices.Sorted(maps.Keys(g.shown))...)
		for _, p := range groups {
			if p != "" && !g.shown[p] {
				continue // dropped in this pass
			}
			left := g.total
			if p != "" {
				left = g.counts[p]
			}
			inner := finest(p, nil)
			for _, c := range inner {
				left -= g.counts[c]
			}
			if left <= 0 || left >= g.threshold || len(inner) == 0 {
				continue
			}
			smallest := inner[0]
			for _, c := range inner[1:] {
				if g.counts[c] < g.counts[smallest] {
					smallest = c
				}
			}
			delete(g.shown, smallest)
			changed = true
		}
	}
}

// parentPath returns the path of the parent unit, "" for a top unit.
func parentPath(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// group returns the group a comment from unit is shown with ("" for the
// whole campaign; see settle), and false when no group is large enough.
func (g *commentGroups) group(unit string) (string, bool) {
	for p := unit; p != ""; p = parentPath(p) {
		if g.shown[p] {
			return p, true
		}
	}
	return "", g.total >= g.threshold
}

// commentThreshold reads the comment threshold of a campaign and checks
// that it is closed.
func commentThreshold(ctx context.Context, db queryer, campaignID string) (int, error) {
	var state vigie.CampaignState
	var threshold int
	err := db.QueryRowContext(ctx, `SELECT state, comment_min_group_size FROM campaigns WHERE id = ?`, campaignID).Scan(&state, &threshold)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errCampaignNotFound
	} else if err != nil {
		return 0, fmt.Errorf("store: campaign %s: %w", campaignID, err)
	}
	if state != vigie.StateClosed {
		return 0, errNotClosedForModeration
	}
	return threshold, nil
}

// CommentsForModeration returns every comment of a closed campaign (ECONFLICT
// before closing) whose group reaches the threshold, with its state,
// shuffled. The threshold is the campaign's comment threshold, or
// minGroupSize when larger; withheld comments are not returned.
func (s *Store) CommentsForModeration(ctx context.Context, campaignID string, minGroupSize int) ([]vigie.Comment, error) {
	if err := s.PrepareModeration(ctx, campaignID); err != nil {
		return nil, err
	}
	return s.comments(ctx, campaignID, minGroupSize, `SELECT id, questionnaire_id, unit, text, status, moderated_text
		FROM comments WHERE campaign_id = ?`, campaignID)
}

// PublishedComments returns the published comments of a campaign, redacted
// where they were, shuffled: those of one questionnaire, or of all when
// questionnaireID is "". Before closing there are none.
func (s *Store) PublishedComments(ctx context.Context, campaignID, questionnaireID string) ([]vigie.Comment, error) {
	query := `SELECT id, questionnaire_id, unit, text, status, moderated_text FROM comments
		WHERE campaign_id = ? AND status = 'published' AND (? = '' OR questionnaire_id = ?)`
	out, err := s.comments(ctx, campaignID, 0, query, campaignID, questionnaireID, questionnaireID)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		return nil, nil
	}
	for i := range out {
		out[i].Original = ""
	}
	return out, err
}

// comments runs query (selecting the columns of a comment) and keeps the
// comments whose group reaches the threshold, shuffled.
func (s *Store) comments(ctx context.Context, campaignID string, minGroupSize int, query string, args ...any) ([]vigie.Comment, error) {
	var out []vigie.Comment
	err := s.view(ctx, func(tx *sql.Tx) error {
		threshold, err := commentThreshold(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		groups, err := loadCommentGroups(ctx, tx, campaignID, max(threshold, minGroupSize))
		if err != nil {
			return err
		}
		return eachRow(ctx, tx, query, args, func(rows *sql.Rows) error {
			c := vigie.Comment{CampaignID: campaignID}
			var unit, moderated string
			if err := rows.Scan(&c.ID, &c.QuestionnaireID, &unit, &c.Original, &c.Status, &moderated); err != nil {
				return fmt.Errorf("store: comments of %s: %w", campaignID, err)
			}
			group, ok := groups.group(unit)
			if !ok {
				return nil
			}
			if group != "" {
				c.Unit = strings.Split(group, "/")
			}
			c.Text, c.Redacted = c.Original, moderated != ""
			if c.Redacted {
				c.Text = moderated
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	shuffle(out)
	return out, nil
}

// shuffle puts comments in an order drawn from a cryptographic seed.
func shuffle(list []vigie.Comment) {
	var seed [32]byte
	rand.Read(seed[:])
	r := mrand.New(mrand.NewChaCha8(seed))
	r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
}

// ModerateComment publishes, redacts or rejects a comment of a closed
// campaign (ECONFLICT before closing); a later decision replaces an earlier
// one. A redaction publishes redactedText instead of the original: it must
// be non-empty, differ from the original and not be longer. A withheld
// comment (no group large enough) cannot be moderated: ENOTFOUND.
// Logging the decision in the audit log is the caller's job.
func (s *Store) ModerateComment(ctx context.Context, campaignID, commentID, action, redactedText string) error {
	redactedText = strings.TrimSpace(redactedText)
	return s.update(ctx, func(tx *sql.Tx) error {
		threshold, err := commentThreshold(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		var unit, text string
		err = tx.QueryRowContext(ctx, `SELECT unit, text FROM comments WHERE id = ? AND campaign_id = ?`, commentID, campaignID).Scan(&unit, &text)
		if errors.Is(err, sql.ErrNoRows) {
			return errCommentNotFound
		} else if err != nil {
			return fmt.Errorf("store: moderate comment %s: %w", commentID, err)
		}
		groups, err := loadCommentGroups(ctx, tx, campaignID, threshold)
		if err != nil {
			return err
		}
		if _, ok := groups.group(unit); !ok {
			return errCommentNotFound
		}
		status, moderated := vigie.CommentPublished, ""
		switch action {
		case ModeratePublish:
		case ModerateReject:
			status = vigie.CommentRejected
		case ModerateRedact:
			switch {
			case redactedText == "":
				return vigie.Errorf(vigie.EINVALID, "Le texte caviardé est vide : pour ne rien publier, rejetez le commentaire.")
			case redactedText == strings.TrimSpace(text):
				return vigie.Errorf(vigie.EINVALID, "Le texte caviardé est identique à l'original : publiez-le tel quel ou modifiez-le.")
			case utf8.RuneCountInString(redactedText) > utf8.RuneCountInString(text):
				return vigie.Errorf(vigie.EINVALID, "Le texte caviardé ne peut pas être plus long que l'original : on retire des passages, on n'en ajoute pas.")
			}
			moderated = redactedText
		default:
			return vigie.Errorf(vigie.EINVALID, "Action de modération inconnue « %s » : publish, redact ou reject.", action)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = ?, moderated_text = ? WHERE id = ?`, status, moderated, commentID); err != nil {
			return fmt.Errorf("store: moderate comment %s: %w", commentID, err)
		}
		return nil
	})
}
