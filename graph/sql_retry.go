package graph

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lib/pq"
)

// retryAttempts bounds how often a transaction is tried.
const retryAttempts = 6

// retry runs fn until it succeeds, fails with an error that a second try
// cannot cure, or has been tried retryAttempts times. Between tries it waits
// a growing, jittered pause.
func retry(ctx context.Context, fn func() error) error {
	var err error
	for attempt := 0; attempt < retryAttempts; attempt++ {
		if err = fn(); err == nil || !retryable(err) {
			return err
		}
		pause := time.Duration(5<<attempt)*time.Millisecond + time.Duration(rand.IntN(10))*time.Millisecond
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
	return err
}

// retryable reports whether err is one that concurrent writers to one SQL
// database cause and that a new transaction cures:
//
//	40001 serialization_failure  (CockroachDB's usual answer to contention)
//	40P01 deadlock_detected
//	23505 unique_violation       (two transactions inserting the same quad
//	                              through Cayley's row-by-row statements)
//	23503 foreign_key_violation  (a node deleted by a concurrent replacement)
func retryable(err error) bool {
	code := sqlState(err)
	switch code {
	case "40001", "40P01", "23505", "23503":
		return true
	}
	return false
}

// sqlState returns the SQLSTATE of a pgx or lib/pq error, "" for others.
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return string(pqErr.Code)
	}
	return ""
}
