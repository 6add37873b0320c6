package httpapi

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

const notBuilt = `<!doctype html><html><head><meta charset="utf-8"><title>Gatehouse</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Gatehouse</h1><p>The control plane is running, but this binary was built without the web UI.
Run <code>make run</code> (or <code>npm ci &amp;&amp; npm run build</code>, then rebuild) to include it.</p>
<p>The GraphQL API is at <code>POST /graphql</code>.</p></body></html>`

// spaHandler serves the built SPA. Unknown paths without a file extension
// get index.html so that deep links (/publisher/apis/...) survive a reload.
// Pages carry the SPA's Content-Security-Policy (csp); assets keep the
// strict one of every other answer.
func spaHandler(dist fs.FS, csp func(context.Context) string) http.Handler {
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		index = []byte(notBuilt)
	}
	files := http.FileServerFS(dist)
	started := time.Now()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p != "" && p != "index.html" {
			if st, err := fs.Stat(dist, p); err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					// Vite puts a content hash in every asset name.
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
			if path.Ext(p) != "" {
				http.NotFound(w, r)
				return
			}
		}
		w.Header().Set("Content-Security-Policy", csp(r.Context()))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", started, io.ReadSeeker(bytes.NewReader(index)))
	})
}
