package notification

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" // SignatureVersion 1 is SHA-1 by SNS's definition
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// timestampLayout is how SNS writes Timestamp.
const timestampLayout = "2006-01-02T15:04:05.000Z"

// minRSABits is the smallest key this package verifies with. SNS signs with
// 2048-bit keys; anything smaller is refused rather than trusted.
const minRSABits = 2048

// hashFor maps a SignatureVersion to its digest: "SignatureVersion 1: Amazon
// SNS creates the signature based on the SHA1 hash of the message", 2 on
// SHA256 (developer guide, "Verifying the signatures of Amazon SNS
// messages").
func hashFor(version string) (crypto.Hash, bool) {
	switch version {
	case "1":
		return crypto.SHA1, true
	case "2":
		return crypto.SHA256, true
	}
	return 0, false
}

func digest(h crypto.Hash, b []byte) []byte {
	if h == crypto.SHA1 {
		d := sha1.Sum(b)
		return d[:]
	}
	d := sha256.Sum256(b)
	return d[:]
}

// stringToSign builds what SNS signs: "key\nvalue\n" for, in this order,
// Message, MessageId, Subject (Notifications, when there is one),
// Timestamp, TopicArn, Type for a Notification, and Message, MessageId,
// SubscribeURL, Timestamp, Token, TopicArn, Type for both confirmations.
func (m *Message) stringToSign(withSubject bool) []byte {
	var b bytes.Buffer
	add := func(k, v string) {
		b.WriteString(k)
		b.WriteByte('\n')
		b.WriteString(v)
		b.WriteByte('\n')
	}
	ts := m.timestamp
	if ts == "" {
		ts = m.Timestamp.UTC().Format(timestampLayout)
	}
	add(fieldMessage, m.Message)
	add(fieldMessageID, m.MessageID)
	if m.Type == TypeNotification {
		if withSubject {
			add(fieldSubject, m.Subject)
		}
		add(fieldTimestamp, ts)
		add(fieldTopicARN, m.TopicARN)
	} else {
		add(fieldSubscribeURL, m.SubscribeURL)
		add(fieldTimestamp, ts)
		add(fieldToken, m.Token)
		add(fieldTopicARN, m.TopicARN)
	}
	add(fieldType, string(m.Type))
	return b.Bytes()
}

// Sign returns the Signature SNS would give m with SignatureVersion version
// ("1" or "2"), made with key. It is for test signers such as snstest,
// which must sign exactly as SNS does; SNS signs real messages itself.
// m.Subject is signed when it is not empty.
func Sign(m *Message, version string, key *rsa.PrivateKey) (string, error) {
	h, ok := hashFor(version)
	if !ok {
		return "", fmt.Errorf("notification: SignatureVersion must be 1 or 2")
	}
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, h, digest(h, m.stringToSign(m.subjectSet || m.Subject != "")))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// checkSignature verifies m's signature with the certificate's key. It
// uses rsa.VerifyPKCS1v15 directly: x509.Certificate.CheckSignature's
// policy on SHA-1 has changed across Go releases, and SNS's SHA-1
// signatures are over our own string to sign, not a certificate.
//
// An empty Subject is accepted signed with or without its key: SNS's own
// libraries disagree on whether it is part of the string to sign.
func checkSignature(m *Message, pub *rsa.PublicKey) error {
	h, _ := hashFor(m.SignatureVersion) // checked by the caller
	sig, err := base64.StdEncoding.DecodeString(m.Signature)
	if err != nil || len(sig) != pub.Size() {
		return fail(RuleSignature, fieldSignature, "not a base64 RSA signature of the certificate key's size")
	}
	withSubject := []bool{m.subjectSet}
	if m.Type == TypeNotification && m.subjectSet && m.Subject == "" {
		withSubject = []bool{true, false}
	}
	for _, w := range withSubject {
		if rsa.VerifyPKCS1v15(pub, h, digest(h, m.stringToSign(w && m.Type == TypeNotification)), sig) == nil {
			return nil
		}
	}
	return fail(RuleSignature, fieldSignature, "does not match the signed fields")
}
