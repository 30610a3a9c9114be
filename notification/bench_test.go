package notification_test

import (
	"context"
	"testing"
)

// BenchmarkVerify is the cost of one Verify once the certificate is
// cached: parse, checks, one RSA-2048 verification.
func BenchmarkVerify(b *testing.B) {
	for _, version := range []string{"1", "2"} {
		b.Run("SignatureVersion"+version, func(b *testing.B) {
			f := newFixture(b)
			body := notificationEnv().with("SignatureVersion", version).sign(b, keys().leaf).bytes()
			if _, err := f.v.Verify(context.Background(), body); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.v.Verify(context.Background(), body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
