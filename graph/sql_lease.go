package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// claimSQL takes the lease when it is free, expired or already ours, and
// returns a row only then. The database's clock decides expiry, so the
// schedulers' clocks need not agree.
const claimSQL = `INSERT INTO geokg_leases AS l (name, holder, expires)
VALUES ($1, $2, now() + $3 * interval '1 millisecond')
ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires = EXCLUDED.expires
WHERE l.expires < now() OR l.holder = EXCLUDED.holder
RETURNING holder`

// ClaimFeed takes, or renews, the lease on polling feedURL for holder
// (e.g. "host:pid") for ttl, and reports whether holder now has it. Two
// schedulers that share a SQL store thus never poll one feed at the same
// moment: the loser skips the feed until the lease expires. On bolt and
// memory stores, which one process owns, it always succeeds.
func (s *Store) ClaimFeed(ctx context.Context, feedURL, holder string, ttl time.Duration) (bool, error) {
	if s.sql == nil {
		return true, nil
	}
	var got string
	err := s.sql.pool.QueryRow(ctx, claimSQL, "feed:"+feedURL, holder, ttl.Milliseconds()).Scan(&got)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("graph: claim feed %s: %w", feedURL, err)
	}
	return true, nil
}

// ReleaseFeed gives up holder's lease on feedURL, if it has it, so that
// another scheduler may poll the feed at once.
func (s *Store) ReleaseFeed(ctx context.Context, feedURL, holder string) error {
	if s.sql == nil {
		return nil
	}
	_, err := s.sql.pool.Exec(ctx, `DELETE FROM geokg_leases WHERE name = $1 AND holder = $2`, "feed:"+feedURL, holder)
	if err != nil {
		return fmt.Errorf("graph: release feed %s: %w", feedURL, err)
	}
	return nil
}
