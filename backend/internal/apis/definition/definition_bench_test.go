package definition

import (
	"context"
	"os"
	"testing"
)

// BenchmarkParse measures the largest OpenAPI document in the corpus (OpenAI,
// 3 MiB of YAML, 1422 schemas): the worst case an upload's validate step
// waits for.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/specs/openai__openapi.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}
