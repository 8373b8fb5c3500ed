package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// ReferenceFile is a file of reference values attached to a questionnaire
// version, as uploaded.
type ReferenceFile struct {
	Questionnaire string
	Version       int
	Filename      string
	Content       []byte
	UploadedAt    time.Time
}

// Parse reads the file's values against q, the questionnaire version it
// is attached to.
func (f *ReferenceFile) Parse(q *questionnaires.Questionnaire) (*scoring.Reference, error) {
	return scoring.ParseReference(f.Filename, f.Content, q)
}

// SaveReferenceFile attaches f to its questionnaire version, replacing
// the file attached before. The caller has parsed it: a file that does not
// parse is never stored.
func (s *Store) SaveReferenceFile(ctx context.Context, f *ReferenceFile) error {
	at := clock().UTC().Truncate(time.Second).Format(time.RFC3339)
	return s.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reference_files (questionnaire_id, version, filename, content, uploaded_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (questionnaire_id, version) DO UPDATE SET filename = excluded.filename, content = excluded.content, uploaded_at = excluded.uploaded_at`,
			f.Questionnaire, f.Version, f.Filename, string(f.Content), at)
		if err != nil {
			return fmt.Errorf("store: save reference file of %s v%d: %w", f.Questionnaire, f.Version, err)
		}
		return nil
	})
}

// ReferenceFile returns the file attached to a questionnaire version;
// ENOTFOUND when there is none.
func (s *Store) ReferenceFile(ctx context.Context, questionnaire string, version int) (*ReferenceFile, error) {
	f := &ReferenceFile{Questionnaire: questionnaire, Version: version}
	var content, at string
	err := s.read.QueryRowContext(ctx, `SELECT filename, content, uploaded_at FROM reference_files WHERE questionnaire_id = ? AND version = ?`,
		questionnaire, version).Scan(&f.Filename, &content, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, vigie.Errorf(vigie.ENOTFOUND, "Aucune valeur de référence n'est jointe à la version %d du questionnaire « %s ».", version, questionnaire)
	} else if err != nil {
		return nil, fmt.Errorf("store: reference file of %s v%d: %w", questionnaire, version, err)
	}
	f.Content = []byte(content)
	if f.UploadedAt, err = time.Parse(time.RFC3339, at); err != nil {
		return nil, fmt.Errorf("store: reference file of %s v%d: uploaded_at %q: %w", questionnaire, version, at, err)
	}
	return f, nil
}

// DeleteReferenceFile detaches the file of a questionnaire version;
// ENOTFOUND when there was none.
func (s *Store) DeleteReferenceFile(ctx context.Context, questionnaire string, version int) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM reference_files WHERE questionnaire_id = ? AND version = ?`, questionnaire, version)
		if err != nil {
			return fmt.Errorf("store: delete reference file of %s v%d: %w", questionnaire, version, err)
		}
		if n, err := r.RowsAffected(); err != nil {
			return fmt.Errorf("store: delete reference file of %s v%d: %w", questionnaire, version, err)
		} else if n == 0 {
			return vigie.Errorf(vigie.ENOTFOUND, "Aucune valeur de référence n'est jointe à la version %d du questionnaire « %s ».", version, questionnaire)
		}
		return nil
	})
}
