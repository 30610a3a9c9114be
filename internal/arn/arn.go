// Package arn is the module's one parser of Amazon Resource Names, built on
// the SDK's aws/arn: model, auth and snstest check the ARNs they take with
// it and add only what their resources need (a topic name, a role path).
//
// It imports only region, so every package of the module may use it.
package arn

import (
	"fmt"

	awsarn "github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/go-sns/connector/region"
)

// MaxLength bounds the input: IAM's ARN type allows 2048 characters, the
// longest of the services here.
const MaxLength = 2048

// ARN is arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE with its parts
// checked. Resource is everything after the account, colons included.
type ARN struct {
	Partition region.Partition
	Service   string
	Region    region.Region
	AccountID string
	Resource  string
}

// String returns the ARN text.
func (a ARN) String() string {
	return awsarn.ARN{Partition: string(a.Partition), Service: a.Service, Region: string(a.Region), AccountID: a.AccountID, Resource: a.Resource}.String()
}

// Error says what is wrong with an ARN. It never quotes the ARN, which may
// be confidential to its owner; Reason may name a region or partition.
type Error struct {
	// Conflict is set when the part is well formed but contradicts another:
	// a region of another partition.
	Conflict bool
	Reason   string
}

// Error returns the reason.
func (e *Error) Error() string { return e.Reason }

// Scope says whether the service's ARNs name a region.
type Scope int

const (
	// AnyScope takes an ARN with or without a region.
	AnyScope Scope = iota
	// Regional ARNs name a region (SNS, SQS, Lambda, Roles Anywhere).
	Regional
	// Global ARNs have an empty region (IAM, STS).
	Global
)

// Parse parses s as an ARN of service ("" for any) and scope. Every ARN
// must have the prefix "arn:" and six parts, a partition AWS has, a
// service, a region that is empty or a well-formed code of the partition,
// a 12-digit account and a resource.
func Parse(s, service string, scope Scope) (ARN, error) {
	want := service
	if want == "" {
		want = "SERVICE"
	}
	if len(s) > MaxLength {
		return ARN{}, &Error{Reason: fmt.Sprintf("an ARN is at most %d characters", MaxLength)}
	}
	p, err := awsarn.Parse(s)
	if err != nil {
		return ARN{}, &Error{Reason: "not an ARN: want arn:PARTITION:" + want + ":REGION:ACCOUNT:RESOURCE"}
	}
	a := ARN{Partition: region.Partition(p.Partition), Service: p.Service, Region: region.Region(p.Region), AccountID: p.AccountID, Resource: p.Resource}
	switch {
	case !a.Partition.Known():
		return ARN{}, &Error{Reason: "the partition is not an AWS partition"}
	case a.Service == "":
		return ARN{}, &Error{Reason: "the ARN names no service"}
	case service != "" && a.Service != service:
		return ARN{}, &Error{Reason: fmt.Sprintf("the ARN is not of service %q", service)}
	}
	switch {
	case a.Region == "" && scope == Regional:
		return ARN{}, &Error{Reason: "the ARN's region is not a region code"}
	case a.Region != "" && scope == Global:
		return ARN{}, &Error{Reason: fmt.Sprintf("%s ARNs have no region", want)}
	case a.Region != "":
		if a.Region.Validate() != nil {
			return ARN{}, &Error{Reason: "the ARN's region is not a region code"}
		}
		if pt := a.Region.Partition(); pt != a.Partition {
			return ARN{}, &Error{Conflict: true, Reason: fmt.Sprintf("region %s belongs to partition %q, not %q", a.Region, pt, a.Partition)}
		}
	}
	if !IsAccountID(a.AccountID) {
		return ARN{}, &Error{Reason: "the ARN's account is not 12 digits"}
	}
	if a.Resource == "" {
		return ARN{}, &Error{Reason: "the ARN names no resource"}
	}
	return a, nil
}

// IsAccountID reports whether s is an AWS account ID: 12 digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
