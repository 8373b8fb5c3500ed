package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie"
)

// Tombstones. A campaign deleted while it had frozen DUERP versions keeps
// its row, emptied (see DeleteCampaign), so that the versions still say
// whose document they are. These two reads are the only way back to it:
// for the page that lists its versions and for consultants looking for it.

var errNoTombstone = vigie.Errorf(vigie.ENOTFOUND, "Cette campagne n'existe pas ou n'a pas été supprimée.")

const tombstoneColumns = `id, slug, title, organisation, state, deleted_at`

func scanTombstone(row interface{ Scan(...any) error }) (*vigie.Campaign, error) {
	c := &vigie.Campaign{}
	err := row.Scan(&c.ID, &c.Slug, &c.Title, &c.Organisation, &c.State, &c.DeletedAt)
	return c, err
}

// Tombstone returns what remains of a deleted campaign: id, slug, title,
// organisation and DeletedAt. ENOTFOUND when id is not a tombstone.
func (s *Store) Tombstone(ctx context.Context, id string) (*vigie.Campaign, error) {
	c, err := scanTombstone(s.read.QueryRowContext(ctx,
		`SELECT `+tombstoneColumns+` FROM campaigns WHERE id = ? AND deleted_at != ''`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoTombstone
	} else if err != nil {
		return nil, fmt.Errorf("store: tombstone %s: %w", id, err)
	}
	return c, nil
}

// Tombstones lists what remains of deleted campaigns, the most recently
// deleted first.
func (s *Store) Tombstones(ctx context.Context) ([]*vigie.Campaign, error) {
	var out []*vigie.Campaign
	err := eachRow(ctx, s.read, `SELECT `+tombstoneColumns+` FROM campaigns WHERE deleted_at != '' ORDER BY deleted_at DESC, id`, nil,
		func(rows *sql.Rows) error {
			c, err := scanTombstone(rows)
			out = append(out, c)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: tombstones: %w", err)
	}
	return out, nil
}
