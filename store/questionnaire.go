package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// SaveQuestionnaire stores an uploaded questionnaire (its Source, keyed by id
// and version). Saving the same id and version again replaces it: campaigns
// already open keep the copy they froze. Ids of built-in instruments are refused.
func (s *Store) SaveQuestionnaire(ctx context.Context, q *questionnaires.Questionnaire) error {
	if _, ok := questionnaires.BuiltinByID(q.ID); ok {
		return vigie.Errorf(vigie.ECONFLICT, "« %s » est l'identifiant d'un questionnaire fourni avec Vigie : choisissez-en un autre.", q.ID)
	}
	if len(q.Source) == 0 {
		return fmt.Errorf("store: save questionnaire %s: no source", q.ID)
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO questionnaires (id, version, source) VALUES (?, ?, ?)
			ON CONFLICT (id, version) DO UPDATE SET source = excluded.source`,
			q.ID, q.Version, q.Source)
		if err != nil {
			return fmt.Errorf("store: save questionnaire %s: %w", q.ID, err)
		}
		return nil
	})
}

// Questionnaires returns the built-in instruments followed by the current
// version of each uploaded one, sorted by id within each group.
func (s *Store) Questionnaires(ctx context.Context) ([]*questionnaires.Questionnaire, error) {
	out := questionnaires.Builtin()
	rows, err := s.read.QueryContext(ctx, `
		SELECT q.id, q.source FROM questionnaires q
		WHERE q.version = (SELECT max(version) FROM questionnaires WHERE id = q.id)
		ORDER BY q.id`)
	if err != nil {
		return nil, fmt.Errorf("store: list questionnaires: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var src []byte
		if err := rows.Scan(&id, &src); err != nil {
			return nil, fmt.Errorf("store: list questionnaires: %w", err)
		}
		q, err := s.parse(id, src)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list questionnaires: %w", err)
	}
	return out, nil
}

// Questionnaire returns the current version of a built-in or uploaded
// questionnaire; ENOTFOUND when there is none.
func (s *Store) Questionnaire(ctx context.Context, id string) (*questionnaires.Questionnaire, error) {
	return s.questionnaire(ctx, s.read, id)
}

func (s *Store) questionnaire(ctx context.Context, db queryer, id string) (*questionnaires.Questionnaire, error) {
	if q, ok := questionnaires.BuiltinByID(id); ok {
		return q, nil
	}
	var src []byte
	err := db.QueryRowContext(ctx, `SELECT source FROM questionnaires WHERE id = ? ORDER BY version DESC LIMIT 1`, id).Scan(&src)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, vigie.Errorf(vigie.ENOTFOUND, "Le questionnaire « %s » n'existe pas.", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: questionnaire %s: %w", id, err)
	}
	return s.parse(id, src)
}

// parsedSource is a parsed questionnaire with the source it came from.
type parsedSource struct {
	source []byte
	q      *questionnaires.Questionnaire
}

// maxParsed bounds the parse cache; past it the cache starts afresh.
const maxParsed = 256

// parse parses a stored source, once: every submission checks answers
// against the campaign's frozen questionnaires, and parsing YAML each time
// would dominate its cost. Parsed questionnaires are shared, read-only.
func (s *Store) parse(id string, src []byte) (*questionnaires.Questionnaire, error) {
	sum := sha256.Sum256(src)
	key := string(sum[:])
	s.mu.Lock()
	p, ok := s.parsed[key]
	s.mu.Unlock()
	if ok && bytes.Equal(p.source, src) {
		return p.q, nil
	}
	q, err := questionnaires.Parse(id+".yaml", src)
	if err != nil {
		return nil, fmt.Errorf("store: stored questionnaire %s no longer parses: %w", id, err)
	}
	s.mu.Lock()
	if len(s.parsed) >= maxParsed {
		s.parsed = map[string]*parsedSource{}
	}
	s.parsed[key] = &parsedSource{source: src, q: q}
	s.mu.Unlock()
	return q, nil
}
