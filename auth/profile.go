package auth

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/go-sns/connector/region"
)

// Method is how a profile gets its credentials.
type Method string

// The credential methods a profile can use.
const (
	// MethodStatic: a fixed access key (use_static_credentials: true).
	// For tests and demos; prefer temporary credentials.
	MethodStatic Method = "static"
	// MethodRolesAnywhere: IAM Roles Anywhere session credentials from an
	// X.509 certificate (use_static_credentials: false).
	MethodRolesAnywhere Method = "roles-anywhere"
	// MethodDefaultChain: the AWS SDK's default chain: environment, shared
	// config and credentials files, SSO, web identity, ECS, EC2 instance
	// role (use_default_credentials: true).
	MethodDefaultChain Method = "default-chain"
)

// Profile is one named configuration of a profiles file: where credentials
// come from, and optionally a role to assume on top of them. Get one with
// [LoadProfile], or build one in code (the zero value is not usable: set
// Method and the matching section).
//
// A Profile never prints a secret: fmt (every verb), slog and the errors of
// this package show "[REDACTED]" instead. It is safe for concurrent use once
// built; [Profile.CredentialsProvider] does not modify it.
type Profile struct {
	Name   string // the profile's name in the file
	File   string // the profiles file it was loaded from; "" when built in code
	Method Method

	// Region is the profile's region (key "region"). For IAM Roles
	// Anywhere it defaults to the trust anchor's region. Clients built from
	// the profile may use it as their default region.
	Region region.Region

	Static        StaticCredentials   // MethodStatic
	RolesAnywhere RolesAnywhereConfig // MethodRolesAnywhere
	// AWSProfile is the shared-config profile the default chain reads
	// (key "aws_profile"; MethodDefaultChain only). Empty means
	// $AWS_PROFILE, then "default".
	AWSProfile string

	// AssumeRole, when set, chains an STS AssumeRole on top of the
	// credentials of Method (keys assume_role_*).
	AssumeRole *AssumeRole

	opts     []Option // from LoadProfile, applied before CredentialsProvider's
	warnings []string
}

// StaticCredentials are a fixed access key.
type StaticCredentials struct {
	AccessKeyID     string // access_key_id; not a secret
	SecretAccessKey Secret // secret_access_key
	SessionToken    Secret // session_token, for temporary keys (optional)
}

// String shows the access key ID, never the secret or token.
func (s StaticCredentials) String() string {
	return fmt.Sprintf("StaticCredentials{AccessKeyID: %s, SecretAccessKey: %s, SessionToken: %s}",
		s.AccessKeyID, secretState(s.SecretAccessKey), secretState(s.SessionToken))
}

// Format prints String for every verb.
func (s StaticCredentials) Format(f fmt.State, verb rune) { formatAs(f, verb, s.String()) }

// MarshalJSON encodes String: encoders never see the secret.
func (s StaticCredentials) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// LogValue logs String.
func (s StaticCredentials) LogValue() slog.Value { return slog.StringValue(s.String()) }

func secretState(s Secret) string {
	if s.IsSet() {
		return redacted
	}
	return "none"
}

// AssumeRole is an STS AssumeRole chained on top of a profile's
// credentials.
type AssumeRole struct {
	RoleARN     string        // assume_role_arn
	ExternalID  string        // assume_role_external_id (optional)
	SessionName string        // assume_role_session_name; default "snsconnector-<unix time>"
	Duration    time.Duration // assume_role_duration; default 1h (15m..12h)
}

// String describes the assume-role step.
func (a AssumeRole) String() string {
	ext := "none"
	if a.ExternalID != "" {
		ext = "set"
	}
	return fmt.Sprintf("AssumeRole{RoleARN: %s, ExternalID: %s, SessionName: %q, Duration: %s}", a.RoleARN, ext, a.SessionName, a.Duration)
}

// Warnings returns what LoadProfile noticed that is not an error (a private
// key file readable by others, a region this release does not know). They
// were also logged to the logger given with WithLogger.
func (p *Profile) Warnings() []string { return slices.Clone(p.warnings) }

// String describes the profile; secrets are redacted, the key is never
// shown.
func (p *Profile) String() string {
	if p == nil {
		return "Profile(nil)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Profile{Name: %q, File: %q, Method: %s", p.Name, p.File, p.Method)
	if p.Region != "" {
		fmt.Fprintf(&b, ", Region: %s", p.Region)
	}
	switch p.Method {
	case MethodStatic:
		fmt.Fprintf(&b, ", %s", p.Static.String())
	case MethodRolesAnywhere:
		fmt.Fprintf(&b, ", %s", p.RolesAnywhere.String())
	case MethodDefaultChain:
		if p.AWSProfile != "" {
			fmt.Fprintf(&b, ", AWSProfile: %q", p.AWSProfile)
		}
	}
	if p.AssumeRole != nil {
		fmt.Fprintf(&b, ", %s", p.AssumeRole.String())
	}
	b.WriteString("}")
	return b.String()
}

// Format prints String for every verb: %#v and %+v would otherwise walk
// into the secret fields.
func (p *Profile) Format(f fmt.State, verb rune) { formatAs(f, verb, p.String()) }

// MarshalJSON encodes the profile's non-secret parts, as LogValue logs
// them: the key and the secrets never leave through an encoder either.
func (p *Profile) MarshalJSON() ([]byte, error) {
	if p == nil {
		return []byte("null"), nil
	}
	m := map[string]any{}
	for _, a := range p.LogValue().Group() {
		m[a.Key] = a.Value.Any()
	}
	return json.Marshal(m)
}

// LogValue logs the profile's non-secret parts as a group.
func (p *Profile) LogValue() slog.Value {
	if p == nil {
		return slog.StringValue("Profile(nil)")
	}
	attrs := []slog.Attr{
		slog.String("name", p.Name),
		slog.String("file", p.File),
		slog.String("method", string(p.Method)),
		slog.String("region", string(p.Region)),
	}
	switch p.Method {
	case MethodStatic:
		attrs = append(attrs, slog.String("access_key_id", p.Static.AccessKeyID))
	case MethodRolesAnywhere:
		attrs = append(attrs, slog.String("role_arn", p.RolesAnywhere.RoleARN),
			slog.String("profile_arn", p.RolesAnywhere.ProfileARN),
			slog.String("trust_anchor_arn", p.RolesAnywhere.TrustAnchorARN))
		if c := p.RolesAnywhere.Certificate; c != nil {
			attrs = append(attrs, slog.String("certificate_serial", c.SerialNumber.String()),
				slog.Time("certificate_not_after", c.NotAfter))
		}
	}
	if p.AssumeRole != nil {
		attrs = append(attrs, slog.String("assume_role_arn", p.AssumeRole.RoleARN))
	}
	return slog.GroupValue(attrs...)
}
