package auth

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/rolesanywheretest"
	"software.sslmate.com/src/go-pkcs12"
)

// TestPKCS12IterationCap: a file asking for an absurd amount of key
// derivation is refused at once instead of stalling the load.
func TestPKCS12IterationCap(t *testing.T) {
	leaf := rolesanywheretest.NewCA(t, "").Issue(rolesanywheretest.LeafOptions{})
	for _, enc := range []*pkcs12.Encoder{pkcs12.Modern, pkcs12.Modern2026, pkcs12.LegacyDES} {
		ok, err := enc.Encode(leaf.Key, leaf.Cert, nil, "pw")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := ParsePKCS12(ok, "pw"); err != nil {
			t.Errorf("default iterations refused: %v", err)
		}
		// Encoding ten million iterations would take a minute: encode 65536
		// (DER 02 03 01 00 00) and patch the counts to 8388607 in place.
		huge, err := enc.WithIterations(65536).Encode(leaf.Key, leaf.Cert, nil, "pw")
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(huge, []byte{2, 3, 1, 0, 0}) < 2 {
			t.Fatal("iteration counts not found in the encoding")
		}
		huge = bytes.ReplaceAll(huge, []byte{2, 3, 1, 0, 0}, []byte{2, 3, 0x7f, 0xff, 0xff})
		start := time.Now()
		_, _, _, err = ParsePKCS12(huge, "pw")
		if err == nil || !strings.Contains(err.Error(), "iterations") {
			t.Errorf("8 million iterations: %v", err)
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("refusing took %s", d)
		}
	}
}
