package model

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log/slog"
	"strings"
)

// PlatformCredentials is what identifies you to a push platform as the
// developer of an app: a certificate and its private key, a token signing
// key, a service account, a client ID and secret. SNS takes it as the
// PlatformPrincipal and PlatformCredential attributes of a platform
// application (CreatePlatformApplication API reference). Build it with the
// constructor of its kind: [APNSCertificate], [APNSToken],
// [FCMServiceAccount], [ADMCredentials], [BaiduCredentials],
// [MPNSCredentials] or [WNSCredentials].
//
// The secret parts never print: fmt under every verb, slog, encoding/json
// and encoding/text show a summary naming the kind and the identifiers that
// are not secret (key ID, team ID, bundle ID). The values sit behind
// pointers, so even fmt's raw dump of a struct that holds credentials in an
// unexported field prints addresses, not keys. [PlatformCredentials.RevealAttributes]
// hands them to the code that sends them, and is the only way out.
type PlatformCredentials struct {
	kind       credentialKind
	principal  hidden // PlatformPrincipal: certificate, key ID, client ID, API key, package SID
	credential hidden // PlatformCredential: private key, signing key, service account, secret
	teamID     string // ApplePlatformTeamID, token credentials only
	bundleID   string // ApplePlatformBundleID, token credentials only
}

// hidden holds a value behind a pointer so that no reflection-based
// printer reaches it.
type hidden struct{ v *string }

func hide(s string) hidden {
	if s == "" {
		return hidden{}
	}
	return hidden{&s}
}

func (h hidden) reveal() string {
	if h.v == nil {
		return ""
	}
	return *h.v
}

type credentialKind uint8

const (
	credentialNone credentialKind = iota
	credentialAPNSCertificate
	credentialAPNSToken
	credentialFCM
	credentialADM
	credentialBaidu
	credentialMPNS
	credentialWNS
)

func (k credentialKind) String() string {
	return [...]string{"none", "APNs certificate", "APNs token", "FCM service account", "ADM client credentials", "Baidu API keys", "MPNS certificate", "WNS package credentials"}[k]
}

// The attribute names of a platform application's credentials
// (SetPlatformApplicationAttributes API reference).
const (
	appAttrPlatformCredential = "PlatformCredential"
	appAttrPlatformPrincipal  = "PlatformPrincipal"
	appAttrAppleTeamID        = "ApplePlatformTeamID"
	appAttrAppleBundleID      = "ApplePlatformBundleID"
)

// APNSCertificate is certificate-based authentication with Apple's push
// service, for the APNS, APNS_SANDBOX, VoIP and macOS platforms: the TLS
// certificate Apple issued for the app and its private key, each in PEM
// form ("-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----" or
// "-----BEGIN RSA PRIVATE KEY-----"), as exported from the .p12 file. SNS
// takes the certificate as PlatformPrincipal and the key as
// PlatformCredential. Apple's certificates expire after a year
// ("Amazon SNS Apple push notification authentication methods"); prefer
// [APNSToken].
func APNSCertificate(certificatePEM, privateKeyPEM string) PlatformCredentials {
	return PlatformCredentials{kind: credentialAPNSCertificate, principal: hide(certificatePEM), credential: hide(privateKeyPEM)}
}

// APNSToken is token-based authentication with Apple's push service: the
// token signing key (the PEM content of the .p8 file Apple gives you), its
// 10-character key ID, your 10-character team ID and the app's bundle ID
// ("Amazon SNS Apple push notification authentication methods"; Apple's
// "Establishing a token-based connection to APNs"). SNS takes the key as
// PlatformCredential, the key ID as PlatformPrincipal, and the team and
// bundle IDs as ApplePlatformTeamID and ApplePlatformBundleID. A signing
// key does not expire and serves production and sandbox alike.
func APNSToken(signingKeyPEM, keyID, teamID, bundleID string) PlatformCredentials {
	return PlatformCredentials{kind: credentialAPNSToken, principal: hide(keyID), credential: hide(signingKeyPEM), teamID: teamID, bundleID: bundleID}
}

// FCMServiceAccount is token-based authentication with Firebase Cloud
// Messaging's HTTP v1 API, for the GCM platform: the service account's
// private key file (service.json) as downloaded from Firebase, whole. SNS
// takes it as PlatformCredential, with no PlatformPrincipal ("Amazon SNS
// integration with Firebase Cloud Messaging authentication setup"). The
// legacy FCM API keys stopped working when Google removed that API in June
// 2024, so they are not offered.
func FCMServiceAccount(serviceAccountJSON string) PlatformCredentials {
	return PlatformCredentials{kind: credentialFCM, credential: hide(serviceAccountJSON)}
}

// ADMCredentials are Amazon Device Messaging's client ID (PlatformPrincipal)
// and client secret (PlatformCredential).
func ADMCredentials(clientID, clientSecret string) PlatformCredentials {
	return PlatformCredentials{kind: credentialADM, principal: hide(clientID), credential: hide(clientSecret)}
}

