package auth

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/go-sns/connector/internal/arn"
)

var (
	// IAM role names and paths: 1 to 64 of [\w+=,.@-] per name, paths
	// of the same characters between slashes.
	roleResource = regexp.MustCompile(`^role(/[\w+=,.@-]+)*/[\w+=,.@-]{1,64}$`)
	// Roles Anywhere resource IDs are UUIDs; accept any short ID of
	// letters, digits and dashes so a format change does not lock users out.
	rolesAnywhereID = regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)
)

// parseRoleARN checks an IAM role ARN: arn:aws:iam::123456789012:role/path/name.
// The parts every ARN has are checked by internal/arn; the error quotes s,
// a value of the caller's configuration, so the user sees which one is wrong.
func parseRoleARN(s string) (arn.ARN, error) {
	a, err := arn.Parse(s, "iam", arn.Global)
	if err != nil {
		return arn.ARN{}, fmt.Errorf("%q is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME): %w", s, err)
	}
	if !roleResource.MatchString(a.Resource) {
		return arn.ARN{}, fmt.Errorf("%q: %q is not a role name (role/[PATH/]NAME of [A-Za-z0-9+=,.@_-])", s, a.Resource)
	}
	return a, nil
}

// parseRolesAnywhereARN checks a Roles Anywhere ARN of the given resource
// type ("trust-anchor" or "profile") and returns it with its region.
func parseRolesAnywhereARN(s, kind string) (arn.ARN, error) {
	a, err := arn.Parse(s, "rolesanywhere", arn.Regional)
	if err != nil {
		return arn.ARN{}, fmt.Errorf("%q is not an IAM Roles Anywhere %s ARN: %w", s, kind, err)
	}
	id, ok := strings.CutPrefix(a.Resource, kind+"/")
	if !ok || !rolesAnywhereID.MatchString(id) {
		return arn.ARN{}, fmt.Errorf("%q is not a %s ARN (resource %s/ID)", s, kind, kind)
	}
	return a, nil
}
