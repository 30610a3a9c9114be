package auth

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/go-sns/connector/internal/suggest"
	"github.com/go-sns/connector/region"
)

// Environment variables and defaults of LoadProfile.
const (
	// EnvConfig names the profiles file when LoadProfile gets no path.
	EnvConfig = "SNSCONNECTOR_CONFIG"
	// EnvProfile names the profile when LoadProfile gets no name.
	EnvProfile = "SNSCONNECTOR_PROFILE"
	// DefaultProfileName is the profile used when neither a name nor
	// $SNSCONNECTOR_PROFILE is given.
	DefaultProfileName = "default"
)

// DefaultPath returns where LoadProfile looks when given no path and
// $SNSCONNECTOR_CONFIG is unset: snsconnector/profiles.yaml under the
// user's configuration directory, that is $XDG_CONFIG_HOME (if set), else
// ~/.config on Linux and BSDs, ~/Library/Application Support on macOS and
// %AppData% on Windows (see os.UserConfigDir).
func DefaultPath() (string, error) {
	return defaultPath(os.LookupEnv)
}

func defaultPath(lookup func(string) (string, bool)) (string, error) {
	dir, ok := lookup("XDG_CONFIG_HOME")
	if !ok || !filepath.IsAbs(dir) {
		var err error
		if dir, err = os.UserConfigDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, "snsconnector", "profiles.yaml"), nil
}

// keyMethod lists every key a profile may have, with the method it belongs
// to ("" for keys every method may use).
var keyMethod = map[string]Method{
	"use_static_credentials":   "",
	"use_default_credentials":  "",
	"region":                   "",
	"assume_role_arn":          "",
	"assume_role_external_id":  "",
	"assume_role_session_name": "",
	"assume_role_duration":     "",

	"access_key_id":     MethodStatic,
	"secret_access_key": MethodStatic,
	"session_token":     MethodStatic,

	"role_arn":               MethodRolesAnywhere,
	"profile_arn":            MethodRolesAnywhere,
	"trust_anchor_arn":       MethodRolesAnywhere,
	"certificate":            MethodRolesAnywhere,
	"certificate_chain":      MethodRolesAnywhere,
	"private_key":            MethodRolesAnywhere,
	"pkcs12":                 MethodRolesAnywhere,
	"pkcs12_password":        MethodRolesAnywhere,
	"duration":               MethodRolesAnywhere,
	"session_name":           MethodRolesAnywhere,
	"endpoint":               MethodRolesAnywhere,
	"use_fips_endpoint":      MethodRolesAnywhere,
	"use_dualstack_endpoint": MethodRolesAnywhere,

	"aws_profile": MethodDefaultChain,
}

// secretKeys are the keys whose values are, or may be, secrets: no error
// quotes any part of them, and YAML must give them as plain or quoted
// strings.
var secretKeys = map[string]bool{
	"secret_access_key": true,
	"session_token":     true,
	"pkcs12_password":   true,
	"private_key":       true, // a pasted PEM
}

// LoadProfile reads the profile called name from the YAML profiles file at
// path and checks everything that can be checked without the network:
// keys, ARNs, durations, files, the key against the certificate, the
// certificate's validity period, ${VAR} references.
//
// An empty path means $SNSCONNECTOR_CONFIG, then [DefaultPath]; an empty
// name means $SNSCONNECTOR_PROFILE, then "default". Relative file names in
// the profile resolve from the profiles file's folder; ${VAR} in any value
// expands from the environment ($${ is a literal "${").
//
// Every mistake is a *[ProfileError] naming the file, the profile, the key
// and the rule; when there are several they are joined (errors.As finds the
// first). Options: [WithLogger] (warnings), [WithLookupEnv], [WithSigner];
// all options given here also apply to [Profile.CredentialsProvider].
func LoadProfile(path, name string, opts ...Option) (*Profile, error) {
	o := newOptions(nil, opts...)
	if path == "" {
		if v, ok := o.lookupEnv(EnvConfig); ok && v != "" {
			path = v
		} else {
			p, err := defaultPath(o.lookupEnv)
			if err != nil {
				return nil, &ProfileError{Rule: RuleNotFound, Reason: "no profiles file given, $" + EnvConfig + " unset, and no user configuration directory", Err: err}
			}
			path = p
		}
	}
	if name == "" {
		if v, ok := o.lookupEnv(EnvProfile); ok && v != "" {
			name = v
		} else {
			name = DefaultProfileName
		}
	}
	data, err := o.readFile(path)
	if err != nil {
		rule := RuleUnreadable
		if errors.Is(err, fs.ErrNotExist) {
			rule = RuleNotFound
		}
		return nil, &ProfileError{File: path, Profile: name, Rule: rule, Reason: "cannot read the profiles file", Err: err}
	}
	p, err := parseProfile(data, path, name, o)
	if err != nil {
		return nil, err
	}
	p.opts = slices.Clone(opts)
	for _, w := range p.warnings {
		o.logger.Warn("auth: "+w, "file", p.File, "profile", p.Name)
	}
	return p, nil
}