// BaiduCredentials are Baidu Cloud Push's API key (PlatformPrincipal) and
// secret key (PlatformCredential). Both are treated as secrets.
func BaiduCredentials(apiKey, secretKey string) PlatformCredentials {
	return PlatformCredentials{kind: credentialBaidu, principal: hide(apiKey), credential: hide(secretKey)}
}

// MPNSCredentials are the Microsoft Push Notification Service's TLS
// certificate (PlatformPrincipal) and its private key (PlatformCredential),
// in PEM form.
func MPNSCredentials(certificatePEM, privateKeyPEM string) PlatformCredentials {
	return PlatformCredentials{kind: credentialMPNS, principal: hide(certificatePEM), credential: hide(privateKeyPEM)}
}

// WNSCredentials are Windows Push Notification Services' package security
// identifier (PlatformPrincipal, "ms-app://s-1-15-2-...") and secret key
// (PlatformCredential).
func WNSCredentials(packageSID, secretKey string) PlatformCredentials {
	return PlatformCredentials{kind: credentialWNS, principal: hide(packageSID), credential: hide(secretKey)}
}

// IsZero reports whether c holds no credentials.
func (c PlatformCredentials) IsZero() bool { return c.kind == credentialNone }

// maxCredentialLen bounds what validation parses: keys, certificates and
// service account files are a few KiB.
const maxCredentialLen = 64 << 10

// Apple's key and team IDs are 10 characters (Apple, "Establishing a
// token-based connection to APNs": "a 10-character Key ID", "your
// 10-character Team ID"). A bundle ID has letters, digits, '-' and '.'
// (Apple, CFBundleIdentifier).
const (
	appleIDLen         = 10
	maxAppleBundleID   = 255
	fcmServiceAccount  = "service_account"
	credentialsField   = "PlatformApplication.Credentials"
	principalField     = credentialsField + ".Principal"
	credentialField    = credentialsField + ".Credential"
	appleTeamIDField   = credentialsField + ".TeamID"
	appleBundleIDField = credentialsField + ".BundleID"
)

