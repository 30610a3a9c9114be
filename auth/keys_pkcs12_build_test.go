package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"testing"
)

// PKCS#12 files built by hand with encoding/asn1, so that a test can put
// any part anywhere with any iteration count, which no encoder does. A
// part can declare more iterations than it was encrypted with: the decoder
// derives the declared count before it can tell, which is all a hostile
// file needs.

// p12PBE is how a part is encrypted: declared is the iteration count in
// its parameters; the content is really encrypted with 1 iteration (or
// declared, when real is set, so that the decoder can open it).
type p12PBE struct {
	oid      asn1.ObjectIdentifier // oidPBES2 or a legacy PBE
	declared int64
	real     bool
	prf      asn1.ObjectIdentifier // PBES2's PRF; default HMAC-SHA-256
}

// p12Bag is a bag: a certificate, a key in the clear, or a key encrypted
// with pbe.
type p12Bag struct {
	cert  *x509.Certificate
	key   any
	pkcs8 []byte  // the key's DER as it is, instead of key
	pbe   *p12PBE // nil: a plain key bag
}

// p12Part is a SafeContents, encrypted when pbe is set.
type p12Part struct {
	pbe  *p12PBE
	bags []p12Bag
}

// p12File is a whole file. macIterations 0 means no MAC; macPBMAC1 uses
// PBMAC1 instead of the PKCS#12 MAC (whose digest is then not right:
// only its cost matters).
type p12File struct {
	password      string
	parts         []p12Part
	macIterations int64
	macReal       bool // compute a MAC the decoder accepts (1 real iteration)
	macPBMAC1     bool
}

var (
	oidCertBag   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 3}
	oidX509Cert  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 22, 1}
	oidSHA1      = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidAES256IV  = make([]byte, 16)
	explicitZero = func(der []byte) asn1.RawValue {
		return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: der}
	}
)

