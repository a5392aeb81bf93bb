// Package e2e runs the ingest and query commands as a user would: built
// binaries, a real bolt store in a temporary directory, real files.
package e2e
