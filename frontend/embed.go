// Package frontend embeds the built SPA (frontend/dist, made by
// `npm run build`) into the gatehouse binary. A fresh clone holds only
// dist/.keep, so `go build` works before any npm step; the server then shows
// a page saying how to build the UI.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built SPA's files, rooted at dist/.
func Dist() fs.FS {
	sub, _ := fs.Sub(dist, "dist") // "dist" is a valid, embedded path
	return sub
}
