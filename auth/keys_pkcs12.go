package auth

import (
	"crypto"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math"

	"software.sslmate.com/src/go-pkcs12"
)

// The limits ParsePKCS12 puts on a file before decoding it. The decoder
// honours whatever a file asks for, and a file is input: a hostile or
// corrupt one could otherwise stall LoadProfile for hours.
const (
	// MaxPKCS12Size caps a PKCS#12 file: a key and a chain of a few
	// certificates take a few KiB.
	MaxPKCS12Size = 256 << 10
	// MaxPKCS12Bags caps the bags (keys and certificates) of a file,
	// those inside its encrypted parts included.
	MaxPKCS12Bags = 100
	// MaxPKCS12Work caps the key derivation of a file, in iterations of
	// the derivation's hash function (HMAC for PBKDF2), one per output
	// block, summed over the MAC, every encrypted part and every
	// encrypted key, nested ones included, and over ParsePKCS12's own
	// look inside the encrypted parts. Tools write 2,048 (OpenSSL, Go,
	// Windows) to 10,000 (Java) iterations per part, 8,000 to 40,000 in
	// all by this count; 600,000 take 0.1 to 0.2 s on a current core.
	MaxPKCS12Work = 600_000
)

// maxPKCS12Work is MaxPKCS12Work, a variable so the fuzz target can lower
// it.
var maxPKCS12Work int64 = MaxPKCS12Work

// ParsePKCS12 decodes a PKCS#12 (.p12, .pfx) bundle: the private key, its
// certificate and any CA certificates in it (the chain, leaf's issuer first
// when the file keeps that order). The key must match the certificate.
//
// Before the decoder derives any key, the whole file is read as it will
// read it, the inside of its encrypted parts included (each is opened
// first, its derivation counted), and a file over a limit
// ([MaxPKCS12Size], [MaxPKCS12Bags], [MaxPKCS12Work], [MaxPrivateKeySize])
// is refused with a *[PKCS12LimitError], in well under a millisecond for a
// hostile one.
func ParsePKCS12(data []byte, password string) (crypto.Signer, *x509.Certificate, []*x509.Certificate, error) {
	if err := checkPKCS12(data, password); err != nil {
		return nil, nil, nil, err
	}
	key, leaf, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("PKCS#12: %w", err)
	}
	signer, err := signerOf(key)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := checkKeyMatches(leaf, signer); err != nil {
		return nil, nil, nil, err
	}
	return signer, leaf, cas, nil
}

var (
	oidData          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidEncryptedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}
	oidKeyBag        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 1}
	oidShroudedKey   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	oidPBES2         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBMAC1        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 14}
)

// The PKCS#12 (RFC 7292) structures, only as deep as the work goes. They
// parse at least what the decoder's parse: never less, or some of its work
// would go uncounted.
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

// p12Check is one look at a file: the work counted so far and the bags
// seen.
type p12Check struct {
	work int64
	bags int
}

// spend counts n iterations of work, refusing the file once the total
// would pass maxPKCS12Work.
func (c *p12Check) spend(n int64) error {
	if n > maxPKCS12Work-c.work {
		return &PKCS12LimitError{Limit: PKCS12LimitWork, Max: maxPKCS12Work, Got: min(c.work, math.MaxInt64-n) + n}
	}
	c.work += n
	return nil
}

