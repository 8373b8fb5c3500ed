package reports

import (
	crand "crypto/rand"
	"fmt"
	"math/rand/v2"

	"github.com/vigie-sante/vigie/dossier"
)

// SheetComments holds the published comments.
const SheetComments = "Commentaires"

// comments writes the Commentaires sheet: the published comments of every
// section (already moderated and grouped by the caller), each with its
// questionnaire and group, shuffled across the whole sheet with a fresh
// random seed so that the order of rows says nothing about the order of
// answers. Texts are string cells in the text format, like every other
// sheet, so "=…" never becomes a formula. With no comment the sheet says
// why in its first row, as the PDF does.
func (b *xlsxBook) comments() error {
	type row struct{ q, group, text string }
	var rows []row
	for _, s := range b.r.Sections {
		for _, c := range s.Comments {
			rows = append(rows, row{b.questionnaireTitle(s.Questionnaire), c.Group, c.Text})
		}
	}
	var seed [32]byte
	_, _ = crand.Read(seed[:]) // never fails (crypto/rand panics instead)
	rng := rand.New(rand.NewChaCha8(seed))
	rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })

	cols := []column{
		{b.t("questionnaire"), 24, b.text},
		{b.t("word.group"), 30, b.text},
		{b.t("word.comment"), 90, b.wrappedText},
	}
	var empty []string
	if len(rows) == 0 {
		for _, s := range b.r.Sections {
			empty = append(empty, b.questionnaireTitle(s.Questionnaire), b.noCommentReason(s))
		}
	}
	return b.table(SheetComments, cols, max(len(rows), len(empty)/2), nil, func(emit func(...any) error) error {
		for _, r := range rows {
			if err := emit(r.q, r.group, r.text); err != nil {
				return err
			}
		}
		for i := 0; i+1 < len(empty); i += 2 {
			if err := emit(empty[i], "", empty[i+1]); err != nil {
				return err
			}
		}
		return nil
	})
}

// noCommentReason says why a section has no published comment, in the
// PDF's words.
func (b *xlsxBook) noCommentReason(s dossier.Section) string {
	switch {
	case b.r.Offline:
		return tr(b.lang, "comments_offline")
	case s.CommentsPending:
		return tr(b.lang, "comments_pending")
	case s.CommentsWithheld:
		return tr(b.lang, "comments_none") + " " + fmt.Sprintf(tr(b.lang, "comments_withheld"), b.r.CommentMinGroupSize)
	}
	return tr(b.lang, "comments_none")
}
