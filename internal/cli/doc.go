// Package cli holds what the two commands share: configuration (viper over
// config.yaml, GEOKG_* environment variables and flags), logging, opening
// the store, and exit codes. Only cmd/ and this package know about viper.
package cli
