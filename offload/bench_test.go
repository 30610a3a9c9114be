package offload

import (
	"context"
	"strings"
	"testing"
)

// Consumers call Resolve on every message, most of which are no pointer:
// that path must cost next to nothing, whatever the body's size.
func BenchmarkResolveNotAPointer(b *testing.B) {
	s := NewS3Store(newFakeS3(), "my-bucket")
	for _, body := range []string{"order 42 shipped", `{"id":42,"items":[1,2,3]}`, strings.Repeat("x", 256<<10)} {
		b.Run(strings.Fields(body[:min(len(body), 8)])[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if got, err := s.Resolve(context.Background(), body); err != nil || len(got) != len(body) {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParsePointer(b *testing.B) {
	body := Pointer{Bucket: "my-bucket", Key: "sns/1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b"}.Body()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok, err := ParsePointer(body); !ok || err != nil {
			b.Fatal(err)
		}
	}
}
