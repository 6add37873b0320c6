package definition

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse checks the promise the Publisher relies on: whatever the bytes,
// Parse returns, quickly, without an error and without panicking (Parse
// turns a panic into an error, so that is caught here too).
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/specs/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		info, err := os.Stat(name)
		// Large files make every mutation slow without exercising new code.
		if err != nil || info.Size() > 32<<10 || filepath.Ext(name) == ".tsv" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("{}"))
	f.Add([]byte("type Query { a: String }"))
	f.Add([]byte("<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		def, err := Parse(ctx, data)
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Fatalf("Parse took %v on %d bytes", elapsed, len(data))
		}
		if err != nil {
			t.Fatalf("Parse() error = %v, want nil", err)
		}
		if def == nil {
			t.Fatal("Parse() returned nil Definition")
		}
		for _, p := range def.Problems {
			if p.Severity != SeverityError && p.Severity != SeverityWarning {
				t.Fatalf("problem with severity %q", p.Severity)
			}
		}
	})
}
