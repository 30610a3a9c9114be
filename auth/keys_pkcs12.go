package auth

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math"
)

// maxPKCS12Iterations caps the key-derivation iterations of a PKCS#12 file,
// summed over its MAC and encrypted parts. The decoder honours whatever
// count the file asks for, so a corrupt or hostile file could otherwise
// stall LoadProfile for hours (a million iterations take about 1.5 s).
// Tools write 2,048 (OpenSSL, Go, Windows) to 10,000 (Java) per part.
// A variable only so the fuzz target can lower it.
var maxPKCS12Iterations int64 = 600_000

var (
	oidData          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidEncryptedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}
	oidShroudedKey   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	oidPBES2         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBMAC1        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 14}
)

// The PKCS#12 (RFC 7292) structures, only as deep as iteration counts.
type p12PFX struct {
	Version  int
	AuthSafe p12ContentInfo
	MacData  p12MacData `asn1:"optional"`
}

type p12ContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"tag:0,explicit,optional"`
}

type p12MacData struct {
	Mac        p12DigestInfo
	MacSalt    []byte
	Iterations int `asn1:"optional,default:1"`
}

type p12DigestInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	Digest    []byte
}

type p12EncryptedData struct {
	Version int
	Info    p12EncryptedContentInfo
}

type p12EncryptedContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Algorithm   pkix.AlgorithmIdentifier
	Content     asn1.RawValue `asn1:"tag:0,optional"`
}

type p12SafeBag struct {
	ID    asn1.ObjectIdentifier
	Value asn1.RawValue `asn1:"tag:0,explicit"`
	// Attributes follow; encoding/asn1 ignores trailing elements.
}

type p12EncryptedKey struct {
	Algorithm pkix.AlgorithmIdentifier
	Data      []byte
}

// checkPKCS12Work walks the parts of a PKCS#12 file that are readable
// without the password and refuses iteration counts above
// maxPKCS12Iterations. What it cannot parse it leaves to the decoder, which
// reports a proper error.
func checkPKCS12Work(data []byte) error {
	var pfx p12PFX
	if _, err := asn1.Unmarshal(data, &pfx); err != nil {
		return nil
	}
	var w work
	w.add(int64(pfx.MacData.Iterations))
	w.algorithm(pfx.MacData.Mac.Algorithm)
	var authSafe []byte
	if !pfx.AuthSafe.ContentType.Equal(oidData) {
		return nil
	}
	if _, err := asn1.Unmarshal(pfx.AuthSafe.Content.Bytes, &authSafe); err != nil {
		return nil
	}
	var infos []p12ContentInfo
	if _, err := asn1.Unmarshal(authSafe, &infos); err != nil {
		return nil
	}
	for _, ci := range infos {
		switch {
		case ci.ContentType.Equal(oidEncryptedData):
			var ed p12EncryptedData
			if _, err := asn1.Unmarshal(ci.Content.Bytes, &ed); err != nil {
				continue
			}
			w.algorithm(ed.Info.Algorithm)
		case ci.ContentType.Equal(oidData):
			var safe []byte
			if _, err := asn1.Unmarshal(ci.Content.Bytes, &safe); err != nil {
				continue
			}
			var bags []p12SafeBag
			if _, err := asn1.Unmarshal(safe, &bags); err != nil {
				continue
			}
			for _, bag := range bags {
				if !bag.ID.Equal(oidShroudedKey) {
					continue
				}
				var ek p12EncryptedKey
				if _, err := asn1.Unmarshal(bag.Value.Bytes, &ek); err != nil {
					continue
				}
				w.algorithm(ek.Algorithm)
			}
		}
	}
	if w.total > maxPKCS12Iterations {
		return fmt.Errorf("PKCS#12: %d key-derivation iterations in all is more than the %d this package accepts", w.total, maxPKCS12Iterations)
	}
	return nil
}

// work sums the iteration counts of a PKCS#12 file.
type work struct{ total int64 }

func (w *work) add(n int64) {
	if n > 0 {
		w.total = min(w.total+n, math.MaxInt64/2)
	}
}

// algorithm finds the iteration count in a password-based
// algorithm's parameters. PBES1 parameters are SEQUENCE{salt, iterations};
// PBKDF2's are SEQUENCE{salt, iterations, ...}; PBES2 and PBMAC1 wrap PBKDF2
// as their first element.
func (w *work) algorithm(alg pkix.AlgorithmIdentifier) {
	if alg.Algorithm.Equal(oidPBES2) || alg.Algorithm.Equal(oidPBMAC1) {
		var p struct{ KDF pkix.AlgorithmIdentifier }
		if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err == nil {
			w.algorithm(p.KDF)
		}
		return
	}
	var p struct {
		Salt       asn1.RawValue
		Iterations int64
	}
	if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err == nil {
		w.add(p.Iterations)
	}
}
