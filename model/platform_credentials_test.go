package model

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// testKeyPair returns a fresh private key and a self-signed certificate
// for it, in PEM form: recognisable secrets for the leak checks.
func testKeyPair(t *testing.T) (certPEM, keyPEM string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Apple Push Services: com.example.app"}, NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

const (
	testKeyID    = "ABC123DEFG"
	testTeamID   = "DEF123GHIJ"
	testBundleID = "com.example.app"
	testFCMKey   = "FCMprivateKEYmaterial0123456789"
)

func testServiceAccount() string {
	return `{"type":"service_account","project_id":"p","private_key_id":"k","private_key":"-----BEGIN PRIVATE KEY-----\n` + testFCMKey + `\n-----END PRIVATE KEY-----\n","client_email":"sns@p.iam.gserviceaccount.com"}`
}

func TestPlatformCredentialsValidForTheirPlatforms(t *testing.T) {
	cert, key := testKeyPair(t)
	tests := []struct {
		name      string
		creds     PlatformCredentials
		platforms []Platform
		want      map[string]string
	}{
		{"apns token", APNSToken(key, testKeyID, testTeamID, testBundleID),
			[]Platform{PlatformAPNS, PlatformAPNSSandbox, PlatformAPNSVoIP, PlatformMacOS},
			map[string]string{"PlatformCredential": key, "PlatformPrincipal": testKeyID, "ApplePlatformTeamID": testTeamID, "ApplePlatformBundleID": testBundleID}},
		{"apns certificate", APNSCertificate(cert, key),
			[]Platform{PlatformAPNS, PlatformAPNSSandbox, PlatformMacOSSandbox, PlatformAPNSVoIPSandbox},
			map[string]string{"PlatformCredential": key, "PlatformPrincipal": cert}},
		{"fcm", FCMServiceAccount(testServiceAccount()), []Platform{PlatformGCM},
			map[string]string{"PlatformCredential": testServiceAccount()}},
		{"adm", ADMCredentials("amzn1.application-oa2-client.abc", "ADMsecret"), []Platform{PlatformADM},
			map[string]string{"PlatformCredential": "ADMsecret", "PlatformPrincipal": "amzn1.application-oa2-client.abc"}},
		{"baidu", BaiduCredentials("BaiduAPIkey", "BaiduSecret"), []Platform{PlatformBaidu},
			map[string]string{"PlatformCredential": "BaiduSecret", "PlatformPrincipal": "BaiduAPIkey"}},
		{"mpns", MPNSCredentials(cert, key), []Platform{PlatformMPNS},
			map[string]string{"PlatformCredential": key, "PlatformPrincipal": cert}},
		{"wns", WNSCredentials("ms-app://s-1-15-2-1", "WNSsecret"), []Platform{PlatformWNS},
			map[string]string{"PlatformCredential": "WNSsecret", "PlatformPrincipal": "ms-app://s-1-15-2-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range tt.platforms {
				if err := tt.creds.Validate(p); err != nil {
					t.Errorf("Validate(%s): %v", p, err)
				}
			}
			got := tt.creds.RevealAttributes()
			if len(got) != len(tt.want) {
				t.Errorf("RevealAttributes = %d attributes %v; want %v", len(got), keysOf(got), keysOf(tt.want))
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("attribute %s not as given", k)
				}
			}
		})
	}
}

func keysOf(m map[string]string) []string { return sortedKeys(m) }