// checkPKCS12 walks a file the way the decoder will, and refuses it before
// the decoder derives any key when it breaks a limit. The structure is
// fixed (PFX, authenticated safe, content infos, bags), so nothing nests
// deeper than that; a SafeContents bag, which the decoder skips, is not
// opened.
//
// The decoder verifies the MAC first, then decrypts every encrypted part,
// then every encrypted key. The MAC and the parts' costs are in the clear;
// the keys inside an encrypted part are not, so each encrypted part is
// decrypted here first (its cost counted twice: ours and the decoder's).
// What cannot be parsed or decrypted here is refused: the decoder would
// refuse it too, and letting it try could hide work.
func checkPKCS12(data []byte, password string) error {
	if len(data) > MaxPKCS12Size {
		return &PKCS12LimitError{Limit: PKCS12LimitSize, Max: MaxPKCS12Size, Got: int64(len(data))}
	}
	bmp, err := bmpPassword(password)
	if err != nil {
		return fmt.Errorf("PKCS#12: %w", err)
	}
	var c p12Check
	var pfx p12PFX
	if _, err := asn1.Unmarshal(data, &pfx); err != nil {
		return fmt.Errorf("PKCS#12: not a DER-encoded PKCS#12 file: %w", err)
	}
	// The passwords the decoder may decrypt with: the empty password is
	// tried as UCS-2 and, when the MAC fails with it, as no bytes at all.
	passwords := [][]byte{bmp}
	if len(pfx.MacData.Mac.Algorithm.Algorithm) > 0 {
		n := macWork(pfx.MacData)
		if password == "" {
			n = times(n, 2)
			passwords = append(passwords, nil)
		}
		if err := c.spend(n); err != nil {
			return err
		}
	}
	if !pfx.AuthSafe.ContentType.Equal(oidData) {
		return errors.New("PKCS#12: only password-protected files are supported (the authenticated safe is not of type data)")
	}
	var authSafe []byte
	if _, err := asn1.Unmarshal(pfx.AuthSafe.Content.Bytes, &authSafe); err != nil {
		return fmt.Errorf("PKCS#12: malformed authenticated safe: %w", err)
	}
	var infos []p12ContentInfo
	if _, err := asn1.Unmarshal(authSafe, &infos); err != nil {
		return fmt.Errorf("PKCS#12: malformed authenticated safe: %w", err)
	}
	for _, ci := range infos {
		switch {
		case ci.ContentType.Equal(oidData):
			var safe []byte
			if _, err := asn1.Unmarshal(ci.Content.Bytes, &safe); err != nil {
				return fmt.Errorf("PKCS#12: malformed safe: %w", err)
			}
			var bags []p12SafeBag
			if _, err := asn1.Unmarshal(safe, &bags); err != nil {
				return fmt.Errorf("PKCS#12: malformed safe: %w", err)
			}
			if err := c.count(bags); err != nil {
				return err
			}
		case ci.ContentType.Equal(oidEncryptedData):
			if err := c.encryptedSafe(ci.Content.Bytes, passwords); err != nil {
				return err
			}
		default:
			return fmt.Errorf("PKCS#12: unsupported content type %s in the authenticated safe", ci.ContentType)
		}
	}
	return nil
}

// encryptedSafe counts the decoder's decryption of an EncryptedData, then
// decrypts it (counting that too) to count the bags inside.
func (c *p12Check) encryptedSafe(der []byte, passwords [][]byte) error {
	var ed p12EncryptedData
	if _, err := asn1.Unmarshal(der, &ed); err != nil {
		return fmt.Errorf("PKCS#12: malformed encrypted safe: %w", err)
	}
	alg := ed.Info.Algorithm
	work := pbeWork(alg)
	if err := c.spend(work); err != nil {
		return err
	}
	if alg.Algorithm.Equal(oidPBES2) {
		passwords = passwords[:1] // PBES2 derives from the text, the same for both forms of ""
	}
	opened := false
	for _, pw := range passwords {
		if err := c.spend(work); err != nil {
			return err
		}
		safe, err := pbeDecrypt(alg, ed.Info.Content.Bytes, pw)
		if err != nil {
			continue
		}
		var bags []p12SafeBag
		if _, err := asn1.Unmarshal(safe, &bags); err != nil {
			continue // garbage that happened to unpad: not the password
		}
		if err := c.count(bags); err != nil {
			return err
		}
		opened = true
	}
	if !opened {
		return fmt.Errorf("PKCS#12: encrypted safe: %w", errDecrypt)
	}
	return nil
}

// count counts the bags of a SafeContents and the work of its encrypted
// keys.
func (c *p12Check) count(bags []p12SafeBag) error {
	if c.bags += len(bags); c.bags > MaxPKCS12Bags {
		return &PKCS12LimitError{Limit: PKCS12LimitBags, Max: MaxPKCS12Bags, Got: int64(c.bags)}
	}
	for _, bag := range bags {
		switch {
		case bag.ID.Equal(oidKeyBag):
			if n := len(bag.Value.Bytes); n > MaxPrivateKeySize {
				return &PKCS12LimitError{Limit: PKCS12LimitKey, Max: MaxPrivateKeySize, Got: int64(n)}
			}
		case bag.ID.Equal(oidShroudedKey):
			var ek p12EncryptedKey
			if _, err := asn1.Unmarshal(bag.Value.Bytes, &ek); err != nil {
				return fmt.Errorf("PKCS#12: malformed encrypted key: %w", err)
			}
			// The ciphertext is the key and up to a block of padding.
			if n := len(ek.Data); n > MaxPrivateKeySize+16 {
				return &PKCS12LimitError{Limit: PKCS12LimitKey, Max: MaxPrivateKeySize, Got: int64(n - 16)}
			}
			if err := c.spend(pbeWork(ek.Algorithm)); err != nil {
				return err
			}
		}
	}
	return nil
}