func mustDER(t testing.TB, v any) []byte {
	t.Helper()
	b, err := asn1.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// encrypt encrypts plain as pbe says, returning the algorithm identifier
// and the ciphertext.
func (pbe *p12PBE) encrypt(t testing.TB, plain []byte, password string) (pkix.AlgorithmIdentifier, []byte) {
	t.Helper()
	iter := int64(1)
	if pbe.real {
		iter = pbe.declared
	}
	salt := []byte("saltsalt")
	var block cipher.Block
	var iv []byte
	var alg pkix.AlgorithmIdentifier
	bmp, err := bmpPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := legacyPBEs[pbe.oid.String()]; ok {
		if block, err = c.block(pkcs12KDF(salt, bmp, iter, 1, c.keySize)); err != nil {
			t.Fatal(err)
		}
		iv = pkcs12KDF(salt, bmp, iter, 2, 8)
		alg = pkix.AlgorithmIdentifier{Algorithm: pbe.oid, Parameters: asn1.RawValue{FullBytes: mustDER(t, pbeParams{salt, pbe.declared})}}
	} else {
		prf := pbe.prf
		if prf == nil {
			prf = oidHMACSHA256
		}
		h, _ := prfOf(prf)
		key, err := pbkdf2.Key(h, password, salt, int(iter), 32)
		if err != nil {
			t.Fatal(err)
		}
		if block, err = aes.NewCipher(key); err != nil {
			t.Fatal(err)
		}
		iv = oidAES256IV
		kdf := struct {
			Salt       []byte
			Iterations int64
			PRF        pkix.AlgorithmIdentifier
		}{salt, pbe.declared, pkix.AlgorithmIdentifier{Algorithm: prf, Parameters: asn1.NullRawValue}}
		params := pbes2Params{
			KDF:        pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: mustDER(t, kdf)}},
			Encryption: pkix.AlgorithmIdentifier{Algorithm: oidAES256CBC, Parameters: asn1.RawValue{FullBytes: mustDER(t, iv)}},
		}
		alg = pkix.AlgorithmIdentifier{Algorithm: oidPBES2, Parameters: asn1.RawValue{FullBytes: mustDER(t, params)}}
	}
	bs := block.BlockSize()
	pad := bs - len(plain)%bs
	buf := append(append([]byte{}, plain...), make([]byte, pad)...)
	for i := len(plain); i < len(buf); i++ {
		buf[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	return alg, buf
}

func (f *p12File) bagDER(t testing.TB, b p12Bag) []byte {
	t.Helper()
	type safeBag struct {
		ID    asn1.ObjectIdentifier
		Value asn1.RawValue
	}
	if b.cert != nil {
		cb := struct {
			ID   asn1.ObjectIdentifier
			Cert asn1.RawValue
		}{oidX509Cert, explicitZero(mustDER(t, b.cert.Raw))}
		return mustDER(t, safeBag{oidCertBag, explicitZero(mustDER(t, cb))})
	}
	pkcs8 := b.pkcs8
	if pkcs8 == nil {
		var err error
		if pkcs8, err = x509.MarshalPKCS8PrivateKey(b.key); err != nil {
			t.Fatal(err)
		}
	}
	if b.pbe == nil {
		return mustDER(t, safeBag{oidKeyBag, explicitZero(pkcs8)})
	}
	alg, data := b.pbe.encrypt(t, pkcs8, f.password)
	return mustDER(t, safeBag{oidShroudedKey, explicitZero(mustDER(t, p12EncryptedKey{alg, data}))})
}

// build returns the DER of the file.
func (f *p12File) build(t testing.TB) []byte {
	t.Helper()
	type contentInfo struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue
	}
	var infos []asn1.RawValue
	for _, p := range f.parts {
		var bags []asn1.RawValue
		for _, b := range p.bags {
			bags = append(bags, asn1.RawValue{FullBytes: f.bagDER(t, b)})
		}
		safe := mustDER(t, bags)
		if p.pbe == nil {
			infos = append(infos, asn1.RawValue{FullBytes: mustDER(t, contentInfo{oidData, explicitZero(mustDER(t, safe))})})
			continue
		}
		alg, data := p.pbe.encrypt(t, safe, f.password)
		ed := struct {
			Version int
			Info    struct {
				ContentType asn1.ObjectIdentifier
				Algorithm   pkix.AlgorithmIdentifier
				Content     asn1.RawValue
			}
		}{}
		ed.Info.ContentType = oidData
		ed.Info.Algorithm = alg
		ed.Info.Content = asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, Bytes: data}
		infos = append(infos, asn1.RawValue{FullBytes: mustDER(t, contentInfo{oidEncryptedData, explicitZero(mustDER(t, ed))})})
	}
	authSafe := mustDER(t, infos)
	auth := contentInfo{oidData, explicitZero(mustDER(t, authSafe))}
	if f.macIterations == 0 {
		return mustDER(t, struct {
			Version  int
			AuthSafe contentInfo
		}{3, auth})
	}
	salt := []byte("macsaltmacsalt00")
	mac := p12MacData{MacSalt: salt, Iterations: int(f.macIterations)}
	mac.Mac.Algorithm = pkix.AlgorithmIdentifier{Algorithm: oidSHA1, Parameters: asn1.NullRawValue}
	mac.Mac.Digest = make([]byte, 20)
	if f.macReal {
		bmp, _ := bmpPassword(f.password)
		h := hmac.New(sha1.New, pkcs12KDF(salt, bmp, f.macIterations, 3, 20))
		h.Write(authSafe)
		mac.Mac.Digest = h.Sum(nil)
	}
	if f.macPBMAC1 {
		kdf := struct {
			Salt       []byte
			Iterations int64
			KeyLength  int
			PRF        pkix.AlgorithmIdentifier
		}{salt, f.macIterations, 32, pkix.AlgorithmIdentifier{Algorithm: oidHMACSHA256, Parameters: asn1.NullRawValue}}
		params := struct{ KDF, MAC pkix.AlgorithmIdentifier }{
			pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: mustDER(t, kdf)}},
			pkix.AlgorithmIdentifier{Algorithm: oidHMACSHA256, Parameters: asn1.NullRawValue},
		}
		mac.Mac.Algorithm = pkix.AlgorithmIdentifier{Algorithm: oidPBMAC1, Parameters: asn1.RawValue{FullBytes: mustDER(t, params)}}
		mac.Mac.Digest = make([]byte, sha256.Size)
		mac.Iterations = 1
	}
	return mustDER(t, struct {
		Version  int
		AuthSafe contentInfo
		MacData  p12MacData
	}{3, auth, mac})
}