var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = fmt.Errorf("larger than %d bytes", maxFileSize)
)

// readRegularFile reads at most maxFileSize bytes of a regular file. Other
// kinds (a FIFO, a device) are refused before they are opened, so a wrong
// path cannot block or stream forever.
func readRegularFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errNotRegular}
	}
	if fi.Size() > maxFileSize {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errTooLarge}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxFileSize))
}

// loader gathers the problems of one profile so the user sees all of them.
type loader struct {
	file, name, dir string
	o               *options
	values          map[string]*yaml.Node
	errs            []error
	warnings        []string
}

func (l *loader) add(key string, rule Rule, cause error, format string, args ...any) {
	if rule == RuleRequired && l.reported(key) {
		return // the value is there, and what is wrong with it was said
	}
	e := &ProfileError{File: l.file, Profile: l.name, Key: key, Rule: rule, Reason: fmt.Sprintf(format, args...), Err: cause}
	if n := l.values[key]; n != nil {
		e.Line = n.Line
	}
	l.errs = append(l.errs, e)
}

// reported reports whether a problem of key is already known.
func (l *loader) reported(key string) bool {
	for _, e := range l.errs {
		if pe, ok := e.(*ProfileError); ok && pe.Key == key {
			return true
		}
	}
	return false
}

// adopt fills in file, profile and line of a problem found elsewhere.
func (l *loader) adopt(e *ProfileError) {
	e.File, e.Profile = l.file, l.name
	if n := l.values[e.Key]; n != nil && e.Line == 0 {
		e.Line = n.Line
	}
	l.errs = append(l.errs, e)
}

