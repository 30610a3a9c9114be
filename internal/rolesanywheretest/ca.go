// Package rolesanywheretest is a fake IAM Roles Anywhere CreateSession
// endpoint and a test certificate authority, for tests in any package of
// this module.
//
// [NewCA] issues CAs, intermediates and leaf certificates (RSA, P-256,
// P-384, expired, not yet valid) and writes them as PEM or PKCS#12 files.
// [NewServer] starts an HTTP server on 127.0.0.1 that checks each request
// the way the service does, written from the protocol description and
// sharing no code with the signer under test: the X.509 SigV4 signature,
// the chain to the trust anchor CA, the ARNs, the region and the clock
// skew. It then answers with fresh fake credentials of a chosen lifetime,
// or with injected faults, and counts the calls.
// [Server.WriteProfile] writes a complete profiles.yaml pointing at it.
//
// Everything here is throwaway test material; nothing protects anything.
package rolesanywheretest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

// KeyType is the kind of key a certificate gets.
type KeyType string

// The key types IAM Roles Anywhere accepts, and one it does not.
const (
	RSA2048 KeyType = "RSA-2048"
	P256    KeyType = "P-256"
	P384    KeyType = "P-384"
	P521    KeyType = "P-521" // not accepted by Roles Anywhere: for negative tests
)

// KeyFormat is how a private key is written to PEM.
type KeyFormat string

// The PEM encodings of private keys.
const (
	PKCS8 KeyFormat = "PKCS#8" // "PRIVATE KEY", the default
	PKCS1 KeyFormat = "PKCS#1" // "RSA PRIVATE KEY", RSA keys only
	SEC1  KeyFormat = "SEC1"   // "EC PRIVATE KEY", ECDSA keys only
)

// serials gives every certificate of a test run its own serial number.
var serials atomic.Int64

func init() { serials.Store(time.Now().UnixNano() & 0xffffffff) }

