package auth

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"hash"
	"math"
	"unicode/utf16"
)

// The password-based encryption of PKCS#12 (RFC 7292 appendix B and C,
// RFC 8018), as the decoder (software.sslmate.com/src/go-pkcs12) does it:
// pbeWork says what an algorithm costs before it is run, pbeDecrypt opens
// an encrypted part so that the bags inside can be costed too.

var (
	oidPBEWithSHA3DES    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3}
	oidPBEWithSHARC2_128 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 5}
	oidPBEWithSHARC2_40  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 6}
	oidPBKDF2            = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidHMACSHA1          = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 7}
	oidHMACSHA256        = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}
	oidHMACSHA512        = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 11}
	oidAES128CBC         = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 2}
	oidAES192CBC         = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 22}
	oidAES256CBC         = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
)

// legacyPBE describes a PKCS#12 (appendix C) cipher: key size, and how to
// build the block cipher. Its key and IV come from the PKCS#12 KDF with
// SHA-1.
type legacyPBE struct {
	keySize int
	block   func(key []byte) (cipher.Block, error)
}

var legacyPBEs = map[string]legacyPBE{
	oidPBEWithSHA3DES.String():    {24, des.NewTripleDESCipher},
	oidPBEWithSHARC2_128.String(): {16, func(k []byte) (cipher.Block, error) { return newRC2(k, 128), nil }},
	oidPBEWithSHARC2_40.String():  {5, func(k []byte) (cipher.Block, error) { return newRC2(k, 40), nil }},
}

type pbeParams struct {
	Salt       []byte
	Iterations int64
}

type pbes2Params struct {
	KDF        pkix.AlgorithmIdentifier
	Encryption pkix.AlgorithmIdentifier
}

type pbkdf2Params struct {
	Salt       asn1.RawValue
	Iterations int64
	KeyLength  int64                    `asn1:"optional"`
	PRF        pkix.AlgorithmIdentifier `asn1:"optional"`
}

// The work of a derivation is counted in iterations of its pseudo-random
// function, once per output block: what the decoder runs.

// pbeWork is the key derivation the decoder runs to decrypt with alg; 0
// for an algorithm it refuses before deriving anything.
func pbeWork(alg pkix.AlgorithmIdentifier) int64 {
	if c, ok := legacyPBEs[alg.Algorithm.String()]; ok {
		var p pbeParams
		if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
			return 0
		}
		// The key and the 8-byte IV are derived separately, in 20-byte
		// SHA-1 blocks.
		return times(p.Iterations, blocks(c.keySize, sha1.Size)+blocks(8, sha1.Size))
	}
	if !alg.Algorithm.Equal(oidPBES2) {
		return 0
	}
	var p pbes2Params
	if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
		return 0
	}
	return pbkdf2Work(p.KDF, aesKeySize(p.Encryption.Algorithm))
}

// macWork is the key derivation of a MAC: PBMAC1's PBKDF2, or one block of
// the PKCS#12 KDF per iteration (the key is one digest long).
func macWork(mac p12MacData) int64 {
	if mac.Mac.Algorithm.Algorithm.Equal(oidPBMAC1) {
		var p struct{ KDF, MAC pkix.AlgorithmIdentifier }
		if _, err := asn1.Unmarshal(mac.Mac.Algorithm.Parameters.FullBytes, &p); err != nil {
			return 0
		}
		return pbkdf2Work(p.KDF, 0)
	}
	return times(int64(mac.Iterations), 1)
}

// pbkdf2Work is PBKDF2's work for keyLen bytes (0: the KeyLength
// parameter's, at most 64, the most the decoder allows).
func pbkdf2Work(kdf pkix.AlgorithmIdentifier, keyLen int) int64 {
	var p pbkdf2Params
	if !kdf.Algorithm.Equal(oidPBKDF2) {
		return 0
	}
	if _, err := asn1.Unmarshal(kdf.Parameters.FullBytes, &p); err != nil {
		return 0
	}
	if keyLen == 0 {
		keyLen = int(min(max(p.KeyLength, 1), 64))
	}
	_, size := prfOf(p.PRF.Algorithm)
	return times(p.Iterations, blocks(keyLen, size))
}

// prfOf returns PBKDF2's PRF and its output size; an unknown one (which
// the decoder refuses) counts as SHA-1, the smallest output, the most
// blocks.
func prfOf(oid asn1.ObjectIdentifier) (func() hash.Hash, int) {
	switch {
	case oid.Equal(oidHMACSHA256):
		return sha256.New, sha256.Size
	case oid.Equal(oidHMACSHA512):
		return sha512.New, sha512.Size
	case oid.Equal(oidHMACSHA1), len(oid) == 0:
		return sha1.New, sha1.Size
	}
	return nil, sha1.Size
}

// aesKeySize is the key size of an AES-CBC OID; an unknown one counts as
// the largest.
func aesKeySize(oid asn1.ObjectIdentifier) int {
	switch {
	case oid.Equal(oidAES128CBC):
		return 16
	case oid.Equal(oidAES192CBC):
		return 24
	}
	return 32
}

func blocks(n, size int) int64 { return int64((n + size - 1) / size) }

// times is iterations × blocks, saturating; the decoder runs at least one
// iteration whatever the count says.
func times(iterations, blocks int64) int64 {
	iterations = max(iterations, 1)
	if iterations > math.MaxInt64/blocks {
		return math.MaxInt64
	}
	return iterations * blocks
}

