package auth

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/go-sns/connector/region"
)

// arn is the part of an Amazon Resource Name this package checks:
// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
type arn struct {
	Partition region.Partition
	Service   string
	Region    region.Region
	Account   string
	Resource  string
}

var (
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
	// IAM role names and paths: 1 to 64 of [\w+=,.@-] per name, paths
	// of the same characters between slashes.
	roleResource = regexp.MustCompile(`^role(/[\w+=,.@-]+)*/[\w+=,.@-]{1,64}$`)
	// Roles Anywhere resource IDs are UUIDs; accept any short ID of
	// letters, digits and dashes so a format change does not lock users out.
	rolesAnywhereID = regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)
)

// parseARN splits s and checks the parts every ARN has. The error says what
// is wrong without repeating s (the caller names the key).
func parseARN(s string) (arn, error) {
	if len(s) > 2048 {
		return arn{}, fmt.Errorf("longer than 2048 characters")
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return arn{}, fmt.Errorf("%q is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)", s)
	}
	a := arn{
		Partition: region.Partition(parts[1]),
		Service:   parts[2],
		Region:    region.Region(parts[3]),
		Account:   parts[4],
		Resource:  parts[5],
	}
	if !a.Partition.Known() {
		return arn{}, fmt.Errorf("%q: unknown partition %q", s, parts[1])
	}
	if !accountID.MatchString(a.Account) {
		return arn{}, fmt.Errorf("%q: account %q is not 12 digits", s, a.Account)
	}
	return a, nil
}

// parseRoleARN checks an IAM role ARN: arn:aws:iam::123456789012:role/path/name.
func parseRoleARN(s string) (arn, error) {
	a, err := parseARN(s)
	if err != nil {
		return arn{}, err
	}
	if a.Service != "iam" || a.Region != "" {
		return arn{}, fmt.Errorf("%q is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)", s)
	}
	if !roleResource.MatchString(a.Resource) {
		return arn{}, fmt.Errorf("%q: %q is not a role name (role/[PATH/]NAME of [A-Za-z0-9+=,.@_-])", s, a.Resource)
	}
	return a, nil
}

// parseRolesAnywhereARN checks a Roles Anywhere ARN of the given resource
// type ("trust-anchor" or "profile") and returns it with its region.
func parseRolesAnywhereARN(s, kind string) (arn, error) {
	a, err := parseARN(s)
	if err != nil {
		return arn{}, err
	}
	if a.Service != "rolesanywhere" {
		return arn{}, fmt.Errorf("%q is not an IAM Roles Anywhere ARN (service %q, want rolesanywhere)", s, a.Service)
	}
	if err := a.Region.Validate(); err != nil {
		return arn{}, fmt.Errorf("%q: region %q is not a region code", s, string(a.Region))
	}
	if a.Region.Partition() != a.Partition {
		return arn{}, fmt.Errorf("%q: region %s is in partition %s, not %s", s, a.Region, a.Region.Partition(), a.Partition)
	}
	id, ok := strings.CutPrefix(a.Resource, kind+"/")
	if !ok || !rolesAnywhereID.MatchString(id) {
		return arn{}, fmt.Errorf("%q is not a %s ARN (resource %s/ID)", s, kind, kind)
	}
	return a, nil
}