// Validate checks the credentials for an application of platform p: that
// their kind is p's (APNs credentials for Apple's platforms, a service
// account for GCM, ...) and that each part is present and shaped as the
// platform issues it. Reasons describe shapes only; they never quote a
// value.
func (c PlatformCredentials) Validate(p Platform) error {
	if c.kind == credentialNone {
		return invalid(credentialsField, RuleRequired, "credentials are required; build them with APNSToken, APNSCertificate, FCMServiceAccount, ...")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if want := credentialKindFor(p); c.kind != want && !(p.apple() && c.kind == credentialAPNSCertificate) {
		takes := want.String()
		if p.apple() {
			takes = "an APNs token or certificate"
		}
		return invalid(credentialsField, RuleConflict, "%s credentials do not fit platform %s, which takes %s", c.kind, p, takes)
	}
	var e collector
	principal, credential := c.principal.reveal(), c.credential.reveal()
	switch c.kind {
	case credentialAPNSCertificate, credentialMPNS:
		e.add(checkPEM(principalField, principal, "the certificate", func(t string) bool { return t == "CERTIFICATE" }))
		e.add(checkPEM(credentialField, credential, "the private key", isPrivateKeyBlock))
	case credentialAPNSToken:
		e.add(checkPEM(credentialField, credential, "the signing key (.p8)", isPrivateKeyBlock))
		e.add(checkAppleID(principalField, principal, "key ID"))
		e.add(checkAppleID(appleTeamIDField, c.teamID, "team ID"))
		switch {
		case c.bundleID == "":
			e.add(invalid(appleBundleIDField, RuleRequired, "the app's bundle ID is required for token-based authentication"))
		case !nameOf(c.bundleID, 1, maxAppleBundleID, alnumOr("-.")):
			e.add(invalid(appleBundleIDField, RuleFormat, "a bundle ID is 1 to %d letters, digits, '-' and '.' (com.example.app)", maxAppleBundleID))
		}
	case credentialFCM:
		e.add(checkServiceAccount(credential))
	default: // ADM, Baidu, WNS: an identifier and a secret, in the platform's own format
		e.add(checkCredentialText(principalField, principal, "the "+principalName(c.kind)))
		e.add(checkCredentialText(credentialField, credential, "the secret"))
	}
	return e.err()
}

// credentialKindFor is the kind of credentials platform p takes; Apple's
// platforms take a token or a certificate.
func credentialKindFor(p Platform) credentialKind {
	switch {
	case p.apple():
		return credentialAPNSToken
	case p == PlatformGCM:
		return credentialFCM
	case p == PlatformADM:
		return credentialADM
	case p == PlatformBaidu:
		return credentialBaidu
	case p == PlatformMPNS:
		return credentialMPNS
	case p == PlatformWNS:
		return credentialWNS
	}
	return credentialNone
}

func principalName(k credentialKind) string {
	switch k {
	case credentialADM:
		return "client ID"
	case credentialBaidu:
		return "API key"
	}
	return "package security identifier"
}

func isPrivateKeyBlock(t string) bool { return strings.HasSuffix(t, "PRIVATE KEY") }

// checkPEM checks that s is one PEM block of a type ok accepts, without
// quoting it.
func checkPEM(field, s, what string, ok func(blockType string) bool) error {
	if s == "" {
		return invalid(field, RuleRequired, "%s is required", what)
	}
	if len(s) > maxCredentialLen {
		return invalid(field, RuleMaxSize, "%s is over %d bytes", what, maxCredentialLen)
	}
	b, _ := pem.Decode([]byte(s))
	if b == nil || !ok(b.Type) {
		return invalid(field, RuleFormat, "%s must be in PEM form (-----BEGIN ...-----)", what)
	}
	return nil
}

func checkAppleID(field, s, what string) error {
	if s == "" {
		return invalid(field, RuleRequired, "the %s is required for token-based authentication", what)
	}
	if len(s) != appleIDLen || !nameOf(s, appleIDLen, appleIDLen, alnum) {
		return invalid(field, RuleFormat, "an Apple %s is %d letters and digits", what, appleIDLen)
	}
	return nil
}

// checkServiceAccount checks a Firebase service account file: a JSON object
// of type "service_account" with a private key, as Google issues it.
func checkServiceAccount(s string) error {
	if s == "" {
		return invalid(credentialField, RuleRequired, "the service account file (service.json) is required")
	}
	if len(s) > maxCredentialLen {
		return invalid(credentialField, RuleMaxSize, "the service account file is over %d bytes", maxCredentialLen)
	}
	var sa struct {
		Type        string `json:"type"`
		PrivateKey  string `json:"private_key"`
		ClientEmail string `json:"client_email"`
	}
	if json.Unmarshal([]byte(s), &sa) != nil {
		return invalid(credentialField, RuleFormat, "the service account file is not a JSON object")
	}
	if sa.Type != fcmServiceAccount || sa.PrivateKey == "" || sa.ClientEmail == "" {
		return invalid(credentialField, RuleFormat, `the file is not a service account key: want "type": "service_account" with "private_key" and "client_email", as Firebase issues it`)
	}
	return nil
}

// checkCredentialText checks an identifier or secret whose format the
// platform does not publish: present, bounded, without spaces or control
// characters (a value pasted with a line break would fail at the platform).
func checkCredentialText(field, s, what string) error {
	switch {
	case s == "":
		return invalid(field, RuleRequired, "%s is required", what)
	case len(s) > maxCredentialLen:
		return invalid(field, RuleMaxSize, "%s is over %d bytes", what, maxCredentialLen)
	case !nameOf(s, 1, maxCredentialLen, func(c byte) bool { return c > ' ' && c < 0x7f }):
		return invalid(field, RuleCharset, "%s has a space, a control or a non-ASCII character", what)
	}
	return nil
}

// RevealAttributes returns the platform application attributes that carry
// the credentials (PlatformCredential, PlatformPrincipal and, for APNs
// tokens, ApplePlatformTeamID and ApplePlatformBundleID), secrets in clear.
// It exists for the code that sends them; never log its result.
func (c PlatformCredentials) RevealAttributes() map[string]string {
	if c.kind == credentialNone {
		return nil
	}
	m := map[string]string{appAttrPlatformCredential: c.credential.reveal()}
	if p := c.principal.reveal(); p != "" {
		m[appAttrPlatformPrincipal] = p
	}
	if c.kind == credentialAPNSToken {
		m[appAttrAppleTeamID] = c.teamID
		m[appAttrAppleBundleID] = c.bundleID
	}
	return m
}

// String summarises the credentials without their secrets:
// "PlatformCredentials(APNs token, key ID ABC123DEFG, team ID DEF123GHIJ, bundle ID com.example.app)".
func (c PlatformCredentials) String() string {
	if c.kind == credentialAPNSToken {
		return fmt.Sprintf("PlatformCredentials(%s, key ID %s, team ID %s, bundle ID %s)", c.kind,
			shorten(c.principal.reveal(), 16), shorten(c.teamID, 16), shorten(c.bundleID, 64))
	}
	return "PlatformCredentials(" + c.kind.String() + ", [REDACTED])"
}

// GoString is String, so %#v does not dump the fields.
func (c PlatformCredentials) GoString() string { return c.String() }

// Format prints the summary whatever the verb.
func (c PlatformCredentials) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.String())
		return
	}
	fmt.Fprint(f, c.String())
}

// LogValue logs the summary.
func (c PlatformCredentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalText encodes the summary, never the secrets.
func (c PlatformCredentials) MarshalText() ([]byte, error) { return []byte(c.String()), nil }