// parseProfile does LoadProfile's work on the bytes of a profiles file.
func parseProfile(data []byte, file, name string, o *options) (*Profile, error) {
	fileErr := func(rule Rule, cause error, line int, format string, args ...any) error {
		return &ProfileError{File: file, Profile: name, Line: line, Rule: rule, Reason: fmt.Sprintf(format, args...), Err: cause}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(data, file, name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fileErr(RuleSyntax, nil, 0, "the file is empty; want a top-level \"profiles:\" mapping")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fileErr(RuleSyntax, nil, root.Line, "the top level must be a mapping with the key \"profiles\"")
	}
	var profiles *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Kind != yaml.ScalarNode || k.Value != "profiles" {
			return nil, fileErr(RuleUnknownKey, nil, k.Line, "unknown top-level key %q; the only one is \"profiles\"", k.Value)
		}
		if profiles != nil {
			return nil, fileErr(RuleConflict, nil, k.Line, "\"profiles\" is defined twice")
		}
		profiles = root.Content[i+1]
	}
	if profiles == nil || profiles.Kind != yaml.MappingNode {
		return nil, fileErr(RuleSyntax, nil, root.Line, "want a \"profiles:\" mapping of profile names to profiles")
	}
	var body *yaml.Node
	var names []string
	for i := 0; i+1 < len(profiles.Content); i += 2 {
		k := profiles.Content[i]
		if k.Kind != yaml.ScalarNode {
			return nil, fileErr(RuleSyntax, nil, k.Line, "profile names must be plain strings")
		}
		names = append(names, k.Value)
		if k.Value == name {
			if body != nil {
				return nil, fileErr(RuleConflict, nil, k.Line, "the profile is defined twice")
			}
			body = profiles.Content[i+1]
		}
	}
	if body == nil {
		return nil, fileErr(RuleNotFound, nil, profiles.Line, "no such profile; the file has %s", quoteList(names))
	}
	if body.Kind != yaml.MappingNode {
		return nil, fileErr(RuleSyntax, nil, body.Line, "the profile must be a mapping of keys to values")
	}

	dir := "."
	if file != "" {
		dir = filepath.Dir(file)
	}
	l := &loader{file: file, name: name, dir: dir, o: o, values: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(body.Content); i += 2 {
		k, v := body.Content[i], body.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, fileErr(RuleSyntax, nil, k.Line, "keys must be plain strings")
		}
		if _, known := keyMethod[k.Value]; !known {
			e := &ProfileError{File: file, Profile: name, Key: k.Value, Line: k.Line, Rule: RuleUnknownKey, Reason: "unknown key"}
			if s := closestKey(k.Value); s != "" {
				e.Reason += fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.errs = append(l.errs, e)
			continue
		}
		if prev := l.values[k.Value]; prev != nil {
			l.errs = append(l.errs, &ProfileError{File: file, Profile: name, Key: k.Value, Line: k.Line, Rule: RuleConflict, Reason: fmt.Sprintf("defined twice (first on line %d)", prev.Line)})
			continue
		}
		if reason := yamlShapeProblem(k, v); reason != "" {
			l.errs = append(l.errs, &ProfileError{File: file, Profile: name, Key: k.Value, Line: v.Line, Rule: RuleSyntax, Reason: reason})
			continue
		}
		if v.Kind != yaml.ScalarNode {
			l.errs = append(l.errs, &ProfileError{File: file, Profile: name, Key: k.Value, Line: v.Line, Rule: RuleFormat, Reason: "the value must be a single value, not a list or mapping"})
			continue
		}
		l.values[k.Value] = v
	}
	p := l.build()
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return p, nil
}

// build turns the checked keys into a Profile, adding problems as it goes.
func (l *loader) build() *Profile {
	p := &Profile{Name: l.name, File: l.file}
	static, staticSet := l.boolean("use_static_credentials")
	deflt, defaultSet := l.boolean("use_default_credentials")
	switch {
	case defaultSet && deflt && staticSet:
		l.add("use_default_credentials", RuleConflict, nil, "use_default_credentials: true and use_static_credentials both choose a method; keep one")
	case defaultSet && deflt:
		p.Method = MethodDefaultChain
	case staticSet && static:
		p.Method = MethodStatic
	case staticSet:
		p.Method = MethodRolesAnywhere
	case defaultSet:
		l.add("use_default_credentials", RuleRequired, nil, "use_default_credentials: false chooses no method; set use_static_credentials (true: access keys, false: IAM Roles Anywhere)")
	default:
		l.add("use_static_credentials", RuleRequired, nil, "choose a method: use_static_credentials: true (access keys), false (IAM Roles Anywhere), or use_default_credentials: true (AWS default chain)")
	}
	if p.Method != "" {
		for key := range l.values {
			if m := keyMethod[key]; m != "" && m != p.Method {
				l.add(key, RuleConflict, nil, "%s is a key of %s profiles, but this profile uses %s", key, m, p.Method)
			}
		}
	}

	if s, ok := l.str("region"); ok {
		r, err := region.New(s)
		if err != nil {
			l.add("region", RuleFormat, nil, "%q is not a region code like eu-west-1", s)
		} else {
			p.Region = r
			if !r.Known() {
				l.warnings = append(l.warnings, fmt.Sprintf("region %s is not known to this release; using it anyway", r))
			}
		}
	}

	switch p.Method {
	case MethodStatic:
		l.buildStatic(p)
	case MethodRolesAnywhere:
		l.buildRolesAnywhere(p)
	case MethodDefaultChain:
		p.AWSProfile, _ = l.str("aws_profile")
	}
	l.buildAssumeRole(p)
	p.warnings = l.warnings
	return p
}

func (l *loader) buildStatic(p *Profile) {
	id, ok := l.str("access_key_id")
	switch {
	case !ok || id == "":
		l.add("access_key_id", RuleRequired, nil, "static credentials need an access key ID")
	case !validAccessKeyID(id):
		// Not quoted: a secret key pasted in the wrong place is a common
		// slip.
		l.add("access_key_id", RuleFormat, nil, "the value (%d characters, not shown) is not an access key ID: want 16 to 128 upper-case letters and digits, like AKIA...", len(id))
	}
	secret, ok := l.str("secret_access_key")
	if !ok || secret == "" {
		l.add("secret_access_key", RuleRequired, nil, "static credentials need a secret access key (use ${VAR} to keep it out of the file)")
	}
	token, _ := l.str("session_token")
	p.Static = StaticCredentials{AccessKeyID: id, SecretAccessKey: NewSecret(secret), SessionToken: NewSecret(token)}
}

func validAccessKeyID(s string) bool {
	if len(s) < 16 || len(s) > 128 {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (l *loader) buildRolesAnywhere(p *Profile) {
	c := &p.RolesAnywhere
	c.RoleARN, _ = l.str("role_arn")
	c.ProfileARN, _ = l.str("profile_arn")
	c.TrustAnchorARN, _ = l.str("trust_anchor_arn")
	c.SessionName, _ = l.str("session_name")
	c.Endpoint, _ = l.str("endpoint")
	c.UseFIPSEndpoint, _ = l.boolean("use_fips_endpoint")
	c.UseDualStackEndpoint, _ = l.boolean("use_dualstack_endpoint")
	c.Region = p.Region
	if d, ok := l.duration("duration"); ok {
		c.Duration = d
	}

	certPath, hasCert := l.str("certificate")
	keyPath, hasKey := l.str("private_key")
	chainPath, hasChain := l.str("certificate_chain")
	p12Path, hasP12 := l.str("pkcs12")
	p12Pass, hasPass := l.str("pkcs12_password")
	signer := l.o.signer

	switch {
	case hasP12 && (hasCert || hasKey || hasChain):
		for _, k := range []string{"certificate", "private_key", "certificate_chain"} {
			if _, ok := l.values[k]; ok {
				l.add(k, RuleConflict, nil, "pkcs12 already holds the certificate, chain and key; remove %s", k)
			}
		}
	case hasP12 && signer != nil:
		l.add("pkcs12", RuleConflict, nil, "a signer was supplied with auth.WithSigner; name the certificate with \"certificate\" instead of pkcs12")
	case hasP12 && isInlinePEM(p12Path):
		l.add("pkcs12", RuleFormat, nil, "the value is a PEM, not the name of a PKCS#12 file: put a pasted PEM in certificate and private_key instead (the value is not shown)")
	case hasP12:
		data, ok := l.readSecretFile("pkcs12", p12Path)
		if !ok {
			break
		}
		key, leaf, cas, err := ParsePKCS12(data, p12Pass)
		switch {
		case errors.Is(err, errKeyMismatch):
			l.add("pkcs12", RuleKeyMismatch, nil, "%v", err)
		case errors.As(err, new(*PKCS12LimitError)):
			l.add("pkcs12", RuleRange, err, "%s is refused before any key is derived from the password", shownName(p12Path, l.resolve(p12Path)))
		case err != nil:
			l.add("pkcs12", RuleUnreadable, err, "cannot decode %s (wrong pkcs12_password?)", shownName(p12Path, l.resolve(p12Path)))
		default:
			c.Signer, c.Certificate, c.Chain = key, leaf, orderChain(leaf, cas)
		}
	default:
		if hasPass {
			l.add("pkcs12_password", RuleConflict, nil, "pkcs12_password without pkcs12")
		}
		if !hasCert {
			l.add("certificate", RuleRequired, nil, "IAM Roles Anywhere needs a client certificate: certificate (PEM) with private_key, or pkcs12")
		} else if data, name, ok := l.material("certificate", certPath); ok {
			certs, err := ParseCertificates(data)
			if err != nil {
				l.add("certificate", RuleFormat, err, "cannot parse %s", name)
			} else {
				c.Certificate = certs[0]
				if len(certs) > 1 {
					if hasChain {
						l.add("certificate_chain", RuleConflict, nil, "%s already holds %d chain certificates after the leaf; drop certificate_chain or split the file", name, len(certs)-1)
					}
					c.Chain = certs[1:]
				}
			}
		}
		if hasChain {
			if data, name, ok := l.material("certificate_chain", chainPath); ok {
				chain, err := ParseCertificates(data)
				if err != nil {
					l.add("certificate_chain", RuleFormat, err, "cannot parse %s", name)
				} else if c.Chain == nil {
					c.Chain = chain
				}
			}
		}
		switch {
		case hasKey && signer != nil:
			l.add("private_key", RuleConflict, nil, "a signer was supplied with auth.WithSigner; remove private_key")
		case signer != nil:
			c.Signer = signer
		case !hasKey:
			l.add("private_key", RuleRequired, nil, "IAM Roles Anywhere needs the certificate's private key (PKCS#8, PKCS#1 or SEC1 PEM), or pkcs12, or auth.WithSigner")
		default:
			if data, name, ok := l.material("private_key", keyPath); ok {
				key, err := ParsePrivateKey(data)
				if err != nil {
					rule := RuleFormat
					if strings.Contains(err.Error(), "not supported") {
						rule = RuleUnsupported
					}
					l.add("private_key", rule, err, "cannot use %s", name)
				} else {
					c.Signer = key
				}
			}
		}
	}
	if c.Duration == 0 {
		c.Duration = DefaultDuration
	}
	if len(l.errs) > 0 && (c.Certificate == nil || c.Signer == nil) {
		// The file problems are reported; checking the rest of the
		// certificate section would only repeat them.
		c.Certificate, c.Signer = nil, nil
	}
	reg, _, problems := c.check(l.o.now())
	for _, e := range problems {
		if (e.Key == "certificate" || e.Key == "private_key") && e.Rule == RuleRequired && len(l.errs) > 0 {
			continue // already reported above, with the file's reason
		}
		l.adopt(e)
	}
	if p.Region == "" {
		p.Region = reg
	}
}

func (l *loader) buildAssumeRole(p *Profile) {
	roleARN, ok := l.str("assume_role_arn")
	if !ok {
		for _, k := range []string{"assume_role_external_id", "assume_role_session_name", "assume_role_duration"} {
			if _, set := l.values[k]; set {
				l.add(k, RuleRequired, nil, "%s needs assume_role_arn", k)
			}
		}
		return
	}
	a := &AssumeRole{RoleARN: roleARN, Duration: DefaultDuration}
	if _, err := parseRoleARN(roleARN); err != nil {
		l.add("assume_role_arn", RuleFormat, nil, "%v", err)
	}
	a.ExternalID, _ = l.str("assume_role_external_id")
	if n := len(a.ExternalID); a.ExternalID != "" && (n < 2 || n > 1224) {
		l.add("assume_role_external_id", RuleRange, nil, "must be 2 to 1224 characters, got %d", n)
	}
	if s, ok := l.str("assume_role_session_name"); ok {
		a.SessionName = s
		if !roleSessionName.MatchString(s) {
			l.add("assume_role_session_name", RuleFormat, nil, "%q must be 2 to 64 of letters, digits and +=,.@_-", s)
		}
	}
	if d, ok := l.duration("assume_role_duration"); ok {
		a.Duration = d
		if d < MinDuration || d > MaxDuration {
			l.add("assume_role_duration", RuleRange, nil, "%s is outside %s..%s", d, MinDuration, MaxDuration)
		}
	}
	p.AssumeRole = a
}

// str returns the expanded string value of key.
func (l *loader) str(key string) (string, bool) {
	n := l.values[key]
	if n == nil {
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	s, err := expand(n.Value, l.o.lookupEnv)
	if err != nil {
		// A secret's value is not quoted, even in part; a value that is
		// one whole ${NAME} holds no secret, only its name, and neither
		// does a private_key that is a file name.
		secret := secretKeys[key] && (key != "private_key" || looksLikeKeyMaterial(n.Value))
		var u *unsetVarError
		switch {
		case errors.As(err, &u) && (!secret || n.Value == "${"+u.name+"}"):
			l.add(key, RuleUnsetVariable, nil, "environment variable %s is not set", u.name)
		case errors.As(err, &u):
			l.add(key, RuleUnsetVariable, nil, "the value names an environment variable that is not set (the name is not shown: this key holds a secret; write $${ for a literal ${)")
		case secret:
			l.add(key, RuleFormat, nil, "the value has an unterminated ${ or a ${...} that is not a variable name (write $${ for a literal ${; the value is not shown)")
		default:
			l.add(key, RuleFormat, nil, "%v", err)
		}
		return "", false
	}
	return s, true
}

// boolean returns the value of a true/false key.
func (l *loader) boolean(key string) (value, present bool) {
	s, ok := l.str(key)
	if !ok {
		return false, l.values[key] != nil
	}
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	l.add(key, RuleFormat, nil, "%q is not true or false", s)
	return false, true
}

// duration reads a Go duration ("1h", "90m") or a number of seconds.
func (l *loader) duration(key string) (time.Duration, bool) {
	s, ok := l.str(key)
	if !ok {
		return 0, false
	}
	if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
		if secs < 0 || secs > int64(MaxDuration/time.Second)*10 {
			l.add(key, RuleRange, nil, "%d seconds is outside %s..%s", secs, MinDuration, MaxDuration)
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		l.add(key, RuleFormat, nil, "%q is not a duration like 1h, 90m or 3600 (seconds)", s)
		return 0, false
	}
	if d <= 0 {
		l.add(key, RuleRange, nil, "%s is outside %s..%s", d, MinDuration, MaxDuration)
		return 0, false
	}
	return d, true
}

// resolve makes a profile's file name absolute: relative names are
// relative to the profiles file's folder, "~/" is the home directory.
func (l *loader) resolve(name string) string {
	if rest, ok := strings.CutPrefix(name, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(l.dir, name)
}

// readFile reads the file a key names. Errors name the file unless the
// name looks like key material (see shownName).
func (l *loader) readFile(key, name string) ([]byte, bool) {
	if name == "" {
		l.add(key, RuleRequired, nil, "empty file name")
		return nil, false
	}
	path := l.resolve(name)
	data, err := l.o.readFile(path)
	if err != nil {
		rule := RuleUnreadable
		if errors.Is(err, fs.ErrNotExist) {
			rule = RuleNotFound
		}
		l.add(key, rule, scrubPathError(err, name, path), "cannot read %s", shownName(name, path))
		return nil, false
	}
	return data, true
}

// readSecretFile is readFile for private keys: it warns when the file is
// readable by group or others.
func (l *loader) readSecretFile(key, name string) ([]byte, bool) {
	data, ok := l.readFile(key, name)
	if ok {
		l.warnIfOpen(key, name, l.resolve(name), "private key file")
	}
	return data, ok
}

// material returns the PEM a certificate or key entry gives, pasted or in
// a file, and how errors should name it. A pasted private key lives in
// the profiles file itself, which is then held to a key file's rules.
func (l *loader) material(key, value string) (data []byte, name string, ok bool) {
	if !isInlinePEM(value) {
		if key == "private_key" {
			data, ok = l.readSecretFile(key, value)
		} else {
			data, ok = l.readFile(key, value)
		}
		return data, shownName(value, l.resolve(value)), ok
	}
	if key == "private_key" && l.file != "" && isInlinePEM(l.values[key].Value) {
		l.warnIfOpen(key, l.file, l.file, "profiles file holding a private key")
	}
	return inlinePEM(value), "the PEM given inline", true
}

// warnIfOpen warns when the file at path, which holds a private key and
// which the profile names name, is readable by group or others.
func (l *loader) warnIfOpen(key, name, path, what string) {
	if runtime.GOOS == "windows" {
		return
	}
	if fi, err := l.o.statFile(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		l.warnings = append(l.warnings, fmt.Sprintf("%s: %s %s is readable by group or others (mode %04o); run chmod 600 on it", key, what, shownName(name, path), fi.Mode().Perm()))
	}
}

// orderChain orders a PKCS#12 bag's CA certificates from the leaf's issuer
// upwards and drops self-signed roots: the trust anchor holds the root,
// and X-Amz-X509-Chain carries intermediates only.
func orderChain(leaf *x509.Certificate, cas []*x509.Certificate) []*x509.Certificate {
	var out []*x509.Certificate
	cur := leaf
	used := make([]bool, len(cas))
	for range cas {
		found := false
		for i, c := range cas {
			if used[i] || string(c.RawSubject) != string(cur.RawIssuer) {
				continue
			}
			used[i], found, cur = true, true, c
			if string(c.RawSubject) != string(c.RawIssuer) {
				out = append(out, c)
			}
			break
		}
		if !found {
			break
		}
	}
	return out
}

// unsetVarError names an environment variable that ${...} refers to and
// is not set.
type unsetVarError struct{ name string }

func (e *unsetVarError) Error() string { return "environment variable " + e.name + " is not set" }

// expand replaces ${NAME} with the environment variable NAME; "$${" is a
// literal "${"; any other "$" is kept. An unset variable is an error (set
// it to "" to mean empty).
func expand(s string, lookup func(string) (string, bool)) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		if i > 0 && s[i-1] == '$' {
			b.WriteString(s[:i-1] + "${")
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", fmt.Errorf("unterminated ${ (write $${ for a literal ${)")
		}
		name := s[i+2 : i+end]
		if !validEnvName(name) {
			return "", fmt.Errorf("${%s} is not a variable name (letters, digits, _)", name)
		}
		v, ok := lookup(name)
		if !ok {
			return "", &unsetVarError{name}
		}
		b.WriteString(v)
		s = s[i+end+1:]
	}
}

func validEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// closestKey suggests the known key nearest to a misspelt one.
func closestKey(k string) string {
	return suggest.Closest(strings.ToLower(k), knownKeys, 3)
}

// knownKeys are the profile keys, sorted, so suggestions are stable.
var knownKeys = func() []string {
	keys := make([]string, 0, len(keyMethod))
	for k := range keyMethod {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}()

func quoteList(names []string) string {
	if len(names) == 0 {
		return "no profiles"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