// errDecrypt: the password does not open the part, or the part is
// corrupt; the CBC padding cannot tell which.
var errDecrypt = errors.New("cannot decrypt: wrong password, or a corrupt file")

// pbeDecrypt decrypts data encrypted with alg under password, given as the
// decoder holds it: UCS-2, zero-terminated (nil: the empty password the
// decoder retries with).
func pbeDecrypt(alg pkix.AlgorithmIdentifier, data, password []byte) ([]byte, error) {
	var block cipher.Block
	var iv []byte
	if c, ok := legacyPBEs[alg.Algorithm.String()]; ok {
		var p pbeParams
		if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
			return nil, err
		}
		var err error
		if block, err = c.block(pkcs12KDF(p.Salt, password, p.Iterations, 1, c.keySize)); err != nil {
			return nil, err
		}
		iv = pkcs12KDF(p.Salt, password, p.Iterations, 2, 8)
	} else if alg.Algorithm.Equal(oidPBES2) {
		var err error
		if block, iv, err = pbes2Cipher(alg, utf8Password(password)); err != nil {
			return nil, err
		}
	} else {
		return nil, errors.New("unsupported encryption algorithm " + alg.Algorithm.String())
	}
	bs := block.BlockSize()
	if len(data) == 0 || len(data)%bs != 0 || len(iv) != bs {
		return nil, errDecrypt
	}
	out := make([]byte, len(data))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > bs || !bytes.Equal(out[len(out)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return nil, errDecrypt
	}
	return out[:len(out)-pad], nil
}

// pbes2Cipher returns the AES-CBC cipher and IV of PBES2 with PBKDF2.
func pbes2Cipher(alg pkix.AlgorithmIdentifier, password string) (cipher.Block, []byte, error) {
	var p pbes2Params
	if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
		return nil, nil, err
	}
	var k pbkdf2Params
	if !p.KDF.Algorithm.Equal(oidPBKDF2) {
		return nil, nil, errors.New("unsupported PBES2 key derivation " + p.KDF.Algorithm.String())
	}
	if _, err := asn1.Unmarshal(p.KDF.Parameters.FullBytes, &k); err != nil {
		return nil, nil, err
	}
	prf, _ := prfOf(k.PRF.Algorithm)
	enc := p.Encryption.Algorithm
	if prf == nil || k.Salt.Tag != asn1.TagOctetString || !(enc.Equal(oidAES128CBC) || enc.Equal(oidAES192CBC) || enc.Equal(oidAES256CBC)) {
		return nil, nil, errors.New("unsupported PBES2 parameters")
	}
	key, err := pbkdf2.Key(prf, password, k.Salt.Bytes, int(min(max(k.Iterations, 1), math.MaxInt32)), aesKeySize(enc))
	if err != nil {
		return nil, nil, err
	}
	block, err := aes.NewCipher(key)
	return block, p.Encryption.Parameters.Bytes, err
}

// pkcs12KDF is the key derivation of RFC 7292 appendix B.2 with SHA-1 (the
// only hash the legacy ciphers use): size bytes for purpose id (1 key,
// 2 IV, 3 MAC key).
func pkcs12KDF(salt, password []byte, iterations int64, id byte, size int) []byte {
	const u, v = sha1.Size, 64
	d := bytes.Repeat([]byte{id}, v)
	i := append(repeatTo(salt, v), repeatTo(password, v)...)
	out := make([]byte, 0, size+u)
	for len(out) < size {
		a := sha1.Sum(append(d[:v:v], i...))
		for n := int64(1); n < iterations; n++ {
			a = sha1.Sum(a[:])
		}
		out = append(out, a[:]...)
		if len(out) >= size {
			break
		}
		// I_j = (I_j + B + 1) mod 2^v for each v-byte block of I, where
		// B is A repeated to v bytes.
		b := repeatTo(a[:], v)[:v]
		for j := 0; j+v <= len(i); j += v {
			carry := 1
			for k := v - 1; k >= 0; k-- {
				s := int(i[j+k]) + int(b[k]) + carry
				i[j+k], carry = byte(s), s>>8
			}
		}
	}
	return out[:size]
}

// repeatTo repeats p to the next multiple of v bytes (nothing for an
// empty p).
func repeatTo(p []byte, v int) []byte {
	if len(p) == 0 {
		return nil
	}
	n := v * ((len(p) + v - 1) / v)
	return bytes.Repeat(p, (n+len(p)-1)/len(p))[:n]
}

// bmpPassword encodes a password as PKCS#12 does: UCS-2, big-endian,
// zero-terminated. Characters outside the Basic Multilingual Plane
// cannot be encoded, and the decoder refuses them too.
func bmpPassword(s string) ([]byte, error) {
	out := make([]byte, 0, 2*len(s)+2)
	for _, r := range s {
		if r1, _ := utf16.EncodeRune(r); r1 != 0xfffd {
			return nil, errors.New("the password has a character outside the Basic Multilingual Plane, which PKCS#12 cannot encode")
		}
		out = append(out, byte(r>>8), byte(r))
	}
	return append(out, 0, 0), nil
}

// utf8Password turns the UCS-2 form back into the string PBES2 derives
// from (RFC 8018 wants UTF-8).
func utf8Password(b []byte) string {
	b = bytes.TrimSuffix(b, []byte{0, 0})
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}