func TestPlatformCredentialsRefuseTheWrongPlatformAndShape(t *testing.T) {
	cert, key := testKeyPair(t)
	tests := []struct {
		name     string
		creds    PlatformCredentials
		platform Platform
		field    string
		rule     Rule
	}{
		{"none", PlatformCredentials{}, PlatformAPNS, "PlatformApplication.Credentials", RuleRequired},
		{"unknown platform", ADMCredentials("id", "s"), "IOS", "Platform", RuleFormat},
		{"apns token on GCM", APNSToken(key, testKeyID, testTeamID, testBundleID), PlatformGCM, "PlatformApplication.Credentials", RuleConflict},
		{"fcm on APNS", FCMServiceAccount(testServiceAccount()), PlatformAPNS, "PlatformApplication.Credentials", RuleConflict},
		{"apns certificate on MPNS", APNSCertificate(cert, key), PlatformMPNS, "PlatformApplication.Credentials", RuleConflict},
		{"adm on baidu", ADMCredentials("id", "s"), PlatformBaidu, "PlatformApplication.Credentials", RuleConflict},
		{"key not PEM", APNSToken("not a key", testKeyID, testTeamID, testBundleID), PlatformAPNS, "PlatformApplication.Credentials.Credential", RuleFormat},
		{"certificate given as key", APNSToken(cert, testKeyID, testTeamID, testBundleID), PlatformAPNS, "PlatformApplication.Credentials.Credential", RuleFormat},
		{"no signing key", APNSToken("", testKeyID, testTeamID, testBundleID), PlatformAPNS, "PlatformApplication.Credentials.Credential", RuleRequired},
		{"short key ID", APNSToken(key, "ABC", testTeamID, testBundleID), PlatformAPNS, "PlatformApplication.Credentials.Principal", RuleFormat},
		{"no team ID", APNSToken(key, testKeyID, "", testBundleID), PlatformAPNS, "PlatformApplication.Credentials.TeamID", RuleRequired},
		{"team ID with dash", APNSToken(key, testKeyID, "DEF123-HIJ", testBundleID), PlatformAPNS, "PlatformApplication.Credentials.TeamID", RuleFormat},
		{"no bundle ID", APNSToken(key, testKeyID, testTeamID, ""), PlatformAPNS, "PlatformApplication.Credentials.BundleID", RuleRequired},
		{"bundle ID with space", APNSToken(key, testKeyID, testTeamID, "com.example app"), PlatformAPNS, "PlatformApplication.Credentials.BundleID", RuleFormat},
		{"key as certificate", APNSCertificate(key, key), PlatformAPNS, "PlatformApplication.Credentials.Principal", RuleFormat},
		{"no private key", APNSCertificate(cert, ""), PlatformAPNSSandbox, "PlatformApplication.Credentials.Credential", RuleRequired},
		{"huge key", APNSCertificate(cert, strings.Repeat("k", 70_000)), PlatformAPNS, "PlatformApplication.Credentials.Credential", RuleMaxSize},
		{"fcm not JSON", FCMServiceAccount("AIzaLegacyServerKey"), PlatformGCM, "PlatformApplication.Credentials.Credential", RuleFormat},
		{"fcm not a service account", FCMServiceAccount(`{"type":"authorized_user","private_key":"x","client_email":"a@b"}`), PlatformGCM, "PlatformApplication.Credentials.Credential", RuleFormat},
		{"fcm empty", FCMServiceAccount(""), PlatformGCM, "PlatformApplication.Credentials.Credential", RuleRequired},
		{"adm no id", ADMCredentials("", "s"), PlatformADM, "PlatformApplication.Credentials.Principal", RuleRequired},
		{"adm secret with newline", ADMCredentials("id", "sec\nret"), PlatformADM, "PlatformApplication.Credentials.Credential", RuleCharset},
		{"wns no secret", WNSCredentials("ms-app://s", ""), PlatformWNS, "PlatformApplication.Credentials.Credential", RuleRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.creds.Validate(tt.platform)
			wantInvalid(t, err, tt.field, tt.rule)
		})
	}
}

// TestPlatformCredentialsSummary: the summary credentials print as names
// the non-secret identifiers. That it, and every other rendering of
// credentials and of what carries them, shows no secret is snsconnector's
// TestSecretsNeverLeave's to check.
func TestPlatformCredentialsSummary(t *testing.T) {
	_, key := testKeyPair(t)
	if got := APNSToken(key, testKeyID, testTeamID, testBundleID).String(); !strings.Contains(got, testKeyID) || !strings.Contains(got, testBundleID) {
		t.Errorf("the summary should name the non-secret identifiers: %s", got)
	}
}
