package auth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"time"
)

// maxFileSize caps what is read from a certificate, key or profiles file:
// the biggest real chain bundle is a few tens of kilobytes, and a cap keeps
// a wrong path (a log file, /dev/zero) from eating memory.
const maxFileSize = 1 << 20

// MaxPrivateKeySize caps the DER encoding of a private key, in a PEM block
// or a PKCS#12 file: an RSA-16384 key takes 9.3 KiB, far more than Roles
// Anywhere needs. Parsing checks an RSA key with arithmetic whose cost is
// the square of its size (a 64 KiB key takes about a second, the 1 MiB a
// file may hold hours), so a bigger one is refused before it is parsed.
const MaxPrivateKeySize = 10 << 10

// ParseCertificates returns the certificates of the PEM blocks of type
// CERTIFICATE in data, in order. Other blocks (a private key bundled in the
// same file) are skipped. No certificate at all is an error.
func ParseCertificates(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for n := 1; ; n++ {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("PEM block %d: %w", n, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, errors.New("no PEM CERTIFICATE block found")
	}
	return certs, nil
}

// ParsePrivateKey returns the first private key in PEM data: PKCS#8
// ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY").
// Only RSA and ECDSA P-256/P-384 keys are accepted, the ones IAM Roles
// Anywhere signs with, of at most [MaxPrivateKeySize] bytes. Encrypted PEM
// is refused: use PKCS#12 for a key protected by a password. The error
// never contains key material.
func ParsePrivateKey(data []byte) (crypto.Signer, error) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return nil, errors.New("no PEM private key block found (want PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)")
		}
		var (
			key any
			err error
		)
		if isKeyBlock(block.Type) && len(block.Bytes) > MaxPrivateKeySize {
			return nil, fmt.Errorf("%s block: %d bytes is more than the %d a private key may have (RSA-16384 takes 9.3 KiB)", block.Type, len(block.Bytes), MaxPrivateKeySize)
		}
		switch block.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "RSA PRIVATE KEY", "EC PRIVATE KEY":
			if _, encrypted := block.Headers["Proc-Type"]; encrypted {
				return nil, errors.New("encrypted PEM private keys are not supported (legacy, insecure encryption): use an unencrypted key with tight file permissions, or PKCS#12")
			}
			if block.Type == "RSA PRIVATE KEY" {
				key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
			} else {
				key, err = x509.ParseECPrivateKey(block.Bytes)
			}
		case "ENCRYPTED PRIVATE KEY":
			return nil, errors.New("encrypted PKCS#8 private keys are not supported: use PKCS#12 (pkcs12 + pkcs12_password) for a password-protected key")
		default:
			continue
		}
		if err != nil {
			// x509's errors name the format, never the bytes.
			return nil, fmt.Errorf("%s block: %w", block.Type, err)
		}
		return signerOf(key)
	}
}

func isKeyBlock(t string) bool {
	return t == "PRIVATE KEY" || t == "RSA PRIVATE KEY" || t == "EC PRIVATE KEY"
}

// signerOf checks that key is a usable Roles Anywhere key.
func signerOf(key any) (crypto.Signer, error) {
	s, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("a %T cannot sign", key)
	}
	if _, err := algorithmFor(s.Public()); err != nil {
		return nil, err
	}
	return s, nil
}

// algorithmFor returns the Roles Anywhere signing algorithm for a public key.
func algorithmFor(pub crypto.PublicKey) (string, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return algRSA, nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256(), elliptic.P384():
			return algECDSA, nil
		}
		return "", fmt.Errorf("ECDSA curve %s is not supported by IAM Roles Anywhere (use P-256 or P-384)", k.Curve.Params().Name)
	}
	return "", fmt.Errorf("%T keys are not supported by IAM Roles Anywhere (use RSA or ECDSA P-256/P-384)", pub)
}

// errKeyMismatch is wrapped by checkKeyMatches' error.
var errKeyMismatch = errors.New("the private key does not match the certificate's public key")

// checkKeyMatches refuses a key that does not belong to the certificate:
// CreateSession would fail with a bad signature, far from the cause.
func checkKeyMatches(cert *x509.Certificate, signer crypto.Signer) error {
	pub, ok := signer.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(cert.PublicKey) {
		return errKeyMismatch
	}
	return nil
}

// checkValidity returns RuleExpired or RuleNotYetValid with a reason when
// cert is outside its validity period at now.
func checkValidity(cert *x509.Certificate, now time.Time) (Rule, error) {
	if now.After(cert.NotAfter) {
		return RuleExpired, fmt.Errorf("certificate (serial %s, subject %q) expired at %s", cert.SerialNumber, cert.Subject.String(), cert.NotAfter.UTC().Format(time.RFC3339))
	}
	if now.Before(cert.NotBefore) {
		return RuleNotYetValid, fmt.Errorf("certificate (serial %s, subject %q) is not valid before %s", cert.SerialNumber, cert.Subject.String(), cert.NotBefore.UTC().Format(time.RFC3339))
	}
	return "", nil
}

// describeKey names a key's type and size without revealing it.
func describeKey(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA-%d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case nil:
		return "none"
	}
	return fmt.Sprintf("%T", pub)
}
