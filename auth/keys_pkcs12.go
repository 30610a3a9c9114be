package auth

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
)

// maxPKCS12Iterations caps the key-derivation iterations of a PKCS#12 file.
// The decoder honours whatever count the file asks for, so a corrupt or
// hostile file could otherwise stall LoadProfile for hours. Real files use
// 2,048 (OpenSSL, Go) to a few hundred thousand.
const maxPKCS12Iterations = 1_000_000

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
	if err := checkIterations(int64(pfx.MacData.Iterations)); err != nil {
		return err
	}
	if err := checkAlgorithmWork(pfx.MacData.Mac.Algorithm); err != nil {
		return err
	}
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
			if err := checkAlgorithmWork(ed.Info.Algorithm); err != nil {
				return err
			}
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
				if err := checkAlgorithmWork(ek.Algorithm); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkAlgorithmWork finds the iteration count in a password-based
// algorithm's parameters. PBES1 parameters are SEQUENCE{salt, iterations};
// PBKDF2's are SEQUENCE{salt, iterations, ...}; PBES2 and PBMAC1 wrap PBKDF2
// as their first element.
func checkAlgorithmWork(alg pkix.AlgorithmIdentifier) error {
	if alg.Algorithm.Equal(oidPBES2) || alg.Algorithm.Equal(oidPBMAC1) {
		var p struct{ KDF pkix.AlgorithmIdentifier }
		if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
			return nil
		}
		return checkAlgorithmWork(p.KDF)
	}
	var p struct {
		Salt       asn1.RawValue
		Iterations int64
	}
	if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
		return nil
	}
	return checkIterations(p.Iterations)
}

func checkIterations(n int64) error {
	if n > maxPKCS12Iterations {
		return fmt.Errorf("PKCS#12: %d key-derivation iterations is more than the %d this package accepts", n, maxPKCS12Iterations)
	}
	return nil
}
