package nocreds

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
)

func TestLinuxNotEC2(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		want  bool
	}{
		"nitro":                 {map[string]string{"class/dmi/id/sys_vendor": "Amazon EC2\n", "class/dmi/id/board_asset_tag": "i-0123456789abcdef0\n"}, false},
		"nitro asset tag only":  {map[string]string{"class/dmi/id/board_asset_tag": "i-0123456789abcdef0\n"}, false},
		"xen":                   {map[string]string{"hypervisor/uuid": "ec2e1916-9099-7caf-fd21-012345abcdef\n", "class/dmi/id/sys_vendor": "Xen\n"}, false},
		"xen amazon bios":       {map[string]string{"class/dmi/id/sys_vendor": "Xen\n", "class/dmi/id/bios_version": "4.11.amazon\n"}, false},
		"a laptop":              {map[string]string{"class/dmi/id/sys_vendor": "LENOVO\n", "class/dmi/id/bios_vendor": "LENOVO\n", "class/dmi/id/board_asset_tag": "Not Available\n"}, true},
		"another cloud's VM":    {map[string]string{"class/dmi/id/sys_vendor": "Google\n", "class/dmi/id/bios_vendor": "Google\n"}, true},
		"nothing readable":      {nil, false},
		"a qemu VM":             {map[string]string{"class/dmi/id/sys_vendor": "QEMU\n"}, true},
		"an Amazon board label": {map[string]string{"class/dmi/id/sys_vendor": "Amazon.com, Inc.\n"}, false},
	} {
		t.Run(name, func(t *testing.T) {
			sys := t.TempDir()
			for path, content := range tc.files {
				full := filepath.Join(sys, path)
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := linuxNotEC2(sys); got != tc.want {
				t.Errorf("linuxNotEC2 = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSkipIMDS(t *testing.T) {
	old := NotEC2
	t.Cleanup(func() { NotEC2 = old })
	for _, tc := range []struct {
		notEC2   bool
		env      string // "-" for unset
		wantSkip bool
	}{
		{true, "-", true},
		{false, "-", false},
		{true, "false", false}, // asked for
		{true, "true", false},  // the SDK disables it itself
		{false, "true", false},
	} {
		NotEC2 = func() bool { return tc.notEC2 }
		if tc.env == "-" {
			t.Setenv("AWS_EC2_METADATA_DISABLED", "")
			os.Unsetenv("AWS_EC2_METADATA_DISABLED")
		} else {
			t.Setenv("AWS_EC2_METADATA_DISABLED", tc.env)
		}
		if got := SkipIMDS(); got != tc.wantSkip {
			t.Errorf("not EC2 %v, AWS_EC2_METADATA_DISABLED %q: SkipIMDS = %v, want %v", tc.notEC2, tc.env, got, tc.wantSkip)
		}
		if got := len(LoadOptions()) > 0; got != tc.wantSkip {
			t.Errorf("not EC2 %v, AWS_EC2_METADATA_DISABLED %q: LoadOptions disables IMDS = %v, want %v", tc.notEC2, tc.env, got, tc.wantSkip)
		}
	}
}

type failing struct{ err error }

func (f failing) Retrieve(context.Context) (aws.Credentials, error) { return aws.Credentials{}, f.err }

func TestExplainOnlyWhenTheChainEndedAtIMDS(t *testing.T) {
	imdsErr := &smithy.OperationError{ServiceID: "ec2imds", OperationName: "GetMetadata", Err: errors.New("request to EC2 IMDS failed")}
	chainErr := errors.Join(errors.New("failed to refresh cached credentials, no EC2 IMDS role found"), imdsErr)
	_, err := Explain(failing{chainErr}, true).Retrieve(context.Background())
	if !errors.Is(err, ErrNoCredentials) {
		t.Fatalf("err = %v; want ErrNoCredentials", err)
	}
	var op *smithy.OperationError
	if !errors.As(err, &op) || op != imdsErr {
		t.Errorf("the SDK's error is not reachable with errors.As: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "WithProfile", "not EC2 instance metadata"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message does not mention %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "\n") || strings.Contains(msg, "169.254") {
		t.Errorf("the message is not one plain line: %s", msg)
	}
	// A failure elsewhere in the chain (an SSO token, an AssumeRole) is the
	// caller's configuration speaking: it is left as it is.
	other := &smithy.OperationError{ServiceID: "STS", OperationName: "AssumeRole", Err: errors.New("AccessDenied")}
	if _, err := Explain(failing{other}, true).Retrieve(context.Background()); errors.Is(err, ErrNoCredentials) || err != other {
		t.Errorf("a non-IMDS failure was rewritten: %v", err)
	}
	if Explain(nil, true) != nil {
		t.Error("Explain(nil) is not nil")
	}
}
