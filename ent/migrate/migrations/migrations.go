// Package migrations embeds the versioned schema migrations, one directory
// per database dialect, each with atlas's checksum file. New ones are
// written by `make migration NAME=...` (ent/diff.go), never by hand.
package migrations

import "embed"

// FS holds sqlite/*.sql, postgres/*.sql and their atlas.sum files.
//
//go:embed sqlite postgres
var FS embed.FS