// NewKey returns a fresh private key of the given type.
func NewKey(t testing.TB, kt KeyType) crypto.Signer {
	t.Helper()
	var (
		k   crypto.Signer
		err error
	)
	switch kt {
	case RSA2048:
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	case P256, "":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case P384:
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case P521:
		k, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	default:
		t.Fatalf("rolesanywheretest: unknown key type %q", kt)
	}
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// CA is a certificate authority: a root made by [NewCA] or an intermediate
// made by [CA.Intermediate].
type CA struct {
	Cert  *x509.Certificate
	Key   crypto.Signer
	Chain []*x509.Certificate // for an intermediate: itself, then its issuers up to (not including) the root
	t     testing.TB
}

// NewCA returns a new self-signed root CA with a key of type kt ("" means
// P-256), valid from an hour ago for ten years. Each call makes a different
// CA: one that is not a server's trust anchor is a rogue CA.
func NewCA(t testing.TB, kt KeyType) *CA {
	t.Helper()
	key := NewKey(t, kt)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serials.Add(1)),
		Subject:               pkix.Name{Organization: []string{"rolesanywheretest (throwaway)"}, CommonName: "test root CA " + string(kt)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &CA{Cert: cert, Key: key, t: t}
}

// Intermediate returns a CA signed by ca.
func (ca *CA) Intermediate(kt KeyType) *CA {
	ca.t.Helper()
	key := NewKey(ca.t, kt)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serials.Add(1)),
		Subject:               pkix.Name{Organization: []string{"rolesanywheretest (throwaway)"}, CommonName: "test intermediate CA " + string(kt)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(5, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	cert := ca.sign(tmpl, key)
	return &CA{Cert: cert, Key: key, Chain: append([]*x509.Certificate{cert}, ca.Chain...), t: ca.t}
}

func (ca *CA) sign(tmpl *x509.Certificate, key crypto.Signer) *x509.Certificate {
	ca.t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		ca.t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		ca.t.Fatal(err)
	}
	return cert
}

// LeafOptions shape a leaf certificate. The zero value is a P-256 client
// certificate valid from an hour ago for a day.
type LeafOptions struct {
	KeyType   KeyType
	Key       crypto.Signer // use this key instead of a new one
	NotBefore time.Time
	NotAfter  time.Time
	Serial    *big.Int
	Name      string // common name
}

// Leaf is an end-entity certificate, its key and its chain.
type Leaf struct {
	Cert  *x509.Certificate
	Key   crypto.Signer
	Chain []*x509.Certificate // the intermediates, the leaf's issuer first; no root
	t     testing.TB
}

// Issue returns a client certificate signed by ca.
func (ca *CA) Issue(o LeafOptions) *Leaf {
	ca.t.Helper()
	key := o.Key
	if key == nil {
		key = NewKey(ca.t, o.KeyType)
	}
	if o.NotBefore.IsZero() {
		o.NotBefore = time.Now().Add(-time.Hour)
	}
	if o.NotAfter.IsZero() {
		o.NotAfter = time.Now().Add(24 * time.Hour)
	}
	if o.Serial == nil {
		o.Serial = big.NewInt(serials.Add(1))
	}
	if o.Name == "" {
		o.Name = "test workload"
	}
	tmpl := &x509.Certificate{
		SerialNumber: o.Serial,
		Subject:      pkix.Name{Organization: []string{"rolesanywheretest (throwaway)"}, CommonName: o.Name},
		NotBefore:    o.NotBefore,
		NotAfter:     o.NotAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	return &Leaf{Cert: ca.sign(tmpl, key), Key: key, Chain: ca.Chain, t: ca.t}
}

// Files are the paths [Leaf.WritePEM] wrote.
type Files struct {
	Certificate string
	Chain       string // "" when the leaf has no intermediates
	PrivateKey  string
}

// WritePEM writes the certificate, the chain (when there is one) and the
// private key (mode 0600) into dir, under names starting with prefix.
func (l *Leaf) WritePEM(dir, prefix string, format KeyFormat) Files {
	l.t.Helper()
	f := Files{
		Certificate: filepath.Join(dir, prefix+"cert.pem"),
		PrivateKey:  filepath.Join(dir, prefix+"key.pem"),
	}
	l.write(f.Certificate, 0o644, certsPEM(l.Cert))
	if len(l.Chain) > 0 {
		f.Chain = filepath.Join(dir, prefix+"chain.pem")
		l.write(f.Chain, 0o644, certsPEM(l.Chain...))
	}
	l.write(f.PrivateKey, 0o600, KeyPEM(l.t, l.Key, format))
	return f
}

// WritePKCS12 writes key, certificate and chain as one PKCS#12 file
// protected by password, and returns its path.
func (l *Leaf) WritePKCS12(dir, name, password string) string {
	l.t.Helper()
	data, err := pkcs12.Modern.Encode(l.Key, l.Cert, l.Chain, password)
	if err != nil {
		l.t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	l.write(path, 0o600, data)
	return path
}

func (l *Leaf) write(path string, mode os.FileMode, data []byte) {
	l.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		l.t.Fatal(err)
	}
	if err := os.WriteFile(path, data, mode); err != nil {
		l.t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode is masked by umask
		l.t.Fatal(err)
	}
}

// certsPEM encodes certificates as concatenated PEM blocks.
func certsPEM(certs ...*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}

// CertificatesPEM encodes certificates as concatenated PEM blocks.
func CertificatesPEM(certs ...*x509.Certificate) []byte { return certsPEM(certs...) }

// KeyPEM encodes a private key in the given PEM format.
func KeyPEM(t testing.TB, key crypto.Signer, format KeyFormat) []byte {
	t.Helper()
	var (
		block pem.Block
		err   error
	)
	switch format {
	case PKCS8, "":
		block.Type = "PRIVATE KEY"
		block.Bytes, err = x509.MarshalPKCS8PrivateKey(key)
	case PKCS1:
		k, ok := key.(*rsa.PrivateKey)
		if !ok {
			t.Fatalf("rolesanywheretest: PKCS#1 needs an RSA key, not %T", key)
		}
		block.Type = "RSA PRIVATE KEY"
		block.Bytes = x509.MarshalPKCS1PrivateKey(k)
	case SEC1:
		k, ok := key.(*ecdsa.PrivateKey)
		if !ok {
			t.Fatalf("rolesanywheretest: SEC1 needs an ECDSA key, not %T", key)
		}
		block.Type = "EC PRIVATE KEY"
		block.Bytes, err = x509.MarshalECPrivateKey(k)
	default:
		t.Fatalf("rolesanywheretest: unknown key format %q", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&block)
}
