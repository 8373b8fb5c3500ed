package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"strings"

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
//   - the group is the respondent's unit when that unit, counting its
//     sub-units, has at least the comment threshold of people who took
//     part in the comment's questionnaire and no subtraction rules it out
//     (see commentGroups);
//   - otherwise the nearest ancestor unit that qualifies, so a comment
//     from a small service appears under its direction;
//   - otherwise the whole campaign (the group of every response, with or
//     without a unit), when the questionnaire's people reach the
//     threshold;
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
		if _, err := commentThreshold(ctx, tx, campaignID); err != nil {
			return err
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
		err := eachRow(ctx, tx, `SELECT unit, comments FROM responses WHERE campaign_id = ? AND comments != '{}' ORDER BY id`,
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

// commentGroups holds the groups a campaign's comments may be shown with,
// per questionnaire.
//
// A comment may come from anyone who took part in its questionnaire: who
// answered at least one of its items, or commented on it
// (campaignScores.commentCounts). Counting everyone who took part in the
// campaign instead (as before issue 19) showed 5 comments under a group
// where only 5 people had answered that questionnaire, with a threshold of
// 10. The groups of a questionnaire's comments are thus the units that
// participation would publish at the comment threshold if it counted
// those people only, within the group pattern every output of the
// campaign shares (campaignScores): a unit hidden anywhere is never a
// comment group. A comment is shown with the deepest published unit
// on its respondent's path, else with the whole campaign ("") when that is
// published (at least the threshold of people), else withheld. This is
// safe because of what Pattern.PublishedUnits guarantees, questionnaire by
// questionnaire (every author of a comment is among the people counted in
// the author's unit):
//   - every ancestor of a published unit is published, so the deepest
//     published unit on a path is the first one met going up: the people
//     whose comments carry a unit's name are exactly the unit's respondents
//     minus those of its published sub-units, and those of the whole
//     campaign are everyone minus the published top-level units;
//   - for the whole campaign and every published unit, that difference is
//     0 or at least the threshold (secondary suppression per partition,
//     the people of a unit in none of its sub-units, and those with no unit
//     at all, counting as hidden). So a group shown gathers the comments of
//     at least the threshold of people, and no subtraction of the groups
//     shown isolates fewer.
//
// Respondents without a unit form the "(non renseigné)" top-level unit of
// the rule, but their comments stay under the whole campaign: when that
// unit is withheld they are among the people the rule counts there, and
// when it is published they are at least the threshold by themselves. The
// rule is thus at times stricter than comments need, never weaker. A
// threshold under scoring.MinimumMinGroupSize (which campaigns refuse
// anyway, being under k) would be raised to it.
type commentGroups map[string]map[string]bool // questionnaire id -> unit path ("" for the whole campaign) -> shown

// loadCommentGroups returns the comment groups of a closed campaign at
// its comment threshold, or at minGroupSize when larger (ECONFLICT when the
// campaign is not closed, or archived). Those at the campaign's threshold
// are computed once after the closing, with its figures (closedOutputs);
// a larger minGroupSize has them computed again from every response.
func (s *Store) loadCommentGroups(ctx context.Context, campaignID string, minGroupSize int) (commentGroups, error) {
	var threshold int
	err := s.view(ctx, func(tx *sql.Tx) (err error) {
		threshold, err = commentThreshold(ctx, tx, campaignID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if minGroupSize > threshold {
		cs, err := s.campaignScores(ctx, campaignID)
		if err != nil {
			return nil, err
		}
		return cs.commentGroups(minGroupSize), nil
	}
	out, err := s.closedOutputs(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	return out.CommentGroups, nil
}

// group returns the group a comment on questionnaire qid from unit is
// shown with ("" for the whole campaign), and false when it is withheld.
func (g commentGroups) group(qid, unit string) (string, bool) {
	shown := g[qid]
	for p := unit; p != ""; p = parentPath(p) {
		if shown[p] {
			return p, true
		}
	}
	return "", shown[""]
}

// parentPath returns the path of the parent unit, "" for a top unit.
func parentPath(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// commentThreshold reads the comment threshold of a campaign and checks
// that it is closed and not archived (archiving erased what moderation
// works on).
func commentThreshold(ctx context.Context, db queryer, campaignID string) (int, error) {
	var state vigie.CampaignState
	var threshold int
	var archivedAt string
	err := db.QueryRowContext(ctx, `SELECT state, comment_min_group_size, archived_at FROM campaigns WHERE id = ?`, campaignID).Scan(&state, &threshold, &archivedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errCampaignNotFound
	} else if err != nil {
		return 0, fmt.Errorf("store: campaign %s: %w", campaignID, err)
	}
	if state != vigie.StateClosed {
		return 0, errNotClosedForModeration
	}
	if archivedAt != "" {
		return 0, errArchived
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
	groups, err := s.loadCommentGroups(ctx, campaignID, minGroupSize)
	if err != nil {
		return nil, err
	}
	return s.moderationComments(ctx, campaignID, groups)
}

// moderationComments lists every comment of a prepared campaign shown
// with one of groups.
func (s *Store) moderationComments(ctx context.Context, campaignID string, groups commentGroups) ([]vigie.Comment, error) {
	return s.comments(ctx, campaignID, groups, `SELECT id, questionnaire_id, unit, text, status, moderated_text
		FROM comments WHERE campaign_id = ?`, campaignID)
}

// PublishedComments returns the published comments of a campaign, redacted
// where they were, shuffled: those of one questionnaire, or of all when
// questionnaireID is "". Before closing there are none. An archived
// campaign answers those frozen at archiving.
func (s *Store) PublishedComments(ctx context.Context, campaignID, questionnaireID string) ([]vigie.Comment, error) {
	frozen, err := s.archivedOutputs(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	if frozen != nil {
		return frozen.comments(questionnaireID), nil
	}
	groups, err := s.loadCommentGroups(ctx, campaignID, 0)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return s.publishedComments(ctx, campaignID, questionnaireID, groups)
}

// publishedComments lists the published comments shown with one of
// groups, without their original text.
func (s *Store) publishedComments(ctx context.Context, campaignID, questionnaireID string, groups commentGroups) ([]vigie.Comment, error) {
	query := `SELECT id, questionnaire_id, unit, text, status, moderated_text FROM comments
		WHERE campaign_id = ? AND status = 'published' AND (? = '' OR questionnaire_id = ?)`
	out, err := s.comments(ctx, campaignID, groups, query, campaignID, questionnaireID, questionnaireID)
	for i := range out {
		out[i].Original = ""
	}
	return out, err
}

// comments runs query (selecting the columns of a comment) and keeps the
// comments shown with one of groups, shuffled.
func (s *Store) comments(ctx context.Context, campaignID string, groups commentGroups, query string, args ...any) ([]vigie.Comment, error) {
	var out []vigie.Comment
	err := s.view(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, query, args, func(rows *sql.Rows) error {
			c := vigie.Comment{CampaignID: campaignID}
			var unit, moderated string
			if err := rows.Scan(&c.ID, &c.QuestionnaireID, &unit, &c.Original, &c.Status, &moderated); err != nil {
				return fmt.Errorf("store: comments of %s: %w", campaignID, err)
			}
			group, ok := groups.group(c.QuestionnaireID, unit)
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
// one. A redaction publishes redactedText instead of the original: it may
// only remove passages, each replaced by "[…]" (vigie.CheckRedaction), so
// that no one can publish words the employee did not write. A withheld
// comment (no group large enough) cannot be moderated: ENOTFOUND.
// Logging the decision in the audit log is the caller's job.
func (s *Store) ModerateComment(ctx context.Context, campaignID, commentID, action, redactedText string) error {
	groups, err := s.loadCommentGroups(ctx, campaignID, 0)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		return moderate(ctx, tx, groups, campaignID, commentID, action, strings.TrimSpace(redactedText))
	})
}

// ModerateComments publishes or rejects several comments as written (the
// moderation page's selection): all of them or, on the first refusal,
// none. The comment groups are worked out once for the batch.
func (s *Store) ModerateComments(ctx context.Context, campaignID string, commentIDs []string, action string) error {
	if action != ModeratePublish && action != ModerateReject {
		return vigie.Errorf(vigie.EINVALID, "Action de modération groupée inconnue « %s » : publish ou reject.", action)
	}
	groups, err := s.loadCommentGroups(ctx, campaignID, 0)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		for _, id := range commentIDs {
			if err := moderate(ctx, tx, groups, campaignID, id, action, ""); err != nil {
				return err
			}
		}
		return nil
	})
}

// moderate records one decision inside tx (see ModerateComment).
func moderate(ctx context.Context, tx *sql.Tx, groups commentGroups, campaignID, commentID, action, redactedText string) error {
	if _, err := commentThreshold(ctx, tx, campaignID); err != nil {
		return err
	}
	var qid, unit, text string
	err := tx.QueryRowContext(ctx, `SELECT questionnaire_id, unit, text FROM comments WHERE id = ? AND campaign_id = ?`, commentID, campaignID).Scan(&qid, &unit, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return errCommentNotFound
	} else if err != nil {
		return fmt.Errorf("store: moderate comment %s: %w", commentID, err)
	}
	if _, ok := groups.group(qid, unit); !ok {
		return errCommentNotFound
	}
	status, moderated := vigie.CommentPublished, ""
	switch action {
	case ModeratePublish:
	case ModerateReject:
		status = vigie.CommentRejected
	case ModerateRedact:
		if err := vigie.CheckRedaction(text, redactedText); err != nil {
			return err
		}
		moderated = redactedText
	case "":
		return vigie.Errorf(vigie.EINVALID, "Choisissez une décision pour ce commentaire : publier tel quel, publier le texte caviardé ou rejeter.")
	default:
		return vigie.Errorf(vigie.EINVALID, "Action de modération inconnue « %s » : publish, redact ou reject.", action)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = ?, moderated_text = ? WHERE id = ?`, status, moderated, commentID); err != nil {
		return fmt.Errorf("store: moderate comment %s: %w", commentID, err)
	}
	return nil
}
