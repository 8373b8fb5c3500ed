package store

import "context"

// LoginRows counts the rows of the sign-in limits: buckets not yet full
// and known pairs, so tests can see the sweep.
func LoginRows(ctx context.Context, s *Store) (buckets, known int, err error) {
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM login_buckets`).Scan(&buckets); err != nil {
		return 0, 0, err
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM login_known`).Scan(&known); err != nil {
		return 0, 0, err
	}
	return buckets, known, nil
}
