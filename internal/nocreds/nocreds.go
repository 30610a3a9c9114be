// Package nocreds makes the AWS default credential chain fail fast and
// say how to fix it when it finds nothing, for snsconnector and auth.
//
// The chain's last resort is the EC2 instance metadata service (IMDS). On
// a machine that is not an EC2 instance, asking it costs seconds of
// retries against 169.254.169.254 before the SDK gives up with a raw
// chain of provider errors. So: on a machine that is clearly not EC2 the
// chain skips IMDS (unless AWS_EC2_METADATA_DISABLED=false asks for it),
// and when the chain ends at IMDS empty-handed, the error says in one line
// what was tried and how to configure credentials.
package nocreds

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/smithy-go"
)

// ErrNoCredentials is matched (errors.Is) by the error of a default chain
// that found no credentials anywhere.
var ErrNoCredentials = errors.New("no AWS credentials found")

// Error is what the default chain fails with when it found nothing. It
// wraps the SDK's own error, so errors.As still reaches it.
type Error struct {
	IMDSSkipped bool  // the machine is not EC2, so IMDS was not asked
	Err         error // the SDK's error
}

func (e *Error) Error() string {
	imds := "and the EC2 instance metadata service"
	if e.IMDSSkipped {
		imds = "and not EC2 instance metadata (this is not an EC2 instance; AWS_EC2_METADATA_DISABLED=false asks it anyway)"
	}
	return "no AWS credentials found: tried the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), " +
		"the shared files (~/.aws/credentials and ~/.aws/config, profile $AWS_PROFILE or default), " +
		"SSO, web identity and container credentials, " + imds +
		"; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, set AWS_PROFILE to a configured profile, " +
		"or give the client credentials (snsconnector.WithProfile with an auth profile, WithCredentialsProvider)"
}

func (e *Error) Unwrap() []error { return []error{ErrNoCredentials, e.Err} }

// LoadOptions returns what config.LoadDefaultConfig needs to skip IMDS on
// a machine that is clearly not EC2; nothing when it may be one, or when
// AWS_EC2_METADATA_DISABLED is set either way (the SDK then decides).
func LoadOptions() []func(*config.LoadOptions) error {
	if SkipIMDS() {
		return []func(*config.LoadOptions) error{config.WithEC2IMDSClientEnableState(imds.ClientDisabled)}
	}
	return nil
}

// SkipIMDS reports whether the default chain should not ask IMDS.
func SkipIMDS() bool {
	if _, set := os.LookupEnv("AWS_EC2_METADATA_DISABLED"); set {
		return false
	}
	return NotEC2()
}

// NotEC2 reports whether this machine is clearly not an EC2 instance. A
// variable, so tests can stand in for any machine.
var NotEC2 = func() bool {
	switch runtime.GOOS {
	case "linux":
		return linuxNotEC2("/sys")
	case "darwin":
		// EC2 Mac instances exist but are rare build machines; they can set
		// AWS_EC2_METADATA_DISABLED=false.
		return true
	default:
		return false // Windows and others: cannot tell, so ask as the SDK does
	}
}

// linuxNotEC2 reads the firmware identity the kernel exposes under sys:
// Nitro instances say "Amazon EC2" (sys_vendor, bios_vendor) and carry the
// instance ID as board asset tag; Xen instances have a hypervisor UUID
// starting with "ec2". When none of the files can be read (some sandboxes
// hide them) nothing is clear.
func linuxNotEC2(sys string) bool {
	read := 0
	for _, f := range []struct{ path, ec2 string }{
		{"class/dmi/id/sys_vendor", "Amazon EC2"},
		{"class/dmi/id/bios_vendor", "Amazon EC2"},
		{"class/dmi/id/board_asset_tag", "i-"},
		{"class/dmi/id/bios_version", "amazon"},
		{"hypervisor/uuid", "ec2"},
	} {
		b, err := os.ReadFile(sys + "/" + f.path)
		if err != nil {
			continue
		}
		read++
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(string(b))), strings.ToLower(f.ec2)) ||
			strings.Contains(strings.ToLower(string(b)), "amazon") {
			return false
		}
	}
	return read > 0
}

// Explain returns p, whose failures say what was tried when the chain ended
// at IMDS without credentials; p itself when it is nil.
func Explain(p aws.CredentialsProvider, imdsSkipped bool) aws.CredentialsProvider {
	if p == nil {
		return nil
	}
	return explained{p: p, skipped: imdsSkipped}
}

type explained struct {
	p       aws.CredentialsProvider
	skipped bool
}

func (e explained) Retrieve(ctx context.Context) (aws.Credentials, error) {
	creds, err := e.p.Retrieve(ctx)
	if err != nil && endedAtIMDS(err) {
		return creds, &Error{IMDSSkipped: e.skipped, Err: err}
	}
	return creds, err
}

// IsCredentialsProvider lets the SDK see the provider underneath (an
// *aws.CredentialsCache from the default chain), so it does not cache
// again.
func (e explained) IsCredentialsProvider(target aws.CredentialsProvider) bool {
	return aws.IsCredentialsProvider(e.p, target)
}

// Invalidate passes on to the provider underneath, as a cache's would.
func (e explained) Invalidate() {
	if i, ok := e.p.(interface{ Invalidate() }); ok {
		i.Invalidate()
	}
}

// endedAtIMDS reports whether the chain's error came from its last resort,
// the EC2 role provider: nothing earlier in the chain was configured.
func endedAtIMDS(err error) bool {
	var op *smithy.OperationError
	return errors.As(err, &op) && op.ServiceID == "ec2imds"
}
