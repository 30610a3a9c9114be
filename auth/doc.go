// Package auth resolves AWS credentials for any aws-sdk-go-v2 client from
// a named profile in a YAML profiles file: static access keys, IAM Roles
// Anywhere session credentials from an X.509 certificate, or the AWS
// default credential chain, optionally with an STS AssumeRole on top. It
// is the Go counterpart of the Mendix AWS Authentication connector.
//
//	p, err := auth.LoadProfile("", "")            // $SNSCONNECTOR_CONFIG, $SNSCONNECTOR_PROFILE
//	provider, err := p.CredentialsProvider(ctx)   // a cached *auth.Provider
//	id, err := auth.Validate(ctx, provider, p.Region) // STS GetCallerIdentity
//
// # Profiles file
//
// The file is found at the path given to [LoadProfile], else at
// $SNSCONNECTOR_CONFIG, else at [DefaultPath]
// ($XDG_CONFIG_HOME/snsconnector/profiles.yaml, falling back to
// ~/.config/snsconnector/profiles.yaml on Linux). Keys:
//
//	profiles:
//	  NAME:
//	    use_static_credentials: true|false   # true: access keys, false: IAM Roles Anywhere
//	    use_default_credentials: true        # or: the AWS default chain (exclusive)
//	    region: eu-west-1                    # optional
//	    # static
//	    access_key_id, secret_access_key, session_token
//	    # IAM Roles Anywhere
//	    role_arn, profile_arn, trust_anchor_arn
//	    certificate, certificate_chain, private_key   # PEM files, or the PEM itself; or pkcs12 + pkcs12_password
//	    duration (15m..12h, default 1h), session_name, endpoint,
//	    use_fips_endpoint, use_dualstack_endpoint
//	    # default chain
//	    aws_profile
//	    # any method
//	    assume_role_arn, assume_role_external_id, assume_role_session_name, assume_role_duration
//
// ${VAR} in a value expands from the environment; relative file names
// resolve from the profiles file's folder. certificate, certificate_chain
// and private_key take a file name or the PEM text (pasted after "|", on
// one line with \n escapes, or from ${VAR}). Every mistake is a
// *[ProfileError] naming file, profile, key, line and [Rule], reported
// before anything is sent.
//
// # IAM Roles Anywhere
//
// CreateSession is implemented natively (no cgo, no AWS helper binary):
// the request is signed with the certificate's key, any crypto.Signer (so
// keys in an HSM, a TPM or a KMS work), RSA or ECDSA P-256/P-384, with
// certificate chains, from PEM or PKCS#12 ([ParsePKCS12] caps the work a
// file may ask for, nested parts included). Calls honour the context, reuse
// one HTTP client, retry 5xx and throttling with jittered backoff, and
// return *[RolesAnywhereError] matching [ErrAccessDenied],
// [ErrResourceNotFound], [ErrValidation] or [ErrThrottled].
//
// # Caching
//
// Providers from [Profile.CredentialsProvider] share one refresh among
// concurrent callers, refresh inside an expiry window with jitter, and
// keep serving still-valid credentials when a refresh fails, logging the
// failure to [WithLogger]'s logger (quiet by default).
//
// # Secrets
//
// Secret access keys, session tokens, PKCS#12 passwords and private keys
// never appear in fmt output (any verb), slog records, JSON or errors of
// this package; see [Secret] and [Provider]. What STS and Roles Anywhere
// echo of a signed request in an error (the session token, the signature)
// is removed before the error is built.
package auth
